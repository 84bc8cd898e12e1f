"""Days in the supervisor's time zone: the metrics select completions and promises by their
instants (completed_at, due_at) rather than by UTC day, so those instants get the indexes.

The UTC-day columns (visit_facts.completed_on, promises.due_on) stay, written as before:
migration 0002 rebuilds these tables through the current models, which still fill them.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_visit_facts_completed_on", table_name="visit_facts")
    op.create_index("ix_visit_facts_completed_at", "visit_facts", ["completed_at"])
    op.drop_index("ix_promises_due_on", table_name="promises")
    op.create_index("ix_promises_due_at", "promises", ["due_at"])


def downgrade() -> None:
    op.drop_index("ix_promises_due_at", table_name="promises")
    op.create_index("ix_promises_due_on", "promises", ["due_on"])
    op.drop_index("ix_visit_facts_completed_at", table_name="visit_facts")
    op.create_index("ix_visit_facts_completed_on", "visit_facts", ["completed_on"])
