"""The workflow rules: which event may follow which, and a visit's state derived from its events."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from fieldapp.domain.errors import WorkflowViolation
from fieldapp.domain.events import Event, EventType


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
    CANCELLED = "cancelled"


@dataclass(slots=True)
class Promise:
    """A time the technician committed to; open until an event keeps it."""

    id: str
    kind: str
    due_at: datetime
    description: str
    made_at: datetime
    kept_at: datetime | None = None

    @property
    def kept_on_time(self) -> bool:
        return self.kept_at is not None and self.kept_at <= self.due_at


# Events allowed once a visit is closed (signed off or escalated): they add to the record
# without reopening the work. A part borrowed before an escalation stays tracked until it is
# returned, so its return is recorded after the close too.
_AFTER_CLOSE = frozenset(
    {
        EventType.NOTE,
        EventType.ATTACHMENT_ADDED,
        EventType.PROMISE_MADE,
        EventType.PROMISE_KEPT,
        EventType.PART_RETURNED,
    }
)
_NEEDS_WORK_ALLOWED = frozenset(
    {
        EventType.DIAGNOSED,
        EventType.OPTIONS_OFFERED,
        EventType.OPTION_CHOSEN,
        EventType.RESOLVED,
    }
)
_PERMISSION_OUTCOMES = frozenset(
    {EventType.PERMISSION_GRANTED, EventType.USER_BUSY, EventType.USER_ABSENT_URGENT}
)


@dataclass(slots=True)
class VisitState:
    """Everything the rules need to know about a visit, derived from its events alone."""

    cancelled: bool = False
    confirmed_at: datetime | None = None
    arrived_at: datetime | None = None
    on_site: bool = False
    permission: EventType | None = None
    user_absent: bool = False
    diagnosed: bool = False
    source_category: str | None = None
    borrowed_parts: list[str] = field(default_factory=list)
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
    promises: dict[str, Promise] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    event_count: int = 0
    last_event_at: datetime | None = None

    @property
    def work_allowed(self) -> bool:
        return self.on_site and self.permission in (
            EventType.PERMISSION_GRANTED,
            EventType.USER_ABSENT_URGENT,
        )

    @property
    def closed(self) -> bool:
        return self.signed_off or self.escalated

    @property
    def open_promises(self) -> list[Promise]:
        return sorted(
            (p for p in self.promises.values() if p.kept_at is None), key=lambda p: p.due_at
        )

    @property
    def step(self) -> Step:
        if self.cancelled:
            return Step.CANCELLED
        if self.signed_off:
            return Step.COMPLETED
        if self.escalated:
            return Step.ESCALATED
        if self.resolved:
            return Step.RESOLVED
        if self.options and self.chosen_option is None:
            return Step.CHOOSING
        if self.diagnosed and self.work_allowed:
            return Step.DIAGNOSED
        if self.work_allowed:
            return Step.WORKING
        if self.on_site:
            return Step.ARRIVED
        if self.permission is EventType.USER_BUSY:
            return Step.AWAITING_RETURN
        if self.confirmed_at is not None:
            return Step.CONFIRMED
        return Step.SCHEDULED


def _refuse(code: str, message: str) -> WorkflowViolation:
    return WorkflowViolation(code, message)


def check_event(state: VisitState, event: Event) -> None:
    """Raise WorkflowViolation if the rules do not allow `event` as the visit's next event.

    The payload is assumed valid (see `validate_payload`); this checks order and gates.
    """
    kind = event.type
    payload = event.payload
    if state.cancelled:
        raise _refuse(
            "visit_cancelled",
            "Dispatch cancelled this visit, so nothing more can be recorded on it.",
        )
    if state.closed and kind not in _AFTER_CLOSE:
        done = "signed off" if state.signed_off else "escalated"
        raise _refuse(
            "visit_closed",
            f"This visit is already {done}; only notes, attachments, promises and returned "
            "parts can be added.",
        )
    if kind is EventType.CONFIRMED and state.on_site:
        raise _refuse("already_on_site", "You are already at the desk; confirm before arriving.")
    if kind is EventType.ARRIVED and state.on_site:
        raise _refuse("already_arrived", "You have already checked in at this visit.")
    if kind in _PERMISSION_OUTCOMES:
        if not state.on_site:
            raise _refuse("arrival_required", "Check in at the desk before asking for permission.")
        if state.permission is not None:
            raise _refuse(
                "permission_already_recorded",
                "Permission has already been recorded for this arrival.",
            )
    if kind in _NEEDS_WORK_ALLOWED and not state.work_allowed:
        raise _refuse(
            "permission_required",
            "Ask the user's permission to use their machine before diagnosing or fixing it.",
        )
    if kind is EventType.OPTIONS_OFFERED and not state.diagnosed:
        raise _refuse("diagnosis_required", "Diagnose the problem before offering choices.")
    if kind is EventType.OPTION_CHOSEN:
        if not state.options:
            raise _refuse("no_options", "Offer the choices before recording which one was chosen.")
        if payload["key"] not in state.options:
            raise _refuse("unknown_option", "The chosen option is not one of those offered.")
    if kind is EventType.RESOLVED:
        if not state.diagnosed:
            raise _refuse("diagnosis_required", "Record the diagnosis before the resolution.")
        if state.options and state.chosen_option is None:
            raise _refuse(
                "option_not_chosen",
                "The user has not chosen between the options offered yet.",
            )
    if kind in (EventType.TAUGHT, EventType.TEACHING_DECLINED):
        if not state.resolved:
            raise _refuse("resolution_required", "Resolve the problem before teaching about it.")
        if state.taught is not None:
            raise _refuse("teaching_already_recorded", "Teaching was already offered.")
    if kind is EventType.ANYTHING_ELSE and not state.resolved:
        raise _refuse(
            "resolution_required", "Resolve this problem before asking if there is anything else."
        )
    if kind is EventType.PART_RETURNED and payload["part"] not in state.borrowed_parts:
        raise _refuse("part_not_borrowed", "That part is not on the list of borrowed parts.")
    if kind is EventType.SIGNED_OFF:
        _check_sign_off(state, event)
    if kind is EventType.PROMISE_MADE and payload["promise_id"] in state.promises:
        raise _refuse("promise_exists", "A promise with this id was already made.")
    if kind is EventType.PROMISE_KEPT:
        promise = state.promises.get(payload["promise_id"])
        if promise is None:
            raise _refuse("promise_unknown", "There is no such promise on this visit.")
        if promise.kept_at is not None:
            raise _refuse("promise_already_kept", "This promise has already been kept.")


def _check_sign_off(state: VisitState, event: Event) -> None:
    payload = event.payload
    if not state.resolved:
        raise _refuse(
            "resolution_required",
            "Record the resolution before sign-off; if it cannot be fixed now, escalate.",
        )
    if not state.demonstrated and not state.demonstration_impossible_reason:
        raise _refuse(
            "demonstration_required",
            "Show the user it works (or record why that was impossible) before sign-off.",
        )
    if state.user_absent and not (
        payload.get("admin_logged_off") and payload.get("note_left_on_desk")
    ):
        raise _refuse(
            "absent_user_checks",
            "The user was absent: log the admin account off and leave a note on the desk "
            "before sign-off.",
        )
    if state.borrowed_parts and not payload.get("parts_returned"):
        raise _refuse(
            "parts_not_returned",
            "Return the borrowed parts (" + ", ".join(state.borrowed_parts) + ") before sign-off.",
        )


def _add_promise(state: VisitState, event: Event, kind: str, due: str, text: str) -> None:
    state.promises[event.id] = Promise(
        id=event.id,
        kind=kind,
        due_at=datetime.fromisoformat(due),
        description=text,
        made_at=event.occurred_at,
    )


def _reopen(state: VisitState) -> None:
    """New diagnosis or choice work: an earlier resolution and its demonstration no longer
    cover it, so sign-off waits for a new resolution (and demonstration)."""
    state.resolved = False
    state.demonstrated = False
    state.demonstration_impossible_reason = None


def _fold(state: VisitState, event: Event) -> None:
    """Apply `event` to `state` in place, without checking the rules."""
    payload = event.payload
    kind = event.type
    at = event.occurred_at
    state.event_count += 1
    state.last_event_at = at
    if kind is EventType.CONFIRMED:
        state.confirmed_at = at
    elif kind is EventType.ARRIVED:
        state.on_site = True
        state.arrived_at = at
        state.permission = None
        for promise in state.promises.values():
            if promise.kind == "return_visit" and promise.kept_at is None:
                promise.kept_at = at
    elif kind is EventType.PERMISSION_GRANTED:
        state.permission = kind
    elif kind is EventType.USER_BUSY:
        state.permission = kind
        state.on_site = False
        _add_promise(
            state, event, "return_visit", payload["return_at"], "Come back at the agreed time"
        )
    elif kind is EventType.USER_ABSENT_URGENT:
        state.permission = kind
        state.user_absent = True
    elif kind is EventType.DIAGNOSED:
        _reopen(state)
        state.diagnosed = True
        state.source_category = payload["source_category"]
        for part in payload.get("borrowed_parts", ()):
            if part not in state.borrowed_parts:
                state.borrowed_parts.append(part)
    elif kind is EventType.OPTIONS_OFFERED:
        _reopen(state)
        state.options = {o["key"]: o["minutes"] for o in payload["options"]}
        state.chosen_option = None
    elif kind is EventType.OPTION_CHOSEN:
        _reopen(state)
        state.chosen_option = payload["key"]
    elif kind is EventType.RESOLVED:
        state.resolved = True
        state.demonstrated = bool(payload["demonstrated"] and payload["user_confirmed"])
        state.demonstration_impossible_reason = payload.get("demonstration_impossible_reason")
    elif kind in (EventType.TAUGHT, EventType.TEACHING_DECLINED):
        state.taught = kind is EventType.TAUGHT
    elif kind is EventType.ANYTHING_ELSE:
        state.anything_else = bool(payload["answer"])
    elif kind is EventType.PART_RETURNED:
        if payload["part"] in state.borrowed_parts:
            state.borrowed_parts.remove(payload["part"])
    elif kind is EventType.SIGNED_OFF:
        state.signed_off = True
        state.on_site = False
        state.satisfaction = payload.get("satisfaction")
        if payload.get("parts_returned"):
            state.borrowed_parts.clear()
        if "follow_up_call_at" in payload:
            _add_promise(
                state, event, "follow_up_call", payload["follow_up_call_at"], "Follow-up call"
            )
    elif kind is EventType.ESCALATED:
        state.escalated = True
        state.on_site = False
        _add_promise(
            state,
            event,
            "next_update",
            payload["next_update_at"],
            f"Next update on the escalation to {payload['team']}",
        )
    elif kind is EventType.PROMISE_MADE:
        state.promises[payload["promise_id"]] = Promise(
            id=payload["promise_id"],
            kind=payload["kind"],
            due_at=datetime.fromisoformat(payload["due_at"]),
            description=payload["description"],
            made_at=at,
        )
    elif kind is EventType.PROMISE_KEPT:
        kept = state.promises.get(payload["promise_id"])
        if kept is not None and kept.kept_at is None:
            kept.kept_at = at
    elif kind is EventType.ATTACHMENT_ADDED:
        state.attachments.append(payload["sha256"])


def apply_event(state: VisitState, event: Event) -> VisitState:
    """Check `event` against the rules and return the state after it; `state` is untouched.

    Raises:
        WorkflowViolation: the rules do not allow this event now.
    """
    check_event(state, event)
    after = copy.deepcopy(state)
    _fold(after, event)
    return after


def derive_state(events: Iterable[Event], *, cancelled: bool = False) -> VisitState:
    """The visit's state after `events`, in recorded order.

    Stored events were accepted when recorded, so they are folded without re-checking: a
    visit's history is never refused after the fact.
    """
    state = VisitState()
    for event in events:
        _fold(state, event)
    state.cancelled = cancelled
    return state


def _probe_payload(state: VisitState, event_type: EventType) -> dict[str, object]:
    """A payload that passes every payload-dependent rule, so only the visit's state decides."""
    if event_type is EventType.OPTION_CHOSEN:
        return {"key": next(iter(state.options), "")}
    if event_type is EventType.PART_RETURNED:
        return {"part": state.borrowed_parts[0] if state.borrowed_parts else ""}
    if event_type is EventType.SIGNED_OFF:
        return {"admin_logged_off": True, "note_left_on_desk": True, "parts_returned": True}
    if event_type is EventType.PROMISE_MADE:
        return {"promise_id": ""}
    if event_type is EventType.PROMISE_KEPT:
        open_promises = state.open_promises
        return {"promise_id": open_promises[0].id if open_promises else ""}
    return {}


def why_not(state: VisitState, event_type: EventType) -> WorkflowViolation | None:
    """Why the visit cannot take an event of this type now, or None if it can.

    For a screen that offers a step: it is shown disabled with this reason. Rules that
    depend on what is entered (which option, the sign-off checks) are checked again when
    the event is recorded.
    """
    probe = Event(
        id="probe",
        visit_id="probe",
        type=event_type,
        occurred_at=state.last_event_at or datetime.min.replace(tzinfo=UTC),
        payload=_probe_payload(state, event_type),
    )
    try:
        check_event(state, probe)
    except WorkflowViolation as violation:
        return violation
    return None
