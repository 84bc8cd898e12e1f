"""The laptop cache's tables as typed SQLAlchemy ORM classes (the schema the migrations create)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, ClassVar

from msgspec import to_builtins
from pydantic_core import to_json
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, TypeDecorator, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SYNC_PENDING = "pending"
SYNC_SYNCED = "synced"
SYNC_REJECTED = "rejected"
# The provisional reference of a visit opened on this laptop (fieldapp.store.opening), until
# the server's row, with the reference it makes, comes down.
LOCAL_REFERENCE_PREFIX = "NEW-"


def is_local_reference(reference: str) -> bool:
    """True for the provisional reference of a visit the server has not sent back yet."""
    return reference.startswith(LOCAL_REFERENCE_PREFIX)


def utc_text(value: datetime | None) -> str | None:
    """How the cache stores a datetime: UTC, ISO 8601, always with microseconds."""
    if value is None:
        return None
    if value.tzinfo is not UTC:  # the decoded feed's times are UTC already
        offset = value.utcoffset()
        if offset is None:
            raise ValueError("the cache stores only timezone-aware datetimes")
        if offset:
            value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")


_WHOLE_SECOND = len("2026-11-26T08:00:00Z")  # msgspec's RFC 3339 text without a fraction
_FRACTION = len("2026-11-26T08:00:00.000001Z")  # and with one (always six digits)
_ZONE = attrgetter("tzinfo")


def utc_texts(values: Iterable[datetime | None]) -> list[str | None]:
    """`utc_text` of each value, in bulk (the feed stores some 130,000 times a sync).

    datetime.isoformat costs about a microsecond a value (it formats through a printf-like
    parser and asks the timezone for its offset); msgspec renders a list of datetimes in C at
    a twentieth of that, as RFC 3339 ("...:00Z", the fraction only when not zero), which
    becomes the cache's fixed-width form by its ending alone: for the whole list at once,
    in C, when its values all have a fraction or none has (a laptop's clock gives every time
    a fraction, a dispatcher's windows fall on the minute), else one by one. Values not in
    UTC itself (any other timezone, even at offset zero, or naive ones, which are refused)
    go through utc_text one by one.
    """
    values = list(values)
    try:
        zones = set(map(_ZONE, values))
        has_none = False
    except AttributeError:  # a None among them
        zones = {value.tzinfo for value in values if value is not None}
        has_none = True
    if not zones <= {UTC}:
        return [utc_text(value) for value in values]
    texts: list[Any] = to_builtins(values)  # str, or None where the value is
    if texts and not has_none:
        joined = "\n".join(texts)
        whole: list[Any] = []
        if len(joined) == len(texts) * (_FRACTION + 1) - 1:  # each with its fraction
            whole = joined.replace("Z", "+00:00").split("\n")
        elif len(joined) == len(texts) * (_WHOLE_SECOND + 1) - 1:  # none with one
            whole = joined.replace("Z", ".000000+00:00").split("\n")
        if whole:
            return whole
    return [
        None
        if text is None
        else text[:-1] + ".000000+00:00"
        if len(text) == _WHOLE_SECOND
        else text[:-1] + "+00:00"
        for text in texts
    ]


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as fixed-width UTC ISO 8601 text, so text order is time order."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def dumps_json(value: Any) -> str:
    """Compact UTF-8 JSON the way the cache stores payloads (pydantic-core's fast encoder;
    the same text json.dumps(value, ensure_ascii=False, separators=(",", ":")) gives for
    the str/int/bool/list/dict payloads events hold)."""
    return to_json(value).decode()


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Visit(Base):
    """A visit as the server dispatched it, plus columns derived from its events."""

    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)
    customer_name: Mapped[str] = mapped_column(Text)
    contact_phone: Mapped[str] = mapped_column(Text, default="")
    contact_email: Mapped[str] = mapped_column(Text, default="")
    contact_extension: Mapped[str] = mapped_column(Text, default="")
    site: Mapped[str] = mapped_column(Text, default="")
    building: Mapped[str] = mapped_column(Text, default="")
    floor: Mapped[str] = mapped_column(Text, default="")
    room: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[datetime]
    window_end: Mapped[datetime]
    estimated_minutes: Mapped[int] = mapped_column(Integer, default=30)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    category: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    already_tried: Mapped[str] = mapped_column(Text, default="")
    business_impact: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime | None]
    skill_level: Mapped[str] = mapped_column(Text, default="")
    incident_ref: Mapped[str] = mapped_column(Text, default="")
    incident_summary: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str] = mapped_column(Text, default="")
    backup_technician: Mapped[str] = mapped_column(Text, default="")
    follow_up_of: Mapped[str | None] = mapped_column(String(64))
    # The priority's inputs (cache migration 0010): shown beside it, VIP as a badge.
    impact: Mapped[str] = mapped_column(String(16), default="medium")
    urgency: Mapped[str] = mapped_column(String(16), default="medium")
    vip: Mapped[bool] = mapped_column(default=False)
    assignee: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]
    # Who made the visit and how it came about (migration 0008; protocol.VisitOrigin).
    created_by: Mapped[str | None] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(16), default="dispatch")
    # Derived from the events (server-confirmed, then pending replayed on top); kept current
    # by fieldapp.store.derive whenever a visit's events or status change.
    step: Mapped[str] = mapped_column(String(32), default="scheduled")
    pending_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the server tombstoned the visit while this laptop still held unpushed or
    # rejected events on it: the visit is kept and shown as a conflict instead of dropped.
    scope_lost_reason: Mapped[str | None] = mapped_column(String(64))
    scope_lost_message: Mapped[str | None] = mapped_column(Text)
    # A stand-in created when the feed delivers a visit's events before the visit itself
    # (the server moves an updated visit's row to the end of the feed): hidden from every
    # query until the visit's own change fills it in.
    stub: Mapped[bool] = mapped_column(default=False)
    # The user was busy: when the technician agreed to come back (the open return-visit
    # promise), while the visit awaits that return; derived like `step` (migration 0004).
    return_at: Mapped[datetime | None]
    # The user's answer on the confirmation page (fieldapp.domain.customer): "another_time"
    # while their request waits for dispatch, "confirmed" once they (or dispatch, moving the
    # visit to the time they asked) confirmed it; derived like `step` (migration 0014).
    user_answer: Mapped[str | None] = mapped_column(String(16))

    # The partial indexes of the round's filters (migration 0003), in window order whole
    # (0013); their WHERE terms are fieldapp.store.search.LISTED_VISIT_SQL / OPEN_VISIT_SQL /
    # CLOSED_VISIT_SQL, which queries must repeat.
    __table_args__ = (
        Index("ix_visits_window_start", "window_start"),
        Index(
            "ix_visits_listed_window",
            "window_start",
            "reference",
            "id",
            sqlite_where=text("stub = 0"),
        ),
        Index(
            "ix_visits_open_window",
            "window_start",
            "reference",
            "id",
            sqlite_where=text(
                "stub = 0 AND step NOT IN "
                "('completed', 'escalated', 'declined', 'closed_without_repair', 'cancelled')"
            ),
        ),
        Index(
            "ix_visits_closed_window",
            "window_start",
            "reference",
            "id",
            sqlite_where=text(
                "stub = 0 AND step IN "
                "('completed', 'escalated', 'declined', 'closed_without_repair', 'cancelled')"
            ),
        ),
    )


class EventRow(Base):
    """One recorded fact; `id` is the UUID made on the laptop, the push idempotency key."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    visit_id: Mapped[str] = mapped_column(String(64), ForeignKey("visits.id"))
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    author: Mapped[str] = mapped_column(String(64))
    local_seq: Mapped[int | None] = mapped_column(Integer)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime | None]
    sync_state: Mapped[str] = mapped_column(String(16), default=SYNC_PENDING)
    reject_code: Mapped[str | None] = mapped_column(String(64))
    reject_message: Mapped[str | None] = mapped_column(Text)

    # Partial indexes: most rows are synced feed events without a local_seq, and the
    # initial sync inserts tens of thousands of them; they need no entry in these two.
    __table_args__ = (
        Index("ix_events_visit_order", "visit_id", "server_seq", "local_seq"),
        Index(
            "uq_events_local_seq",
            "local_seq",
            unique=True,
            sqlite_where=text("local_seq IS NOT NULL"),
        ),
        Index(
            "ix_events_unsynced",
            "sync_state",
            sqlite_where=text(f"sync_state != '{SYNC_SYNCED}'"),
        ),
        # The files a visit names, for the files colleagues attached (outbox.missing_attachments).
        Index(
            "ix_events_attachments",
            "visit_id",
            sqlite_where=text("type = 'attachment_added'"),
        ),
        # The resolutions the knowledge base indexes (fieldapp.store.knowledge, 0011).
        Index("ix_events_resolved", "visit_id", sqlite_where=text("type = 'resolved'")),
        # The devices visits name, for a tag scanned on the round (fieldapp.store.devices, 0012).
        Index("ix_events_devices", "visit_id", sqlite_where=text("type = 'device_attached'")),
        # The events that can make a promise (fieldapp.store.search.PROMISE_EVENT_SQL).
        Index(
            "ix_events_promises",
            "visit_id",
            sqlite_where=text(
                "type IN ('user_busy', 'signed_off', 'escalated', 'promise_made', 'departed')"
            ),
        ),
    )


