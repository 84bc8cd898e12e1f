"""The sync wire protocol: login, visits, events, change feed, push, attachments, conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from fieldapp.domain.events import EventType
from fieldapp.protocol.common import (
    MAX_PUSH_BATCH,
    Answer,
    Instant,
    LongText,
    ShortText,
    StorablePayload,
    StorableText,
    WireModel,
)
from fieldapp.protocol.enums import (
    ConflictStatus,
    Level,
    Priority,
    Role,
    VisitOrigin,
    VisitStatus,
)


class LoginRequest(WireModel):
    username: Annotated[StorableText, Field(min_length=1, max_length=64)]
    password: Annotated[StorableText, Field(min_length=1, max_length=1024)]


class UserPublic(Answer):
    username: str
    full_name: str
    role: Role


class LoginResponse(Answer):
    token: str = Field(repr=False)  # never in a log line or a traceback
    expires_at: datetime
    user: UserPublic
    server_time: datetime


class VisitFields(WireModel):
    """Dispatch data: owned by the server; the laptop never changes it."""

    reference: ShortText
    customer_name: ShortText
    contact_phone: ShortText = ""
    contact_email: ShortText = ""
    contact_extension: ShortText = ""
    site: ShortText = ""
    building: ShortText = ""
    floor: ShortText = ""
    room: ShortText = ""
    window_start: Instant
    window_end: Instant
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] = 30
    # Worked out by the server from impact, urgency and VIP (fieldapp.domain.priority and the
    # supervisors' matrix); a typed one is accepted only when it is what they give.
    priority: Priority = Priority.NORMAL
    category: ShortText = ""
    problem: LongText = ""
    already_tried: LongText = ""
    business_impact: LongText = ""
    deadline: Instant | None = None
    skill_level: ShortText = ""
    incident_ref: ShortText = ""
    incident_summary: LongText = ""
    coordinator: ShortText = ""
    backup_technician: ShortText = ""
    follow_up_of: Annotated[StorableText, Field(max_length=64)] | None = None
    # The priority's inputs (since 0.2.0; older laptops get a feed without them).
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    vip: bool = False  # the explicit, visible override: a VIP visit is critical


class VisitPublic(VisitFields):
    model_config = ConfigDict(extra="ignore")  # an answer (Answer's docstring says why)

    # As stored: a visit written before the range check existed must still be readable.
    window_start: AwareDatetime
    window_end: AwareDatetime
    deadline: AwareDatetime | None = None
    id: str
    assignee: str | None
    status: VisitStatus
    cancel_reason: str | None = None
    updated_at: datetime
    # Who made the visit (a supervisor, or the technician who opened it on the spot; None
    # for imported visits and those made before this was kept) and how it came about.
    created_by: str | None = None
    origin: VisitOrigin = VisitOrigin.DISPATCH


class EventIn(WireModel):
    """An event as the laptop recorded it; `id` is the idempotency key."""

    id: Annotated[str, Field(pattern=r"^[0-9a-fA-F-]{32,36}$")]
    visit_id: Annotated[StorableText, Field(min_length=1, max_length=64)]
    type: EventType
    occurred_at: Instant
    payload: StorablePayload = Field(default_factory=dict)


class EventSent(EventIn):
    """An event as a laptop sent it, inside an answer: read as tolerantly as an Answer."""

    model_config = ConfigDict(extra="ignore")


class EventPublic(EventSent):
    # As stored: an event accepted before these checks existed must still be readable.
    occurred_at: AwareDatetime
    payload: dict[str, Any] = Field(default_factory=dict)
    author: str
    server_seq: int
    received_at: datetime


class ChangeVisit(VisitPublic):
    """A visit as the feed carries it: strict, as the feed is read through its versions
    (FEED_SHAPE), unlike the same visit in a supervisor's answer."""

    model_config = ConfigDict(extra="forbid")


class ChangeEvent(EventPublic):
    """An event as the feed carries it: strict, as ChangeVisit."""

    model_config = ConfigDict(extra="forbid")


class Change(WireModel):
    """One entry of the change feed, oldest first by `seq`."""

    seq: int
    kind: Literal["visit", "event", "tombstone"]
    visit_id: str
    visit: ChangeVisit | None = None
    event: ChangeEvent | None = None
    reason: str | None = None
    message: str | None = None


class ChangesPage(WireModel):
    changes: list[Change]
    next_cursor: int
    has_more: bool
    must_refetch: bool = False
    server_time: datetime


class PushRequest(WireModel):
    events: Annotated[list[EventIn], Field(max_length=MAX_PUSH_BATCH)]


class EventResult(WireModel):
    id: str
    status: Literal["accepted", "duplicate", "rejected"]
    server_seq: int | None = None
    received_at: datetime | None = None
    code: str | None = None
    message: str | None = None
    # A rejection the laptop should retry by itself later (e.g. attachment not uploaded yet).
    retryable: bool = False


class PushResponse(WireModel):
    results: list[EventResult]
    server_time: datetime


class PushFeedResponse(PushResponse):
    """A push's answer with the feed's page that follows it: what a push that names a
    `cursor` gets (docs/sync.md, "A push sync: one request"). `feed` is the page
    GET /sync/changes would answer from that cursor once the push has committed; it is
    there only when asked (a laptop that does not ask gets a PushResponse, which it reads
    with its own strict model), never as null."""

    feed: ChangesPage | None = None


class AttachmentReceipt(Answer):
    sha256: str
    size: int
    created: bool


class ConflictPublic(Answer):
    """An event a previous assignee pushed after the visit was reassigned."""

    id: int
    visit_id: str
    reference: str
    technician: str  # who recorded the event
    current_assignee: str | None
    event: EventSent
    message: str  # the sentence the technician was given
    created_at: datetime
    status: ConflictStatus
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    note: str | None = None
    server_seq: int | None = None  # once accepted into the visit's history


class ConflictPage(Answer):
    conflicts: list[ConflictPublic]
    total: int
    offset: int
    limit: int
