"""The server's tables as typed SQLAlchemy models; migrations/ creates exactly these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
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


class Token(Base):
    """A login: only the SHA-256 of the opaque bearer token is kept."""

    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class LoginFailure(Base):
    """One failed login, by username (known or not) and client address: the throttle lives in
    the database, so several server processes share it (docs/security.md)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_address_failed_at", "username", "address", "failed_at"),
        Index("ix_login_failures_address_failed_at", "address", "failed_at"),
        Index("ix_login_failures_failed_at", "failed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    # The client's IP address (an IPv6 address as its /64 network), as text.
    address: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Visit(Base):
    """Dispatch data of one desk visit (protocol.VisitFields) plus assignee and status."""

    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        Index("ix_visits_assignee_id_window_start", "assignee_id", "window_start"),
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


class Attachment(Base):
    """A stored file, content-addressed; its bytes are on disk (fieldapp.server.blobs).

    `uploaded_by` is who first sent it; who may read it is decided by its uploads.
    """

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    # Before revision 0004 the bytes were kept here; the server moves them to disk when it
    # starts (uploads.move_bytes_to_disk) and leaves this empty.
    data: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Upload(Base):
    """One user's upload of a file (revision 0005): what their quota counts, and what lets
    them and those who can see a visit they attached it on read it. Naming a hash in an
    event grants nothing; sending its bytes does."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_uploader_id_sha256", "uploader_id", "sha256"),)

    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# --- supervision: derived facts, follow-ups, conflicts, mail (revision 0002) ---------------


class VisitFacts(Base):
    """What the supervisors' metrics need of a visit, derived from its events on each push.

    Rewritten in the transaction that accepts an event, so metrics are SQL aggregates over
    one row per visit. Times are the laptop's (occurred_at), as the events have them.
    """

    __tablename__ = "visit_facts"
    __table_args__ = (Index("ix_visit_facts_completed_at", "completed_at"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(32))
    confirmed_in_advance: Mapped[bool] = mapped_column(Boolean)
    arrivals: Mapped[int] = mapped_column(Integer)
    permission_recorded: Mapped[bool] = mapped_column(Boolean)
    demonstrated: Mapped[bool] = mapped_column(Boolean)
    demonstration_impossible: Mapped[bool] = mapped_column(Boolean)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The UTC day of completed_at. Queries count days in the caller's zone from completed_at;
    # kept because migration 0002 fills these tables through the current models.
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    first_visit_resolution: Mapped[bool] = mapped_column(Boolean)
    # The desk situations with their own outcome (migration 0006): the user refused the
    # technician their machine at least once / the visit closed on that refusal; the user was
    # absent, the work could wait and a note was left; the absent user came back mid-work.
    declined_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_declined: Mapped[bool] = mapped_column(Boolean, default=False)
    absent_note_left: Mapped[bool] = mapped_column(Boolean, default=False)
    absent_user_returned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Closed with no repair at the desk (migration 0007): the outcome
    # (fieldapp.domain.events.NO_REPAIR_OUTCOMES), None for any other visit.
    no_repair_outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    # What the care audit found recorded but never measured (migration 0008): arrivals with
    # the greeting done; late arrivals (the laptop asks whether the user was told only when
    # it is late) and those where the user was told; the latest diagnosis's source category;
    # teaching given or declined; notes recording an out-of-scope request.
    arrivals_greeted: Mapped[int] = mapped_column(Integer, default=0)
    late_arrivals: Mapped[int] = mapped_column(Integer, default=0)
    late_arrivals_told: Mapped[int] = mapped_column(Integer, default=0)
    source_category: Mapped[str | None] = mapped_column(String(32), default=None)
    taught: Mapped[bool] = mapped_column(Boolean, default=False)
    teaching_declined: Mapped[bool] = mapped_column(Boolean, default=False)
    out_of_scope_requests: Mapped[int] = mapped_column(Integer, default=0)
    # Time on task (migration 0009, fieldapp.domain.time_on_task): trips to the desk, the
    # time someone was there over all of them, and a sign-off on a trip after the first
    # (which is no first-visit resolution).
    trips: Mapped[int] = mapped_column(Integer, default=0)
    on_site_seconds: Mapped[int] = mapped_column(Integer, default=0)
    finished_later_trip: Mapped[bool] = mapped_column(Boolean, default=False)
    # Opened by a technician (migration 0009): how (walk_up, anything_else, reopened; None
    # for a dispatched visit); and whether this signed-off visit was reopened (its fix failed).
    opened_how: Mapped[str | None] = mapped_column(String(16), default=None)
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    # The intake questions (migration 0013), of the latest diagnosis: how long the problem
    # has been happening was asked; the user showed the problem. Then how many times the
    # technician added to what the user already tried.
    asked_how_long: Mapped[bool] = mapped_column(Boolean, default=False)
    user_showed_problem: Mapped[bool] = mapped_column(Boolean, default=False)
    already_tried_added: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)
    event_count: Mapped[int] = mapped_column(Integer)
    last_event_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_event_received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class VisitTrip(Base):
    """One technician's stay at the desk on one trip of a visit (migration 0009).

    Derived from the events like visit_facts and rewritten with it: a trip runs from the
    first arrival to the last one there leaving (a departure, a permission outcome that
    sends them away, the close); a stay still going is counted to the visit's last event.
    """

    __tablename__ = "visit_trips"
    __table_args__ = (
        Index("ix_visit_trips_visit_id", "visit_id", "trip"),
        Index("ix_visit_trips_technician_id", "technician_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    trip: Mapped[int] = mapped_column(Integer)  # 1 for the first trip
    author: Mapped[str] = mapped_column(String(64))
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    ended_by: Mapped[str | None] = mapped_column(String(32), default=None)  # an event type
    reason: Mapped[str | None] = mapped_column(String(32), default=None)  # a departure's
    seconds: Mapped[int] = mapped_column(Integer)


class PromiseRecord(Base):
    """A promise made on a visit (domain.Promise), with who made it and whether it was kept."""

    __tablename__ = "promises"
    __table_args__ = (
        Index("ix_promises_visit_id_promise_key", "visit_id", "promise_key", unique=True),
        Index("ix_promises_due_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    promise_key: Mapped[str] = mapped_column(String(64))
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    made_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_on: Mapped[date] = mapped_column(Date)  # UTC day of due_at (see completed_on)
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    kept_on_time: Mapped[bool] = mapped_column(Boolean)


class FollowUpItem(Base):
    """A rating of 2 or less: open until a supervisor closes it with a note."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_follow_ups_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), unique=True)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    satisfaction: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_off_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


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


class Conflict(Base):
    """An event a previous assignee pushed after the visit left them, kept for a supervisor."""

    __tablename__ = "conflicts"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'accepted', 'dismissed')", name="status"),
        Index("ix_conflicts_status_id", "status", "id"),
        Index("ix_conflicts_technician_id_id", "technician_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    server_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)


class MailMessage(Base):
    """The durable mail outbox: written with the event that asks for the mail, sent later.

    The attachment is a reference to the stored (content-addressed) attachment, not a copy.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (
        Index("ix_mail_outbox_sent_at_next_attempt_at", "sent_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), default=None, index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), default=None)
    to_address: Mapped[str] = mapped_column(String(SHORT))
    subject: Mapped[str] = mapped_column(String(SHORT))
    body: Mapped[str] = mapped_column(Text)
    attachment_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("attachments.sha256"), default=None
    )
    attachment_name: Mapped[str | None] = mapped_column(String(255), default=None)
    attachment_type: Mapped[str | None] = mapped_column(String(127), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


# --- a visit's team (revision 0009) ----------------------------------------------------------


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


class VisitWork(Base):
    """Each author's share of a visit, derived from its events like visit_facts (rewritten
    with them): how many events each technician recorded on it."""

    __tablename__ = "visit_work"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    events: Mapped[int] = mapped_column(Integer)


class EquipmentItem(Base):
    """A part borrowed or an item lent on a visit (fieldapp.domain.equipment), out or settled.

    Derived from the visit's events and rewritten with its visit_facts row (migration 0009),
    so the supervisors' list of what is still out and the counts are SQL. `fate` is None
    while the item is out, else "returned" or what became of it (broken, kept_by_user,
    written_off) with who agreed; `item_key` is the part's name or the loan's id.
    """

    __tablename__ = "equipment_items"
    __table_args__ = (
        CheckConstraint("kind IN ('part', 'loan')", name="kind"),
        Index("ix_equipment_items_visit_id", "visit_id"),
        Index("ix_equipment_items_fate_since", "fate", "since"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    kind: Mapped[str] = mapped_column(String(8))
    item_key: Mapped[str] = mapped_column(String(SHORT))
    item: Mapped[str] = mapped_column(String(SHORT))
    whose: Mapped[str] = mapped_column(String(SHORT), default="")
    holder: Mapped[str] = mapped_column(String(SHORT), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    fate: Mapped[str | None] = mapped_column(String(16), default=None)
    agreed_with: Mapped[str] = mapped_column(String(SHORT), default="")
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class PriorityMatrixRecord(Base):
    """One version of the supervisors' impact x urgency -> priority matrix (migration 0013);
    the newest is in force, the older ones say who changed what and when."""

    __tablename__ = "priority_matrices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the version
    cells: Mapped[dict[str, Any]] = mapped_column(JSONType)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime())

    set_by: Mapped[User | None] = relationship(lazy="joined")
