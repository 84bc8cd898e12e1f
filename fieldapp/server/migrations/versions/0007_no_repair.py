"""Visits closed with no repair at the desk: visit_facts gains no_repair_outcome (resolved
remotely, fixed on arrival, no fault found, no longer needed).

The rebuild of the derived tables from the stored events (fieldapp.server.facts.rebuild_all)
runs in the latest revision that changes them, 0013, which fills this column too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.add_column(sa.Column("no_repair_outcome", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        batch.drop_column("no_repair_outcome")
