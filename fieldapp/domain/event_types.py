"""The visit event types and the event record every side stores and replays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class EventType(StrEnum):
    """Every step of the desk visit (see docs/workflow.md) is one of these facts."""

    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    PERMISSION_GRANTED = "permission_granted"
    USER_BUSY = "user_busy"
    USER_ABSENT_URGENT = "user_absent_urgent"
    PERMISSION_DECLINED = "permission_declined"
    USER_ABSENT_NOTE_LEFT = "user_absent_note_left"
    USER_RETURNED = "user_returned"
    CLOSED_WITHOUT_REPAIR = "closed_without_repair"
    DIAGNOSED = "diagnosed"
    OPTIONS_OFFERED = "options_offered"
    OPTION_CHOSEN = "option_chosen"
    RESOLVED = "resolved"
    TAUGHT = "taught"
    TEACHING_DECLINED = "teaching_declined"
    ANYTHING_ELSE = "anything_else"
    PART_RETURNED = "part_returned"
    SIGNED_OFF = "signed_off"
    ESCALATED = "escalated"
    PROMISE_MADE = "promise_made"
    PROMISE_KEPT = "promise_kept"
    NOTE = "note"
    ATTACHMENT_ADDED = "attachment_added"
    DEPARTED = "departed"
    # A second technician joins the visit, or leaves it (fieldapp.domain.team).
    ASSISTANT_ADDED = "assistant_added"
    ASSISTANT_REMOVED = "assistant_removed"
    VISIT_OPENED = "visit_opened"
    REOPENED = "reopened"
    # Borrowed parts and loaned equipment (fieldapp.domain.equipment): a part taken from
    # other equipment, what became of one that cannot go back, a loan to the user and how
    # it ended.
    PART_BORROWED = "part_borrowed"
    PART_DISPOSED = "part_disposed"
    LOAN_MADE = "loan_made"
    LOAN_RETURNED = "loan_returned"
    LOAN_DISPOSED = "loan_disposed"
    ALREADY_TRIED_ADDED = "already_tried_added"
    # The visit names the user's device by its asset tag (fieldapp.domain.devices).
    DEVICE_ATTACHED = "device_attached"
    # The customer's loop (fieldapp.domain.customer): the user's answer on the confirmation
    # page, dispatch's answer to a request for another time, the technician's "on my way" /
    # "running late" message, and the end-of-day word to a user whose visit is not solved.
    USER_REPLIED = "user_replied"
    TIME_REQUEST_ANSWERED = "time_request_answered"
    ON_MY_WAY = "on_my_way"
    DAY_END_UPDATE = "day_end_update"


class Recorded(Protocol):
    """What folding an event into a visit's state reads: an Event, or an event as the feed
    decoded it (protocol.feed.FeedEvent), folded as it is rather than copied into an Event
    first (an initial sync folds tens of thousands)."""

    @property
    def id(self) -> str: ...

    @property
    def type(self) -> EventType: ...

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def payload(self) -> Mapping[str, Any]: ...

    @property
    def author(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Event:
    """One fact recorded on a visit. Never edited; only followed by newer events.

    Attributes:
        id: UUID made on the laptop when recorded; the idempotency key.
        visit_id: the visit it belongs to.
        type: what happened.
        occurred_at: laptop time, timezone-aware.
        payload: the type's fields, already validated by `validate_payload`.
        author: username of the technician who recorded it.
    """

    id: str
    visit_id: str
    type: EventType
    occurred_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    author: str = ""
