"""Payloads around the visit: its team, equipment borrowed, loaned or named, visits opened."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from fieldapp.domain.devices import ATTACHED_HOW, tag_checker
from fieldapp.domain.errors import InvalidEvent
from fieldapp.domain.event_types import EventType
from fieldapp.domain.fields import (
    MAX_SHORT,
    MAX_TEXT,
    USERNAME_MAX,
    PayloadSpec,
    choice,
    text,
    when,
)
from fieldapp.domain.words import QT_TRANSLATE_NOOP

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
# The window of a visit opened at the desk, from the moment it was opened (laptop and server).
OPENED_VISIT_MINUTES = 60
# What a visit opened from another one copies from it, unless the event gives them.
OPENED_VISIT_INHERITED = (
    "customer_name",
    "contact_phone",
    "contact_email",
    "contact_extension",
    "site",
    "building",
    "floor",
    "room",
    "skill_level",
    "coordinator",
    "backup_technician",
)
# What became of a borrowed part or a loaned item that cannot go back to its owner: broken,
# the owner lets the user keep it, or written off. Someone agreed to each; the event names them.
EQUIPMENT_FATES = ("broken", "kept_by_user", "written_off")

SPECS: dict[EventType, PayloadSpec] = {
    EventType.ASSISTANT_ADDED: {
        "username": (text(USERNAME_MAX), True),
        "reason": (text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.ASSISTANT_REMOVED: {
        "username": (text(USERNAME_MAX), True),
        "reason": (text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.VISIT_OPENED: {
        "how": (choice(OPENED_HOW), True),
        "customer_name": (text(MAX_SHORT), True),
        "problem": (text(MAX_TEXT), True),
        "opened_from": (text(64), False),  # the visit it came from (anything else, reopened)
        "contact_phone": (text(MAX_SHORT, allow_empty=True), False),
        "contact_email": (text(MAX_SHORT, allow_empty=True), False),
        "contact_extension": (text(MAX_SHORT, allow_empty=True), False),
        "site": (text(MAX_SHORT, allow_empty=True), False),
        "building": (text(MAX_SHORT, allow_empty=True), False),
        "floor": (text(MAX_SHORT, allow_empty=True), False),
        "room": (text(MAX_SHORT, allow_empty=True), False),
        "window_start": (when, False),
        "window_end": (when, False),
    },
    EventType.REOPENED: {
        "reason": (text(MAX_TEXT), True),
        "return_visit_id": (text(64), True),
    },
    EventType.PART_BORROWED: {
        "part": (text(MAX_SHORT), True),
        "whose": (text(MAX_SHORT), True),  # whose equipment it was taken from
        "note": (text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.PART_DISPOSED: {
        "part": (text(MAX_SHORT), True),
        "fate": (choice(EQUIPMENT_FATES), True),
        "agreed_with": (text(MAX_SHORT), True),
        "note": (text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.LOAN_MADE: {
        "item": (text(MAX_SHORT), True),
        "lent_to": (text(MAX_SHORT), True),
        "whose": (text(MAX_SHORT), True),
        "due_at": (when, True),
        "note": (text(MAX_TEXT, allow_empty=True), False),
    },
    # A loan is named by the id of the loan_made event that made it.
    EventType.LOAN_RETURNED: {"loan_id": (text(64), True)},
    EventType.LOAN_DISPOSED: {
        "loan_id": (text(64), True),
        "fate": (choice(EQUIPMENT_FATES), True),
        "agreed_with": (text(MAX_SHORT), True),
        "note": (text(MAX_TEXT, allow_empty=True), False),
    },
    # The device the visit is about; the rest is what the laptop's asset list said of it
    # when it was attached, so the record reads the same offline and later.
    EventType.DEVICE_ATTACHED: {
        "asset_tag": (tag_checker, True),
        "how": (choice(ATTACHED_HOW), True),
        "hostname": (text(MAX_SHORT, allow_empty=True), False),
        "serial": (text(MAX_SHORT, allow_empty=True), False),
        "model": (text(MAX_SHORT, allow_empty=True), False),
        "owner": (text(MAX_SHORT, allow_empty=True), False),
    },
}


def check_across(event_type: EventType, cleaned: Mapping[str, Any]) -> None:
    """The rules that tie these events' fields together; raise InvalidEvent if one is broken."""
    if event_type is EventType.VISIT_OPENED:
        _check_opened(cleaned)


def _check_opened(cleaned: Mapping[str, Any]) -> None:
    if cleaned["how"] != WALK_UP and "opened_from" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules", "A visit opened from another one names it in the field 'opened_from'."
            ),
        )
    start, end = cleaned.get("window_start"), cleaned.get("window_end")
    if (start is None) != (end is None):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules", "Give both 'window_start' and 'window_end' of the new visit, or neither."
            ),
        )
    if start is not None and datetime.fromisoformat(str(end)) <= datetime.fromisoformat(start):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules", "The new visit's window must end after it starts ('window_end')."
            ),
        )
