"""The user's answer on the confirmation page, derived like `step`: `visits.user_answer`.

No cache holds such an answer before this revision (the events are new with it), so the
column starts empty everywhere.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("visits", sa.Column("user_answer", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("visits", "user_answer")
