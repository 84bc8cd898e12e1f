"""The intake rules: visits gain impact, urgency and vip (the priority's inputs), the
supervisors' priority matrix gets its table of versions, visit_facts gains asked_how_long,
user_showed_problem and already_tried_added, and the derived tables are rebuilt.

Existing visits had their priority typed: each gets the impact and urgency that give that
priority in the default matrix (fieldapp.domain.priority.inputs_for), so no priority
changes and each is what its inputs give.

The derived tables' rebuild (fieldapp.server.facts.rebuild_all) was here; it writes through
the current models, so it runs in the latest revision that changes the derived tables and
has moved on to 0015 (the device each visit names), which fills these columns too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# fieldapp.domain.priority.inputs_for, frozen: priority -> (impact, urgency).
_INPUTS = {
    "critical": ("high", "high"),
    "high": ("high", "medium"),
    "normal": ("medium", "medium"),
    "low": ("medium", "low"),
}


def upgrade() -> None:
    # Plain ADD COLUMN (no batch): on SQLite a batch copies the table, and the tables that
    # refer to visits would refuse its drop.
    op.add_column(
        "visits", sa.Column("impact", sa.String(16), nullable=False, server_default="medium")
    )
    op.add_column(
        "visits", sa.Column("urgency", sa.String(16), nullable=False, server_default="medium")
    )
    op.add_column(
        "visits", sa.Column("vip", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    visits = sa.table("visits", sa.column("priority"), sa.column("impact"), sa.column("urgency"))
    for priority, (impact, urgency) in _INPUTS.items():
        op.execute(
            visits.update()
            .where(visits.c.priority == priority)
            .values(impact=impact, urgency=urgency)
        )
    op.create_table(
        "priority_matrices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cells", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("set_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("visit_facts") as batch:
        for name in ("asked_how_long", "user_showed_problem"):
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
        batch.add_column(
            sa.Column("already_tried_added", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in ("asked_how_long", "user_showed_problem", "already_tried_added"):
            batch.drop_column(name)
    op.drop_table("priority_matrices")
    for name in ("impact", "urgency", "vip"):
        op.drop_column("visits", name)  # SQLite 3.35+ drops a column in place
