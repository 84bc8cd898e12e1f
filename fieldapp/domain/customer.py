"""The customer's loop: the user's answer to the confirmation, dispatch's answer to a request
for another time, "on my way" / "running late", and the end-of-day word to the user.

The user answers on a page the confirmation e-mail links to (fieldapp.server.customer_page):
they confirm, or ask for another time (up to MAX_PROPOSED times and a note). The server
records that as a `user_replied` event authored by USER_AUTHOR, so it reaches the visit's
team through the feed like any event. A supervisor accepts the request (the visit is moved to
the asked time) or declines it with a reason mailed to the user (`time_request_answered`).
The technician tells the user they are on the way or running late (`on_my_way`, mailed),
and at the end of the day says where an unsolved visit stands and what comes next
(`day_end_update`, mailed when the channel is e-mail).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.domain.errors import InvalidEvent, WorkflowViolation
from fieldapp.domain.event_types import Event, EventType, Recorded
from fieldapp.domain.fields import (
    MAX_SHORT,
    MAX_TEXT,
    PayloadSpec,
    boolean,
    choice,
    fail,
    int_range,
    text,
    when,
)
from fieldapp.domain.payloads_visit import CONFIRM_CHANNELS
from fieldapp.domain.state import TimeRequest, VisitState
from fieldapp.domain.words import QT_TRANSLATE_NOOP

# Who a user_replied event is by: no username has an "@" first, so it is never a colleague.
USER_AUTHOR = "@user"
CONFIRMED_BY_USER = "confirmed"
ANOTHER_TIME = "another_time"
USER_ANSWERS = (CONFIRMED_BY_USER, ANOTHER_TIME)
MAX_PROPOSED = 3
MAX_NOTE = 2000  # the page's note: a few sentences, not a document
MAX_LATE_MINUTES = 600
CUSTOMER_EVENTS = frozenset(
    {
        EventType.USER_REPLIED,
        EventType.TIME_REQUEST_ANSWERED,
        EventType.ON_MY_WAY,
        EventType.DAY_END_UPDATE,
    }
)


def _proposed(name: str, value: object) -> object:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PROPOSED:
        raise fail(name, f"must list from 1 to {MAX_PROPOSED} times")
    return [when(f"{name}[{i}]", item) for i, item in enumerate(value)]


SPECS: dict[EventType, PayloadSpec] = {
    EventType.USER_REPLIED: {
        "answer": (choice(USER_ANSWERS), True),
        "proposed_times": (_proposed, False),
        "note": (text(MAX_NOTE, allow_empty=True), False),
    },
    EventType.TIME_REQUEST_ANSWERED: {
        "accepted": (boolean, True),
        # what the user is told: why not (declined), or a word on the move (accepted)
        "reason": (text(MAX_TEXT), True),
        # where the visit moved to (accepted)
        "window_start": (when, False),
    },
    EventType.ON_MY_WAY: {
        # 0 or absent: on my way, on time; more: running late by that many minutes
        "late_minutes": (int_range(0, MAX_LATE_MINUTES), False),
        "message": (text(MAX_TEXT), True),
    },
    EventType.DAY_END_UPDATE: {
        "channel": (choice(CONFIRM_CHANNELS), True),
        "message": (text(MAX_TEXT), True),
        "next_step": (text(MAX_SHORT), True),
    },
}


def check_across(event_type: EventType, cleaned: Mapping[str, Any]) -> None:
    """The rules that tie the loop's fields together; raise InvalidEvent if one is broken."""
    if event_type is EventType.USER_REPLIED:
        asks = cleaned["answer"] == ANOTHER_TIME
        if asks and "proposed_times" not in cleaned:
            raise InvalidEvent(
                "invalid_payload",
                QT_TRANSLATE_NOOP("Rules", "A request for another time needs at least one time."),
            )
    if (
        event_type is EventType.TIME_REQUEST_ANSWERED
        and cleaned["accepted"]
        and "window_start" not in cleaned
    ):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP("Rules", "An accepted request names the time the visit moved to."),
        )


def check(state: VisitState, event: Event) -> None:
    """Raise WorkflowViolation if the loop's event cannot follow now (closed and cancelled
    visits are refused before this, by the workflow's rules)."""
    kind = event.type
    if kind is EventType.TIME_REQUEST_ANSWERED and state.time_request is None:
        raise WorkflowViolation(
            "no_time_request",
            QT_TRANSLATE_NOOP(
                "Rules", "The user has no request for another time waiting on this visit."
            ),
        )
    if kind is EventType.ON_MY_WAY and event.author in state.present:
        raise WorkflowViolation(
            "already_on_site",
            QT_TRANSLATE_NOOP(
                "Rules", "You are already at the desk; the user knows you are there."
            ),
        )


def fold(state: VisitState, event: Recorded) -> None:
    """Apply one of the loop's events to `state` in place."""
    payload = event.payload
    if event.type is EventType.USER_REPLIED:
        if payload["answer"] == CONFIRMED_BY_USER:
            state.user_confirmed_at = event.occurred_at
            state.time_request = None
        else:
            state.user_confirmed_at = None
            state.time_request = TimeRequest(
                event_id=event.id,
                asked_at=event.occurred_at,
                proposed_times=tuple(payload["proposed_times"]),
                note=str(payload.get("note", "")),
            )
    elif event.type is EventType.TIME_REQUEST_ANSWERED:
        state.time_request = None
        if payload["accepted"]:
            # the visit moved to a time the user asked for: they have agreed to it
            state.user_confirmed_at = event.occurred_at
    elif event.type is EventType.ON_MY_WAY:
        state.on_my_way_at = event.occurred_at
    elif event.type is EventType.DAY_END_UPDATE:
        state.user_updated_at = event.occurred_at
