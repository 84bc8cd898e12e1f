"""Visits that close with no repair at the desk (resolved remotely, already fixed on arrival,
no fault found): each its own outcome, with no arrival, permission or diagnosis invented."""

from __future__ import annotations

import pytest

from fieldapp.domain import EventType, InvalidEvent, Step, validate_payload, why_not
from tests.domain.factories import MINIMAL, Walk

E = EventType
NR = E.CLOSED_WITHOUT_REPAIR


def test_resolved_remotely_needs_no_arrival_nor_permission_and_closes_the_visit() -> None:
    w = Walk()
    w.do(E.CONFIRMED)
    w.do(NR, outcome="resolved_remotely", explanation="Reset her VPN profile by phone.")
    state = w.state
    assert state.step is Step.CLOSED_WITHOUT_REPAIR
    assert (state.arrived_at, state.permission, state.diagnosed) == (None, None, False)
    assert state.closed
    assert (state.signed_off, state.escalated, state.declined) == (False, False, False)
    assert w.refused(E.ARRIVED).code == "visit_closed"
    assert "no repair at the desk" in w.refused(E.DIAGNOSED).message
    w.do(E.NOTE)  # the record can still grow


def test_at_the_desk_it_is_not_a_remote_resolution() -> None:
    w = Walk().arrived()
    violation = w.refused(NR, outcome="resolved_remotely")
    assert violation.code == "on_site"
    assert why_not(w.state, NR, {"outcome": "resolved_remotely"}) is not None
    # once the technician has left (the user was busy), fixing it from afar is allowed
    w.do(E.USER_BUSY)
    assert why_not(w.state, NR, {"outcome": "resolved_remotely"}) is None
    w.do(NR, outcome="resolved_remotely")
    assert len(w.state.open_promises) == 1  # only the event that keeps a promise closes it


def test_fixed_on_arrival_needs_the_arrival_and_no_permission() -> None:
    w = Walk()
    assert w.refused(NR, outcome="fixed_on_arrival").code == "arrival_required"
    w.do(E.ARRIVED)
    w.do(NR, outcome="fixed_on_arrival", confirmed_by="Kyra")
    assert w.state.step is Step.CLOSED_WITHOUT_REPAIR
    assert w.state.permission is None
    assert not w.state.on_site


def test_a_diagnosed_fault_is_not_already_fixed() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED)
    assert w.refused(NR, outcome="fixed_on_arrival").code == "fault_diagnosed"
    w.do(NR, outcome="no_fault_found")  # checked again after the change: fine now


@pytest.mark.parametrize("permission", [None, E.USER_BUSY, E.PERMISSION_DECLINED])
def test_no_one_looks_for_a_fault_without_a_permission_that_allows_work(
    permission: EventType | None,
) -> None:
    w = Walk().arrived()
    if permission is E.PERMISSION_DECLINED:
        w.do(permission, next_step="escalate")
    elif permission is not None:
        w.do(permission)
        w.do(E.ARRIVED)
    violation = w.refused(NR, outcome="no_fault_found")
    assert violation.code == "permission_required"
    # the same gate as a diagnosis: neither gets round the other
    assert w.refused(E.DIAGNOSED).code == "permission_required"


def test_no_fault_found_with_permission_is_its_own_outcome_without_a_source_category() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_GRANTED)
    w.do(NR, outcome="no_fault_found", explanation="Printed three pages; all fine.")
    assert w.state.step is Step.CLOSED_WITHOUT_REPAIR
    assert w.state.source_category is None
    assert not w.state.diagnosed


def test_an_absent_user_still_gets_the_admin_log_off_and_the_desk_note() -> None:
    w = Walk().arrived()
    w.do(E.USER_ABSENT_URGENT)
    assert w.refused(NR, outcome="no_fault_found").code == "absent_user_checks"
    assert w.refused(NR, outcome="no_fault_found", admin_logged_off=True).code == (
        "absent_user_checks"
    )
    w.do(NR, outcome="no_fault_found", admin_logged_off=True, note_left_on_desk=True)


def test_a_cancelled_visit_takes_no_outcome() -> None:
    w = Walk().arrived()
    w.state.cancelled = True
    assert w.refused(NR, outcome="fixed_on_arrival").code == "visit_cancelled"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"explanation": "x"}, "outcome"),
        ({"outcome": "resolved_remotely"}, "explanation"),
        ({"outcome": "no_fault", "explanation": "x"}, "outcome"),
        ({**MINIMAL[NR], "source_category": "network"}, "source_category"),
    ],
)
def test_a_malformed_outcome_is_refused_with_the_field_named(
    payload: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidEvent) as raised:
        validate_payload(NR, payload)
    assert field in raised.value.message


def test_no_longer_needed_is_said_at_the_desk_and_closes_without_a_cancellation() -> None:
    w = Walk()
    violation = w.refused(NR, outcome="no_longer_needed")
    assert violation.code == "arrival_required"
    assert "only dispatch cancels" in violation.message
    w.do(E.ARRIVED)
    w.do(NR, outcome="no_longer_needed", explanation="Ada bought a new mouse herself.")
    state = w.state
    assert state.step is Step.CLOSED_WITHOUT_REPAIR
    assert state.no_repair == "no_longer_needed"
    assert not state.cancelled  # the technician closes it; only dispatch cancels
    assert w.refused(E.DIAGNOSED).code == "visit_closed"


def test_no_longer_needed_after_work_keeps_the_borrowed_parts_tracked() -> None:
    w = Walk().arrived()
    w.do(E.PERMISSION_GRANTED)
    w.do(E.DIAGNOSED, borrowed_parts=["RAM"])
    w.do(NR, outcome="no_longer_needed")
    assert w.state.borrowed_parts == ["RAM"]
    w.do(E.PART_RETURNED, part="RAM")
    assert w.state.borrowed_parts == []
