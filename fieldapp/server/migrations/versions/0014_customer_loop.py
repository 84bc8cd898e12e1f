"""The customer's loop: the links confirmation e-mails carry to the visit's page
(customer_links), and the outbox's link token and calendar file for a confirmation."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("form_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_customer_links_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_links")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_customer_links_token_sha256")),
    )
    op.create_index("ix_customer_links_visit_id", "customer_links", ["visit_id"])
    # Plain ADD COLUMN (no batch): nullable columns, no table copy on SQLite.
    op.add_column("mail_outbox", sa.Column("link_token", sa.String(64), nullable=True))
    op.add_column("mail_outbox", sa.Column("calendar", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("mail_outbox", "calendar")
    op.drop_column("mail_outbox", "link_token")
    op.drop_index("ix_customer_links_visit_id", table_name="customer_links")
    op.drop_table("customer_links")
