"""Visits opened on the spot: the cache's visits gain the server's `created_by` and `origin`
(protocol.VisitPublic), so a walk-up, a request handled now or a return visit shows how it
came about; a visit opened offline has them from the laptop until the server's row comes."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("visits", sa.Column("created_by", sa.String(64), nullable=True))
    op.add_column(
        "visits", sa.Column("origin", sa.String(16), nullable=False, server_default="dispatch")
    )
    op.execute("UPDATE visits SET origin = 'follow_up' WHERE follow_up_of IS NOT NULL")


def downgrade() -> None:
    op.drop_column("visits", "origin")
    op.drop_column("visits", "created_by")
