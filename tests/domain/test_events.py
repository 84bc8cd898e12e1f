"""validate_payload and parse_event_type: every type, every field, every wrong form."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.domain import EventType, InvalidEvent, validate_payload
from fieldapp.domain.customer import USER_ANSWERS
from fieldapp.domain.devices import ATTACHED_HOW
from fieldapp.domain.events import (
    ATTACHMENT_KINDS,
    CONFIRM_CHANNELS,
    DECLINED_NEXT_STEPS,
    DEPARTURE_REASONS,
    EQUIPMENT_FATES,
    NO_REPAIR_OUTCOMES,
    NOTE_CATEGORIES,
    OPENED_HOW,
    PROBLEM_SINCE,
    PROMISE_KINDS,
    SOURCE_CATEGORIES,
    parse_event_type,
    payload_fields,
)
from tests.domain.factories import FULL, MINIMAL, SHA

# --- the payload contract, written out independently of the implementation -------------
# kind of each field: ("text", max, allow_empty) | ("bool",) | ("int", low, high) | ("when",)
# | ("sha",) | ("tag",) | ("choice", values) | ("text_list",) | ("options",); then whether it
# is required.

LONG, SHORT = 20_000, 500
F = dict[str, tuple[tuple[Any, ...], bool]]

SPEC: dict[EventType, F] = {
    EventType.CONFIRMED: {
        "channel": (("choice", CONFIRM_CHANNELS), True),
        "message": (("text", LONG, False), True),
        "confirmed_with": (("text", SHORT, False), False),
    },
    EventType.ARRIVED: {
        "greeting_done": (("bool",), True),
        "late_notice_given": (("bool",), False),
    },
    EventType.PERMISSION_GRANTED: {
        "granted_by": (("text", SHORT, False), True),
        "explanation": (("text", LONG, False), True),
        "expected_minutes": (("int", 1, 10_000), True),
    },
    EventType.USER_BUSY: {
        "return_at": (("when",), True),
        "agreed_with": (("text", SHORT, False), True),
    },
    EventType.USER_ABSENT_URGENT: {
        "reason": (("text", LONG, False), True),
        "open_files_warned": (("bool",), False),
    },
    EventType.PERMISSION_DECLINED: {
        "declined_by": (("text", SHORT, False), True),
        "next_step": (("choice", DECLINED_NEXT_STEPS), True),
        "reason": (("text", LONG, True), False),
    },
    EventType.USER_ABSENT_NOTE_LEFT: {"desk_note": (("text", LONG, False), True)},
    EventType.USER_RETURNED: {
        "returned": (("text", SHORT, False), True),
        "explanation": (("text", LONG, False), True),
    },
    EventType.CLOSED_WITHOUT_REPAIR: {
        "outcome": (("choice", NO_REPAIR_OUTCOMES), True),
        "explanation": (("text", LONG, False), True),
        "confirmed_by": (("text", SHORT, False), False),
        "admin_logged_off": (("bool",), False),
        "note_left_on_desk": (("bool",), False),
    },
    EventType.DIAGNOSED: {
        "user_perspective": (("text", LONG, False), True),
        "source_category": (("choice", SOURCE_CATEGORIES), True),
        "findings": (("text", LONG, False), True),
        "resources_used": (("text", LONG, True), False),
        "borrowed_parts": (("text_list",), False),
        "out_of_order": (("text", SHORT, False), False),
        "problem_since": (("choice", PROBLEM_SINCE), False),
        "shown_by_user": (("bool",), False),
        "not_shown_reason": (("text", LONG, False), False),
        "fix_used": (("text", SHORT, False), False),
    },
    EventType.OPTIONS_OFFERED: {"options": (("options",), True)},
    EventType.OPTION_CHOSEN: {
        "key": (("text", 64, False), True),
        "chosen_by": (("text", SHORT, False), False),
    },
    EventType.RESOLVED: {
        "explanation": (("text", LONG, False), True),
        "demonstrated": (("bool",), True),
        "user_confirmed": (("bool",), True),
        "demonstration_impossible_reason": (("text", LONG, False), False),
    },
    EventType.TAUGHT: {"topic": (("text", LONG, False), True)},
    EventType.TEACHING_DECLINED: {"comment": (("text", LONG, True), False)},
    EventType.ANYTHING_ELSE: {
        "answer": (("bool",), True),
        "request": (("text", LONG, False), False),
        "handled_now": (("bool",), False),
        "new_visit_id": (("text", 64, False), False),
    },
    EventType.PART_RETURNED: {"part": (("text", SHORT, False), True)},
    EventType.SIGNED_OFF: {
        "summary": (("text", LONG, False), True),
        "satisfaction": (("int", 1, 5), False),
        "comment": (("text", LONG, True), False),
        "signature_sha256": (("sha",), False),
        "admin_logged_off": (("bool",), False),
        "note_left_on_desk": (("bool",), False),
        "parts_returned": (("bool",), False),
        "follow_up_call_at": (("when",), False),
    },
    EventType.ESCALATED: {
        "reason": (("text", LONG, False), True),
        "team": (("text", SHORT, False), True),
        "next_update_at": (("when",), True),
    },
    EventType.PROMISE_MADE: {
        "promise_id": (("text", 64, False), True),
        "kind": (("choice", PROMISE_KINDS), True),
        "due_at": (("when",), True),
        "description": (("text", LONG, False), True),
    },
    EventType.PROMISE_KEPT: {"promise_id": (("text", 64, False), True)},
    EventType.NOTE: {
        "text": (("text", LONG, False), True),
        "category": (("choice", NOTE_CATEGORIES), False),
        "answer_given": (("text", LONG, False), False),
    },
    EventType.ATTACHMENT_ADDED: {
        "sha256": (("sha",), True),
        "filename": (("text", 255, False), True),
        "media_type": (("text", 127, False), True),
        "size": (("int", 0, 50 * 1024 * 1024), True),
        "kind": (("choice", ATTACHMENT_KINDS), True),
    },
    EventType.DEPARTED: {
        "reason": (("choice", DEPARTURE_REASONS), True),
        "note": (("text", LONG, False), False),
        "return_at": (("when",), False),
        "agreed_with": (("text", SHORT, False), False),
        "admin_logged_off": (("bool",), False),
        "note_left_on_desk": (("bool",), False),
    },
    EventType.ASSISTANT_ADDED: {
        "username": (("text", 64, False), True),
        "reason": (("text", LONG, True), False),
    },
    EventType.ASSISTANT_REMOVED: {
        "username": (("text", 64, False), True),
        "reason": (("text", LONG, True), False),
    },
    EventType.VISIT_OPENED: {
        "how": (("choice", OPENED_HOW), True),
        "customer_name": (("text", SHORT, False), True),
        "problem": (("text", LONG, False), True),
        "opened_from": (("text", 64, False), False),
        "contact_phone": (("text", SHORT, True), False),
        "contact_email": (("text", SHORT, True), False),
        "contact_extension": (("text", SHORT, True), False),
        "site": (("text", SHORT, True), False),
        "building": (("text", SHORT, True), False),
        "floor": (("text", SHORT, True), False),
        "room": (("text", SHORT, True), False),
        "window_start": (("when",), False),
        "window_end": (("when",), False),
    },
    EventType.REOPENED: {
        "reason": (("text", LONG, False), True),
        "return_visit_id": (("text", 64, False), True),
    },
    EventType.PART_BORROWED: {
        "part": (("text", SHORT, False), True),
        "whose": (("text", SHORT, False), True),
        "note": (("text", LONG, True), False),
    },
    EventType.PART_DISPOSED: {
        "part": (("text", SHORT, False), True),
        "fate": (("choice", EQUIPMENT_FATES), True),
        "agreed_with": (("text", SHORT, False), True),
        "note": (("text", LONG, True), False),
    },
    EventType.LOAN_MADE: {
        "item": (("text", SHORT, False), True),
        "lent_to": (("text", SHORT, False), True),
        "whose": (("text", SHORT, False), True),
        "due_at": (("when",), True),
        "note": (("text", LONG, True), False),
    },
    EventType.LOAN_RETURNED: {"loan_id": (("text", 64, False), True)},
    EventType.LOAN_DISPOSED: {
        "loan_id": (("text", 64, False), True),
        "fate": (("choice", EQUIPMENT_FATES), True),
        "agreed_with": (("text", SHORT, False), True),
        "note": (("text", LONG, True), False),
    },
    EventType.ALREADY_TRIED_ADDED: {"text": (("text", LONG, False), True)},
    EventType.USER_REPLIED: {
        "answer": (("choice", USER_ANSWERS), True),
        "proposed_times": (("when_list",), False),
        "note": (("text", 2000, True), False),
    },
    EventType.TIME_REQUEST_ANSWERED: {
        "accepted": (("bool",), True),
        "reason": (("text", LONG, False), True),
        "window_start": (("when",), False),
    },
    EventType.ON_MY_WAY: {
        "late_minutes": (("int", 0, 600), False),
        "message": (("text", LONG, False), True),
    },
    EventType.DAY_END_UPDATE: {
        "channel": (("choice", CONFIRM_CHANNELS), True),
        "message": (("text", LONG, False), True),
        "next_step": (("text", SHORT, False), True),
    },
    EventType.DEVICE_ATTACHED: {
        "asset_tag": (("tag",), True),
        "how": (("choice", ATTACHED_HOW), True),
        "hostname": (("text", SHORT, True), False),
        "serial": (("text", SHORT, True), False),
        "model": (("text", SHORT, True), False),
        "owner": (("text", SHORT, True), False),
    },
}

ALL_TYPES = list(EventType)
FIELDS = [(kind, name) for kind in ALL_TYPES for name in SPEC[kind]]


def fields(*, form: str | None = None, required: bool | None = None) -> list[Any]:
    """(kind, name) pytest params of the fields of one form and/or requiredness."""
    return [
        pytest.param(kind, name, id=f"{kind}.{name}")
        for kind, name in FIELDS
        if (form is None or SPEC[kind][name][0][0] == form)
        and (required is None or SPEC[kind][name][1] == required)
    ]


REQUIRED = fields(required=True)
OPTIONAL = fields(required=False)


def invalid(kind: EventType, payload: dict[str, Any]) -> InvalidEvent:
    with pytest.raises(InvalidEvent) as info:
        validate_payload(kind, payload)
    error = info.value
    assert error.code == "invalid_payload"
    assert error.message.endswith(".")
    assert str(error) == error.message
    return error


def assert_names(error: InvalidEvent, name: str) -> None:
    assert f"'{name}'" in error.message, error.message


def with_field(kind: EventType, name: str, value: object) -> dict[str, Any]:
    # A note's category may demand the answer given; carry one so only `name` is tested.
    needs_answer = kind is EventType.NOTE and name == "category" and value is not None
    base = {**MINIMAL[kind], "answer_given": "Sorry."} if needs_answer else MINIMAL[kind]
    if kind is EventType.DEPARTED and value is not None:
        # A departure's return time comes with whom it was agreed, and 'other' says why.
        if name == "return_at":
            base = {**base, "agreed_with": "Kyra"}
        if name == "agreed_with":
            base = {**base, "return_at": "2025-03-10T14:00:00+00:00"}
        if name == "reason" and value == "other":
            base = {**base, "note": "Called away to a fire drill."}
    if value is not None and value is not False:
        base = {**base, **_PARTNERS.get((kind, name), {})}
    if kind is EventType.DIAGNOSED and name == "not_shown_reason" and value is not None:
        base = {**base, "shown_by_user": False}  # the reason goes with a "no"
    if kind is EventType.DIAGNOSED and name == "shown_by_user" and value is False:
        base = {**base, "not_shown_reason": "The error only appears at month end."}
    return {**base, name: value}


# Fields whose value asks for another: a visit opened from another names it; a window has
# both ends (the widest, either side of any time tried); a request handled now is a yes.
_WIDE = {"window_start": "1900-01-01T00:00:00+00:00", "window_end": "2199-12-31T23:59:59+00:00"}
_PARTNERS: dict[tuple[EventType, str], dict[str, Any]] = {
    (EventType.VISIT_OPENED, "how"): {"opened_from": "visit-0"},
    (EventType.VISIT_OPENED, "window_start"): {"window_end": _WIDE["window_end"]},
    (EventType.VISIT_OPENED, "window_end"): {"window_start": _WIDE["window_start"]},
    (EventType.USER_REPLIED, "proposed_times"): {"answer": "another_time"},
    (EventType.USER_REPLIED, "answer"): {"proposed_times": ["2030-03-12T14:30:00+01:00"]},
    (EventType.TIME_REQUEST_ANSWERED, "accepted"): {"window_start": _WIDE["window_start"]},
    (EventType.ANYTHING_ELSE, "handled_now"): {
        "answer": True,
        "request": "The printer jams too.",
        "new_visit_id": "v-2",
    },
}


# --- the contract itself --------------------------------------------------------------


def test_every_event_type_has_a_spec_here() -> None:
    assert set(SPEC) == set(EventType)
    assert len(EventType) == 39


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
def test_payload_fields_match_the_contract(kind: EventType) -> None:
    assert payload_fields(kind) == {name: req for name, (_, req) in SPEC[kind].items()}


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
def test_minimal_payload_is_exactly_the_required_fields(kind: EventType) -> None:
    required = {name for name, (_, req) in SPEC[kind].items() if req}
    assert set(MINIMAL[kind]) == required


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
def test_full_payload_uses_every_field_or_the_type_has_no_optional_ones(kind: EventType) -> None:
    assert set(FULL[kind]) == set(SPEC[kind])


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
@pytest.mark.parametrize("which", ["minimal", "full"])
def test_valid_payload_is_accepted_and_returned_as_a_clean_copy(
    kind: EventType, which: str
) -> None:
    payload = (MINIMAL if which == "minimal" else FULL)[kind]
    cleaned = validate_payload(kind, payload)
    assert cleaned == payload
    assert cleaned is not payload


def test_cleaned_lists_are_copies() -> None:
    payload = FULL[EventType.DIAGNOSED]
    cleaned = validate_payload(EventType.DIAGNOSED, payload)
    assert cleaned["borrowed_parts"] is not payload["borrowed_parts"]
    options = MINIMAL[EventType.OPTIONS_OFFERED]
    cleaned = validate_payload(EventType.OPTIONS_OFFERED, options)
    assert cleaned["options"] is not options["options"]
    assert cleaned["options"][0] is not options["options"][0]


# --- missing, unknown, None --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), REQUIRED)
def test_missing_required_field_is_named(kind: EventType, name: str) -> None:
    payload = dict(MINIMAL[kind])
    del payload[name]
    error = invalid(kind, payload)
    assert error.message == f"A '{kind}' event needs the field '{name}'."


@pytest.mark.parametrize(("kind", "name"), REQUIRED)
def test_required_field_given_as_none_counts_as_missing(kind: EventType, name: str) -> None:
    error = invalid(kind, with_field(kind, name, None))
    assert_names(error, name)
    assert "needs the field" in error.message


@pytest.mark.parametrize(("kind", "name"), OPTIONAL)
def test_optional_field_given_as_none_is_dropped(kind: EventType, name: str) -> None:
    assert validate_payload(kind, with_field(kind, name, None)) == MINIMAL[kind]


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
def test_unknown_field_is_refused_and_named(kind: EventType) -> None:
    error = invalid(kind, with_field(kind, "colour", "blue"))
    assert error.message == f"A '{kind}' event has no field 'colour'."


def test_unknown_field_name_is_cut_to_forty_characters() -> None:
    error = invalid(EventType.NOTE, with_field(EventType.NOTE, "x" * 500, 1))
    assert f"'{'x' * 40}'" in error.message
    assert "x" * 41 not in error.message


def test_unknown_fields_are_reported_first_and_in_name_order() -> None:
    error = invalid(EventType.NOTE, {"zeta": 1, "alpha": 2})
    assert_names(error, "alpha")


def test_empty_payload_names_the_first_required_field() -> None:
    error = invalid(EventType.CONFIRMED, {})
    assert_names(error, "channel")


@pytest.mark.parametrize("kind", [EventType.TEACHING_DECLINED], ids=str)
def test_type_without_required_fields_accepts_an_empty_payload(kind: EventType) -> None:
    assert validate_payload(kind, {}) == {}


# --- wrong forms, per kind of field ----------------------------------------------------

NAIVE = "2025-03-10T14:00:00"

WRONG: dict[str, list[object]] = {
    "text": [1, 1.5, True, False, ["a"], {"a": 1}, b"bytes", "\x00", "ok\x00ok"],
    "bool": [1, 0, "true", "false", "yes", 1.0, [], {}],
    "int": ["3", 3.0, True, False, [3], {}],
    "when": [
        NAIVE,
        "2025-03-10",
        "tomorrow at 2",
        "",
        "2025-13-01T10:00:00+00:00",
        "2025-03-10T25:00:00+00:00",
        "2025-03-10T10:00:00+25:00",
        1_741_600_000,
        True,
        ["2025-03-10T10:00:00+00:00"],
        "2025-03-10T10:00:00+00:00" + " " * 60,
    ],
    "sha": [
        SHA.upper(),
        SHA[:-1],
        SHA + "0",
        "g" * 64,
        " " + SHA[1:],
        SHA + "\n",
        "",
        int("1" * 20),
        True,
        [SHA],
    ],
    "choice": ["", "EMAIL", "Email", " email", "carrier pigeon", 1, True, ["email"]],
    "when_list": [
        [],
        ["2025-03-10T10:00:00+00:00"] * 4,
        "2025-03-10T10:00:00+00:00",
        ["2025-03-10T10:00:00"],
        [1],
    ],
    "text_list": ["RAM", {"RAM": 1}, [""], ["  "], [1], [True], ["ok", None], ["a\x00"]],
    "tag": ["", "   ", "x" * 65, "IT-42!", "-IT", "IT\x00", 42, True, ["IT-1"]],
}


def wrong_values(kind_of_field: tuple[Any, ...]) -> list[object]:
    kind = kind_of_field[0]
    if kind == "choice":
        return [v for v in WRONG["choice"] if v not in kind_of_field[1]]
    if kind == "options":
        return []  # own tests below
    return WRONG[kind]


WRONG_CASES = [
    (kind, name, value) for kind, name in FIELDS for value in wrong_values(SPEC[kind][name][0])
]


@pytest.mark.parametrize(
    ("kind", "name", "value"),
    WRONG_CASES,
    ids=[f"{k}.{n}-{i}" for i, (k, n, _) in enumerate(WRONG_CASES)],
)
def test_wrong_form_is_refused_naming_the_field(kind: EventType, name: str, value: object) -> None:
    error = invalid(kind, with_field(kind, name, value))
    assert error.message.startswith(f"The field '{name}")


@pytest.mark.parametrize(("kind", "name"), fields(form="text"))
def test_text_limits(kind: EventType, name: str) -> None:
    form = SPEC[kind][name][0]
    _, limit, allow_empty = form
    assert validate_payload(kind, with_field(kind, name, "é" * limit))[name] == "é" * limit
    error = invalid(kind, with_field(kind, name, "x" * (limit + 1)))
    assert error.message == f"The field '{name}' is longer than {limit} characters."
    error = invalid(kind, with_field(kind, name, "a\x00b"))
    assert error.message == f"The field '{name}' contains a NUL character."
    for blank in ("", "   ", "\t\n"):
        if allow_empty:
            assert validate_payload(kind, with_field(kind, name, blank))[name] == blank
        else:
            error = invalid(kind, with_field(kind, name, blank))
            assert error.message == f"The field '{name}' must not be empty."
    error = invalid(kind, with_field(kind, name, 7))
    assert error.message == f"The field '{name}' must be text."


@pytest.mark.parametrize(("kind", "name"), fields(form="int"))
def test_int_limits(kind: EventType, name: str) -> None:
    form = SPEC[kind][name][0]
    _, low, high = form
    for good in (low, high, (low + high) // 2):
        assert validate_payload(kind, with_field(kind, name, good))[name] == good
    for bad in (low - 1, high + 1, -(10**30), 10**30):
        error = invalid(kind, with_field(kind, name, bad))
        assert error.message == f"The field '{name}' must be a whole number from {low} to {high}."


@pytest.mark.parametrize(("kind", "name"), fields(form="bool"))
def test_bool_fields_take_only_true_or_false(kind: EventType, name: str) -> None:
    payload = with_field(kind, name, False)
    if kind is EventType.ANYTHING_ELSE:
        payload.pop("request", None)
    assert validate_payload(kind, payload)[name] is False
    for as_int in (0, 1):
        error = invalid(kind, with_field(kind, name, as_int))
        assert error.message == f"The field '{name}' must be true or false."


@pytest.mark.parametrize(("kind", "name"), fields(form="choice"))
def test_choice_fields_accept_each_listed_value(kind: EventType, name: str) -> None:
    form = SPEC[kind][name][0]
    for value in form[1]:
        assert validate_payload(kind, with_field(kind, name, value))[name] == value
    error = invalid(kind, with_field(kind, name, "nonsense"))
    assert error.message == f"The field '{name}' must be one of: " + ", ".join(form[1]) + "."


WHEN_FIELDS = fields(form="when")


@pytest.mark.parametrize(("kind", "name"), WHEN_FIELDS)
@pytest.mark.parametrize(
    "value",
    [
        "2025-03-10T14:00:00+00:00",
        "2025-03-10T14:00:00Z",
        "2025-03-10T14:00:00.123456+02:00",
        "2025-03-10T14:00-05:30",
        "2025-03-10 14:00:00+01:00",
    ],
)
def test_when_fields_accept_aware_iso_times_unchanged(
    kind: EventType, name: str, value: str
) -> None:
    assert validate_payload(kind, with_field(kind, name, value))[name] == value


@pytest.mark.parametrize(("kind", "name"), WHEN_FIELDS)
def test_naive_time_is_refused_for_its_missing_time_zone(kind: EventType, name: str) -> None:
    error = invalid(kind, with_field(kind, name, NAIVE))
    assert error.message == f"The field '{name}' must include a time zone."
    error = invalid(kind, with_field(kind, name, "half past two"))
    assert error.message == f"The field '{name}' must be a date and time in ISO 8601 form."


def test_sha256_accepts_lower_case_hex_only() -> None:
    for good in ("0" * 64, "f" * 64, SHA):
        assert validate_payload(
            EventType.ATTACHMENT_ADDED, {**MINIMAL[EventType.ATTACHMENT_ADDED], "sha256": good}
        )
    error = invalid(
        EventType.ATTACHMENT_ADDED, with_field(EventType.ATTACHMENT_ADDED, "sha256", "A" * 64)
    )
    assert error.message == "The field 'sha256' must be a SHA-256 hash in lower-case hex."


# --- lists ---------------------------------------------------------------------------


def test_borrowed_parts_list_limits() -> None:
    kind = EventType.DIAGNOSED
    assert validate_payload(kind, with_field(kind, "borrowed_parts", []))["borrowed_parts"] == []
    fifty = [f"part {i}" for i in range(50)]
    assert (
        validate_payload(kind, with_field(kind, "borrowed_parts", fifty))["borrowed_parts"] == fifty
    )
    error = invalid(kind, with_field(kind, "borrowed_parts", [*fifty, "one more"]))
    assert error.message == "The field 'borrowed_parts' must be a list of at most 50 texts."
    error = invalid(kind, with_field(kind, "borrowed_parts", ["ok", "x" * 501]))
    assert error.message == "The field 'borrowed_parts[1]' is longer than 500 characters."
    error = invalid(kind, with_field(kind, "borrowed_parts", ("a", "b")))
    assert_names(error, "borrowed_parts")


def option(key: object = "a", description: object = "Do a", minutes: object = 10) -> dict:
    return {"key": key, "description": description, "minutes": minutes}


def options_payload(*options: object) -> dict[str, Any]:
    return {"options": list(options)}


@pytest.mark.parametrize("count", [2, 3, 10])
def test_options_between_two_and_ten(count: int) -> None:
    opts = [option(f"k{i}", f"Way {i}", i) for i in range(count)]
    assert validate_payload(EventType.OPTIONS_OFFERED, options_payload(*opts))["options"] == opts


@pytest.mark.parametrize("count", [0, 1, 11])
def test_options_count_outside_two_to_ten_is_refused(count: int) -> None:
    opts = [option(f"k{i}") for i in range(count)]
    error = invalid(EventType.OPTIONS_OFFERED, options_payload(*opts))
    assert error.message == (
        "The field 'options' must list between 2 and 10 options (one option is not a choice)."
    )


def test_options_must_be_a_list() -> None:
    for value in ("a,b", {"a": 1, "b": 2}, (option("a"), option("b")), 2):
        error = invalid(EventType.OPTIONS_OFFERED, {"options": value})
        assert_names(error, "options")


def test_duplicate_option_keys_are_refused() -> None:
    error = invalid(EventType.OPTIONS_OFFERED, options_payload(option("a"), option("a")))
    assert error.message == "The field 'options' has the key 'a' twice."
    error = invalid(
        EventType.OPTIONS_OFFERED, options_payload(option("a"), option("b"), option("b"))
    )
    assert "'b' twice" in error.message


def test_option_keys_differing_in_case_or_space_are_different_keys() -> None:
    opts = [option("a"), option("A"), option(" a")]
    assert validate_payload(EventType.OPTIONS_OFFERED, options_payload(*opts))["options"] == opts


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("not a dict", "options[1]"),
        (["key", "a"], "options[1]"),
        ({**option("b"), "cost": 3}, "options[1]"),
        ({"description": "x", "minutes": 1}, "options[1].key"),
        ({"key": "b", "minutes": 1}, "options[1].description"),
        ({"key": "b", "description": "x"}, "options[1].minutes"),
        (option(key=""), "options[1].key"),
        (option(key="k" * 65), "options[1].key"),
        (option(key=3), "options[1].key"),
        (option(key="b\x00"), "options[1].key"),
        (option(description="  "), "options[1].description"),
        (option(description="d" * 501), "options[1].description"),
        (option(minutes=-1), "options[1].minutes"),
        (option(minutes=10_001), "options[1].minutes"),
        (option(minutes=True), "options[1].minutes"),
        (option(minutes="30"), "options[1].minutes"),
        (option(minutes=1.5), "options[1].minutes"),
    ],
)
def test_malformed_option_names_the_option(bad: object, name: str) -> None:
    error = invalid(EventType.OPTIONS_OFFERED, options_payload(option("a"), bad))
    assert error.message.startswith(f"The field '{name}'"), error.message


def test_option_limits_are_inclusive() -> None:
    opts = [option("k" * 64, "d" * 500, 0), option("b", "x", 10_000)]
    assert validate_payload(EventType.OPTIONS_OFFERED, options_payload(*opts))["options"] == opts


# --- anything else? -----------------------------------------------------------------------


def test_anything_else_no_needs_no_request() -> None:
    assert validate_payload(EventType.ANYTHING_ELSE, {"answer": False}) == {"answer": False}
    with_request = {"answer": False, "request": "nothing really"}
    assert validate_payload(EventType.ANYTHING_ELSE, with_request) == with_request


@pytest.mark.parametrize("request_value", [None, "MISSING"])
def test_anything_else_yes_needs_the_request(request_value: object) -> None:
    payload: dict[str, Any] = {"answer": True}
    if request_value != "MISSING":
        payload["request"] = request_value
    error = invalid(EventType.ANYTHING_ELSE, payload)
    assert "something else" in error.message


def test_anything_else_yes_with_blank_request_is_refused() -> None:
    error = invalid(EventType.ANYTHING_ELSE, {"answer": True, "request": "  "})
    assert error.message == "The field 'request' must not be empty."


def test_anything_else_yes_error_names_the_request_field() -> None:
    error = invalid(EventType.ANYTHING_ELSE, {"answer": True})
    assert_names(error, "request")


# --- robustness of the validator itself -----------------------------------------------


def test_non_text_field_name_is_an_invalid_payload() -> None:
    invalid(EventType.NOTE, {**MINIMAL[EventType.NOTE], 1: "x"})  # type: ignore[dict-item]


def test_event_type_given_as_plain_text_gets_the_same_rules() -> None:
    with pytest.raises(InvalidEvent):
        validate_payload("anything_else", {"answer": True})  # type: ignore[arg-type]


def test_validate_payload_does_not_touch_its_input() -> None:
    payload = {**FULL[EventType.DIAGNOSED], "borrowed_parts": ["a", "b"]}
    snapshot = {**payload, "borrowed_parts": list(payload["borrowed_parts"])}
    validate_payload(EventType.DIAGNOSED, payload)
    assert payload == snapshot


# --- parse_event_type ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_TYPES, ids=str)
def test_parse_event_type_knows_every_type(kind: EventType) -> None:
    assert parse_event_type(kind.value) is kind
    assert parse_event_type(kind) is kind


@pytest.mark.parametrize(
    "name",
    ["", "CONFIRMED", "Confirmed", " note", "note ", "signed-off", "cancelled", None, 3, "x" * 300],
)
def test_parse_event_type_refuses_unknown_names(name: object) -> None:
    with pytest.raises(InvalidEvent) as info:
        parse_event_type(name)
    error = info.value
    assert error.code == "unknown_event_type"
    assert error.message == f"'{str(name)[:40]}' is not a visit event type this version knows."


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_event_type_is_total(name: str) -> None:
    if name in {k.value for k in EventType}:
        assert parse_event_type(name).value == name
    else:
        with pytest.raises(InvalidEvent) as info:
            parse_event_type(name)
        assert info.value.code == "unknown_event_type"


# --- property: generated valid payloads pass, one broken field fails and is named --------

aware_times = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis bounds must be naive
    max_value=datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=st.builds(
        timezone, st.integers(-23 * 60 + 1, 23 * 60 - 1).map(lambda m: timedelta(minutes=m))
    )
    | st.just(UTC),
)


def text_of(max_len: int, allow_empty: bool) -> st.SearchStrategy[str]:
    chars = st.characters(blacklist_characters="\x00", codec="utf-8")
    return st.text(chars, min_size=0 if allow_empty else 1, max_size=min(max_len, 40)).filter(
        lambda s: allow_empty or s.strip()
    )


def value_for(form: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    match form[0]:
        case "text":
            return text_of(form[1], form[2])
        case "bool":
            return st.booleans()
        case "int":
            return st.integers(form[1], form[2])
        case "when":
            return aware_times.map(lambda d: d.isoformat())
        case "sha":
            return st.from_regex(re.compile(r"[0-9a-f]{64}"), fullmatch=True)
        case "tag":  # as kept: upper case, no spaces (a typed one is normalized)
            return st.from_regex(re.compile(r"[A-Z0-9][A-Z0-9._/:#-]{0,63}"), fullmatch=True)
        case "choice":
            return st.sampled_from(form[1])
        case "text_list":
            return st.lists(text_of(SHORT, False), max_size=5)
        case "when_list":
            return st.lists(aware_times.map(lambda d: d.isoformat()), min_size=1, max_size=3)
        case "options":
            return st.lists(
                st.fixed_dictionaries(
                    {
                        "key": text_of(64, False),
                        "description": text_of(SHORT, False),
                        "minutes": st.integers(0, 10_000),
                    }
                ),
                min_size=2,
                max_size=10,
                unique_by=lambda o: o["key"],
            )
    raise AssertionError(form)


@st.composite
def valid_payloads(draw: st.DrawFn, kind: EventType) -> dict[str, Any]:
    payload = {}
    for name, (form, required) in SPEC[kind].items():
        if required or draw(st.booleans()):
            payload[name] = draw(value_for(form))
    if kind is EventType.ANYTHING_ELSE and payload["answer"]:
        payload["request"] = draw(text_of(LONG, False))
    if kind is EventType.ANYTHING_ELSE and payload.get("handled_now"):
        payload["answer"] = True
        payload.setdefault("request", draw(text_of(LONG, False)))
        payload.setdefault("new_visit_id", draw(text_of(64, False)))
    if kind is EventType.VISIT_OPENED:
        if payload["how"] != "walk_up":
            payload.setdefault("opened_from", draw(text_of(64, False)))
        payload.pop("window_start", None)
        payload.pop("window_end", None)
        if draw(st.booleans()):
            payload["window_start"] = "2025-03-10T10:00:00+00:00"
            payload["window_end"] = "2025-03-10T12:00:00+01:00"
    if kind is EventType.NOTE and payload.get("category") in ("out_of_scope", "policy"):
        payload["answer_given"] = draw(text_of(LONG, False))
    if kind is EventType.DEPARTED:
        if ("return_at" in payload) != ("agreed_with" in payload):
            payload.setdefault("return_at", draw(value_for(("when",))))
            payload.setdefault("agreed_with", draw(text_of(SHORT, False)))
        if payload["reason"] == "other":
            payload.setdefault("note", draw(text_of(LONG, False)))
    if kind is EventType.USER_REPLIED and payload["answer"] == "another_time":
        payload.setdefault("proposed_times", draw(value_for(("when_list",))))
    if kind is EventType.TIME_REQUEST_ANSWERED and payload["accepted"]:
        payload.setdefault("window_start", draw(value_for(("when",))))
    if kind is EventType.DIAGNOSED:
        payload.pop("not_shown_reason", None)
        if payload.get("shown_by_user") is False:
            payload["not_shown_reason"] = draw(text_of(LONG, False))
    return payload


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(ALL_TYPES))
def test_generated_valid_payloads_pass_unchanged(data: st.DataObject, kind: EventType) -> None:
    payload = data.draw(valid_payloads(kind))
    assert validate_payload(kind, payload) == payload


BREAKERS: dict[str, st.SearchStrategy[Any]] = {
    "text": st.one_of(st.integers(), st.booleans(), st.just("\x00"), st.just([])),
    "bool": st.one_of(st.integers(0, 1), st.text(max_size=5), st.floats(allow_nan=False)),
    "int": st.one_of(st.booleans(), st.text(max_size=5), st.floats(allow_nan=False)),
    "when": st.one_of(
        st.datetimes().map(lambda d: d.isoformat()), st.integers(), st.text(max_size=10)
    ),
    "sha": st.one_of(st.text(max_size=70).filter(lambda s: not re.fullmatch("[0-9a-f]{64}", s))),
    "choice": st.text(max_size=12),
    "tag": st.one_of(st.integers(), st.text(max_size=70).filter(lambda s: not s.strip())),
    "text_list": st.one_of(st.text(max_size=5), st.lists(st.integers(), min_size=1)),
    "options": st.one_of(st.lists(st.just({"key": "a"}), max_size=1), st.text(max_size=5)),
    "when_list": st.one_of(st.text(max_size=5), st.lists(st.integers(), min_size=1), st.just([])),
}


@settings(max_examples=300, deadline=None)
@given(data=st.data(), case=st.sampled_from(FIELDS))
def test_one_broken_field_is_refused_and_named(
    data: st.DataObject, case: tuple[EventType, str]
) -> None:
    kind, name = case
    form = SPEC[kind][name][0]
    payload = data.draw(valid_payloads(kind))
    bad = data.draw(BREAKERS[form[0]])
    if form[0] == "choice" and bad in form[1]:
        return
    payload[name] = bad
    error = invalid(kind, payload)
    assert name in error.message


@pytest.mark.parametrize("category", ["out_of_scope", "policy"])
def test_out_of_scope_and_policy_notes_need_the_answer_given(category: str) -> None:
    payload = {"text": "Asked to fix their home printer", "category": category}
    error = invalid(EventType.NOTE, payload)
    assert_names(error, "answer_given")
    answered = {**payload, "answer_given": "IT cannot support personal devices, sorry."}
    assert validate_payload(EventType.NOTE, answered) == answered


def test_a_diagnosis_where_the_user_did_not_show_the_problem_says_why() -> None:
    payload = {**MINIMAL[EventType.DIAGNOSED], "problem_since": "this_week", "shown_by_user": False}
    assert_names(invalid(EventType.DIAGNOSED, payload), "not_shown_reason")
    reasoned = {**payload, "not_shown_reason": "It only happens at month end."}
    assert validate_payload(EventType.DIAGNOSED, reasoned) == reasoned


def test_a_reason_for_not_showing_goes_only_with_a_no() -> None:
    payload = {**MINIMAL[EventType.DIAGNOSED], "not_shown_reason": "Could not reproduce."}
    assert_names(invalid(EventType.DIAGNOSED, payload), "not_shown_reason")
    shown = {**payload, "shown_by_user": True}
    assert_names(invalid(EventType.DIAGNOSED, shown), "not_shown_reason")


def test_a_diagnosis_recorded_before_the_two_questions_stays_valid() -> None:
    old = MINIMAL[EventType.DIAGNOSED]
    assert "problem_since" not in old
    assert "shown_by_user" not in old
    assert validate_payload(EventType.DIAGNOSED, old) == old
