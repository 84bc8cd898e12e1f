"""Drafts: what is being typed on a visit's screens."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("visit_id", sa.String(64), primary_key=True),
        sa.Column("screen", sa.String(64), primary_key=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("drafts")
