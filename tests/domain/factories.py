"""Builders shared by the domain tests: valid payloads, events, and a technician's walk."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fieldapp.domain import (
    Event,
    EventType,
    VisitState,
    WorkflowViolation,
    apply_event,
    check_event,
    validate_payload,
)

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
SHA = "0123456789abcdef" * 4
PART = "RAM stick from desk 4.12"
LOAN = "loan-1"  # the id of the loan_made event the loan probes name

AFTER_CLOSE = frozenset(
    {
        EventType.NOTE,
        EventType.ATTACHMENT_ADDED,
        EventType.PROMISE_MADE,
        EventType.PROMISE_KEPT,
        EventType.PART_RETURNED,
        EventType.ASSISTANT_REMOVED,
        EventType.PART_DISPOSED,
        EventType.LOAN_MADE,
        EventType.LOAN_RETURNED,
        EventType.LOAN_DISPOSED,
        EventType.DEVICE_ATTACHED,
    }
)
WORK_EVENTS = frozenset(
    {
        EventType.DIAGNOSED,
        EventType.OPTIONS_OFFERED,
        EventType.OPTION_CHOSEN,
        EventType.RESOLVED,
    }
)


def iso(when: datetime) -> str:
    return when.isoformat()


# The smallest payload each type accepts: only its required fields.
MINIMAL: dict[EventType, dict[str, Any]] = {
    EventType.CONFIRMED: {"channel": "email", "message": "Tomorrow 10:00, 30 min, ref INC-42."},
    EventType.ARRIVED: {"greeting_done": True},
    EventType.PERMISSION_GRANTED: {
        "granted_by": "Kyra",
        "explanation": "I will remove the virus and restart the PC.",
        "expected_minutes": 30,
    },
    EventType.USER_BUSY: {"return_at": iso(T0 + timedelta(hours=5)), "agreed_with": "Kyra"},
    EventType.USER_ABSENT_URGENT: {"reason": "Virus spreading on the floor; manager agreed."},
    EventType.PERMISSION_DECLINED: {"declined_by": "Kyra", "next_step": "another_time"},
    EventType.USER_ABSENT_NOTE_LEFT: {
        "desk_note": "IT support came by at 10:00 about INC-42 and will come back."
    },
    EventType.USER_RETURNED: {
        "returned": "Kyra",
        "explanation": "Told Kyra the adware is being removed; her files are untouched.",
    },
    EventType.CLOSED_WITHOUT_REPAIR: {
        "outcome": "no_fault_found",
        "explanation": "Printed three pages with Kyra watching; no fault found.",
    },
    EventType.DIAGNOSED: {
        "user_perspective": "Pop-ups everywhere, the PC is slow.",
        "source_category": "software",
        "findings": "Adware installed with a PDF tool.",
    },
    EventType.OPTIONS_OFFERED: {
        "options": [
            {"key": "quick", "description": "Clean the virus", "minutes": 30},
            {"key": "laptop", "description": "Set up the new laptop", "minutes": 120},
        ]
    },
    EventType.OPTION_CHOSEN: {"key": "quick"},
    EventType.RESOLVED: {
        "explanation": "Removed the adware; the PDF tool is replaced.",
        "demonstrated": True,
        "user_confirmed": True,
    },
    EventType.TAUGHT: {"topic": "Only install software from the company portal."},
    EventType.TEACHING_DECLINED: {},
    EventType.ANYTHING_ELSE: {"answer": False},
    EventType.PART_RETURNED: {"part": PART},
    EventType.SIGNED_OFF: {"summary": "Virus removed, shown working, user happy."},
    EventType.ESCALATED: {
        "reason": "The disk is failing; needs a replacement.",
        "team": "Hardware",
        "next_update_at": iso(T0 + timedelta(days=1)),
    },
    EventType.PROMISE_MADE: {
        "promise_id": "p-call",
        "kind": "call_back",
        "due_at": iso(T0 + timedelta(days=1)),
        "description": "Call Kyra to check the printer.",
    },
    EventType.PROMISE_KEPT: {"promise_id": "p-call"},
    EventType.NOTE: {"text": "Asked to fix a personal phone; declined politely."},
    EventType.ATTACHMENT_ADDED: {
        "sha256": SHA,
        "filename": "screen.png",
        "media_type": "image/png",
        "size": 1234,
        "kind": "screenshot",
    },
    EventType.DEPARTED: {"reason": "part_needed"},
    EventType.ASSISTANT_ADDED: {"username": "tony"},
    EventType.ASSISTANT_REMOVED: {"username": "tony"},
    EventType.VISIT_OPENED: {
        "how": "walk_up",
        "customer_name": "Ana at desk 4.13",
        "problem": "Her second screen stays black.",
    },
    EventType.REOPENED: {
        "reason": "The printer jams again the next morning.",
        "return_visit_id": "00000000-0000-4000-8000-00000000r001",
    },
    EventType.PART_BORROWED: {"part": PART, "whose": "Meeting room 4.12"},
    EventType.PART_DISPOSED: {"part": PART, "fate": "broken", "agreed_with": "Ana (room 4.12)"},
    EventType.LOAN_MADE: {
        "item": "Loaner laptop L-07",
        "lent_to": "Kyra",
        "whose": "IT loan pool",
        "due_at": iso(T0 + timedelta(days=3)),
    },
    EventType.LOAN_RETURNED: {"loan_id": LOAN},
    EventType.LOAN_DISPOSED: {"loan_id": LOAN, "fate": "kept_by_user", "agreed_with": "IT manager"},
    EventType.ALREADY_TRIED_ADDED: {"text": "Restarted the PC twice this morning."},
    EventType.USER_REPLIED: {"answer": "confirmed"},
    EventType.TIME_REQUEST_ANSWERED: {"accepted": False, "reason": "No technician is free then."},
    EventType.ON_MY_WAY: {"message": "Kyra from IT is on the way."},
    EventType.DAY_END_UPDATE: {
        "channel": "email",
        "message": "We are still working on your printer.",
        "next_step": "The part arrives tomorrow morning.",
    },
    EventType.DEVICE_ATTACHED: {"asset_tag": "IT-004211", "how": "scanner"},
}

# Every field each type knows, filled in.
FULL: dict[EventType, dict[str, Any]] = {
    EventType.CONFIRMED: {**MINIMAL[EventType.CONFIRMED], "confirmed_with": "Kyra"},
    EventType.ARRIVED: {"greeting_done": True, "late_notice_given": False},
    EventType.PERMISSION_GRANTED: MINIMAL[EventType.PERMISSION_GRANTED],
    EventType.USER_BUSY: MINIMAL[EventType.USER_BUSY],
    EventType.USER_ABSENT_URGENT: {
        **MINIMAL[EventType.USER_ABSENT_URGENT],
        "open_files_warned": True,
    },
    EventType.PERMISSION_DECLINED: {
        **MINIMAL[EventType.PERMISSION_DECLINED],
        "reason": "Working on the quarterly report; does not want anyone at her PC today.",
    },
    EventType.USER_ABSENT_NOTE_LEFT: MINIMAL[EventType.USER_ABSENT_NOTE_LEFT],
    EventType.USER_RETURNED: MINIMAL[EventType.USER_RETURNED],
    EventType.CLOSED_WITHOUT_REPAIR: {
        **MINIMAL[EventType.CLOSED_WITHOUT_REPAIR],
        "confirmed_by": "Kyra",
        "admin_logged_off": True,
        "note_left_on_desk": True,
    },
    EventType.DIAGNOSED: {
        **MINIMAL[EventType.DIAGNOSED],
        "resources_used": "",
        "borrowed_parts": [PART, "USB cable"],
        "out_of_order": "Printer on floor 4",
        "problem_since": "this_week",
        "shown_by_user": False,
        "not_shown_reason": "It only happens when the nightly backup runs.",
        "fix_used": "article:a1",
    },
    EventType.OPTIONS_OFFERED: MINIMAL[EventType.OPTIONS_OFFERED],
    EventType.OPTION_CHOSEN: {"key": "quick", "chosen_by": "Kyra"},
    EventType.RESOLVED: {
        **MINIMAL[EventType.RESOLVED],
        "demonstration_impossible_reason": "The user had to leave for a meeting.",
    },
    EventType.TAUGHT: MINIMAL[EventType.TAUGHT],
    EventType.TEACHING_DECLINED: {"comment": ""},
    EventType.ANYTHING_ELSE: {
        "answer": True,
        "request": "The printer jams too.",
        "handled_now": True,
        "new_visit_id": "00000000-0000-4000-8000-00000000f001",
    },
    EventType.PART_RETURNED: MINIMAL[EventType.PART_RETURNED],
    EventType.SIGNED_OFF: {
        **MINIMAL[EventType.SIGNED_OFF],
        "satisfaction": 5,
        "comment": "",
        "signature_sha256": SHA,
        "admin_logged_off": True,
        "note_left_on_desk": True,
        "parts_returned": True,
        "follow_up_call_at": iso(T0 + timedelta(days=2)),
    },
    EventType.ESCALATED: MINIMAL[EventType.ESCALATED],
    EventType.PROMISE_MADE: MINIMAL[EventType.PROMISE_MADE],
    EventType.PROMISE_KEPT: MINIMAL[EventType.PROMISE_KEPT],
    EventType.NOTE: {
        **MINIMAL[EventType.NOTE],
        "category": "out_of_scope",
        "answer_given": "IT does not support personal devices, sorry.",
    },
    EventType.ATTACHMENT_ADDED: MINIMAL[EventType.ATTACHMENT_ADDED],
    EventType.DEPARTED: {
        "reason": "part_needed",
        "note": "A power supply from the store room.",
        "return_at": iso(T0 + timedelta(hours=2)),
        "agreed_with": "Kyra",
        "admin_logged_off": True,
        "note_left_on_desk": True,
    },
    EventType.ASSISTANT_ADDED: {"username": "tony", "reason": "Two people to carry the printer."},
    EventType.ASSISTANT_REMOVED: {"username": "tony", "reason": ""},
    EventType.VISIT_OPENED: {
        **MINIMAL[EventType.VISIT_OPENED],
        "opened_from": "visit-0",
        "contact_phone": "+44 20 7946 0000",
        "contact_email": "ana@example.org",
        "contact_extension": "4413",
        "site": "HQ",
        "building": "B",
        "floor": "4",
        "room": "4.13",
        "window_start": iso(T0),
        "window_end": iso(T0 + timedelta(hours=1)),
    },
    EventType.REOPENED: MINIMAL[EventType.REOPENED],
    EventType.PART_BORROWED: {**MINIMAL[EventType.PART_BORROWED], "note": "Same model."},
    EventType.PART_DISPOSED: {**MINIMAL[EventType.PART_DISPOSED], "note": "Pins bent."},
    EventType.LOAN_MADE: {**MINIMAL[EventType.LOAN_MADE], "note": "Charger included."},
    EventType.LOAN_RETURNED: MINIMAL[EventType.LOAN_RETURNED],
    EventType.LOAN_DISPOSED: {**MINIMAL[EventType.LOAN_DISPOSED], "note": "Old model."},
    EventType.ALREADY_TRIED_ADDED: MINIMAL[EventType.ALREADY_TRIED_ADDED],
    EventType.USER_REPLIED: {
        "answer": "another_time",
        "proposed_times": [iso(T0 + timedelta(days=1)), iso(T0 + timedelta(days=2))],
        "note": "I am in meetings all morning.",
    },
    EventType.TIME_REQUEST_ANSWERED: {
        "accepted": True,
        "reason": "Kyra is free then.",
        "window_start": iso(T0 + timedelta(days=1)),
    },
    EventType.ON_MY_WAY: {"message": "Running 15 minutes late.", "late_minutes": 15},
    EventType.DAY_END_UPDATE: MINIMAL[EventType.DAY_END_UPDATE],
    EventType.DEVICE_ATTACHED: {
        **MINIMAL[EventType.DEVICE_ATTACHED],
        "hostname": "PC-ACCT-07",
        "serial": "5CG1234XYZ",
        "model": "EliteBook 840 G8",
        "owner": "Mary Smith",
    },
}

_ids = itertools.count(1)


def new_id() -> str:
    return f"00000000-0000-4000-8000-{next(_ids):012d}"


def make_event(
    kind: EventType,
    payload: Mapping[str, Any] | None = None,
    *,
    at: datetime = T0,
    event_id: str | None = None,
) -> Event:
    """An event with a validated payload (MINIMAL[kind] unless one is given)."""
    cleaned = validate_payload(kind, MINIMAL[kind] if payload is None else payload)
    return Event(
        id=event_id or new_id(),
        visit_id="visit-1",
        type=kind,
        occurred_at=at,
        payload=cleaned,
        author="jb",
    )


def refusal(
    state: VisitState, event: Event, *, check_only: bool = False
) -> WorkflowViolation | None:
    """The violation `event` meets in `state` (apply_event, or check_event), else None."""
    try:
        if check_only:
            check_event(state, event)
        else:
            apply_event(state, event)
    except WorkflowViolation as violation:
        return violation
    return None


class Walk:
    """A technician walking a visit: accepted events are kept, refusals leave no trace."""

    def __init__(self, start: datetime = T0) -> None:
        self.state = VisitState()
        self.events: list[Event] = []
        self.clock = start

    def event(self, kind: EventType, payload: Mapping[str, Any] | None, /, **fields: Any) -> Event:
        if fields:
            payload = {**(MINIMAL[kind] if payload is None else payload), **fields}
        return make_event(kind, payload, at=self.clock)

    def do(
        self,
        kind: EventType,
        payload: Mapping[str, Any] | None = None,
        /,
        *,
        minutes: int = 5,
        **fields: Any,
    ) -> Event:
        """Record `kind` `minutes` after the previous event; fail the test if refused."""
        self.clock += timedelta(minutes=minutes)
        event = self.event(kind, payload, **fields)
        self.state = apply_event(self.state, event)
        self.events.append(event)
        return event

    def refused(
        self, kind: EventType, payload: Mapping[str, Any] | None = None, /, **fields: Any
    ) -> WorkflowViolation:
        """Assert `kind` is refused now, with an untouched state; return the violation."""
        before = self.state
        event = self.event(kind, payload, **fields)
        with pytest.raises(WorkflowViolation) as info:
            apply_event(self.state, event)
        assert self.state is before
        violation = info.value
        assert violation.code
        assert violation.message.endswith(".")
        return violation

    # --- the steps of the desk visit, in order ---------------------------------------------

    def confirmed(self) -> Walk:
        self.do(EventType.CONFIRMED)
        return self

    def arrived(self) -> Walk:
        self.confirmed().do(EventType.ARRIVED)
        return self

    def working(self) -> Walk:
        self.arrived().do(EventType.PERMISSION_GRANTED)
        return self

    def diagnosed(self, *parts: str) -> Walk:
        self.working().do(EventType.DIAGNOSED, borrowed_parts=list(parts))
        return self

    def resolved(self, **fields: Any) -> Walk:
        self.diagnosed().do(EventType.RESOLVED, **fields)
        return self
