"""The wire schema the laptop and the server share: pydantic models of every request and answer."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from fieldapp import __version__
from fieldapp.domain.events import EventType
from fieldapp.domain.workflow import Step

API_PREFIX = "/api/v1"
API_VERSION = 1
CLIENT_VERSION = __version__
# The oldest laptop version whose requests the server still understands, and the header
# the laptop sends its version in.
MIN_CLIENT_VERSION = "0.1.0"
CLIENT_VERSION_HEADER = "X-FieldApp-Client"
MAX_PUSH_BATCH = 500
MAX_PAGE = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def version_at_least(version: str, minimum: str) -> bool:
    """True if dotted `version` is `minimum` or newer."""
    return _version_tuple(version) >= _version_tuple(minimum)


ShortText = Annotated[str, Field(max_length=500), AfterValidator(_no_nul)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class WireModel(BaseModel):
    """Strict about unknown fields so a typo is an error, not silently lost data."""

    model_config = ConfigDict(extra="forbid")


class Role(StrEnum):
    TECHNICIAN = "technician"
    SUPERVISOR = "supervisor"


class VisitStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    """From impact and urgency, never from a person's title."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class ErrorBody(WireModel):
    error: str
    message: str
    details: list[dict[str, Any]] | None = None


class ServerInfo(WireModel):
    api_version: int
    server_version: str
    min_client_version: str
    server_time: datetime


class LoginRequest(WireModel):
    username: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_no_nul)]
    password: Annotated[str, Field(min_length=1, max_length=1024), AfterValidator(_no_nul)]


class UserPublic(WireModel):
    username: str
    full_name: str
    role: Role


class LoginResponse(WireModel):
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
    window_start: AwareDatetime
    window_end: AwareDatetime
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] = 30
    priority: Priority = Priority.NORMAL
    category: ShortText = ""
    problem: LongText = ""
    already_tried: LongText = ""
    business_impact: LongText = ""
    deadline: AwareDatetime | None = None
    skill_level: ShortText = ""
    incident_ref: ShortText = ""
    incident_summary: LongText = ""
    coordinator: ShortText = ""
    backup_technician: ShortText = ""
    follow_up_of: str | None = None


class VisitCreate(VisitFields):
    assignee: Username | None = None


class VisitUpdate(WireModel):
    """A supervisor's change to dispatch data; absent fields stay as they are."""

    assignee: Username | None = None
    window_start: AwareDatetime | None = None
    window_end: AwareDatetime | None = None
    priority: Priority | None = None
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None


class VisitCancel(WireModel):
    reason: LongText


class VisitPublic(VisitFields):
    id: str
    assignee: str | None
    status: VisitStatus
    cancel_reason: str | None = None
    updated_at: datetime


class VisitPage(WireModel):
    visits: list[VisitPublic]
    total: int
    offset: int
    limit: int


class EventIn(WireModel):
    """An event as the laptop recorded it; `id` is the idempotency key."""

    id: Annotated[str, Field(pattern=r"^[0-9a-fA-F-]{32,36}$")]
    visit_id: Annotated[str, Field(min_length=1, max_length=64)]
    type: EventType
    occurred_at: AwareDatetime
    payload: dict[str, Any] = Field(default_factory=dict)


class EventPublic(EventIn):
    author: str
    server_seq: int
    received_at: datetime


class Change(WireModel):
    """One entry of the change feed, oldest first by `seq`."""

    seq: int
    kind: Literal["visit", "event", "tombstone"]
    visit_id: str
    visit: VisitPublic | None = None
    event: EventPublic | None = None
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


class AttachmentReceipt(WireModel):
    sha256: str
    size: int
    created: bool


# --- supervisors: board, metrics, follow-ups, conflicts, dispatch preview, mail ------------
# (added for the supervisors' features; the models above are unchanged)


class BoardStatus(StrEnum):
    """A visit's state on the supervisors' board (overdue: window ended, still open)."""

    UPCOMING = "upcoming"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ESCALATED = "escalated"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


class BoardVisit(WireModel):
    id: str
    reference: str
    customer_name: str
    site: str
    building: str
    floor: str
    room: str
    window_start: datetime
    window_end: datetime
    estimated_minutes: int
    priority: Priority
    step: Step
    status: BoardStatus
    last_event_received_at: datetime | None = None


class BoardCounts(WireModel):
    """Over the technician's visits in the range (and site): `status` filters only the list."""

    total: int = 0
    upcoming: int = 0
    in_progress: int = 0
    completed: int = 0
    escalated: int = 0
    overdue: int = 0


class BoardTechnician(WireModel):
    technician: str
    full_name: str
    # The technician's last authenticated request ("unsynced since"); None: never.
    last_contact_at: datetime | None
    counts: BoardCounts
    visits: list[BoardVisit]


class BoardPage(WireModel):
    """Paginated over technicians (by full name, then username)."""

    date_from: date
    date_to: date
    technicians: list[BoardTechnician]
    total: int
    offset: int
    limit: int
    unassigned: int  # visits in the range with no technician
    server_time: datetime


