"""Ordinary desk situations with their own outcome: the user says no, the absent user comes
back, the user is absent and the work can wait."""

from __future__ import annotations

import pytest

from fieldapp.domain import EventType, InvalidEvent, Step, validate_payload, why_not
from tests.domain.factories import MINIMAL, Walk

E = EventType


def test_a_refusal_never_lets_anyone_diagnose_on_that_arrival() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_DECLINED, next_step="escalate", reason="Quarterly report due.")
    assert w.state.on_site
    assert not w.state.work_allowed
    for kind in (E.DIAGNOSED, E.OPTIONS_OFFERED, E.RESOLVED):
        assert w.refused(kind).code == "permission_required"
    # asking again at the same arrival is no way around the refusal
    assert w.refused(E.PERMISSION_GRANTED).code == "permission_already_recorded"
    assert w.refused(E.USER_ABSENT_URGENT).code == "permission_already_recorded"
    w.do(E.ESCALATED)
    assert w.state.step is Step.ESCALATED


def test_a_refusal_with_another_time_waits_without_a_promise_and_asks_again() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_DECLINED, next_step="another_time")
    assert w.state.step is Step.AWAITING_RETURN
    assert not w.state.on_site
    assert w.state.promises == {}  # nobody agreed a time: nothing is promised
    assert w.refused(E.DIAGNOSED).code == "permission_required"
    w.do(E.ARRIVED)
    assert w.state.step is Step.ARRIVED
    assert w.refused(E.DIAGNOSED).code == "permission_required"
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED)


def test_closed_as_declined_is_its_own_close_not_an_escalation_nor_a_completion() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_DECLINED, next_step="close")
    state = w.state
    assert state.step is Step.DECLINED
    assert state.closed
    assert state.declined
    assert (state.escalated, state.signed_off, state.on_site) == (False, False, False)
    violation = w.refused(E.ARRIVED)
    assert violation.code == "visit_closed"
    assert "declined by the user" in violation.message
    w.do(E.NOTE)  # the record can still grow
    assert w.refused(E.ESCALATED).code == "visit_closed"


def test_the_absent_users_return_lifts_the_absent_user_checks() -> None:
    w = Walk().arrived()
    w.do(E.USER_ABSENT_URGENT)
    w.do(E.DIAGNOSED)
    w.do(E.RESOLVED)
    assert w.refused(E.SIGNED_OFF).code == "absent_user_checks"
    w.do(E.USER_RETURNED, returned="Kyra", explanation="Told Kyra what I did and why.")
    assert not w.state.user_absent
    assert w.state.work_allowed
    assert w.refused(E.USER_RETURNED).code == "user_not_absent"  # once
    w.do(E.SIGNED_OFF)
    assert w.state.step is Step.COMPLETED


def test_a_return_is_only_recorded_for_a_user_absent_at_this_arrival() -> None:
    w = Walk().working()
    assert w.refused(E.USER_RETURNED).code == "user_not_absent"
    assert why_not(Walk().state, E.USER_RETURNED) is not None


def test_absent_and_not_urgent_leaves_a_note_and_waits_without_a_promise() -> None:
    w = Walk().arrived()
    w.do(E.USER_ABSENT_NOTE_LEFT)
    assert w.state.step is Step.AWAITING_RETURN
    assert w.state.promises == {}
    assert not w.state.user_absent  # no work was done behind the user's back
    assert w.refused(E.DIAGNOSED).code == "permission_required"
    w.do(E.ARRIVED)
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED)
    w.do(E.RESOLVED)
    w.do(E.SIGNED_OFF)  # a normal sign-off: the user was there the second time
    assert w.state.step is Step.COMPLETED


@pytest.mark.parametrize(
    ("kind", "payload", "word"),
    [
        (E.PERMISSION_DECLINED, {"declined_by": "Kyra", "next_step": "later"}, "next_step"),
        (E.PERMISSION_DECLINED, {"next_step": "close"}, "declined_by"),
        (E.USER_ABSENT_NOTE_LEFT, {"desk_note": "  "}, "desk_note"),
        (E.USER_RETURNED, {"returned": "Kyra"}, "explanation"),
        (E.USER_BUSY, {"return_at": MINIMAL[E.USER_BUSY]["return_at"]}, "agreed_with"),
    ],
)
def test_the_new_outcomes_say_which_field_is_wrong(
    kind: EventType, payload: dict[str, object], word: str
) -> None:
    with pytest.raises(InvalidEvent) as info:
        validate_payload(kind, payload)
    assert word in info.value.message
