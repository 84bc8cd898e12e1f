"""Visits of several trips: visit_facts gains trips, on_site_seconds and finished_later_trip,
and the new visit_trips table holds each technician's stay at the desk on each trip.

A later revision (0013 today) rebuilds the derived tables from the stored events, filling
these (the rebuild writes through the current models, so it runs in the latest revision
that changes the derived tables). First-visit resolution then counts trips, which
only a departure, new here, or a user's "busy" made more than one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit_facts") as batch:
        for name in ("trips", "on_site_seconds"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column(
                "finished_later_trip", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "visit_trips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("trip", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(32), nullable=True),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_visit_trips_technician_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_trips_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_trips")),
    )
    op.create_index("ix_visit_trips_visit_id", "visit_trips", ["visit_id", "trip"])
    op.create_index("ix_visit_trips_technician_id", "visit_trips", ["technician_id"])


def downgrade() -> None:
    op.drop_index("ix_visit_trips_technician_id", table_name="visit_trips")
    op.drop_index("ix_visit_trips_visit_id", table_name="visit_trips")
    op.drop_table("visit_trips")
    with op.batch_alter_table("visit_facts") as batch:
        for name in ("trips", "on_site_seconds", "finished_later_trip"):
            batch.drop_column(name)
