"""Indexes for two reads: the device history (GET /sync/history) finds a customer's earlier
visits by their lowered address or name, which tested every visit of the last year; the
supervisors' board reads each technician's visits by window start, then id, which sorted
them again.

The lowered-name indexes are on expressions, which SQLite's reflection skips: a later
batch_alter_table("visits") would rebuild the table without them, so such a migration must
create them again (tests/server/test_admin.py checks they exist after the migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_visits_lower_contact_email", "visits", [sa.text("lower(contact_email)")])
    op.create_index("ix_visits_lower_customer_name", "visits", [sa.text("lower(customer_name)")])
    op.drop_index("ix_visits_assignee_id_window_start", table_name="visits")
    op.create_index(
        "ix_visits_assignee_id_window_start_id", "visits", ["assignee_id", "window_start", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_visits_assignee_id_window_start_id", table_name="visits")
    op.create_index("ix_visits_assignee_id_window_start", "visits", ["assignee_id", "window_start"])
    op.drop_index("ix_visits_lower_customer_name", table_name="visits")
    op.drop_index("ix_visits_lower_contact_email", table_name="visits")
