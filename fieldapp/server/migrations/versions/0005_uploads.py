"""Uploads per user: who sent which file (access and quotas); file bytes move to disk.

Each existing attachment becomes an upload by its uploader. The bytes in
`attachments.data` are moved to the attachment directory by the server when it starts
(the migration does not know that directory), leaving the column empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploader_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["attachments.sha256"], name=op.f("fk_uploads_sha256_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["uploader_id"], ["users.id"], name=op.f("fk_uploads_uploader_id_users")
        ),
        sa.PrimaryKeyConstraint("sha256", "uploader_id", name=op.f("pk_uploads")),
    )
    op.create_index(op.f("ix_uploads_created_at"), "uploads", ["created_at"])
    op.create_index("ix_uploads_uploader_id_sha256", "uploads", ["uploader_id", "sha256"])
    op.execute(
        "INSERT INTO uploads (sha256, uploader_id, size, created_at) "
        "SELECT sha256, uploaded_by, size, created_at FROM attachments"
    )


def downgrade() -> None:
    # Bytes already moved to disk cannot come back here; refuse rather than lose them.
    moved = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM attachments WHERE length(data) = 0 AND size > 0")
    )
    if moved:
        raise RuntimeError("attachments are stored on disk; downgrading would lose them")
    op.drop_index("ix_uploads_uploader_id_sha256", table_name="uploads")
    op.drop_index(op.f("ix_uploads_created_at"), table_name="uploads")
    op.drop_table("uploads")
