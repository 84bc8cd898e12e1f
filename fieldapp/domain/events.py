"""Visit event types, the event record, and validation of each type's payload."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from fieldapp.domain.errors import InvalidEvent

MAX_TEXT = 20_000
MAX_SHORT = 500
MAX_LIST = 50
USERNAME_MAX = 64  # as the server's users.username column


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


SOURCE_CATEGORIES = ("network", "software", "hardware", "configuration", "user_knowledge")
CONFIRM_CHANNELS = ("email", "phone", "sms", "chat", "in_person")
RETURN_VISIT = "return_visit"  # the promise a busy user's agreed return time makes
PROMISE_KINDS = (RETURN_VISIT, "call_back", "next_update", "follow_up_call", "other")
ATTACHMENT_KINDS = ("photo", "screenshot", "file", "signature", "desk_note", "service_report")
NOTE_CATEGORIES = ("general", "out_of_scope", "policy", "out_of_order")
# What follows a user's refusal: come back another time (no time agreed: that is "user
# busy"), escalate (the technician records the escalation next), or close the visit.
DECLINED_NEXT_STEPS = ("another_time", "escalate", "close")
# Visits that close with no repair at the desk, so with no arrival, permission or diagnosis
# invented for them: fixed from afar (no arrival), already working when the technician
# arrived (no permission needed to look at a desk), checked with permission and found
# working, or the user, met at the desk, no longer needs it (only dispatch cancels).
RESOLVED_REMOTELY = "resolved_remotely"
FIXED_ON_ARRIVAL = "fixed_on_arrival"
NO_FAULT_FOUND = "no_fault_found"
NO_LONGER_NEEDED = "no_longer_needed"
NO_REPAIR_OUTCOMES = (RESOLVED_REMOTELY, FIXED_ON_ARRIVAL, NO_FAULT_FOUND, NO_LONGER_NEEDED)
# How a visit the technician opened (not dispatched) came about: someone at the next desk
# asked (walk-up), the user's "anything else?" was handled there and then, or a signed-off
# visit was reopened because the fix failed (a linked return visit).
WALK_UP = "walk_up"
ANYTHING_ELSE_NOW = "anything_else"
REOPENED_VISIT = "reopened"
OPENED_HOW = (WALK_UP, ANYTHING_ELSE_NOW, REOPENED_VISIT)
# The dispatch fields a visit_opened event may carry (the server makes the reference).
OPENED_VISIT_FIELDS = (
    "customer_name",
    "problem",
    "contact_phone",
    "contact_email",
    "contact_extension",
    "site",
    "building",
    "floor",
    "room",
    "window_start",
    "window_end",
)
# What became of a borrowed part or a loaned item that cannot go back to its owner: broken,
# the owner lets the user keep it, or written off. Someone agreed to each; the event names them.
EQUIPMENT_FATES = ("broken", "kept_by_user", "written_off")
# How long the problem has been happening, as the user answers it at the diagnosis (a
# choice, so it can be counted; "not_sure" is still an answer: the question was asked).
PROBLEM_SINCE = ("today", "this_week", "this_month", "longer", "not_sure")

# Why a technician leaves a visit that carries on (a later arrival starts its next trip).
PART_NEEDED = "part_needed"
USER_NEEDS_PC = "user_needs_pc"
CONTINUE_LATER = "continue_later"
OTHER_REASON = "other"
DEPARTURE_REASONS = (PART_NEEDED, USER_NEEDS_PC, CONTINUE_LATER, OTHER_REASON)

_SHA256 = re.compile(r"[0-9a-f]{64}")
# Characters no database text column can hold: NUL (PostgreSQL refuses it) and the UTF-16
# surrogates (a JSON "\ud800" escape with no partner decodes to one; it has no UTF-8 form).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The times any record may carry: far enough out for a laptop with a wrong clock, near
# enough that moving them by a day or a time zone never leaves what datetime can hold.
EARLIEST_TIME = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2200, 1, 1, tzinfo=UTC)


def unstorable_reason(text: str) -> str | None:
    """Why `text` cannot be stored (a NUL or a lone surrogate), or None if it can."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character"
    return "contains a lone UTF-16 surrogate (not a character)"


