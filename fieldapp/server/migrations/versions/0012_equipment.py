"""Borrowed parts and loaned equipment: the derived equipment_items table (a part or a loan
per row, out or settled, with whose it is, who holds it, since when and what became of it),
filled from the stored events by the derived-table rebuild.

The rebuild (fieldapp.server.facts.rebuild_all) was here; it writes through the current
models, so it runs in the latest revision that changes the derived tables and has moved on
to 0013, which fills equipment_items too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "equipment_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("item_key", sa.String(500), nullable=False),
        sa.Column("item", sa.String(500), nullable=False),
        sa.Column("whose", sa.String(500), nullable=False),
        sa.Column("holder", sa.String(500), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        _when("since"),
        _when("due_at", nullable=True),
        sa.Column("fate", sa.String(16), nullable=True),
        sa.Column("agreed_with", sa.String(500), nullable=False),
        _when("settled_at", nullable=True),
        sa.CheckConstraint("kind IN ('part', 'loan')", name=op.f("ck_equipment_items_kind")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_equipment_items_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_equipment_items_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_items")),
    )
    op.create_index("ix_equipment_items_visit_id", "equipment_items", ["visit_id"])
    op.create_index("ix_equipment_items_fate_since", "equipment_items", ["fate", "since"])


def downgrade() -> None:
    op.drop_table("equipment_items")
