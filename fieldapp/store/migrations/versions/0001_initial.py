"""Initial cache schema: visits, events, outbox, meta, attachments."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WHEN = sa.String(32)  # fieldapp.store.models.UTCDateTime: fixed-width UTC ISO 8601 text


def upgrade() -> None:
    text_cols = [
        "contact_phone", "contact_email", "contact_extension", "site", "building", "floor",
        "room",
    ]  # fmt: skip
    op.create_table(
        "visits",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("customer_name", sa.Text(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in text_cols),
        sa.Column("window_start", _WHEN, nullable=False),
        sa.Column("window_end", _WHEN, nullable=False),
        sa.Column("estimated_minutes", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("already_tried", sa.Text(), nullable=False),
        sa.Column("business_impact", sa.Text(), nullable=False),
        sa.Column("deadline", _WHEN, nullable=True),
        sa.Column("skill_level", sa.Text(), nullable=False),
        sa.Column("incident_ref", sa.Text(), nullable=False),
        sa.Column("incident_summary", sa.Text(), nullable=False),
        sa.Column("coordinator", sa.Text(), nullable=False),
        sa.Column("backup_technician", sa.Text(), nullable=False),
        sa.Column("follow_up_of", sa.String(64), nullable=True),
        sa.Column("assignee", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", _WHEN, nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("pending_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("scope_lost_reason", sa.String(64), nullable=True),
        sa.Column("scope_lost_message", sa.Text(), nullable=True),
        sa.Column("stub", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_visits_window_start", "visits", ["window_start"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("visit_id", sa.String(64), sa.ForeignKey("visits.id"), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("occurred_at", _WHEN, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("local_seq", sa.Integer(), nullable=True),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("received_at", _WHEN, nullable=True),
        sa.Column("sync_state", sa.String(16), nullable=False),
        sa.Column("reject_code", sa.String(64), nullable=True),
        sa.Column("reject_message", sa.Text(), nullable=True),
    )
    op.create_index("ix_events_visit_order", "events", ["visit_id", "server_seq", "local_seq"])
    op.create_index(
        "uq_events_local_seq",
        "events",
        ["local_seq"],
        unique=True,
        sqlite_where=sa.text("local_seq IS NOT NULL"),
    )
    op.create_index(
        "ix_events_unsynced",
        "events",
        ["sync_state"],
        sqlite_where=sa.text("sync_state != 'synced'"),
    )
    op.create_table(
        "outbox",
        sa.Column("event_id", sa.String(36), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", _WHEN, nullable=True),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(127), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("uploaded", sa.Boolean(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
    )


def downgrade() -> None:
    for table in ("attachments", "meta", "outbox", "events", "visits"):
        op.drop_table(table)
