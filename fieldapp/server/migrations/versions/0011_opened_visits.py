"""Visits technicians open on the spot and visits reopened: visits gain created_by and origin
(the visits already made from an "anything else? yes" are follow_up, the others dispatch),
and visit_facts gains opened_how and reopened.

The rebuild of the derived tables from the stored events (fieldapp.server.facts.rebuild_all)
runs in the latest revision that changes them, 0013, which fills these columns too. On a
database already past 0010 it recomputes the same rows with the new columns filled (a
reopened visit and its return visit are no first-visit resolution); only missing follow-up
items are added, and no mail is queued.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("created_by", sa.String(64), nullable=True))
        batch.add_column(
            sa.Column("origin", sa.String(16), nullable=False, server_default="dispatch")
        )
    op.execute("UPDATE visits SET origin = 'follow_up' WHERE follow_up_of IS NOT NULL")
    with op.batch_alter_table("visit_facts") as batch:
        batch.add_column(sa.Column("opened_how", sa.String(16), nullable=True))
        batch.add_column(
            sa.Column("reopened", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.drop_column("reopened")
        batch.drop_column("opened_how")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("origin")
        batch.drop_column("created_by")
