"""The server's core tables (users, visits, events, the change feed, who holds a visit) and the
base, naming and column types every table module shares; schema.py gathers all the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SHORT = 500
COUNTER_ID = 1


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC; SQLite's naive values come back tagged UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('technician', 'supervisor')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(SHORT), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Last authenticated request (technicians; written at most once a minute): the board's
    # "last contact".
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Visit(Base):
    """Dispatch data of one desk visit (protocol.VisitFields) plus assignee and status."""

    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        # The board reads a technician's visits in this order (migration 0017).
        Index("ix_visits_assignee_id_window_start_id", "assignee_id", "window_start", "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(SHORT), unique=True)
    customer_name: Mapped[str] = mapped_column(String(SHORT))
    contact_phone: Mapped[str] = mapped_column(String(SHORT), default="")
    contact_email: Mapped[str] = mapped_column(String(SHORT), default="")
    contact_extension: Mapped[str] = mapped_column(String(SHORT), default="")
    site: Mapped[str] = mapped_column(String(SHORT), default="")
    building: Mapped[str] = mapped_column(String(SHORT), default="")
    floor: Mapped[str] = mapped_column(String(SHORT), default="")
    room: Mapped[str] = mapped_column(String(SHORT), default="")
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    window_end: Mapped[datetime] = mapped_column(UTCDateTime())
    estimated_minutes: Mapped[int] = mapped_column(Integer, default=30)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    category: Mapped[str] = mapped_column(String(SHORT), default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    already_tried: Mapped[str] = mapped_column(Text, default="")
    business_impact: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    skill_level: Mapped[str] = mapped_column(String(SHORT), default="")
    incident_ref: Mapped[str] = mapped_column(String(SHORT), default="")
    incident_summary: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str] = mapped_column(String(SHORT), default="")
    backup_technician: Mapped[str] = mapped_column(String(SHORT), default="")
    follow_up_of: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), default=None)
    # The priority's inputs (migration 0013): `priority` is worked out from them.
    impact: Mapped[str] = mapped_column(String(16), default="medium")
    urgency: Mapped[str] = mapped_column(String(16), default="medium")
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    status: Mapped[str] = mapped_column(String(16), default="scheduled", index=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Migration 0009: the username of whoever made it (a supervisor, or the technician who
    # opened it on the spot), and how it came about (protocol.VisitOrigin).
    created_by: Mapped[str | None] = mapped_column(String(64), default=None)
    origin: Mapped[str] = mapped_column(String(16), default="dispatch")

    assignee: Mapped[User | None] = relationship(lazy="joined")


# The device history finds a customer's earlier visits by lowered address or name
# (fieldapp.server.device_history, migration 0017, which says why SQLite needs care).
Index("ix_visits_lower_contact_email", func.lower(Visit.contact_email))
Index("ix_visits_lower_customer_name", func.lower(Visit.customer_name))


class EventRecord(Base):
    """An accepted visit event; `id` is the laptop's UUID, the idempotency key."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_visit_id_server_seq", "visit_id", "server_seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    author: Mapped[str] = mapped_column(String(64))
    # The attachment this event names (attachment_added.sha256, signed_off.signature_sha256),
    # so attachment access can be checked with one indexed query.
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    server_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChangeLog(Base):
    """The change feed: what each technician must apply, in `seq` order."""

    __tablename__ = "change_log"
    __table_args__ = (
        CheckConstraint("kind IN ('visit', 'event', 'tombstone')", name="kind"),
        Index("ix_change_log_technician_id_seq", "technician_id", "seq"),
        Index("ix_change_log_technician_id_visit_id", "technician_id", "visit_id"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    kind: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(32), default=None)
    message: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class SeqCounter(Base):
    """The single row (id 1) that stamps every change; its row lock orders the commits.

    `horizon_seq`: tombstones up to this seq were pruned; older cursors must re-fetch.
    """

    __tablename__ = "seq_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    horizon_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Assignment(Base):
    """Who had a visit, and when: a previous assignee's late events become conflicts."""

    __tablename__ = "assignments"
    __table_args__ = (
        Index("ix_assignments_technician_id_visit_id", "technician_id", "visit_id"),
        Index("ix_assignments_visit_id", "visit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    unassigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class VisitAssistant(Base):
    """A technician assisting on a visit besides its holder (fieldapp.server.assistants).

    Kept in step with the visit's assistant_added / assistant_removed events; a removed
    colleague's row stays with `removed_at`, so their late events become conflicts.
    """

    __tablename__ = "visit_assistants"
    __table_args__ = (
        Index("ix_visit_assistants_technician_id_visit_id", "technician_id", "visit_id"),
    )

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    added_by: Mapped[str] = mapped_column(String(64))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
