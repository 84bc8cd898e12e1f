"""The wire schema the laptop and the server share: pydantic models of every request and answer."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from fieldapp import __version__
from fieldapp.domain.events import EventType

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
