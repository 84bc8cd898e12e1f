"""The customer's loop in the domain: the user's answer, dispatch's answer, the state."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fieldapp.domain import EventType, InvalidEvent, WorkflowViolation, apply_event, derive_state
from fieldapp.domain.state import VisitState
from tests.domain.factories import T0, iso, make_event

ASK = {"answer": "another_time", "proposed_times": [iso(T0 + timedelta(days=1))], "note": "Busy."}


def test_a_confirmation_on_the_page_shows_as_confirmed_by_the_user() -> None:
    state = derive_state([make_event(EventType.USER_REPLIED, {"answer": "confirmed"})])
    assert state.user_confirmed_at == T0
    assert state.time_request is None


def test_a_request_waits_for_dispatch_and_an_acceptance_confirms_the_moved_visit() -> None:
    asked = make_event(EventType.USER_REPLIED, ASK)
    state = apply_event(VisitState(), asked)
    assert state.time_request is not None
    assert state.time_request.proposed_times == (iso(T0 + timedelta(days=1)),)
    assert state.time_request.note == "Busy."
    assert state.time_request.event_id == asked.id
    answer = {"accepted": True, "reason": "Moved.", "window_start": iso(T0 + timedelta(days=1))}
    after = apply_event(state, make_event(EventType.TIME_REQUEST_ANSWERED, answer))
    assert after.time_request is None
    assert after.user_confirmed_at == T0


def test_a_declined_request_is_answered_and_not_confirmed() -> None:
    state = derive_state([make_event(EventType.USER_REPLIED, ASK)])
    declined = {"accepted": False, "reason": "No technician is free on Tuesday."}
    after = apply_event(state, make_event(EventType.TIME_REQUEST_ANSWERED, declined))
    assert after.time_request is None
    assert after.user_confirmed_at is None


def test_dispatch_cannot_answer_a_request_nobody_made() -> None:
    declined = {"accepted": False, "reason": "No."}
    with pytest.raises(WorkflowViolation) as info:
        apply_event(VisitState(), make_event(EventType.TIME_REQUEST_ANSWERED, declined))
    assert info.value.code == "no_time_request"


def test_a_request_needs_a_time_and_an_acceptance_names_the_new_one() -> None:
    with pytest.raises(InvalidEvent, match="at least one time"):
        make_event(EventType.USER_REPLIED, {"answer": "another_time"})
    with pytest.raises(InvalidEvent, match="moved to"):
        make_event(EventType.TIME_REQUEST_ANSWERED, {"accepted": True, "reason": "Yes."})
    too_many = [iso(T0 + timedelta(days=d)) for d in range(1, 5)]
    with pytest.raises(InvalidEvent, match="proposed_times"):
        make_event(EventType.USER_REPLIED, {"answer": "another_time", "proposed_times": too_many})


def test_on_my_way_and_the_end_of_day_word_are_remembered() -> None:
    state = derive_state(
        [
            make_event(EventType.ON_MY_WAY, {"message": "Late", "late_minutes": 10}),
            make_event(EventType.DAY_END_UPDATE, at=T0 + timedelta(hours=8)),
        ]
    )
    assert state.on_my_way_at == T0
    assert state.user_updated_at == T0 + timedelta(hours=8)
