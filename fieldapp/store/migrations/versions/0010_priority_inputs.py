"""A visit's priority inputs (impact, urgency, the VIP override) are kept in the cache, and a
cache that synced before reads the change feed once more from the start to fill them in
(fieldapp.store.reread: the cursor itself never goes back, so the cache never looks behind
the keyring's watermark)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fieldapp.store.meta.CURSOR and fieldapp.store.reread.REREAD_FEED, frozen.
_CURSOR = "cursor"
_REREAD_FEED = "reread_feed"


def upgrade() -> None:
    op.add_column(
        "visits", sa.Column("impact", sa.String(16), nullable=False, server_default="medium")
    )
    op.add_column(
        "visits", sa.Column("urgency", sa.String(16), nullable=False, server_default="medium")
    )
    op.add_column("visits", sa.Column("vip", sa.Boolean(), nullable=False, server_default="0"))
    connection = op.get_bind()
    cursor = connection.execute(
        sa.text("SELECT value FROM meta WHERE key = :key"), {"key": _CURSOR}
    ).scalar()
    if cursor and int(cursor) > 0:
        connection.execute(
            # An upsert: a REPLACE would delete the row without its triggers (see 0003).
            sa.text(
                "INSERT INTO meta (key, value) VALUES (:key, '0') "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"key": _REREAD_FEED},
        )


def downgrade() -> None:
    op.execute(sa.text(f"DELETE FROM meta WHERE key = '{_REREAD_FEED}'"))
    for name in ("impact", "urgency", "vip"):
        op.drop_column("visits", name)
