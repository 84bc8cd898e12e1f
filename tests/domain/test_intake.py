"""The intake rules: how long, shown by the user, what was already tried, the priority matrix."""

from __future__ import annotations

import copy
import itertools

import pytest

from fieldapp.domain import EventType, derive_state
from fieldapp.domain.priority import (
    DEFAULT_MATRIX,
    LEVELS,
    PRIORITIES,
    InvalidMatrix,
    check_matrix,
    inputs_for,
    work_out,
)
from tests.domain.factories import Walk


def test_what_the_user_already_tried_is_added_to_in_order_and_stays_after_a_diagnosis() -> None:
    walk = Walk().arrived()
    walk.do(EventType.ALREADY_TRIED_ADDED, {"text": "Restarted twice."})
    walk.do(EventType.PERMISSION_GRANTED)
    walk.do(EventType.DIAGNOSED, problem_since="this_month", shown_by_user=True)
    walk.do(EventType.ALREADY_TRIED_ADDED, {"text": "Cleared the browser cache."})
    state = derive_state(walk.events)
    assert state.already_tried_added == ["Restarted twice.", "Cleared the browser cache."]
    assert state.diagnosed


def test_nothing_is_added_to_what_was_tried_once_the_visit_is_closed() -> None:
    walk = Walk().resolved()
    walk.do(EventType.SIGNED_OFF)
    refused = walk.refused(EventType.ALREADY_TRIED_ADDED, {"text": "Late news."})
    assert refused.code == "visit_closed"


@pytest.mark.parametrize(("impact", "urgency"), list(itertools.product(LEVELS, LEVELS)))
def test_the_default_matrix_gives_every_pair_a_priority(impact: str, urgency: str) -> None:
    assert work_out(DEFAULT_MATRIX, impact, urgency) in PRIORITIES
    assert work_out(DEFAULT_MATRIX, impact, urgency, vip=True) == "critical"


def test_the_default_matrix_is_accepted_as_it_is() -> None:
    assert check_matrix(DEFAULT_MATRIX) == DEFAULT_MATRIX
    assert work_out(DEFAULT_MATRIX, "high", "high") == "critical"
    assert work_out(DEFAULT_MATRIX, "low", "low") == "low"
    assert work_out(DEFAULT_MATRIX, "medium", "medium") == "normal"


def test_vip_is_an_override_not_a_cell() -> None:
    flat = {impact: dict.fromkeys(LEVELS, "low") for impact in LEVELS}
    assert work_out(flat, "high", "high") == "low"
    assert work_out(flat, "low", "low", vip=True) == "critical"


def test_more_urgency_never_lowers_the_priority() -> None:
    bad = copy.deepcopy(DEFAULT_MATRIX)
    bad["medium"]["high"] = "low"
    with pytest.raises(InvalidMatrix) as info:
        check_matrix(bad)
    assert "more urgency never lowers" in info.value.message


def test_more_impact_never_lowers_the_priority() -> None:
    bad = copy.deepcopy(DEFAULT_MATRIX)
    bad["low"]["high"] = "critical"
    with pytest.raises(InvalidMatrix) as info:
        check_matrix(bad)
    assert "more impact never lowers" in info.value.message


@pytest.mark.parametrize(
    "cells",
    [
        {},
        {"high": {}, "medium": {}, "low": {}},
        {**DEFAULT_MATRIX, "low": {"high": "urgent", "medium": "low", "low": "low"}},
        {**DEFAULT_MATRIX, "huge": DEFAULT_MATRIX["high"]},
    ],
)
def test_an_incomplete_or_unknown_matrix_is_refused_with_a_sentence(
    cells: dict[str, object],
) -> None:
    with pytest.raises(InvalidMatrix) as info:
        check_matrix(cells)
    assert info.value.code == "invalid_matrix"
    assert info.value.message.endswith(".")


def test_a_typed_priority_gets_the_inputs_that_give_it_nearest_to_medium() -> None:
    assert [inputs_for(p) for p in PRIORITIES] == [
        ("medium", "low"),
        ("medium", "medium"),
        ("high", "medium"),
        ("high", "high"),
    ]
    for priority in PRIORITIES:
        assert work_out(DEFAULT_MATRIX, *inputs_for(priority)) == priority
