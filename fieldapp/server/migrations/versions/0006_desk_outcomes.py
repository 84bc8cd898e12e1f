"""The desk situations with their own outcome: visit_facts gains declined_by_user,
closed_declined, absent_note_left and absent_user_returned.

The rebuild of the derived tables from the stored events (fieldapp.server.facts.rebuild_all)
was here; it writes through the current models, so it runs in the latest revision that
changes the derived tables and has moved on to 0013, which fills these columns too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLUMNS = ("declined_by_user", "closed_declined", "absent_note_left", "absent_user_returned")


def upgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in _COLUMNS:
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