class OutboxRow(Base):
    """An event still to be pushed; removed once the server accepted or refused it for good."""

    __tablename__ = "outbox"

    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]


class MetaRow(Base):
    """Small key/value facts: sync cursor, server URL, user name, last sync, clock offset."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AttachmentRow(Base):
    """A file (photo, signature...) kept under the attachments directory, named by its hash."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    uploaded: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class KnowledgeRow(Base):
    """A past fix or an article the Diagnose page suggests (migration 0011; store.knowledge).

    `key` is "fix:<visit id>" or "article:<article id>"; `origin` says who wrote the row:
    "local" (derived here from a visit's own events) or "server" (the knowledge snapshot,
    replaced whole at each sync). `knowledge_fts` indexes the texts, kept by triggers."""

    __tablename__ = "knowledge"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(16))
    visit_id: Mapped[str | None] = mapped_column(String(64))
    reference: Mapped[str] = mapped_column(Text, default="")
    site: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    user_perspective: Mapped[str] = mapped_column(Text, default="")
    source_category: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    resources_used: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_knowledge_visit", "visit_id"),)


class IncidentFixRow(Base):
    """An incident's known fix as a supervisor set it (migration 0011; the knowledge snapshot)."""

    __tablename__ = "incident_fixes"

    incident_ref: Mapped[str] = mapped_column(Text, primary_key=True)
    known_fix: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


# The server's dispatch fields, copied verbatim from VisitPublic into the visits table: its
# fields in their order (tests/store/test_db.py holds them equal), written out so the cache
# loads without building the wire models.
DISPATCH_FIELDS: tuple[str, ...] = (
    "reference",
    "customer_name",
    "contact_phone",
    "contact_email",
    "contact_extension",
    "site",
    "building",
    "floor",
    "room",
    "window_start",
    "window_end",
    "estimated_minutes",
    "priority",
    "category",
    "problem",
    "already_tried",
    "business_impact",
    "deadline",
    "skill_level",
    "incident_ref",
    "incident_summary",
    "coordinator",
    "backup_technician",
    "follow_up_of",
    "impact",
    "urgency",
    "vip",
    "id",
    "assignee",
    "status",
    "cancel_reason",
    "updated_at",
    "created_by",
    "origin",
)
visits_table = Base.metadata.tables["visits"]
events_table = Base.metadata.tables["events"]
outbox_table = Base.metadata.tables["outbox"]
meta_table = Base.metadata.tables["meta"]
knowledge_table = Base.metadata.tables["knowledge"]
incident_fixes_table = Base.metadata.tables["incident_fixes"]
