"""A visit's team: visit_assistants (who helps the holder, kept in step with the visit's
assistant events) and visit_work (each author's share of a visit, derived from its events).

The rebuild of the derived tables from the stored events, which fills visit_work, moved on
to revision 0013.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_assistants",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_assistants_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_visit_assistants_technician_id_users")
        ),
        sa.PrimaryKeyConstraint("visit_id", "technician_id", name=op.f("pk_visit_assistants")),
    )
    op.create_index(
        "ix_visit_assistants_technician_id_visit_id",
        "visit_assistants",
        ["technician_id", "visit_id"],
    )
    op.create_table(
        "visit_work",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_work_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_visit_work_technician_id_users")
        ),
        sa.PrimaryKeyConstraint("visit_id", "technician_id", name=op.f("pk_visit_work")),
    )
    op.create_index(op.f("ix_visit_work_technician_id"), "visit_work", ["technician_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_visit_work_technician_id"), table_name="visit_work")
    op.drop_table("visit_work")
    op.drop_index("ix_visit_assistants_technician_id_visit_id", table_name="visit_assistants")
    op.drop_table("visit_assistants")
