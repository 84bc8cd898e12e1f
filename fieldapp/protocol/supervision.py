"""Supervisors' models: visit dispatch, board, timeline, follow-ups, conflict decisions, mail."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from fieldapp.domain.state import Step
from fieldapp.protocol.common import Answer, Instant, LongText, StorableText, Username, WireModel
from fieldapp.protocol.enums import Level, Priority
from fieldapp.protocol.sync import EventPublic, VisitFields, VisitPublic


class VisitCreate(VisitFields):
    assignee: Username | None = None


class VisitUpdate(WireModel):
    """A supervisor's change to dispatch data; absent fields stay as they are."""

    assignee: Username | None = None
    window_start: Instant | None = None
    window_end: Instant | None = None
    priority: Priority | None = None  # only if it is what impact, urgency and VIP give
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None
    impact: Level | None = None
    urgency: Level | None = None
    vip: bool | None = None


class VisitCancel(WireModel):
    reason: LongText


class VisitReopen(WireModel):
    """A supervisor reopens a signed-off visit whose fix failed, as a linked return visit:
    for the same technician unless `assignee` names another; next working day unless a
    window is given."""

    reason: Annotated[LongText, Field(min_length=1)]
    assignee: Username | None = None
    window_start: Instant | None = None
    window_end: Instant | None = None


class VisitPage(Answer):
    visits: list[VisitPublic]
    total: int
    offset: int
    limit: int
    # Supervisors' lists: the usernames assisting on each visit of the page that has any.
    assistants: dict[str, list[str]] = Field(default_factory=dict)


class BoardStatus(StrEnum):
    """A visit's state on the supervisors' board (overdue: window ended, still open)."""

    UPCOMING = "upcoming"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ESCALATED = "escalated"
    DECLINED = "declined"  # closed because the user refused the technician their machine
    NO_REPAIR = "no_repair"  # closed with no repair at the desk (remotely, already fixed...)
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


class BoardVisit(Answer):
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
    # The user was busy: when the technician agreed to come back (None otherwise).
    return_at: datetime | None = None
    vip: bool = False  # the priority's explicit override, shown as "Critical (VIP)"


class BoardCounts(Answer):
    """Over the technician's visits in the range (and site): `status` filters only the list."""

    total: int = 0
    upcoming: int = 0
    in_progress: int = 0
    completed: int = 0
    escalated: int = 0
    declined: int = 0
    no_repair: int = 0
    overdue: int = 0


class BoardTechnician(Answer):
    technician: str
    full_name: str
    # The technician's last authenticated request ("unsynced since"); None: never.
    last_contact_at: datetime | None
    counts: BoardCounts
    visits: list[BoardVisit]


class TechnicianPublic(Answer):
    """An active technician, as dispatch lists them."""

    username: str
    full_name: str
    # The technician's last authenticated request ("unsynced since"); None: never.
    last_contact_at: datetime | None


class TechnicianPage(Answer):
    """Active technicians by full name, then username."""

    technicians: list[TechnicianPublic]
    total: int
    offset: int
    limit: int


class BoardPage(Answer):
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


class TripPublic(Answer):
    """One trip to the desk (fieldapp.domain.time_on_task): from the first arrival to the
    last technician there leaving; a trip still going counts to the visit's last event."""

    number: int
    arrived_at: datetime
    left_at: datetime | None = None  # None: someone is still at the desk
    ended_by: str | None = None  # the event type that ended it
    reason: str | None = None  # the departure's reason, when a departure ended it
    minutes: int
    technicians: list[str]


class TimelinePage(Answer):
    visit: VisitPublic
    entries: list[TimelineEntry]
    total: int
    offset: int
    limit: int
    # The visit's trips and its time on site over all of them (whole, whatever the page).
    trips: list[TripPublic] = Field(default_factory=list)
    on_site_minutes: int = 0


class FollowUpStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class FollowUpPublic(Answer):
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


class FollowUpPage(Answer):
    items: list[FollowUpPublic]
    total: int
    offset: int
    limit: int


class FollowUpClose(WireModel):
    note: Annotated[StorableText, Field(min_length=1, max_length=20_000)]


class ConflictResolution(StrEnum):
    ACCEPT = "accept"
    DISMISS = "dismiss"


class ConflictResolve(WireModel):
    resolution: ConflictResolution
    note: LongText = ""


class DispatchPreviewRequest(WireModel):
    """Where a visit (or a new one of `estimated_minutes`) would go: who, and the new window."""

    visit_id: Annotated[StorableText, Field(min_length=1, max_length=64)] | None = None
    assignee: Username
    window_start: Instant
    window_end: Instant
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None


class DelayedVisit(Answer):
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


class DispatchPreview(Answer):
    assignee: str
    day: date
    slot_start: datetime
    slot_end: datetime
    delayed: list[DelayedVisit]
    unaffected: int  # the day's other visits that keep their estimated start


class VisitImportResult(Answer):
    created: int
    ids: list[str]


class MailStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class MailPublic(Answer):
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


class MailPage(Answer):
    messages: list[MailPublic]
    total: int
    offset: int
    limit: int


class AssistantAdd(WireModel):
    """A supervisor adds a technician to a visit's team, beside its holder."""

    username: Username
    reason: LongText = ""


class TeamMember(Answer):
    """An assisting technician: who, since when, and who added them."""

    username: str
    full_name: str
    added_at: datetime
    added_by: str


class VisitTeam(Answer):
    """Who works on a visit: its holder (dispatch's assignee) and its assistants, in the
    order they joined."""

    visit_id: str
    holder: str | None
    assistants: list[TeamMember]
