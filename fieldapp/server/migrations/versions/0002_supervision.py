"""Supervision: users' last contact, per-visit facts, promises, follow-up items, assignment
history, conflicts and the mail outbox.

Existing data: the assignment history starts with each visit's current assignee. The facts,
promises and follow-up items are recomputed from the stored events
(fieldapp.server.facts.rebuild_all) by the latest revision that changes these tables (now
0013), since the rebuild writes through the current models: run here, it would write
columns this revision does not create yet. No mail is queued for events already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _flag(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target.split('.', maxsplit=1)[0]}")
    )


def upgrade() -> None:
    op.add_column("users", _when("last_seen_at", nullable=True))
    op.create_table(
        "visit_facts",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        _flag("confirmed_in_advance"),
        sa.Column("arrivals", sa.Integer(), nullable=False),
        _flag("permission_recorded"),
        _flag("demonstrated"),
        _flag("demonstration_impossible"),
        _when("completed_at", nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        _when("escalated_at", nullable=True),
        _flag("first_visit_resolution"),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("event_count", sa.Integer(), nullable=False),
        _when("last_event_at", nullable=True),
        _when("last_event_received_at"),
        _fk("visit_facts", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("visit_id", name=op.f("pk_visit_facts")),
    )
    op.create_index("ix_visit_facts_completed_on", "visit_facts", ["completed_on"])
    op.create_table(
        "promises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("promise_key", sa.String(64), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        _when("made_at"),
        _when("due_at"),
        sa.Column("due_on", sa.Date(), nullable=False),
        _when("kept_at", nullable=True),
        _flag("kept_on_time"),
        _fk("promises", "technician_id", "users.id"),
        _fk("promises", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promises")),
    )
    op.create_index(
        "ix_promises_visit_id_promise_key", "promises", ["visit_id", "promise_key"], unique=True
    )
    op.create_index("ix_promises_due_on", "promises", ["due_on"])
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        _when("signed_off_at"),
        _when("created_at"),
        sa.Column("status", sa.String(16), nullable=False),
        _when("closed_at", nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_follow_ups_status")),
        _fk("follow_ups", "closed_by", "users.id"),
        _fk("follow_ups", "event_id", "events.id"),
        _fk("follow_ups", "technician_id", "users.id"),
        _fk("follow_ups", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        sa.UniqueConstraint("event_id", name=op.f("uq_follow_ups_event_id")),
    )
    op.create_index(op.f("ix_follow_ups_visit_id"), "follow_ups", ["visit_id"])
    op.create_index("ix_follow_ups_status_created_at", "follow_ups", ["status", "created_at"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        _when("assigned_at"),
        _when("unassigned_at", nullable=True),
        _fk("assignments", "technician_id", "users.id"),
        _fk("assignments", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    op.create_index(
        "ix_assignments_technician_id_visit_id", "assignments", ["technician_id", "visit_id"]
    )
    op.create_index("ix_assignments_visit_id", "assignments", ["visit_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        _when("occurred_at"),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("message", sa.Text(), nullable=False),
        _when("created_at"),
        sa.Column("status", sa.String(16), nullable=False),
        _when("resolved_at", nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'accepted', 'dismissed')", name=op.f("ck_conflicts_status")
        ),
        _fk("conflicts", "resolved_by", "users.id"),
        _fk("conflicts", "technician_id", "users.id"),
        _fk("conflicts", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        sa.UniqueConstraint("event_id", name=op.f("uq_conflicts_event_id")),
    )
    op.create_index(op.f("ix_conflicts_visit_id"), "conflicts", ["visit_id"])
    op.create_index("ix_conflicts_status_id", "conflicts", ["status", "id"])
    op.create_index("ix_conflicts_technician_id_id", "conflicts", ["technician_id", "id"])
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=True),
        sa.Column("event_id", sa.String(36), nullable=True),
        sa.Column("to_address", sa.String(500), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachment_sha256", sa.String(64), nullable=True),
        sa.Column("attachment_name", sa.String(255), nullable=True),
        sa.Column("attachment_type", sa.String(127), nullable=True),
        _when("created_at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("sent_at", nullable=True),
        _when("failed_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _fk("mail_outbox", "attachment_sha256", "attachments.sha256"),
        _fk("mail_outbox", "event_id", "events.id"),
        _fk("mail_outbox", "visit_id", "visits.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    op.create_index(op.f("ix_mail_outbox_visit_id"), "mail_outbox", ["visit_id"])
    op.create_index(
        "ix_mail_outbox_sent_at_next_attempt_at", "mail_outbox", ["sent_at", "next_attempt_at"]
    )
    _backfill()


def _backfill() -> None:
    # The facts, promises and follow-ups are rebuilt by revision 0006; see the docstring.
    op.execute(
        "INSERT INTO assignments (visit_id, technician_id, assigned_at) "
        "SELECT id, assignee_id, updated_at FROM visits WHERE assignee_id IS NOT NULL"
    )


def downgrade() -> None:
    for table in (
        "mail_outbox",
        "conflicts",
        "assignments",
        "follow_ups",
        "promises",
        "visit_facts",
    ):
        op.drop_table(table)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_seen_at")
