"""Visits a technician opens (walk-up, anything else handled now) and signed-off visits
reopened as a linked return visit: each its own outcome, recorded offline like any step."""

from __future__ import annotations

import pytest

from fieldapp.domain import EventType, InvalidEvent, Step, validate_payload, why_not
from tests.domain.factories import MINIMAL, Walk

E = EventType


def test_a_walk_up_is_opened_by_its_first_event_and_then_walks_like_any_visit() -> None:
    w = Walk()
    w.do(E.VISIT_OPENED, how="walk_up", room="4.13")
    assert (w.state.opened_how, w.state.opened_from) == ("walk_up", None)
    assert w.state.step is Step.SCHEDULED
    # the care rules hold as on a dispatched visit: arrival, permission, then the work
    assert w.refused(E.DIAGNOSED).code == "permission_required"
    w.do(E.ARRIVED)
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED)
    assert w.refused(E.VISIT_OPENED).code == "already_opened"


def test_a_visit_with_events_is_never_opened_again() -> None:
    w = Walk().confirmed()
    violation = w.refused(E.VISIT_OPENED)
    assert violation.code == "already_opened"
    assert why_not(w.state, E.VISIT_OPENED) is not None


@pytest.mark.parametrize("how", ["anything_else", "reopened"])
def test_a_visit_opened_from_another_names_it(how: str) -> None:
    payload = {**MINIMAL[E.VISIT_OPENED], "how": how}
    with pytest.raises(InvalidEvent, match="opened_from"):
        validate_payload(E.VISIT_OPENED, payload)
    cleaned = validate_payload(E.VISIT_OPENED, {**payload, "opened_from": "visit-1"})
    assert cleaned["opened_from"] == "visit-1"


def test_the_new_visits_window_has_both_ends_in_order() -> None:
    base = dict(MINIMAL[E.VISIT_OPENED])
    with pytest.raises(InvalidEvent, match="both"):
        validate_payload(E.VISIT_OPENED, {**base, "window_start": "2025-03-11T09:00:00+00:00"})
    backwards = {
        **base,
        "window_start": "2025-03-11T10:00:00+00:00",
        "window_end": "2025-03-11T09:00:00+00:00",
    }
    with pytest.raises(InvalidEvent, match="after it starts"):
        validate_payload(E.VISIT_OPENED, backwards)


def test_anything_else_handled_now_is_a_yes_naming_the_new_visit() -> None:
    with pytest.raises(InvalidEvent, match="new_visit_id"):
        validate_payload(E.ANYTHING_ELSE, {"answer": True, "request": "x", "handled_now": True})
    with pytest.raises(InvalidEvent, match="new_visit_id"):
        validate_payload(
            E.ANYTHING_ELSE, {"answer": False, "handled_now": True, "new_visit_id": "v"}
        )
    w = Walk().resolved()
    w.do(E.ANYTHING_ELSE, answer=True, request="Printer jams", handled_now=True, new_visit_id="v2")
    assert w.state.anything_else is True
    assert w.state.step is Step.RESOLVED  # this visit goes on to its own sign-off


def test_only_a_signed_off_visit_is_reopened_and_only_once() -> None:
    w = Walk().resolved()
    assert w.refused(E.REOPENED).code == "not_signed_off"
    w.do(E.SIGNED_OFF)
    w.do(E.REOPENED, return_visit_id="return-1")
    assert w.state.step is Step.COMPLETED  # it was completed; the work goes on elsewhere
    assert w.state.reopened_as == "return-1"
    assert w.refused(E.REOPENED).code == "already_reopened"
    assert w.refused(E.DIAGNOSED).code == "visit_closed"
    w.do(E.NOTE)


@pytest.mark.parametrize("close", ["escalated", "declined"])
def test_a_visit_never_claimed_fixed_is_not_reopened(close: str) -> None:
    w = Walk().arrived()
    if close == "escalated":
        w.do(E.ESCALATED)
    else:
        w.do(E.PERMISSION_DECLINED, next_step="close")
    assert w.refused(E.REOPENED).code == "not_signed_off"


def test_a_cancelled_visit_is_not_reopened() -> None:
    w = Walk().resolved()
    w.do(E.SIGNED_OFF)
    w.state.cancelled = True
    assert w.refused(E.REOPENED).code == "visit_cancelled"
