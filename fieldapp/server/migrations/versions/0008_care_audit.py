"""What the care audit found recorded but never measured: visit_facts gains arrivals_greeted,
late_arrivals, late_arrivals_told, source_category, taught, teaching_declined and
out_of_scope_requests, and the derived tables are rebuilt from the stored events.

The rebuild (fieldapp.server.facts.rebuild_all) moved here from revision 0006: it writes
through the current models, so it runs in the latest revision that changes the derived
tables (a later one that changes them moves it again). On a database already past 0007 it
recomputes the same rows with the new columns filled; only missing follow-up items are
added, and no mail is queued.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COUNTS = ("arrivals_greeted", "late_arrivals", "late_arrivals_told", "out_of_scope_requests")
_FLAGS = ("taught", "teaching_declined")


def upgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in _COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        for name in _FLAGS:
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
        batch.add_column(sa.Column("source_category", sa.String(32), nullable=True))
    from fieldapp.server import facts  # the current rules; see the module docstring

    with Session(bind=op.get_bind()) as session:
        facts.rebuild_all(session, datetime.now(UTC))


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in (*_COUNTS, *_FLAGS, "source_category"):
            batch.drop_column(name)
