"""Visit events: the types, the record, and validation of each type's payload.

The pieces live by idea in their own modules (event_types, fields, payloads_visit,
payloads_desk, payloads_team); this one joins the payload specs and keeps every name
callers import from `fieldapp.domain.events`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.domain import customer, payloads_desk, payloads_team, payloads_visit
from fieldapp.domain.errors import InvalidEvent
from fieldapp.domain.event_types import Event, EventType, Recorded
from fieldapp.domain.fields import (
    EARLIEST_TIME,
    LATEST_TIME,
    MAX_LIST,
    MAX_SHORT,
    MAX_TEXT,
    UNSTORABLE,
    USERNAME_MAX,
    Checker,
    PayloadSpec,
    time_out_of_range,
    unstorable_reason,
)
from fieldapp.domain.payloads_desk import (
    DECLINED_NEXT_STEPS,
    FIXED_ON_ARRIVAL,
    NO_FAULT_FOUND,
    NO_LONGER_NEEDED,
    NO_REPAIR_OUTCOMES,
    RESOLVED_REMOTELY,
)
from fieldapp.domain.payloads_team import (
    ANYTHING_ELSE_NOW,
    EQUIPMENT_FATES,
    OPENED_HOW,
    OPENED_VISIT_FIELDS,
    OPENED_VISIT_INHERITED,
    OPENED_VISIT_MINUTES,
    REOPENED_VISIT,
    WALK_UP,
)
from fieldapp.domain.payloads_visit import (
    ATTACHMENT_KINDS,
    CONFIRM_CHANNELS,
    CONTINUE_LATER,
    DEPARTURE_REASONS,
    NOTE_CATEGORIES,
    OTHER_REASON,
    PART_NEEDED,
    PROBLEM_SINCE,
    PROMISE_KINDS,
    RETURN_VISIT,
    SOURCE_CATEGORIES,
    USER_NEEDS_PC,
)
from fieldapp.domain.words import QT_TRANSLATE_NOOP

__all__ = [
    "ANYTHING_ELSE_NOW",
    "ATTACHMENT_KINDS",
    "CONFIRM_CHANNELS",
    "CONTINUE_LATER",
    "DECLINED_NEXT_STEPS",
    "DEPARTURE_REASONS",
    "EARLIEST_TIME",
    "EQUIPMENT_FATES",
    "FIXED_ON_ARRIVAL",
    "LATEST_TIME",
    "MAX_LIST",
    "MAX_SHORT",
    "MAX_TEXT",
    "NOTE_CATEGORIES",
    "NO_FAULT_FOUND",
    "NO_LONGER_NEEDED",
    "NO_REPAIR_OUTCOMES",
    "OPENED_HOW",
    "OPENED_VISIT_FIELDS",
    "OPENED_VISIT_INHERITED",
    "OPENED_VISIT_MINUTES",
    "OTHER_REASON",
    "PART_NEEDED",
    "PROBLEM_SINCE",
    "PROMISE_KINDS",
    "REOPENED_VISIT",
    "RESOLVED_REMOTELY",
    "RETURN_VISIT",
    "SOURCE_CATEGORIES",
    "UNSTORABLE",
    "USERNAME_MAX",
    "USER_NEEDS_PC",
    "WALK_UP",
    "Checker",
    "Event",
    "EventType",
    "PayloadSpec",
    "Recorded",
    "parse_event_type",
    "payload_fields",
    "time_out_of_range",
    "unstorable_reason",
    "validate_payload",
]

_SPECS: dict[EventType, PayloadSpec] = {
    **payloads_visit.SPECS,
    **payloads_desk.SPECS,
    **payloads_team.SPECS,
    **customer.SPECS,
}


def parse_event_type(value: object) -> EventType:
    """Return the EventType named by `value`, or raise InvalidEvent saying which exist."""
    try:
        return EventType(str(value))
    except ValueError:
        raise InvalidEvent(
            "unknown_event_type",
            QT_TRANSLATE_NOOP("Rules", "'{value}' is not a visit event type this version knows."),
            {"value": str(value)[:40]},
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
            QT_TRANSLATE_NOOP("Rules", "A '{event}' event has no field '{name}'."),
            {"event": event_type, "name": unknown[0][:40]},
        )
    cleaned: dict[str, Any] = {}
    for name, (check, required) in spec.items():
        if name in payload and payload[name] is not None:
            cleaned[name] = check(name, payload[name])
        elif required:
            raise InvalidEvent(
                "invalid_payload",
                QT_TRANSLATE_NOOP("Rules", "A '{event}' event needs the field '{name}'."),
                {"event": event_type, "name": name},
            )
    payloads_visit.check_across(event_type, cleaned)
    payloads_team.check_across(event_type, cleaned)
    customer.check_across(event_type, cleaned)
    return cleaned


def payload_fields(event_type: EventType) -> dict[str, bool]:
    """The field names of a type's payload, each with whether it is required."""
    return {name: required for name, (_, required) in _SPECS[event_type].items()}
