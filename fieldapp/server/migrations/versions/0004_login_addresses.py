"""The login throttle counts failures per username and client address, and per address:
login_failures gains the address column and its indexes, and an index on the time alone
for the periodic pruning.

Existing rows are dropped with the old table: they carry no address, and they only ever
delayed logins for a few minutes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _table(*extra: sa.Column[object]) -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        *extra,
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )


def upgrade() -> None:
    op.drop_table("login_failures")
    _table(sa.Column("address", sa.String(64), nullable=False))
    op.create_index(
        "ix_login_failures_username_address_failed_at",
        "login_failures",
        ["username", "address", "failed_at"],
    )
    op.create_index(
        "ix_login_failures_address_failed_at", "login_failures", ["address", "failed_at"]
    )
    op.create_index("ix_login_failures_failed_at", "login_failures", ["failed_at"])


def downgrade() -> None:
    op.drop_table("login_failures")
    _table()
    op.create_index(
        "ix_login_failures_username_failed_at", "login_failures", ["username", "failed_at"]
    )
