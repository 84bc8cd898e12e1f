"""Visits closed with no repair at the desk: visit_facts gains no_repair_outcome (resolved
remotely, fixed on arrival, no fault found), and the derived tables are rebuilt from the
stored events.

The rebuild (fieldapp.server.facts.rebuild_all) moved here from revision 0006: it writes
through the current models, so it runs in the latest revision that changes the derived
tables (a later one that changes them moves it again). On a database already past 0002 it
recomputes the same rows, with the new column filled; follow-up items only missing ones
are added, and no mail is queued.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.add_column(sa.Column("no_repair_outcome", sa.String(32), nullable=True))
    from fieldapp.server import facts  # the current rules; see the module docstring

    with Session(bind=op.get_bind()) as session:
        facts.rebuild_all(session, datetime.now(UTC))


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.drop_column("no_repair_outcome")