class TimelineEntry(EventPublic):
    author_name: str  # the author's full name ('' if none recorded)


class TimelinePage(WireModel):
    visit: VisitPublic
    entries: list[TimelineEntry]
    total: int
    offset: int
    limit: int


class CareMetrics(WireModel):
    """Counts and rates over a date range; a rate is None when its denominator is 0.

    Visit counts are over the non-cancelled assigned visits whose window starts in the
    range; promise counts over the promises due in the range.
    """

    visits: int = 0
    arrived: int = 0
    completed: int = 0
    escalations: int = 0
    confirmed_in_advance: int = 0
    permission_recorded: int = 0
    resolution_demonstrated: int = 0
    demonstration_impossible: int = 0
    first_visit_resolution: int = 0
    promises_due: int = 0
    promises_kept: int = 0
    promises_kept_on_time: int = 0
    follow_up_calls_due: int = 0
    follow_up_calls_done: int = 0
    satisfaction_count: int = 0
    satisfaction_average: float | None = None
    low_ratings: int = 0
    confirmed_in_advance_rate: float | None = None  # / visits
    permission_recorded_rate: float | None = None  # / arrived
    resolution_demonstrated_rate: float | None = None  # / completed
    first_visit_resolution_rate: float | None = None  # / (completed + escalations)
    escalation_rate: float | None = None  # / (completed + escalations)
    promises_kept_on_time_rate: float | None = None  # / promises_due
    follow_up_calls_done_rate: float | None = None  # / follow_up_calls_due


class TechnicianMetrics(WireModel):
    technician: str
    full_name: str
    metrics: CareMetrics


class MetricsReport(WireModel):
    """The team's metrics and one page of technicians' (by full name, then username)."""

    date_from: date
    date_to: date
    team: CareMetrics
    technicians: list[TechnicianMetrics]
    total: int
    offset: int
    limit: int


class DailyPoint(WireModel):
    """One day for the charts: completions (by sign-off day), promises due that day."""

    day: date
    completions: int
    promises_due: int
    promises_kept_on_time: int
    promises_kept_on_time_rate: float | None
    satisfaction_average: float | None
    satisfaction_count: int


class DailyMetricsPage(WireModel):
    date_from: date
    date_to: date
    technician: str | None
    days: list[DailyPoint]
    total: int
    offset: int
    limit: int


class FollowUpStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class FollowUpPublic(WireModel):
    """A rating of 2 or less, to follow up until a supervisor closes it."""

    id: int
    visit_id: str
    reference: str
    customer_name: str
    technician: str | None
    satisfaction: int
    comment: str
    signed_off_at: datetime
    created_at: datetime
    status: FollowUpStatus
    closed_at: datetime | None = None
    closed_by: str | None = None
    note: str | None = None


class FollowUpPage(WireModel):
    items: list[FollowUpPublic]
    total: int
    offset: int
    limit: int


class FollowUpClose(WireModel):
    note: Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_no_nul)]


class ConflictStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class ConflictResolution(StrEnum):
    ACCEPT = "accept"
    DISMISS = "dismiss"


class ConflictPublic(WireModel):
    """An event a previous assignee pushed after the visit was reassigned."""

    id: int
    visit_id: str
    reference: str
    technician: str  # who recorded the event
    current_assignee: str | None
    event: EventIn
    message: str  # the sentence the technician was given
    created_at: datetime
    status: ConflictStatus
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    note: str | None = None
    server_seq: int | None = None  # once accepted into the visit's history


class ConflictPage(WireModel):
    conflicts: list[ConflictPublic]
    total: int
    offset: int
    limit: int


class ConflictResolve(WireModel):
    resolution: ConflictResolution
    note: LongText = ""


class DispatchPreviewRequest(WireModel):
    """Where a visit (or a new one of `estimated_minutes`) would go: who, and the new window."""

    visit_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    assignee: Username
    window_start: AwareDatetime
    window_end: AwareDatetime
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None


class DelayedVisit(WireModel):
    visit_id: str
    reference: str
    customer_name: str
    window_start: datetime
    window_end: datetime
    estimated_minutes: int
    start_before: datetime  # estimated start without the move
    start_after: datetime  # estimated start with it
    delay_minutes: int
    misses_window: bool  # the new estimated start is at or past the window's end


class DispatchPreview(WireModel):
    assignee: str
    day: date
    slot_start: datetime
    slot_end: datetime
    delayed: list[DelayedVisit]
    unaffected: int  # the day's other visits that keep their estimated start


class VisitImportResult(WireModel):
    created: int
    ids: list[str]


class MailStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class MailPublic(WireModel):
    id: int
    kind: str
    visit_id: str | None
    to: str
    subject: str
    attachment_name: str | None
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    last_error: str | None
    status: MailStatus


class MailPage(WireModel):
    messages: list[MailPublic]
    total: int
    offset: int
    limit: int
