"""The steps of a desk visit as the flow lists them: done, current or unavailable, in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from fieldapp.domain import EventType, Step, VisitState, WorkflowViolation, why_not


class StepKey(StrEnum):
    """One page of the flow; the value is the screen name drafts are saved under."""

    CONFIRM = "confirm"
    ARRIVE = "arrive"
    PERMISSION = "permission"
    DIAGNOSE = "diagnose"
    OPTIONS = "options"
    RESOLVE = "resolve"
    TEACH = "teach"
    ANYTHING_ELSE = "anything_else"
    SIGN_OFF = "sign_off"
    ESCALATE = "escalate"
    NO_REPAIR = "no_repair"
    LEAVE = "leave"
    REOPEN = "reopen"


@dataclass(frozen=True, slots=True)
class StepInfo:
    """How one step shows in the list: its title, the events it records and when it is done."""

    key: StepKey
    title: str
    events: tuple[EventType, ...]
    done: Callable[[VisitState], bool]


def _arrive_done(state: VisitState) -> bool:
    # Still at the desk, or closed there; not when the visit waits for the technician's return.
    return state.arrived_at is not None and (state.on_site or state.closed)


STEPS: tuple[StepInfo, ...] = (
    StepInfo(
        StepKey.CONFIRM,
        "Confirm in advance",
        (EventType.CONFIRMED,),
        lambda s: s.confirmed_at is not None,
    ),
    StepInfo(StepKey.ARRIVE, "Arrive", (EventType.ARRIVED,), _arrive_done),
    StepInfo(
        StepKey.PERMISSION,
        "Permission",
        (
            EventType.PERMISSION_GRANTED,
            EventType.USER_BUSY,
            EventType.USER_ABSENT_URGENT,
            EventType.USER_ABSENT_NOTE_LEFT,
            EventType.PERMISSION_DECLINED,
            EventType.USER_RETURNED,
        ),
        lambda s: s.work_allowed or (s.closed and s.permission is not None),
    ),
    StepInfo(StepKey.DIAGNOSE, "Diagnose", (EventType.DIAGNOSED,), lambda s: s.diagnosed),
    StepInfo(
        StepKey.OPTIONS,
        "Offer choices",
        (EventType.OPTIONS_OFFERED, EventType.OPTION_CHOSEN),
        lambda s: s.chosen_option is not None,
    ),
    StepInfo(
        StepKey.RESOLVE,
        "Resolve and demonstrate",
        (EventType.RESOLVED,),
        # Not done until shown to work (or why that was impossible is recorded).
        lambda s: (
            (s.resolved and (s.demonstrated or bool(s.demonstration_impossible_reason)))
            or s.signed_off
        ),
    ),
    StepInfo(
        StepKey.TEACH,
        "Teach",
        (EventType.TAUGHT, EventType.TEACHING_DECLINED),
        lambda s: s.taught is not None,
    ),
    StepInfo(
        StepKey.ANYTHING_ELSE,
        "Anything else?",
        (EventType.ANYTHING_ELSE,),
        lambda s: s.anything_else is not None,
    ),
    StepInfo(StepKey.SIGN_OFF, "Sign-off", (EventType.SIGNED_OFF,), lambda s: s.signed_off),
    StepInfo(StepKey.ESCALATE, "Escalate", (EventType.ESCALATED,), lambda s: s.escalated),
    StepInfo(
        StepKey.NO_REPAIR,
        "No repair needed",
        (EventType.CLOSED_WITHOUT_REPAIR,),
        lambda s: s.no_repair is not None,
    ),
    StepInfo(
        StepKey.LEAVE,
        "Leave for now",
        (EventType.DEPARTED,),
        lambda s: s.away_reason is not None and not s.on_site and not s.closed,
    ),
    StepInfo(
        StepKey.REOPEN,
        "Reopen: the fix failed",
        (EventType.REOPENED,),
        lambda s: s.reopened_as is not None,
    ),
)
STEP_BY_KEY: dict[StepKey, StepInfo] = {info.key: info for info in STEPS}


def current_step(state: VisitState, skipped: frozenset[StepKey] = frozenset()) -> StepKey:
    """The page that holds the visit's next thing to do (`skipped`: steps the technician chose
    to skip, such as Offer choices when there is only one way forward)."""
    found = _current_step(state)
    if found is StepKey.OPTIONS and found in skipped and not state.options:
        return StepKey.RESOLVE
    return found


def _current_step(state: VisitState) -> StepKey:
    step = state.step
    if step in (Step.SCHEDULED, Step.CANCELLED):
        return StepKey.CONFIRM
    if step in (Step.CONFIRMED, Step.AWAITING_RETURN):
        return StepKey.ARRIVE
    if step is Step.ARRIVED and state.permission is EventType.PERMISSION_DECLINED:
        return StepKey.ESCALATE  # the user declined and the technician chose to escalate
    if step in (Step.ARRIVED, Step.DECLINED):
        return StepKey.PERMISSION
    if step is Step.WORKING:
        return StepKey.DIAGNOSE
    if step is Step.DIAGNOSED and state.chosen_option is not None:
        return StepKey.RESOLVE
    if step in (Step.DIAGNOSED, Step.CHOOSING):
        return StepKey.OPTIONS
    if step is Step.RESOLVED:
        if state.taught is None:
            return StepKey.TEACH
        if state.anything_else is None:
            return StepKey.ANYTHING_ELSE
        return StepKey.SIGN_OFF
    if step is Step.ESCALATED:
        return StepKey.ESCALATE
    if step is Step.CLOSED_WITHOUT_REPAIR:
        return StepKey.NO_REPAIR
    return StepKey.SIGN_OFF


def step_unavailable(
    state: VisitState, key: StepKey, author: str | None = None
) -> WorkflowViolation | None:
    """Why none of the step's events can be recorded now by `author` (arrivals and
    departures are each technician's own; None: whoever is at the desk), or None if one can."""
    first: WorkflowViolation | None = None
    for event_type in STEP_BY_KEY[key].events:
        reason = why_not(state, event_type, author=author)
        if reason is None:
            return None
        first = first or reason
    return first


