"""The workflow rules: which event may follow which, and the sentence saying why one may not."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from fieldapp.domain import closing, customer, equipment
from fieldapp.domain.errors import WorkflowViolation
from fieldapp.domain.events import (
    CONTINUE_LATER,
    OTHER_REASON,
    PART_NEEDED,
    USER_NEEDS_PC,
    Event,
    EventType,
)
from fieldapp.domain.state import VisitState
from fieldapp.domain.team import TEAM_EVENTS, check_team_event
from fieldapp.domain.words import QT_TRANSLATE_NOOP

# Events allowed once a visit is closed (signed off or escalated): they add to the record
# without reopening the work. A part borrowed before an escalation stays tracked until it is
# returned or what became of it is recorded, and loans outlive the visit, so those events
# are recorded after the close too.
_AFTER_CLOSE = (
    frozenset(
        {
            EventType.NOTE,
            EventType.ATTACHMENT_ADDED,
            EventType.PROMISE_MADE,
            EventType.PROMISE_KEPT,
            EventType.ASSISTANT_REMOVED,  # a colleague taken off a closed visit's team
            EventType.DEVICE_ATTACHED,  # the device a closed visit was about, for its history
        }
    )
    | equipment.AFTER_CLOSE
)
_NEEDS_WORK_ALLOWED = frozenset(
    {
        EventType.DIAGNOSED,
        EventType.OPTIONS_OFFERED,
        EventType.OPTION_CHOSEN,
        EventType.RESOLVED,
    }
)
# What is done at the desk with the user: refused while the technician is away between trips
# (with a sentence saying so before the rules that would otherwise name a missing step).
_NEEDS_PRESENCE = frozenset(
    {
        EventType.DIAGNOSED,
        EventType.OPTIONS_OFFERED,
        EventType.OPTION_CHOSEN,
        EventType.RESOLVED,
        EventType.TAUGHT,
        EventType.TEACHING_DECLINED,
        EventType.ANYTHING_ELSE,
        EventType.SIGNED_OFF,
        EventType.USER_RETURNED,
    }
)
# Why the technician is away, said whole so each sentence translates as one.
_AWAY_SENTENCES = {
    PART_NEEDED: QT_TRANSLATE_NOOP(
        "Rules",
        "You left the desk (to fetch a part); check in again when you are back before carrying on.",
    ),
    USER_NEEDS_PC: QT_TRANSLATE_NOOP(
        "Rules",
        "You left the desk (the user needed the PC back); check in again when you are back "
        "before carrying on.",
    ),
    CONTINUE_LATER: QT_TRANSLATE_NOOP(
        "Rules",
        "You left the desk (to carry on later); check in again when you are back before "
        "carrying on.",
    ),
    OTHER_REASON: QT_TRANSLATE_NOOP(
        "Rules",
        "You left the desk (for another reason); check in again when you are back before "
        "carrying on.",
    ),
}
_AWAY = QT_TRANSLATE_NOOP(
    "Rules", "You left the desk (away); check in again when you are back before carrying on."
)
# How a closed visit was closed, said whole for the same reason.
_CLOSED_SENTENCES = {
    "signed_off": QT_TRANSLATE_NOOP(
        "Rules",
        "This visit is already signed off; only notes, attachments, promises, loans and what "
        "became of borrowed parts can be added.",
    ),
    "escalated": QT_TRANSLATE_NOOP(
        "Rules",
        "This visit is already escalated; only notes, attachments, promises, loans and what "
        "became of borrowed parts can be added.",
    ),
    "declined": QT_TRANSLATE_NOOP(
        "Rules",
        "This visit is already closed as declined by the user; only notes, attachments, "
        "promises, loans and what became of borrowed parts can be added.",
    ),
    "no_repair": QT_TRANSLATE_NOOP(
        "Rules",
        "This visit is already closed with no repair at the desk; only notes, attachments, "
        "promises, loans and what became of borrowed parts can be added.",
    ),
}
_PERMISSION_OUTCOMES = frozenset(
    {
        EventType.PERMISSION_GRANTED,
        EventType.USER_BUSY,
        EventType.USER_ABSENT_URGENT,
        EventType.PERMISSION_DECLINED,
        EventType.USER_ABSENT_NOTE_LEFT,
    }
)


def _refuse(code: str, message: str, **values: object) -> WorkflowViolation:
    return WorkflowViolation(code, message, values)


def check_event(state: VisitState, event: Event) -> None:
    """Raise WorkflowViolation if the rules do not allow `event` as the visit's next event.

    The payload is assumed valid (see `validate_payload`); this checks order and gates.
    """
    kind = event.type
    payload = event.payload
    if state.cancelled:
        raise _refuse(
            "visit_cancelled",
            QT_TRANSLATE_NOOP(
                "Rules", "Dispatch cancelled this visit, so nothing more can be recorded on it."
            ),
        )
    if kind is EventType.VISIT_OPENED and state.event_count:
        raise _refuse(
            "already_opened",
            QT_TRANSLATE_NOOP(
                "Rules", "This visit already exists; a visit is opened only by its first event."
            ),
        )
    if kind is EventType.REOPENED:
        closing.check_reopen(state)
    elif state.closed and kind not in _AFTER_CLOSE:
        done = "signed_off" if state.signed_off else "escalated"
        if state.declined:
            done = "declined"
        if state.no_repair is not None:
            done = "no_repair"
        raise _refuse("visit_closed", _CLOSED_SENTENCES[done])
    if kind is EventType.CONFIRMED and state.on_site:
        raise _refuse(
            "already_on_site",
            QT_TRANSLATE_NOOP("Rules", "You are already at the desk; confirm before arriving."),
        )
    if kind is EventType.ARRIVED and event.author in state.present:
        raise _refuse(
            "already_arrived",
            QT_TRANSLATE_NOOP("Rules", "You have already checked in at this visit."),
        )
    if kind is EventType.DEPARTED:
        closing.check_departure(state, event)
    if state.away_reason is not None and not state.on_site and kind in _NEEDS_PRESENCE:
        raise _refuse("away_from_desk", _AWAY_SENTENCES.get(state.away_reason, _AWAY))
    if kind in _PERMISSION_OUTCOMES:
        if not state.on_site:
            raise _refuse(
                "arrival_required",
                QT_TRANSLATE_NOOP("Rules", "Check in at the desk before asking for permission."),
            )
        if state.permission is not None:
            raise _refuse(
                "permission_already_recorded",
                QT_TRANSLATE_NOOP(
                    "Rules", "Permission has already been recorded for this arrival."
                ),
            )
    if kind is EventType.USER_RETURNED and not (state.on_site and state.user_absent):
        raise _refuse(
            "user_not_absent",
            QT_TRANSLATE_NOOP(
                "Rules",
                "The user was not recorded as absent at this arrival, so there is no return "
                "to record.",
            ),
        )
    if kind in _NEEDS_WORK_ALLOWED and not state.work_allowed:
        raise _refuse(
            "permission_required",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Ask the user's permission to use their machine before diagnosing or fixing it.",
            ),
        )
    if kind is EventType.OPTIONS_OFFERED and not state.diagnosed:
        raise _refuse(
            "diagnosis_required",
            QT_TRANSLATE_NOOP("Rules", "Diagnose the problem before offering choices."),
        )
    if kind is EventType.OPTION_CHOSEN:
        if not state.options:
            raise _refuse(
                "no_options",
                QT_TRANSLATE_NOOP(
                    "Rules", "Offer the choices before recording which one was chosen."
                ),
            )
        if payload["key"] not in state.options:
            raise _refuse(
                "unknown_option",
                QT_TRANSLATE_NOOP("Rules", "The chosen option is not one of those offered."),
            )
    if kind is EventType.RESOLVED:
        if not state.diagnosed:
            raise _refuse(
                "diagnosis_required",
                QT_TRANSLATE_NOOP("Rules", "Record the diagnosis before the resolution."),
            )
        if state.options and state.chosen_option is None:
            raise _refuse(
                "option_not_chosen",
                QT_TRANSLATE_NOOP(
                    "Rules", "The user has not chosen between the options offered yet."
                ),
            )
    if kind in (EventType.TAUGHT, EventType.TEACHING_DECLINED):
        if not state.resolved:
            raise _refuse(
                "resolution_required",
                QT_TRANSLATE_NOOP("Rules", "Resolve the problem before teaching about it."),
            )
        if state.taught is not None:
            raise _refuse(
                "teaching_already_recorded",
                QT_TRANSLATE_NOOP("Rules", "Teaching was already offered."),
            )
    if kind is EventType.ANYTHING_ELSE and not state.resolved:
        raise _refuse(
            "resolution_required",
            QT_TRANSLATE_NOOP(
                "Rules", "Resolve this problem before asking if there is anything else."
            ),
        )
    if kind is EventType.PART_RETURNED and payload["part"] not in state.borrowed_parts:
        raise _refuse(
            "part_not_borrowed",
            QT_TRANSLATE_NOOP("Rules", "That part is not on the list of borrowed parts."),
        )
    if kind in equipment.CHECKED:
        equipment.check(state, event)
    if kind is EventType.SIGNED_OFF:
        closing.check_sign_off(state, event)
    if kind is EventType.CLOSED_WITHOUT_REPAIR:
        closing.check_no_repair(state, event)
    if kind in TEAM_EVENTS:
        check_team_event(state.assistants, event)
    if kind in customer.CUSTOMER_EVENTS:
        customer.check(state, event)
    if kind is EventType.PROMISE_MADE and payload["promise_id"] in state.promises:
        raise _refuse(
            "promise_exists", QT_TRANSLATE_NOOP("Rules", "A promise with this id was already made.")
        )
    if kind is EventType.PROMISE_KEPT:
        promise = state.promises.get(payload["promise_id"])
        if promise is None:
            raise _refuse(
                "promise_unknown",
                QT_TRANSLATE_NOOP("Rules", "There is no such promise on this visit."),
            )
        if promise.kept_at is not None:
            raise _refuse(
                "promise_already_kept",
                QT_TRANSLATE_NOOP("Rules", "This promise has already been kept."),
            )


def _probe_payload(state: VisitState, event_type: EventType) -> dict[str, object]:
    """A payload that passes every payload-dependent rule, so only the visit's state decides."""
    if event_type is EventType.OPTION_CHOSEN:
        return {"key": next(iter(state.options), "")}
    if event_type in (EventType.PART_RETURNED, EventType.PART_DISPOSED):
        return {"part": state.borrowed_parts[0] if state.borrowed_parts else ""}
    if event_type in (EventType.LOAN_RETURNED, EventType.LOAN_DISPOSED):
        return {"loan_id": next(iter(state.loans), "")}
    if event_type in (EventType.SIGNED_OFF, EventType.CLOSED_WITHOUT_REPAIR):
        return {"admin_logged_off": True, "note_left_on_desk": True, "parts_returned": True}
    if event_type is EventType.DEPARTED:
        return {"reason": CONTINUE_LATER, "admin_logged_off": True, "note_left_on_desk": True}
    if event_type is EventType.PROMISE_MADE:
        return {"promise_id": ""}
    if event_type is EventType.ASSISTANT_REMOVED:  # someone on the team, if anyone is
        return {"username": state.assistants[0] if state.assistants else ""}
    if event_type is EventType.ASSISTANT_ADDED:  # the screen names a colleague not on it
        return {"username": ""}
    if event_type is EventType.PROMISE_KEPT:
        open_promises = state.open_promises
        return {"promise_id": open_promises[0].id if open_promises else ""}
    return {}


def why_not(
    state: VisitState,
    event_type: EventType,
    payload: Mapping[str, object] | None = None,
    *,
    author: str | None = None,
) -> WorkflowViolation | None:
    """Why the visit cannot take an event of this type now, or None if it can.

    For a screen that offers a step: it is shown disabled with this reason. Rules that
    depend on what is entered (which option, the sign-off checks) are checked again when
    the event is recorded; `payload` names the entries a screen wants judged now (such as
    which no-repair outcome), over a probe that passes the others. Arrivals and departures
    are each technician's own: `author` names who asks (None: whoever is at the desk, if
    anyone is).
    """
    if author is None:
        author = min(state.present, default="")
    probe = Event(
        id="probe",
        visit_id="probe",
        type=event_type,
        occurred_at=state.last_event_at or datetime.min.replace(tzinfo=UTC),
        payload={**_probe_payload(state, event_type), **(payload or {})},
        author=author,
    )
    try:
        check_event(state, probe)
    except WorkflowViolation as violation:
        return violation
    return None
