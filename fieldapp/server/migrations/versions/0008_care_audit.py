"""What the care audit found recorded but never measured: visit_facts gains arrivals_greeted,
late_arrivals, late_arrivals_told, source_category, taught, teaching_declined and
out_of_scope_requests.

The rebuild of the derived tables from the stored events (fieldapp.server.facts.rebuild_all)
runs in the latest revision that changes them, 0013, which fills these columns too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in (*_COUNTS, *_FLAGS, "source_category"):
            batch.drop_column(name)
