"""The user's device in the domain: tags, asset list rows, whose a device is, its history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fieldapp.domain import EventType, InvalidEvent, apply_event, derive_state, validate_payload
from fieldapp.domain.devices import (
    DIAGNOSIS_LINE,
    ESCALATED_LINE,
    NO_REPAIR_LINE,
    PROMISE_KEPT_LINE,
    Asset,
    InvalidAsset,
    attached_device,
    check_asset_rows,
    history_words,
    looks_scanned,
    normalize_tag,
    past_visit,
    person_key,
    recent,
)
from tests.domain.factories import T0, make_event


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("it-004211", "IT-004211"),
        ("  IT 004211\r\n", "IT004211"),
        ("a1/b2:c3#d_4.e", "A1/B2:C3#D_4.E"),
    ],
)
def test_a_tag_is_kept_trimmed_and_upper_case(raw: str, tag: str) -> None:
    assert normalize_tag(raw) == tag


@pytest.mark.parametrize("raw", ["", "   ", "x" * 65, "IT-42!", "-IT", 42, None, "IT\x00"])
def test_a_bad_tag_is_refused_in_a_sentence(raw: object) -> None:
    with pytest.raises(InvalidAsset) as info:
        normalize_tag(raw)
    assert info.value.code == "invalid_asset_tag"
    assert info.value.message.endswith(".")


def test_the_event_keeps_the_tag_normalized_and_refuses_a_bad_one() -> None:
    cleaned = validate_payload(EventType.DEVICE_ATTACHED, {"asset_tag": " it-7 ", "how": "typed"})
    assert cleaned == {"asset_tag": "IT-7", "how": "typed"}
    with pytest.raises(InvalidEvent) as info:
        validate_payload(EventType.DEVICE_ATTACHED, {"asset_tag": "??", "how": "typed"})
    assert "'asset_tag'" in info.value.message
    with pytest.raises(InvalidEvent):
        validate_payload(EventType.DEVICE_ATTACHED, {"asset_tag": "IT-7", "how": "guessed"})


def test_the_visit_names_its_latest_device_even_after_the_close() -> None:
    first = make_event(EventType.DEVICE_ATTACHED, {"asset_tag": "IT-1", "how": "typed"})
    second = make_event(EventType.DEVICE_ATTACHED, {"asset_tag": "IT-2", "how": "scanner"})
    state = apply_event(apply_event(derive_state([]), first), second)
    assert state.device == "IT-2"
    assert attached_device([first, second]) == "IT-2"
    assert attached_device([]) is None


def test_a_person_is_their_address_else_their_name_without_case_or_spaces() -> None:
    assert person_key("Mary Smith", "Mary.Smith@Example.org ") == "mary.smith@example.org"
    assert person_key("  Mary   SMITH ", "") == "mary smith"
    assert person_key("", None) is None
    assert Asset("IT-1", owner="Mary Smith").owner_key == "mary smith"


def test_asset_rows_become_assets_and_every_bad_row_is_named() -> None:
    rows: list[tuple[str, object]] = [
        ("line 2", {"asset_tag": "it-1", "hostname": "PC-1", "owner": "Mary  Smith"}),
        ("line 3", {"asset_tag": "IT-1"}),
        ("line 4", {"hostname": "PC-9"}),
        ("line 5", {"asset_tag": "IT-5", "colour": "red"}),
        ("line 6", "IT-6"),
        ("line 7", {"asset_tag": "IT-7", "serial": 7}),
        ("line 8", {"asset_tag": "I T-8", "model": "x" * 501}),
        ("line 9", {"asset_tag": "bad tag!"}),
        ("line 10", {"asset_tag": "IT-10", "model": "ThinkPad T14"}),
    ]
    assets, problems = check_asset_rows(rows)
    assert assets == [
        Asset("IT-1", hostname="PC-1", owner="Mary Smith"),
        Asset("IT-10", model="ThinkPad T14"),
    ]
    assert problems == [
        "line 3, field 'asset_tag': 'IT-1' repeats line 2",
        "line 4, field 'asset_tag': is missing",
        "line 5: 'colour' is not an asset field",
        "line 6: must be an object with the device's fields",
        "line 7, field 'serial': must be text",
        "line 8, field 'model': is longer than 500 characters",
        (
            "line 9, field 'asset_tag': 'BADTAG!' is not an asset tag (letters, digits and "
            ". _ / : # - only)"
        ),
    ]


def test_an_earlier_visit_says_its_diagnosis_fix_parts_and_promises() -> None:
    events = [
        make_event(
            EventType.DIAGNOSED,
            {
                "user_perspective": "Printer says offline",
                "source_category": "network",
                "findings": "Cable  unplugged\nunder the desk",
                "borrowed_parts": ["patch cable"],
            },
        ),
        make_event(EventType.PART_BORROWED, {"part": "toner", "whose": "Room 3 printer"}),
        make_event(
            EventType.RESOLVED,
            {
                "explanation": "Plugged the cable back in.",
                "demonstrated": True,
                "user_confirmed": True,
            },
        ),
        make_event(
            EventType.PROMISE_MADE,
            {
                "promise_id": "p1",
                "kind": "follow_up_call",
                "due_at": (T0 + timedelta(days=1)).isoformat(),
                "description": "Call Friday",
            },
        ),
        make_event(
            EventType.PROMISE_MADE,
            {
                "promise_id": "p2",
                "kind": "call_back",
                "due_at": (T0 + timedelta(days=2)).isoformat(),
                "description": "Bring a new cable",
            },
        ),
        make_event(EventType.PROMISE_KEPT, {"promise_id": "p1"}),
    ]
    work = past_visit(events)
    assert work.diagnosis == "network: Cable unplugged under the desk"
    assert work.fix == "Plugged the cable back in."
    assert work.parts == ("patch cable", "toner")
    assert work.promises == ("Call Friday (kept)", "Bring a new cable (open)")
    assert past_visit([]).diagnosis == ""


def test_recent_keeps_the_last_days_newest_first() -> None:
    times = [T0 - timedelta(days=d) for d in (100, 5, 89, 1)] + [T0 + timedelta(days=1)]
    assert recent(times, T0) == [T0 - timedelta(days=d) for d in (1, 5, 89)]


def test_keys_a_few_milliseconds_apart_are_a_scan_and_a_person_is_slower() -> None:
    assert looks_scanned(10, 0.1)
    assert not looks_scanned(10, 2.5)
    assert not looks_scanned(3, 0.0)  # too short to tell


def test_each_line_of_an_earlier_visits_work_reads_back_as_its_template() -> None:
    assert history_words("network: Port dead: again", "diagnosis") == (
        DIAGNOSIS_LINE,
        {"category": "network", "findings": "Port dead: again"},
    )
    assert history_words("escalated to Network: Switch down", "fix") == (
        ESCALATED_LINE,
        {"team": "Network", "reason": "Switch down"},
    )
    assert history_words("resolved_remotely: Reset the VPN", "fix") == (
        NO_REPAIR_LINE,
        {"outcome": "resolved_remotely", "explanation": "Reset the VPN"},
    )
    assert history_words("Call Friday (kept)", "promise") == (
        PROMISE_KEPT_LINE,
        {"promise": "Call Friday"},
    )
    # A technician's own sentence with a colon, or braces, is said as it is.
    for line, part in (("Note: {x} cleared", "fix"), ("Printer: jammed", "diagnosis")):
        assert history_words(line, part) == ("{said}", {"said": line})
