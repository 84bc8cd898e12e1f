"""Visits technicians open on the spot and visits reopened: visits gain created_by and origin
(the visits already made from an "anything else? yes" are follow_up, the others dispatch),
visit_facts gains opened_how and reopened, and the derived tables are rebuilt from the
stored events.

The rebuild (fieldapp.server.facts.rebuild_all) moved here from revision 0010: it writes
through the current models, so it runs in the latest revision that changes the derived
tables (a later one that changes them moves it again). On a database already past 0010 it
recomputes the same rows with the new columns filled (a reopened visit and its return visit
are no first-visit resolution); only missing follow-up items are added, and no mail is
queued.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

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
    from fieldapp.server import facts  # the current rules; see the module docstring

    with Session(bind=op.get_bind()) as session:
        facts.rebuild_all(session, datetime.now(UTC))


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.drop_column("reopened")
        batch.drop_column("opened_how")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("origin")
        batch.drop_column("created_by")