EVENT_WORDS: dict[EventType, str] = {
    EventType.CONFIRMED: "Confirmed in advance",
    EventType.ARRIVED: "Arrived at the desk",
    EventType.PERMISSION_GRANTED: "Permission granted",
    EventType.USER_BUSY: "User busy: return agreed",
    EventType.USER_ABSENT_URGENT: "User absent, urgent work",
    EventType.PERMISSION_DECLINED: "User declined",
    EventType.USER_ABSENT_NOTE_LEFT: "User absent: note left, back later",
    EventType.USER_RETURNED: "The absent user came back",
    EventType.CLOSED_WITHOUT_REPAIR: "Closed with no repair at the desk",
    EventType.DIAGNOSED: "Diagnosed",
    EventType.OPTIONS_OFFERED: "Choices offered",
    EventType.OPTION_CHOSEN: "Choice made",
    EventType.RESOLVED: "Resolved",
    EventType.TAUGHT: "Showed how to avoid it",
    EventType.TEACHING_DECLINED: "Teaching declined",
    EventType.ANYTHING_ELSE: "Asked: anything else?",
    EventType.PART_RETURNED: "Borrowed part returned",
    EventType.SIGNED_OFF: "Signed off",
    EventType.ESCALATED: "Escalated",
    EventType.PROMISE_MADE: "Promise made",
    EventType.PROMISE_KEPT: "Promise kept",
    EventType.NOTE: "Note",
    EventType.ATTACHMENT_ADDED: "File attached",
    EventType.DEPARTED: "Left the desk for now",
    EventType.PART_BORROWED: "Part borrowed",
    EventType.PART_DISPOSED: "Borrowed part: what became of it",
    EventType.LOAN_MADE: "Equipment lent",
    EventType.LOAN_RETURNED: "Loan returned",
    EventType.LOAN_DISPOSED: "Loan: what became of it",
    EventType.VISIT_OPENED: "Visit opened on the spot",
    EventType.REOPENED: "Reopened: the fix failed",
    EventType.ASSISTANT_ADDED: "Colleague joined",
    EventType.ASSISTANT_REMOVED: "Colleague left the visit",
    EventType.ALREADY_TRIED_ADDED: "Added to what the user tried",
}

# Why the technician left a visit that carries on (fieldapp.domain.events.DEPARTURE_REASONS).
DEPARTURE_WORDS: dict[str, str] = {
    "part_needed": "To fetch a part",
    "user_needs_pc": "The user needs the PC back",
    "continue_later": "To carry on later",
    "other": "Another reason",
}

# What became of a part or a loan that could not go back (domain.events.EQUIPMENT_FATES).
FATE_WORDS: dict[str, str] = {
    "broken": "Broken",
    "kept_by_user": "The owner lets the user keep it",
    "written_off": "Written off",
}

# How a visit opened on the spot came about (fieldapp.domain.events.OPENED_HOW).
OPENED_HOW_WORDS: dict[str, str] = {
    "walk_up": "Walk-up from the next desk",
    "anything_else": "Anything else, handled there and then",
    "reopened": "Return visit: the fix failed",
}

SOURCE_WORDS: dict[str, str] = {
    "network": "Network",
    "software": "Software",
    "hardware": "Hardware",
    "configuration": "Configuration",
    "user_knowledge": "User knowledge (how to use it)",
}

CHANNEL_WORDS: dict[str, str] = {
    "email": "E-mail (sent by the server)",
    "phone": "Phone call",
    "sms": "Text message",
    "chat": "Chat",
    "in_person": "In person",
}

# What follows a user's refusal (fieldapp.domain.events.DECLINED_NEXT_STEPS).
DECLINED_NEXT_WORDS: dict[str, str] = {
    "another_time": "come back another time",
    "escalate": "escalate",
    "close": "close the visit as declined",
}

# How a visit closed with no repair at the desk (fieldapp.domain.events.NO_REPAIR_OUTCOMES).
NO_REPAIR_WORDS: dict[str, str] = {
    "resolved_remotely": "Resolved remotely",
    "fixed_on_arrival": "Already fixed on arrival",
    "no_fault_found": "No fault found",
    "no_longer_needed": "No longer needed",
}

STEP_WORDS: dict[Step, str] = {
    Step.SCHEDULED: "Scheduled, not confirmed yet",
    Step.CONFIRMED: "Confirmed",
    Step.ARRIVED: "At the desk",
    Step.AWAITING_RETURN: "Awaiting return",
    Step.WORKING: "Working",
    Step.DIAGNOSED: "Diagnosed",
    Step.CHOOSING: "User choosing",
    Step.RESOLVED: "Resolved",
    Step.COMPLETED: "Completed",
    Step.ESCALATED: "Escalated",
    Step.DECLINED: "Closed: declined by the user",
    Step.CLOSED_WITHOUT_REPAIR: "Closed: no repair needed at the desk",
    Step.CANCELLED: "Cancelled",
}
