"""The desk situations with their own outcome: visit_facts gains declined_by_user,
closed_declined, absent_note_left and absent_user_returned, and the derived tables are
filled when the derived tables are rebuilt from the stored events.

The rebuild (fieldapp.server.facts.rebuild_all) moved here from revision 0002, then on to
0007: it writes through the current models, so it runs in the latest revision that changes
the derived tables (a later one that changes them moves it again).
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
    # The facts are recomputed by revision 0007; see the module docstring.


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
