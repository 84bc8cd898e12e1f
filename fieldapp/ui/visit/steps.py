"""The steps of a desk visit as the flow lists them: done, current or unavailable, in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from fieldapp.domain import EventType, Step, VisitState, WorkflowViolation, why_not
from fieldapp.domain.words import QT_TRANSLATE_NOOP


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


def said(words: str) -> str:
    """One of this module's words (a step's title, an event's...) in the chosen language."""
    return QCoreApplication.translate("Steps", words)


@dataclass(frozen=True, slots=True)
class StepInfo:
    """How one step shows in the list: its title, the events it records and when it is done."""

    key: StepKey
    title: str
    events: tuple[EventType, ...]
    done: Callable[[VisitState], bool]

    @property
    def shown_title(self) -> str:
        """The title in the chosen language (`title` is the English, marked for it)."""
        return said(self.title)


def _arrive_done(state: VisitState) -> bool:
    # Still at the desk, or closed there; not when the visit waits for the technician's return.
    return state.arrived_at is not None and (state.on_site or state.closed)


STEPS: tuple[StepInfo, ...] = (
    StepInfo(
        StepKey.CONFIRM,
        QT_TRANSLATE_NOOP("Steps", "Confirm in advance"),
        (EventType.CONFIRMED,),
        lambda s: s.confirmed_at is not None,
    ),
    StepInfo(
        StepKey.ARRIVE, QT_TRANSLATE_NOOP("Steps", "Arrive"), (EventType.ARRIVED,), _arrive_done
    ),
    StepInfo(
        StepKey.PERMISSION,
        QT_TRANSLATE_NOOP("Steps", "Permission"),
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
    StepInfo(
        StepKey.DIAGNOSE,
        QT_TRANSLATE_NOOP("Steps", "Diagnose"),
        (EventType.DIAGNOSED,),
        lambda s: s.diagnosed,
    ),
    StepInfo(
        StepKey.OPTIONS,
        QT_TRANSLATE_NOOP("Steps", "Offer choices"),
        (EventType.OPTIONS_OFFERED, EventType.OPTION_CHOSEN),
        lambda s: s.chosen_option is not None,
    ),
    StepInfo(
        StepKey.RESOLVE,
        QT_TRANSLATE_NOOP("Steps", "Resolve and demonstrate"),
        (EventType.RESOLVED,),
        # Not done until shown to work (or why that was impossible is recorded).
        lambda s: (
            (s.resolved and (s.demonstrated or bool(s.demonstration_impossible_reason)))
            or s.signed_off
        ),
    ),
    StepInfo(
        StepKey.TEACH,
        QT_TRANSLATE_NOOP("Steps", "Teach"),
        (EventType.TAUGHT, EventType.TEACHING_DECLINED),
        lambda s: s.taught is not None,
    ),
    StepInfo(
        StepKey.ANYTHING_ELSE,
        QT_TRANSLATE_NOOP("Steps", "Anything else?"),
        (EventType.ANYTHING_ELSE,),
        lambda s: s.anything_else is not None,
    ),
    StepInfo(
        StepKey.SIGN_OFF,
        QT_TRANSLATE_NOOP("Steps", "Sign-off"),
        (EventType.SIGNED_OFF,),
        lambda s: s.signed_off,
    ),
    StepInfo(
        StepKey.ESCALATE,
        QT_TRANSLATE_NOOP("Steps", "Escalate"),
        (EventType.ESCALATED,),
        lambda s: s.escalated,
    ),
    StepInfo(
        StepKey.NO_REPAIR,
        QT_TRANSLATE_NOOP("Steps", "No repair needed"),
        (EventType.CLOSED_WITHOUT_REPAIR,),
        lambda s: s.no_repair is not None,
    ),
    StepInfo(
        StepKey.LEAVE,
        QT_TRANSLATE_NOOP("Steps", "Leave for now"),
        (EventType.DEPARTED,),
        lambda s: s.away_reason is not None and not s.on_site and not s.closed,
    ),
    StepInfo(
        StepKey.REOPEN,
        QT_TRANSLATE_NOOP("Steps", "Reopen: the fix failed"),
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
    EventType.CONFIRMED: QT_TRANSLATE_NOOP("Steps", "Confirmed in advance"),
    EventType.ARRIVED: QT_TRANSLATE_NOOP("Steps", "Arrived at the desk"),
    EventType.PERMISSION_GRANTED: QT_TRANSLATE_NOOP("Steps", "Permission granted"),
    EventType.USER_BUSY: QT_TRANSLATE_NOOP("Steps", "User busy: return agreed"),
    EventType.USER_ABSENT_URGENT: QT_TRANSLATE_NOOP("Steps", "User absent, urgent work"),
    EventType.PERMISSION_DECLINED: QT_TRANSLATE_NOOP("Steps", "User declined"),
    EventType.USER_ABSENT_NOTE_LEFT: QT_TRANSLATE_NOOP(
        "Steps", "User absent: note left, back later"
    ),
    EventType.USER_RETURNED: QT_TRANSLATE_NOOP("Steps", "The absent user came back"),
    EventType.CLOSED_WITHOUT_REPAIR: QT_TRANSLATE_NOOP(
        "Steps", "Closed with no repair at the desk"
    ),
    EventType.DIAGNOSED: QT_TRANSLATE_NOOP("Steps", "Diagnosed"),
    EventType.OPTIONS_OFFERED: QT_TRANSLATE_NOOP("Steps", "Choices offered"),
    EventType.OPTION_CHOSEN: QT_TRANSLATE_NOOP("Steps", "Choice made"),
    EventType.RESOLVED: QT_TRANSLATE_NOOP("Steps", "Resolved"),
    EventType.TAUGHT: QT_TRANSLATE_NOOP("Steps", "Showed how to avoid it"),
    EventType.TEACHING_DECLINED: QT_TRANSLATE_NOOP("Steps", "Teaching declined"),
    EventType.ANYTHING_ELSE: QT_TRANSLATE_NOOP("Steps", "Asked: anything else?"),
    EventType.PART_RETURNED: QT_TRANSLATE_NOOP("Steps", "Borrowed part returned"),
    EventType.SIGNED_OFF: QT_TRANSLATE_NOOP("Steps", "Signed off"),
    EventType.ESCALATED: QT_TRANSLATE_NOOP("Steps", "Escalated"),
    EventType.PROMISE_MADE: QT_TRANSLATE_NOOP("Steps", "Promise made"),
    EventType.PROMISE_KEPT: QT_TRANSLATE_NOOP("Steps", "Promise kept"),
    EventType.NOTE: QT_TRANSLATE_NOOP("Steps", "Note"),
    EventType.ATTACHMENT_ADDED: QT_TRANSLATE_NOOP("Steps", "File attached"),
    EventType.DEPARTED: QT_TRANSLATE_NOOP("Steps", "Left the desk for now"),
    EventType.PART_BORROWED: QT_TRANSLATE_NOOP("Steps", "Part borrowed"),
    EventType.PART_DISPOSED: QT_TRANSLATE_NOOP("Steps", "Borrowed part: what became of it"),
    EventType.LOAN_MADE: QT_TRANSLATE_NOOP("Steps", "Equipment lent"),
    EventType.LOAN_RETURNED: QT_TRANSLATE_NOOP("Steps", "Loan returned"),
    EventType.LOAN_DISPOSED: QT_TRANSLATE_NOOP("Steps", "Loan: what became of it"),
    EventType.VISIT_OPENED: QT_TRANSLATE_NOOP("Steps", "Visit opened on the spot"),
    EventType.REOPENED: QT_TRANSLATE_NOOP("Steps", "Reopened: the fix failed"),
    EventType.ASSISTANT_ADDED: QT_TRANSLATE_NOOP("Steps", "Colleague joined"),
    EventType.ASSISTANT_REMOVED: QT_TRANSLATE_NOOP("Steps", "Colleague left the visit"),
    EventType.ALREADY_TRIED_ADDED: QT_TRANSLATE_NOOP("Steps", "Added to what the user tried"),
    EventType.DEVICE_ATTACHED: QT_TRANSLATE_NOOP("Steps", "Device named"),
    EventType.USER_REPLIED: QT_TRANSLATE_NOOP("Steps", "The user answered the confirmation"),
    EventType.TIME_REQUEST_ANSWERED: QT_TRANSLATE_NOOP(
        "Steps", "Dispatch answered the user's request"
    ),
    EventType.ON_MY_WAY: QT_TRANSLATE_NOOP("Steps", "Told the user: on my way"),
    EventType.DAY_END_UPDATE: QT_TRANSLATE_NOOP("Steps", "End of day: user told where it stands"),
}

# Why the technician left a visit that carries on (fieldapp.domain.events.DEPARTURE_REASONS).
DEPARTURE_WORDS: dict[str, str] = {
    "part_needed": QT_TRANSLATE_NOOP("Steps", "To fetch a part"),
    "user_needs_pc": QT_TRANSLATE_NOOP("Steps", "The user needs the PC back"),
    "continue_later": QT_TRANSLATE_NOOP("Steps", "To carry on later"),
    "other": QT_TRANSLATE_NOOP("Steps", "Another reason"),
}

# What became of a part or a loan that could not go back (domain.events.EQUIPMENT_FATES).
FATE_WORDS: dict[str, str] = {
    "broken": QT_TRANSLATE_NOOP("Steps", "Broken"),
    "kept_by_user": QT_TRANSLATE_NOOP("Steps", "The owner lets the user keep it"),
    "written_off": QT_TRANSLATE_NOOP("Steps", "Written off"),
}

# How a visit opened on the spot came about (fieldapp.domain.events.OPENED_HOW).
OPENED_HOW_WORDS: dict[str, str] = {
    "walk_up": QT_TRANSLATE_NOOP("Steps", "Walk-up from the next desk"),
    "anything_else": QT_TRANSLATE_NOOP("Steps", "Anything else, handled there and then"),
    "reopened": QT_TRANSLATE_NOOP("Steps", "Return visit: the fix failed"),
}

SOURCE_WORDS: dict[str, str] = {
    "network": QT_TRANSLATE_NOOP("Steps", "Network"),
    "software": QT_TRANSLATE_NOOP("Steps", "Software"),
    "hardware": QT_TRANSLATE_NOOP("Steps", "Hardware"),
    "configuration": QT_TRANSLATE_NOOP("Steps", "Configuration"),
    "user_knowledge": QT_TRANSLATE_NOOP("Steps", "User knowledge (how to use it)"),
}

CHANNEL_WORDS: dict[str, str] = {
    "email": QT_TRANSLATE_NOOP("Steps", "E-mail (sent by the server)"),
    "phone": QT_TRANSLATE_NOOP("Steps", "Phone call"),
    "sms": QT_TRANSLATE_NOOP("Steps", "Text message"),
    "chat": QT_TRANSLATE_NOOP("Steps", "Chat"),
    "in_person": QT_TRANSLATE_NOOP("Steps", "In person"),
}

# What follows a user's refusal (fieldapp.domain.events.DECLINED_NEXT_STEPS).
DECLINED_NEXT_WORDS: dict[str, str] = {
    "another_time": QT_TRANSLATE_NOOP("Steps", "come back another time"),
    "escalate": QT_TRANSLATE_NOOP("Steps", "escalate"),
    "close": QT_TRANSLATE_NOOP("Steps", "close the visit as declined"),
}

# How a visit closed with no repair at the desk (fieldapp.domain.events.NO_REPAIR_OUTCOMES).
NO_REPAIR_WORDS: dict[str, str] = {
    "resolved_remotely": QT_TRANSLATE_NOOP("Steps", "Resolved remotely"),
    "fixed_on_arrival": QT_TRANSLATE_NOOP("Steps", "Already fixed on arrival"),
    "no_fault_found": QT_TRANSLATE_NOOP("Steps", "No fault found"),
    "no_longer_needed": QT_TRANSLATE_NOOP("Steps", "No longer needed"),
}

STEP_WORDS: dict[Step, str] = {
    Step.SCHEDULED: QT_TRANSLATE_NOOP("Steps", "Scheduled, not confirmed yet"),
    Step.CONFIRMED: QT_TRANSLATE_NOOP("Steps", "Confirmed"),
    Step.ARRIVED: QT_TRANSLATE_NOOP("Steps", "At the desk"),
    Step.AWAITING_RETURN: QT_TRANSLATE_NOOP("Steps", "Awaiting return"),
    Step.WORKING: QT_TRANSLATE_NOOP("Steps", "Working"),
    Step.DIAGNOSED: QT_TRANSLATE_NOOP("Steps", "Diagnosed"),
    Step.CHOOSING: QT_TRANSLATE_NOOP("Steps", "User choosing"),
    Step.RESOLVED: QT_TRANSLATE_NOOP("Steps", "Resolved"),
    Step.COMPLETED: QT_TRANSLATE_NOOP("Steps", "Completed"),
    Step.ESCALATED: QT_TRANSLATE_NOOP("Steps", "Escalated"),
    Step.DECLINED: QT_TRANSLATE_NOOP("Steps", "Closed: declined by the user"),
    Step.CLOSED_WITHOUT_REPAIR: QT_TRANSLATE_NOOP("Steps", "Closed: no repair needed at the desk"),
    Step.CANCELLED: QT_TRANSLATE_NOOP("Steps", "Cancelled"),
}
