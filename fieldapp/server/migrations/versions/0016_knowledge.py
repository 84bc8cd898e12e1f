"""The knowledge base: articles (promoted from visits' resolutions, edited, retired) and
incidents' known fixes, which every laptop keeps offline (GET /sync/knowledge)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("resources_used", sa.Text(), nullable=False),
        sa.Column("fix", sa.Text(), nullable=False),
        sa.Column("category", sa.String(500), nullable=False),
        sa.Column("source_category", sa.String(500), nullable=False),
        sa.Column("source_visit_id", sa.String(36), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        _when("retired_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["source_visit_id"], ["visits.id"], name=op.f("fk_articles_source_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_articles_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_articles_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index("ix_articles_source_visit_id", "articles", ["source_visit_id"])
    op.create_index("ix_articles_retired_at_updated_at", "articles", ["retired_at", "updated_at"])
    op.create_table(
        "incident_fixes",
        sa.Column("incident_ref", sa.String(500), nullable=False),
        sa.Column("known_fix", sa.Text(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=False),
        _when("updated_at"),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["users.id"], name=op.f("fk_incident_fixes_set_by_id_users")
        ),
        sa.PrimaryKeyConstraint("incident_ref", name=op.f("pk_incident_fixes")),
    )


def downgrade() -> None:
    op.drop_table("incident_fixes")
    op.drop_table("articles")
