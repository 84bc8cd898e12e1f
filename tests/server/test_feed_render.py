"""The feed's pages are the bytes they were before their shortcuts: visits written by orjson
(feed_pages._visit_json) are the text json's encoder wrote, and stored times sliced into their
wire form (feed_pages.wire_time) are what parsing and isoformat gave, whatever the values."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from fieldapp.server.feed_pages import _visit_json
from fieldapp.server.feed_visits import WireTimes, wire_time
from fieldapp.server.models import UTCDateTime

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode

# What a visit's columns hold: text of any characters (control characters, quotes,
# backslashes, line and paragraph separators, astral ones), integers, booleans, None.
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x7F)),
    st.sampled_from(["\u2028", "\u2029", "\ufeff", "\x7f", "\\u0000", '"\\/', "\U0001f600"]),
)


@given(st.dictionaries(st.text(max_size=20), _VALUES, max_size=40))
def test_a_visit_is_the_text_json_wrote(visit: dict[str, Any]) -> None:
    assert _visit_json(visit) == _ENCODE(visit)


def test_what_orjson_refuses_is_written_by_json() -> None:
    visit: dict[str, Any] = {"big": 2**70, "lone": "a\ud800b", "id": "v-1"}
    assert _visit_json(visit) == _ENCODE(visit)


def _parsed_wire_time(raw: object) -> str:
    """A stored time's wire form the long way (how the feed wrote every one before)."""
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat()


_SQLITE = sqlite.dialect()
_STORE_SQLITE = sqlite.DATETIME().bind_processor(_SQLITE)
# Aware datetimes anywhere in the years a stored time can hold, with and without a fraction.
_OFFSETS = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-1439, 1439))
_MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 2),  # noqa: DTZ001 - hypothesis bounds must be naive
    max_value=datetime(2199, 12, 30),  # noqa: DTZ001
    timezones=_OFFSETS,
).flatmap(lambda at: st.sampled_from([at, at.replace(microsecond=0)]))


def _stored_in_sqlite(at: datetime) -> str:
    """The text a UTCDateTime column holds in SQLite for `at`."""
    text = _STORE_SQLITE(UTCDateTime().process_bind_param(at, _SQLITE))
    assert isinstance(text, str)
    return text


@given(_MOMENTS)
def test_a_time_stored_in_sqlite_goes_out_as_parsing_it_gave(at: datetime) -> None:
    stored = _stored_in_sqlite(at)
    assert wire_time(stored) == _parsed_wire_time(stored) == at.astimezone(UTC).isoformat()
    assert WireTimes().json(stored) == json.dumps(wire_time(stored))


@given(_MOMENTS)
def test_a_postgresql_time_goes_out_in_utc(at: datetime) -> None:
    assert wire_time(at) == _parsed_wire_time(at)
    assert WireTimes().json(at) == json.dumps(wire_time(at))


@given(
    _MOMENTS,
    st.sampled_from(["auto", "seconds", "milliseconds", "microseconds"]),
    st.sampled_from(["T", " "]),
    st.booleans(),
)
def test_any_other_stored_text_of_a_time_goes_the_long_way(
    at: datetime, timespec: str, separator: str, naive: bool
) -> None:
    """Text not in UTCDateTime's own SQLite form (another writer's, an offset, fewer
    digits) is read as it was before."""
    text = (at.replace(tzinfo=None) if naive else at).isoformat(separator, timespec)
    assert wire_time(text) == _parsed_wire_time(text)


@pytest.mark.parametrize(
    "stored",
    [
        "2026-12-21 08:00:00.000000",
        "2026-12-21 08:00:00.000001",
        "2026-12-21 08:00:00.100000",
        "1900-01-01 00:00:00.000000",
        "2026-12-21T08:00:00.000000",  # another separator
        "2026-12-21 08:00:00",  # no fraction
        "2026-12-21 08:00:00.123",
        "2026-12-21 08:00:00.000000+00:00",
        "2026-12-21 08:00:00.000000+05:30",
        "2026-12-21 08:00:00.000000Z",
        "2026-12-21 08:00:00,000000",
        "2026-W51-1 08:00:00.000000",  # an ISO week date, also 26 characters
        "2026-W51-108:00:00.000000",
        "2026-12-21 08:00:00.0000000",
        "2026-12-21 08:00:00.00000",
        "2026-12-21 08:00:00.000+01",
        "2026-12-21 08:00:00.00000Z",
        "2026-12-21 24:00:00.000000",  # midnight, the next day, from Python 3.12 on
        "2026-12-21 23:59:59.999999",
        "20261221T080000",
    ],
)
def test_stored_text_of_every_shape_goes_out_as_before(stored: str) -> None:
    """(Or is refused as before: some shapes are times only to a later Python.)"""
    assert _outcome(wire_time, stored) == _outcome(_parsed_wire_time, stored)


@pytest.mark.parametrize(
    "stored",
    [
        "2026-02-30 08:00:00.000000",  # the shape of a stored time, but no day
        "2026-12-21 24:00:01.000000",
        "2026-12-21 08:60:00.000000",
        "2026-13-01 08:00:00.000000",
        "0000-12-21 08:00:00.000000",
        "\uff12\uff10\uff12\uff16-12-21 08:00:00.000000",  # full-width digits
        "not a time",
        "",
    ],
)
def test_stored_text_that_is_no_time_is_refused_as_before(stored: str) -> None:
    refusal = _outcome(_parsed_wire_time, stored)
    assert refusal.startswith("refused: ")
    assert _outcome(wire_time, stored) == refusal


@given(st.text(max_size=40))
def test_any_text_is_a_time_as_before_or_refused_as_before(stored: str) -> None:
    outcome = _outcome(wire_time, stored)
    assert outcome == _outcome(_parsed_wire_time, stored)
    if not outcome.startswith("refused: "):
        assert WireTimes().json(stored) == json.dumps(outcome)


# A stored time with a few characters changed, from those ISO 8601's shapes are made of: the
# shapes nearest the one that is sliced (week dates, offsets, other separators, 24:00).
_NEAR_STORED = st.lists(
    st.tuples(st.integers(0, 25), st.sampled_from("0123456789-: .T+Z,W")), min_size=1, max_size=3
).map(lambda changes: _changed("2026-12-21 08:00:00.000000", changes))


def _changed(text: str, changes: list[tuple[int, str]]) -> str:
    characters = list(text)
    for at, character in changes:
        characters[at] = character
    return "".join(characters)


@given(_NEAR_STORED)
def test_text_near_the_stored_form_is_a_time_as_before_or_refused_as_before(stored: str) -> None:
    assert _outcome(wire_time, stored) == _outcome(_parsed_wire_time, stored)


def _outcome(render: Callable[[str], str], stored: str) -> str:
    """What `render` makes of `stored`: its wire text, or the words of its ValueError."""
    try:
        return render(stored)
    except ValueError as error:
        return f"refused: {error}"


def test_what_is_no_stored_time_is_refused() -> None:
    with pytest.raises(TypeError):
        wire_time(12)