def time_out_of_range(moment: datetime) -> bool:
    """True if the aware `moment` is outside [EARLIEST_TIME, LATEST_TIME)."""
    return not EARLIEST_TIME <= moment < LATEST_TIME


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


# --- field checkers: each returns the cleaned value or raises InvalidEvent ---------------

Checker = Callable[[str, object], object]


def _fail(name: str, what: str) -> InvalidEvent:
    return InvalidEvent("invalid_payload", f"The field '{name}' {what}.")


def _text(max_len: int, *, allow_empty: bool = False) -> Checker:
    def check(name: str, value: object) -> object:
        if not isinstance(value, str):
            raise _fail(name, "must be text")
        reason = unstorable_reason(value)
        if reason is not None:
            raise _fail(name, reason)
        if not allow_empty and not value.strip():
            raise _fail(name, "must not be empty")
        if len(value) > max_len:
            raise _fail(name, f"is longer than {max_len} characters")
        return value

    return check


def _choice(values: tuple[str, ...]) -> Checker:
    def check(name: str, value: object) -> object:
        if value not in values:
            raise _fail(name, "must be one of: " + ", ".join(values))
        return value

    return check


def _bool(name: str, value: object) -> object:
    if not isinstance(value, bool):
        raise _fail(name, "must be true or false")
    return value


