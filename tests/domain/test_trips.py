"""Visits of several trips: leaving the desk, coming back, and the time on task they make."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from fieldapp.domain import EventType, InvalidEvent, Step, apply_event, validate_payload, why_not
from fieldapp.domain.time_on_task import minutes, time_on_task
from tests.domain.factories import MINIMAL, T0, Walk, iso

E = EventType


def test_work_interrupted_carries_on_over_a_second_trip() -> None:
    w = Walk().diagnosed()
    w.do(E.DEPARTED, reason="part_needed", note="A power supply from the store room.")
    assert w.state.step is Step.AWAITING_RETURN
    assert not w.state.on_site
    assert w.state.away_reason == "part_needed"
    for kind in (E.DIAGNOSED, E.RESOLVED, E.TAUGHT, E.SIGNED_OFF):
        violation = w.refused(kind)
        assert violation.code == "away_from_desk"
        assert "to fetch a part" in violation.message
    w.do(E.ARRIVED, minutes=40)
    assert (w.state.trips, w.state.away_reason, w.state.diagnosed) == (2, None, True)
    # back at the desk, the user is asked again before anyone touches the machine
    assert w.refused(E.RESOLVED).code == "permission_required"
    w.do(E.PERMISSION_GRANTED)
    w.do(E.RESOLVED)
    w.do(E.SIGNED_OFF, minutes=10)
    assert w.state.step is Step.COMPLETED


def test_no_one_can_diagnose_without_permission_on_a_normal_visit() -> None:
    w = Walk().arrived()
    assert w.refused(E.DIAGNOSED).code == "permission_required"
    w.do(E.DEPARTED, reason="continue_later")
    assert w.refused(E.DIAGNOSED).code == "away_from_desk"
    w.do(E.ARRIVED)
    assert w.refused(E.DIAGNOSED).code == "permission_required"


def test_a_second_arrival_is_refused_until_the_technician_leaves() -> None:
    w = Walk().working()
    assert w.refused(E.ARRIVED).code == "already_arrived"
    w.do(E.DEPARTED, reason="user_needs_pc")
    assert w.refused(E.DEPARTED).code == "not_on_site"
    w.do(E.ARRIVED)


def test_a_departure_needs_an_arrival() -> None:
    w = Walk().confirmed()
    assert w.refused(E.DEPARTED).code == "not_on_site"


def test_a_departure_with_a_return_time_agreed_is_a_promise_kept_by_the_next_arrival() -> None:
    w = Walk().working()
    back = T0 + timedelta(hours=3)
    departed = w.do(E.DEPARTED, reason="continue_later", return_at=iso(back), agreed_with="Kyra")
    promise = w.state.promises[departed.id]
    assert (promise.kind, promise.due_at, promise.kept_at) == ("return_visit", back, None)
    assert "Kyra" in promise.description
    arrived = w.do(E.ARRIVED, minutes=60)
    assert w.state.promises[departed.id].kept_at == arrived.occurred_at
    assert w.state.promises[departed.id].kept_on_time


def test_leaving_an_absent_users_machine_needs_the_admin_logged_off_and_a_note() -> None:
    w = Walk().arrived()
    w.do(E.USER_ABSENT_URGENT)
    violation = w.refused(E.DEPARTED)
    assert violation.code == "absent_user_checks"
    w.do(E.DEPARTED, admin_logged_off=True, note_left_on_desk=True)
    w.do(E.ARRIVED)
    assert not w.state.user_absent  # the new trip's permission outcome says anew
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED)
    w.do(E.RESOLVED)
    w.do(E.SIGNED_OFF)  # no absent-user checks: the user let them in this time


def test_a_visit_can_be_escalated_or_resolved_remotely_while_away() -> None:
    away = Walk().diagnosed()
    away.do(E.DEPARTED)
    escalating = Walk()
    escalating.state = away.state
    escalating.do(E.ESCALATED)
    assert escalating.state.step is Step.ESCALATED
    away.do(E.CLOSED_WITHOUT_REPAIR, outcome="resolved_remotely")
    assert away.state.step is Step.CLOSED_WITHOUT_REPAIR


def test_presence_is_each_technicians_own() -> None:
    w = Walk().working()
    helper = replace(w.event(E.ARRIVED, None), author="kyra")
    state = apply_event(w.state, helper)
    assert state.present == {"jb", "kyra"}
    assert state.permission is E.PERMISSION_GRANTED  # joining does not start a trip
    assert state.trips == 1
    assert why_not(state, E.ARRIVED, author="kyra") is not None
    assert why_not(state, E.ARRIVED, author="tony") is None
    assert why_not(state, E.DEPARTED, author="tony") is not None
    left = apply_event(state, replace(w.event(E.DEPARTED, None), author="jb"))
    assert left.present == {"kyra"}
    assert left.work_allowed  # kyra is still at the desk
    assert why_not(left, E.DIAGNOSED) is None


def test_why_not_without_an_author_asks_for_whoever_is_at_the_desk() -> None:
    w = Walk().working()
    assert why_not(w.state, E.DEPARTED) is None
    assert why_not(w.state, E.ARRIVED) is not None


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"reason": "part_needed", "return_at": "2025-03-10T14:00:00+00:00"}, "agreed_with"),
        ({"reason": "part_needed", "agreed_with": "Kyra"}, "return_at"),
        ({"reason": "other"}, "note"),
        ({"reason": "lunch"}, "reason"),
    ],
)
def test_departure_payloads_say_what_is_missing(payload: dict[str, object], named: str) -> None:
    with pytest.raises(InvalidEvent) as info:
        validate_payload(E.DEPARTED, payload)
    assert f"'{named}'" in info.value.message


def test_time_on_task_counts_each_trip_from_arrival_to_departure_or_close() -> None:
    w = Walk().confirmed()
    w.do(E.ARRIVED, minutes=30)
    w.do(E.PERMISSION_GRANTED, minutes=5)
    w.do(E.DIAGNOSED, minutes=20)
    w.do(E.DEPARTED, minutes=15)  # first trip: 40 minutes
    w.do(E.NOTE, minutes=60)  # recorded away: not time on site
    w.do(E.ARRIVED, minutes=1440)
    w.do(E.PERMISSION_GRANTED, minutes=2)
    w.do(E.RESOLVED, minutes=25)
    w.do(E.SIGNED_OFF, minutes=8)  # second trip: 35 minutes
    w.do(E.NOTE, minutes=30)
    spent = time_on_task(w.events)
    assert [t.number for t in spent.trips] == [1, 2]
    first, second = spent.trips
    assert (first.ended_by, first.reason) == (E.DEPARTED, "part_needed")
    assert second.ended_by is E.SIGNED_OFF
    assert spent.on_site_minutes == 75
    assert spent.seconds_by_author() == {"jb": 75 * 60}
    assert spent.closed_on_trip == 2


def test_a_trip_still_going_counts_up_to_the_time_given_or_the_last_event() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_GRANTED, minutes=10)
    now = w.clock + timedelta(minutes=20)
    assert time_on_task(w.events).on_site_minutes == 10
    assert time_on_task(w.events, until=now).on_site_minutes == 30
    assert time_on_task(w.events).trips[0].ended_at is None
    assert time_on_task([]).on_site_minutes == 0


def test_the_user_busy_ends_a_trip_and_a_single_trip_closes_on_the_first() -> None:
    w = Walk().arrived()
    w.do(E.USER_BUSY)
    w.do(E.ARRIVED)
    w.do(E.PERMISSION_GRANTED)
    w.do(E.CLOSED_WITHOUT_REPAIR)
    spent = time_on_task(w.events)
    assert [t.ended_by for t in spent.trips] == [E.USER_BUSY, E.CLOSED_WITHOUT_REPAIR]
    assert spent.closed_on_trip == 2
    single = Walk().resolved()
    single.do(E.SIGNED_OFF)
    assert time_on_task(single.events).closed_on_trip == 1


def test_two_technicians_make_one_trip_and_each_their_own_time() -> None:
    w = Walk().working()
    start = w.events[1].occurred_at  # jb's arrival
    joined = replace(w.event(E.ARRIVED, None), author="kyra")
    w.clock += timedelta(minutes=10)
    joined = replace(joined, occurred_at=w.clock)
    events = [*w.events, joined]
    w.clock += timedelta(minutes=30)
    events.append(replace(w.event(E.DEPARTED, None), author="kyra", occurred_at=w.clock))
    w.clock += timedelta(minutes=5)
    events.append(replace(w.event(E.DEPARTED, None), author="jb", occurred_at=w.clock))
    spent = time_on_task(events)
    (trip,) = spent.trips
    assert trip.authors == ("jb", "kyra")
    assert spent.on_site_seconds == int((w.clock - start).total_seconds())
    assert spent.seconds_by_author()["kyra"] == 30 * 60


def test_a_clock_that_went_back_counts_no_negative_time() -> None:
    w = Walk().arrived()
    back = replace(w.event(E.DEPARTED, None), occurred_at=w.clock - timedelta(hours=1))
    spent = time_on_task([*w.events, back])
    assert spent.on_site_seconds == 0


def test_minutes_round_to_the_nearest() -> None:
    assert [minutes(s) for s in (0, 29, 30, 89, 90)] == [0, 0, 1, 1, 2]


def test_minimal_departure_is_a_reason_alone() -> None:
    assert validate_payload(E.DEPARTED, MINIMAL[E.DEPARTED]) == {"reason": "part_needed"}


def test_a_visit_left_after_the_fix_waits_for_the_return_then_signs_off() -> None:
    w = Walk().resolved()
    w.do(
        E.DEPARTED,
        reason="user_needs_pc",
        return_at=iso(T0 + timedelta(days=1)),
        agreed_with="Kyra",
    )
    assert w.state.step is Step.AWAITING_RETURN  # not "resolved": the return comes next
    assert w.refused(E.SIGNED_OFF).code == "away_from_desk"
    w.do(E.ARRIVED, minutes=24 * 60)
    assert w.state.step is Step.RESOLVED  # the fix stands
    w.do(E.SIGNED_OFF)
    assert time_on_task(w.events).closed_on_trip == 2
