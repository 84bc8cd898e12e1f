"""The feed's visits written by orjson (feed_pages._visit_json) are the text json's encoder
wrote before: the pages stay the same bytes, whatever the visits' fields hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from fieldapp.server.feed_pages import _visit_json

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
