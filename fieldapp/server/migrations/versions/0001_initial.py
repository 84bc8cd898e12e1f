"""Initial schema: users, tokens, login throttle, visits, events, change feed, attachments."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SHORT = 500


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _short(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.String(SHORT), nullable=False)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        _short("full_name"),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _when("created_at"),
        sa.CheckConstraint("role IN ('technician', 'supervisor')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("revoked_at", nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_tokens_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_tokens")),
    )
    op.create_index(op.f("ix_tokens_user_id"), "tokens", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        _when("failed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        "ix_login_failures_username_failed_at", "login_failures", ["username", "failed_at"]
    )
    op.create_table(
        "seq_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("horizon_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seq_counter")),
    )
    op.execute("INSERT INTO seq_counter (id, value, horizon_seq) VALUES (1, 0, 0)")
    op.create_table(
        "visits",
        sa.Column("id", sa.String(36), nullable=False),
        _short("reference"),
        _short("customer_name"),
        _short("contact_phone"),
        _short("contact_email"),
        _short("contact_extension"),
        _short("site"),
        _short("building"),
        _short("floor"),
        _short("room"),
        _when("window_start"),
        _when("window_end"),
        sa.Column("estimated_minutes", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        _short("category"),
        _text("problem"),
        _text("already_tried"),
        _text("business_impact"),
        _when("deadline", nullable=True),
        _short("skill_level"),
        _short("incident_ref"),
        _text("incident_summary"),
        _short("coordinator"),
        _short("backup_technician"),
        sa.Column("follow_up_of", sa.String(36), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f("ck_visits_status")),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_visits_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_of"], ["visits.id"], name=op.f("fk_visits_follow_up_of_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("reference", name=op.f("uq_visits_reference")),
    )
    op.create_index("ix_visits_assignee_id_window_start", "visits", ["assignee_id", "window_start"])
    op.create_index(op.f("ix_visits_status"), "visits", ["status"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        _when("occurred_at"),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("attachment_sha256", sa.String(64), nullable=True),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        _when("received_at"),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_events_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("server_seq", name=op.f("uq_events_server_seq")),
    )
    op.create_index(op.f("ix_events_attachment_sha256"), "events", ["attachment_sha256"])
    op.create_index("ix_events_visit_id_server_seq", "events", ["visit_id", "server_seq"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        _when("created_at"),
        sa.CheckConstraint(
            "kind IN ('visit', 'event', 'tombstone')", name=op.f("ck_change_log_kind")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_change_log_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_change_log_technician_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_change_log_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    op.create_index(op.f("ix_change_log_created_at"), "change_log", ["created_at"])
    op.create_index("ix_change_log_technician_id_seq", "change_log", ["technician_id", "seq"])
    op.create_index(
        "ix_change_log_technician_id_visit_id", "change_log", ["technician_id", "visit_id"]
    )
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(127), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_attachments_uploaded_by_users")
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_index(op.f("ix_attachments_uploaded_by"), "attachments", ["uploaded_by"])


def downgrade() -> None:
    for table in (
        "attachments",
        "change_log",
        "events",
        "visits",
        "seq_counter",
        "login_failures",
        "tokens",
        "users",
    ):
        op.drop_table(table)
