"""Payloads of the core visit steps: confirm, arrive, diagnose, fix, teach, sign off, leave."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.domain.errors import InvalidEvent
from fieldapp.domain.event_types import EventType
from fieldapp.domain.fields import (
    MAX_SHORT,
    MAX_TEXT,
    PayloadSpec,
    boolean,
    choice,
    int_range,
    options,
    sha256,
    text,
    text_list,
    when,
)
from fieldapp.domain.words import QT_TRANSLATE_NOOP

SOURCE_CATEGORIES = ("network", "software", "hardware", "configuration", "user_knowledge")
CONFIRM_CHANNELS = ("email", "phone", "sms", "chat", "in_person")
RETURN_VISIT = "return_visit"  # the promise a busy user's agreed return time makes
PROMISE_KINDS = (RETURN_VISIT, "call_back", "next_update", "follow_up_call", "other")
ATTACHMENT_KINDS = ("photo", "screenshot", "file", "signature", "desk_note", "service_report")
NOTE_CATEGORIES = ("general", "out_of_scope", "policy", "out_of_order")
# How long the problem has been happening, as the user answers it at the diagnosis (a
# choice, so it can be counted; "not_sure" is still an answer: the question was asked).
PROBLEM_SINCE = ("today", "this_week", "this_month", "longer", "not_sure")

# Why a technician leaves a visit that carries on (a later arrival starts its next trip).
PART_NEEDED = "part_needed"
USER_NEEDS_PC = "user_needs_pc"
CONTINUE_LATER = "continue_later"
OTHER_REASON = "other"
DEPARTURE_REASONS = (PART_NEEDED, USER_NEEDS_PC, CONTINUE_LATER, OTHER_REASON)

SPECS: dict[EventType, PayloadSpec] = {
    EventType.CONFIRMED: {
        "channel": (choice(CONFIRM_CHANNELS), True),
        "message": (text(MAX_TEXT), True),
        "confirmed_with": (text(MAX_SHORT), False),
    },
    EventType.ARRIVED: {
        "greeting_done": (boolean, True),
        "late_notice_given": (boolean, False),
    },
    EventType.PERMISSION_GRANTED: {
        "granted_by": (text(MAX_SHORT), True),
        "explanation": (text(MAX_TEXT), True),
        "expected_minutes": (int_range(1, 10_000), True),
    },
    EventType.DIAGNOSED: {
        "user_perspective": (text(MAX_TEXT), True),
        "source_category": (choice(SOURCE_CATEGORIES), True),
        "findings": (text(MAX_TEXT), True),
        "resources_used": (text(MAX_TEXT, allow_empty=True), False),
        "borrowed_parts": (text_list, False),
        "out_of_order": (text(MAX_SHORT), False),
        # Asked at the diagnosis since 0.2.0; older diagnoses have neither and stay valid.
        "problem_since": (choice(PROBLEM_SINCE), False),
        "shown_by_user": (boolean, False),
        "not_shown_reason": (text(MAX_TEXT), False),
        # The past fix or article the technician said they used (its knowledge key,
        # "fix:<visit id>" or "article:<id>"; fieldapp.store.knowledge).
        "fix_used": (text(MAX_SHORT), False),
    },
    EventType.OPTIONS_OFFERED: {"options": (options, True)},
    EventType.OPTION_CHOSEN: {
        "key": (text(64), True),
        "chosen_by": (text(MAX_SHORT), False),
    },
    EventType.RESOLVED: {
        "explanation": (text(MAX_TEXT), True),
        "demonstrated": (boolean, True),
        "user_confirmed": (boolean, True),
        "demonstration_impossible_reason": (text(MAX_TEXT), False),
    },
    EventType.TAUGHT: {"topic": (text(MAX_TEXT), True)},
    EventType.TEACHING_DECLINED: {"comment": (text(MAX_TEXT, allow_empty=True), False)},
    EventType.ANYTHING_ELSE: {
        "answer": (boolean, True),
        "request": (text(MAX_TEXT), False),
        # Handled there and then: the request becomes its own visit (new_visit_id, opened
        # by the visit_opened event that follows) instead of next working day's.
        "handled_now": (boolean, False),
        "new_visit_id": (text(64), False),
    },
    EventType.PART_RETURNED: {"part": (text(MAX_SHORT), True)},
    EventType.SIGNED_OFF: {
        "summary": (text(MAX_TEXT), True),
        "satisfaction": (int_range(1, 5), False),
        "comment": (text(MAX_TEXT, allow_empty=True), False),
        "signature_sha256": (sha256, False),
        "admin_logged_off": (boolean, False),
        "note_left_on_desk": (boolean, False),
        "parts_returned": (boolean, False),
        "follow_up_call_at": (when, False),
    },
    EventType.ESCALATED: {
        "reason": (text(MAX_TEXT), True),
        "team": (text(MAX_SHORT), True),
        "next_update_at": (when, True),
    },
    EventType.PROMISE_MADE: {
        "promise_id": (text(64), True),
        "kind": (choice(PROMISE_KINDS), True),
        "due_at": (when, True),
        "description": (text(MAX_TEXT), True),
    },
    EventType.PROMISE_KEPT: {"promise_id": (text(64), True)},
    EventType.NOTE: {
        "text": (text(MAX_TEXT), True),
        "category": (choice(NOTE_CATEGORIES), False),
        "answer_given": (text(MAX_TEXT), False),
    },
    EventType.ATTACHMENT_ADDED: {
        "sha256": (sha256, True),
        "filename": (text(255), True),
        "media_type": (text(127), True),
        "size": (int_range(0, 50 * 1024 * 1024), True),
        "kind": (choice(ATTACHMENT_KINDS), True),
    },
    EventType.DEPARTED: {
        "reason": (choice(DEPARTURE_REASONS), True),
        "note": (text(MAX_TEXT), False),
        "return_at": (when, False),
        "agreed_with": (text(MAX_SHORT), False),
        "admin_logged_off": (boolean, False),
        "note_left_on_desk": (boolean, False),
    },
    # The technician adds to what the user already tried (the visit's `already_tried` is
    # dispatch's, so it is never edited: what the user tells at the desk follows it).
    EventType.ALREADY_TRIED_ADDED: {"text": (text(MAX_TEXT), True)},
}


def check_across(event_type: EventType, cleaned: Mapping[str, Any]) -> None:
    """The rules that tie a core step's fields together; raise InvalidEvent if one is broken."""
    if event_type is EventType.ANYTHING_ELSE and cleaned["answer"] and "request" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "When the user asks for something else, say what they asked for in the field "
                "'request'.",
            ),
        )
    if (
        event_type is EventType.ANYTHING_ELSE
        and cleaned.get("handled_now")
        and not (cleaned["answer"] and "new_visit_id" in cleaned)
    ):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "A request handled now is a 'yes' with the new visit's id in 'new_visit_id'.",
            ),
        )
    if (
        event_type is EventType.NOTE
        and cleaned.get("category") in ("out_of_scope", "policy")
        and "answer_given" not in cleaned
    ):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "A request that is out of scope or against ICT policy is recorded with the polite "
                "answer given, in the field 'answer_given'.",
            ),
        )
    if event_type is EventType.DEPARTED:
        _check_departure(cleaned)
    if event_type is EventType.DIAGNOSED:
        _check_shown(cleaned)


def _check_departure(cleaned: Mapping[str, object]) -> None:
    """A return time is a promise only when someone agreed it, and 'other' says what."""
    if ("return_at" in cleaned) != ("agreed_with" in cleaned):
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "A return time is agreed with someone: give both 'return_at' and 'agreed_with', "
                "or neither.",
            ),
        )
    if cleaned["reason"] == OTHER_REASON and "note" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules", "When the reason for leaving is 'other', say why in 'note'."
            ),
        )


def _check_shown(cleaned: Mapping[str, object]) -> None:
    """ "Show me the problem": when the user did not, the diagnosis says why."""
    if cleaned.get("shown_by_user") is False and "not_shown_reason" not in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "When the user did not show the problem, say why in the field 'not_shown_reason'.",
            ),
        )
    if cleaned.get("shown_by_user") is not False and "not_shown_reason" in cleaned:
        raise InvalidEvent(
            "invalid_payload",
            QT_TRANSLATE_NOOP(
                "Rules",
                "The field 'not_shown_reason' is only for a diagnosis where the user did not show "
                "the problem (shown_by_user false).",
            ),
        )