def _int_range(low: int, high: int) -> Checker:
    def check(name: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _fail(name, f"must be a whole number from {low} to {high}")
        return value

    return check


def _when(name: str, value: object) -> object:
    if not isinstance(value, str) or len(value) > 64:
        raise _fail(name, "must be a date and time in ISO 8601 form")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(name, "must be a date and time in ISO 8601 form") from None
    if parsed.tzinfo is None:
        raise _fail(name, "must include a time zone")
    if time_out_of_range(parsed):
        raise _fail(name, "must be between the years 1900 and 2199")
    return value


def _sha256(name: str, value: object) -> object:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _fail(name, "must be a SHA-256 hash in lower-case hex")
    return value


def _text_list(name: str, value: object) -> object:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _fail(name, f"must be a list of at most {MAX_LIST} texts")
    return [_text(MAX_SHORT)(f"{name}[{i}]", item) for i, item in enumerate(value)]


def _options(name: str, value: object) -> object:
    if not isinstance(value, list) or not 2 <= len(value) <= 10:
        raise _fail(name, "must list between 2 and 10 options (one option is not a choice)")
    keys: set[str] = set()
    cleaned = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - {"key", "description", "minutes"}:
            raise _fail(f"{name}[{i}]", "must have key, description and minutes")
        key = _text(64)(f"{name}[{i}].key", item.get("key"))
        description = _text(MAX_SHORT)(f"{name}[{i}].description", item.get("description"))
        minutes = _int_range(0, 10_000)(f"{name}[{i}].minutes", item.get("minutes"))
        if key in keys:
            raise _fail(name, f"has the key '{key}' twice")
        keys.add(str(key))
        cleaned.append({"key": key, "description": description, "minutes": minutes})
    return cleaned


# field name -> (checker, required)
PayloadSpec = dict[str, tuple[Checker, bool]]

_SPECS: dict[EventType, PayloadSpec] = {
    EventType.CONFIRMED: {
        "channel": (_choice(CONFIRM_CHANNELS), True),
        "message": (_text(MAX_TEXT), True),
        "confirmed_with": (_text(MAX_SHORT), False),
    },
    EventType.ARRIVED: {
        "greeting_done": (_bool, True),
        "late_notice_given": (_bool, False),
    },
    EventType.PERMISSION_GRANTED: {
        "granted_by": (_text(MAX_SHORT), True),
        "explanation": (_text(MAX_TEXT), True),
        "expected_minutes": (_int_range(1, 10_000), True),
    },
    EventType.USER_BUSY: {
        "return_at": (_when, True),
        "agreed_with": (_text(MAX_SHORT), True),
    },
    EventType.USER_ABSENT_URGENT: {
        "reason": (_text(MAX_TEXT), True),
        "open_files_warned": (_bool, False),
    },
    EventType.PERMISSION_DECLINED: {
        "declined_by": (_text(MAX_SHORT), True),
        "next_step": (_choice(DECLINED_NEXT_STEPS), True),
        "reason": (_text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.USER_ABSENT_NOTE_LEFT: {"desk_note": (_text(MAX_TEXT), True)},
    EventType.USER_RETURNED: {
        "returned": (_text(MAX_SHORT), True),
        "explanation": (_text(MAX_TEXT), True),
    },
    EventType.CLOSED_WITHOUT_REPAIR: {
        "outcome": (_choice(NO_REPAIR_OUTCOMES), True),
        "explanation": (_text(MAX_TEXT), True),
        "confirmed_by": (_text(MAX_SHORT), False),
        "admin_logged_off": (_bool, False),
        "note_left_on_desk": (_bool, False),
    },
    EventType.DIAGNOSED: {
        "user_perspective": (_text(MAX_TEXT), True),
        "source_category": (_choice(SOURCE_CATEGORIES), True),
        "findings": (_text(MAX_TEXT), True),
        "resources_used": (_text(MAX_TEXT, allow_empty=True), False),
        "borrowed_parts": (_text_list, False),
        "out_of_order": (_text(MAX_SHORT), False),
        # Asked at the diagnosis since 0.2.0; older diagnoses have neither and stay valid.
        "problem_since": (_choice(PROBLEM_SINCE), False),
        "shown_by_user": (_bool, False),
        "not_shown_reason": (_text(MAX_TEXT), False),
    },
    EventType.OPTIONS_OFFERED: {"options": (_options, True)},
    EventType.OPTION_CHOSEN: {
        "key": (_text(64), True),
        "chosen_by": (_text(MAX_SHORT), False),
    },
    EventType.RESOLVED: {
        "explanation": (_text(MAX_TEXT), True),
        "demonstrated": (_bool, True),
        "user_confirmed": (_bool, True),
        "demonstration_impossible_reason": (_text(MAX_TEXT), False),
    },
    EventType.TAUGHT: {"topic": (_text(MAX_TEXT), True)},
    EventType.TEACHING_DECLINED: {"comment": (_text(MAX_TEXT, allow_empty=True), False)},
    EventType.ANYTHING_ELSE: {
        "answer": (_bool, True),
        "request": (_text(MAX_TEXT), False),
        # Handled there and then: the request becomes its own visit (new_visit_id, opened
        # by the visit_opened event that follows) instead of next working day's.
        "handled_now": (_bool, False),
        "new_visit_id": (_text(64), False),
    },
    EventType.PART_RETURNED: {"part": (_text(MAX_SHORT), True)},
    EventType.SIGNED_OFF: {
        "summary": (_text(MAX_TEXT), True),
        "satisfaction": (_int_range(1, 5), False),
        "comment": (_text(MAX_TEXT, allow_empty=True), False),
        "signature_sha256": (_sha256, False),
        "admin_logged_off": (_bool, False),
        "note_left_on_desk": (_bool, False),
        "parts_returned": (_bool, False),
        "follow_up_call_at": (_when, False),
    },
    EventType.ESCALATED: {
        "reason": (_text(MAX_TEXT), True),
        "team": (_text(MAX_SHORT), True),
        "next_update_at": (_when, True),
    },
    EventType.PROMISE_MADE: {
        "promise_id": (_text(64), True),
        "kind": (_choice(PROMISE_KINDS), True),
        "due_at": (_when, True),
        "description": (_text(MAX_TEXT), True),
    },
    EventType.PROMISE_KEPT: {"promise_id": (_text(64), True)},
    EventType.NOTE: {
        "text": (_text(MAX_TEXT), True),
        "category": (_choice(NOTE_CATEGORIES), False),
        "answer_given": (_text(MAX_TEXT), False),
    },
    EventType.ATTACHMENT_ADDED: {
        "sha256": (_sha256, True),
        "filename": (_text(255), True),
        "media_type": (_text(127), True),
        "size": (_int_range(0, 50 * 1024 * 1024), True),
        "kind": (_choice(ATTACHMENT_KINDS), True),
    },
    EventType.DEPARTED: {
        "reason": (_choice(DEPARTURE_REASONS), True),
        "note": (_text(MAX_TEXT), False),
        "return_at": (_when, False),
        "agreed_with": (_text(MAX_SHORT), False),
        "admin_logged_off": (_bool, False),
        "note_left_on_desk": (_bool, False),
    },
    EventType.ASSISTANT_ADDED: {
        "username": (_text(USERNAME_MAX), True),
        "reason": (_text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.ASSISTANT_REMOVED: {
        "username": (_text(USERNAME_MAX), True),
        "reason": (_text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.VISIT_OPENED: {
        "how": (_choice(OPENED_HOW), True),
        "customer_name": (_text(MAX_SHORT), True),
        "problem": (_text(MAX_TEXT), True),
        "opened_from": (_text(64), False),  # the visit it came from (anything else, reopened)
        "contact_phone": (_text(MAX_SHORT, allow_empty=True), False),
        "contact_email": (_text(MAX_SHORT, allow_empty=True), False),
        "contact_extension": (_text(MAX_SHORT, allow_empty=True), False),
        "site": (_text(MAX_SHORT, allow_empty=True), False),
        "building": (_text(MAX_SHORT, allow_empty=True), False),
        "floor": (_text(MAX_SHORT, allow_empty=True), False),
        "room": (_text(MAX_SHORT, allow_empty=True), False),
        "window_start": (_when, False),
        "window_end": (_when, False),
    },
    EventType.REOPENED: {
        "reason": (_text(MAX_TEXT), True),
        "return_visit_id": (_text(64), True),
    },
    EventType.PART_BORROWED: {
        "part": (_text(MAX_SHORT), True),
        "whose": (_text(MAX_SHORT), True),  # whose equipment it was taken from
        "note": (_text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.PART_DISPOSED: {
        "part": (_text(MAX_SHORT), True),
        "fate": (_choice(EQUIPMENT_FATES), True),
        "agreed_with": (_text(MAX_SHORT), True),
        "note": (_text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.LOAN_MADE: {
        "item": (_text(MAX_SHORT), True),
        "lent_to": (_text(MAX_SHORT), True),
        "whose": (_text(MAX_SHORT), True),
        "due_at": (_when, True),
        "note": (_text(MAX_TEXT, allow_empty=True), False),
    },
    # A loan is named by the id of the loan_made event that made it.
    EventType.LOAN_RETURNED: {"loan_id": (_text(64), True)},
    EventType.LOAN_DISPOSED: {
        "loan_id": (_text(64), True),
        "fate": (_choice(EQUIPMENT_FATES), True),
        "agreed_with": (_text(MAX_SHORT), True),
        "note": (_text(MAX_TEXT, allow_empty=True), False),
    },
    # The technician adds to what the user already tried (the visit's `already_tried` is
    # dispatch's, so it is never edited: what the user tells at the desk follows it).
    EventType.ALREADY_TRIED_ADDED: {"text": (_text(MAX_TEXT), True)},
}


def parse_event_type(value: object) -> EventType:
    """Return the EventType named by `value`, or raise InvalidEvent saying which exist."""
    try:
        return EventType(str(value))
    except ValueError:
        raise InvalidEvent(
            "unknown_event_type",
            f"'{str(value)[:40]}' is not a visit event type this version knows.",
        ) from None


def validate_payload(event_type: EventType, payload: Mapping[str, object]) -> dict[str, Any]:
    """Check a payload against its type's fields and return a cleaned copy.

    Raises:
        InvalidEvent: a required field is missing, a field is unknown or has the wrong form.
    """
    event_type = parse_event_type(event_type)
    spec = _SPECS[event_type]
    unknown = sorted(str(name) for name in payload if name not in spec)
    if unknown:
        raise InvalidEvent(
            "invalid_payload",
            f"A '{event_type}' event has no field '{unknown[0][:40]}'.",
        )
    cleaned: dict[str, Any] = {}
    for name, (check, required) in spec.items():
        if name in payload and payload[name] is not None:
            cleaned[name] = check(name, payload[name])
        elif required:
            raise InvalidEvent(
                "invalid_payload", f"A '{event_type}' event needs the field '{name}'."
            )
    if event_type is EventType.ANYTHING_ELSE and cleaned["answer"] and "request" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            "When the user asks for something else, say what they asked for in the field "
            "'request'.",
        )
    if (
        event_type is EventType.ANYTHING_ELSE
        and cleaned.get("handled_now")
        and not (cleaned["answer"] and "new_visit_id" in cleaned)
    ):
        raise InvalidEvent(
            "invalid_payload",
            "A request handled now is a 'yes' with the new visit's id in 'new_visit_id'.",
        )
    if event_type is EventType.VISIT_OPENED:
        _check_opened(cleaned)
    if (
        event_type is EventType.NOTE
        and cleaned.get("category") in ("out_of_scope", "policy")
        and "answer_given" not in cleaned
    ):
        raise InvalidEvent(
            "invalid_payload",
            "A request that is out of scope or against ICT policy is recorded with the polite "
            "answer given, in the field 'answer_given'.",
        )
    if event_type is EventType.DEPARTED:
        _check_departure(cleaned)
    if event_type is EventType.DIAGNOSED:
        _check_shown(cleaned)
    return cleaned


def _check_departure(cleaned: Mapping[str, object]) -> None:
    """A return time is a promise only when someone agreed it, and 'other' says what."""
    if ("return_at" in cleaned) != ("agreed_with" in cleaned):
        raise InvalidEvent(
            "invalid_payload",
            "A return time is agreed with someone: give both 'return_at' and 'agreed_with', "
            "or neither.",
        )
    if cleaned["reason"] == OTHER_REASON and "note" not in cleaned:
        raise InvalidEvent(
            "invalid_payload", "When the reason for leaving is 'other', say why in 'note'."
        )


def _check_opened(cleaned: Mapping[str, Any]) -> None:
    if cleaned["how"] != WALK_UP and "opened_from" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            "A visit opened from another one names it in the field 'opened_from'.",
        )
    start, end = cleaned.get("window_start"), cleaned.get("window_end")
    if (start is None) != (end is None):
        raise InvalidEvent(
            "invalid_payload",
            "Give both 'window_start' and 'window_end' of the new visit, or neither.",
        )
    if start is not None and datetime.fromisoformat(str(end)) <= datetime.fromisoformat(start):
        raise InvalidEvent(
            "invalid_payload", "The new visit's window must end after it starts ('window_end')."
        )


def _check_shown(cleaned: Mapping[str, object]) -> None:
    """ "Show me the problem": when the user did not, the diagnosis says why."""
    if cleaned.get("shown_by_user") is False and "not_shown_reason" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            "When the user did not show the problem, say why in the field 'not_shown_reason'.",
        )
    if cleaned.get("shown_by_user") is not False and "not_shown_reason" in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            "The field 'not_shown_reason' is only for a diagnosis where the user did not show "
            "the problem (shown_by_user false).",
        )


def payload_fields(event_type: EventType) -> dict[str, bool]:
    """The field names of a type's payload, each with whether it is required."""
    return {name: required for name, (_, required) in _SPECS[event_type].items()}
