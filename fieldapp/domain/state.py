"""A visit's state as the rules see it, derived from its events: its step and its promises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from fieldapp.domain.event_types import EventType


class Step(StrEnum):
    """Where a visit stands, as a technician or supervisor would say it."""

    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    AWAITING_RETURN = "awaiting_return"
    WORKING = "working"
    DIAGNOSED = "diagnosed"
    CHOOSING = "choosing"
    RESOLVED = "resolved"
    COMPLETED = "completed"
    ESCALATED = "escalated"
    DECLINED = "declined"
    CLOSED_WITHOUT_REPAIR = "closed_without_repair"
    CANCELLED = "cancelled"


# The steps and permissions `step` names, as module globals: reading a member off an enum
# class goes through EnumType.__getattr__ (Python 3.11), about 150 ns, a global about 10
# (an initial sync works out the step of every visit of the round).
_CANCELLED = Step.CANCELLED
_COMPLETED = Step.COMPLETED
_ESCALATED = Step.ESCALATED
_DECLINED = Step.DECLINED
_CLOSED_WITHOUT_REPAIR = Step.CLOSED_WITHOUT_REPAIR
_AWAITING_RETURN = Step.AWAITING_RETURN
_RESOLVED = Step.RESOLVED
_CHOOSING = Step.CHOOSING
_DIAGNOSED = Step.DIAGNOSED
_WORKING = Step.WORKING
_ARRIVED = Step.ARRIVED
_CONFIRMED = Step.CONFIRMED
_SCHEDULED = Step.SCHEDULED
_WORK_PERMISSIONS = (EventType.PERMISSION_GRANTED, EventType.USER_ABSENT_URGENT)
# Permission outcomes after which the technician leaves the desk and the visit waits for them.
_LEFT_TO_COME_BACK = frozenset(
    {EventType.USER_BUSY, EventType.USER_ABSENT_NOTE_LEFT, EventType.PERMISSION_DECLINED}
)


@dataclass(slots=True)
class Promise:
    """A time the technician committed to; open until an event keeps it."""

    id: str
    kind: str
    due_at: datetime
    description: str
    made_at: datetime
    kept_at: datetime | None = None
    # A description the app wrote (not the technician's words) keeps its template and values
    # apart, so a screen can translate it ("Promises" context); empty: say `description`.
    template: str = field(default="", compare=False)
    values: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def kept_on_time(self) -> bool:
        return self.kept_at is not None and self.kept_at <= self.due_at


@dataclass(frozen=True, slots=True)
class TimeRequest:
    """The user asked for another time on the confirmation page (fieldapp.domain.customer);
    waiting for dispatch's answer. `proposed_times`: ISO 8601, as the user gave them."""

    event_id: str
    asked_at: datetime
    proposed_times: tuple[str, ...]
    note: str


@dataclass(slots=True)
class VisitState:
    """Everything the rules need to know about a visit, derived from its events alone."""

    cancelled: bool = False
    confirmed_at: datetime | None = None
    arrived_at: datetime | None = None  # when the current (or last) trip began
    # Who is at the desk now (usernames): each technician arrives and departs on their own.
    present: frozenset[str] = frozenset()
    trips: int = 0  # arrivals with nobody else at the desk: each starts a trip
    # Why the last trip ended in a departure (fieldapp.domain.events.DEPARTURE_REASONS),
    # while the visit waits for the technician to come back; None otherwise.
    away_reason: str | None = None
    permission: EventType | None = None
    user_absent: bool = False
    diagnosed: bool = False
    source_category: str | None = None
    borrowed_parts: list[str] = field(default_factory=list)
    # Loans to the user not back yet: the loan_made event's id -> the item (domain.equipment).
    loans: dict[str, str] = field(default_factory=dict)
    options: dict[str, int] = field(default_factory=dict)
    chosen_option: str | None = None
    resolved: bool = False
    demonstrated: bool = False
    demonstration_impossible_reason: str | None = None
    taught: bool | None = None
    anything_else: bool | None = None
    signed_off: bool = False
    satisfaction: int | None = None
    escalated: bool = False
    declined: bool = False  # closed because the user refused the technician their machine
    # Closed with no repair at the desk: the outcome (fieldapp.domain.events.NO_REPAIR_OUTCOMES).
    no_repair: str | None = None
    # Opened by a technician (walk-up, anything else handled now, reopened): how, and the
    # visit it came from; None for a dispatched visit.
    opened_how: str | None = None
    opened_from: str | None = None
    # A signed-off visit reopened because the fix failed: the linked return visit's id.
    reopened_as: str | None = None
    promises: dict[str, Promise] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    # Assisting technicians' usernames, in the order they joined (fieldapp.domain.team).
    assistants: list[str] = field(default_factory=list)
    # What the user already tried, as the technician added it to dispatch's text, in order.
    already_tried_added: list[str] = field(default_factory=list)
    # The customer's loop (fieldapp.domain.customer): the user confirmed on the page (or
    # dispatch moved the visit to the time they asked for); their request for another time
    # waiting for dispatch; the last "on my way" and the last end-of-day word to the user.
    user_confirmed_at: datetime | None = None
    time_request: TimeRequest | None = None
    on_my_way_at: datetime | None = None
    user_updated_at: datetime | None = None
    # The asset tag of the user's device the visit names (its latest device_attached).
    device: str | None = None
    event_count: int = 0
    last_event_at: datetime | None = None

    @property
    def on_site(self) -> bool:
        """Someone is at the desk."""
        return bool(self.present)

    @property
    def work_allowed(self) -> bool:
        return self.on_site and self.permission in _WORK_PERMISSIONS

    @property
    def closed(self) -> bool:
        return self.signed_off or self.escalated or self.declined or self.no_repair is not None

    @property
    def open_promises(self) -> list[Promise]:
        return sorted(
            (p for p in self.promises.values() if p.kept_at is None), key=lambda p: p.due_at
        )

    @property
    def step(self) -> Step:
        if self.cancelled:
            return _CANCELLED
        if self.signed_off:
            return _COMPLETED
        if self.escalated:
            return _ESCALATED
        if self.declined:
            return _DECLINED
        if self.no_repair is not None:
            return _CLOSED_WITHOUT_REPAIR
        if self.away_reason is not None and not self.on_site:
            # Left for now, whatever was done: what comes next is the technician's return.
            return _AWAITING_RETURN
        if self.resolved:
            return _RESOLVED
        if self.options and self.chosen_option is None:
            return _CHOOSING
        if self.diagnosed and self.work_allowed:
            return _DIAGNOSED
        if self.work_allowed:
            return _WORKING
        if self.on_site:
            return _ARRIVED
        if self.permission in _LEFT_TO_COME_BACK:
            return _AWAITING_RETURN
        if self.confirmed_at is not None:
            return _CONFIRMED
        return _SCHEDULED
