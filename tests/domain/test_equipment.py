"""Borrowed parts that cannot go back, loans to the user, and the list of what is still out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fieldapp.domain import EventType, derive_state
from fieldapp.domain.equipment import LOAN, LOAN_RETURN, PART, RETURNED, equipment_of
from fieldapp.domain.events import EQUIPMENT_FATES
from tests.domain.factories import FULL, Walk, iso
from tests.domain.factories import PART as DIAGNOSED_PART

E = EventType
PSU = "Power supply from the meeting-room PC"


def resolved_with_borrowed_part() -> Walk:
    w = Walk().working()
    w.do(E.DIAGNOSED)
    w.do(E.PART_BORROWED, part=PSU, whose="Meeting room 4.12")
    w.do(E.RESOLVED)
    return w


@pytest.mark.parametrize("fate", EQUIPMENT_FATES)
def test_a_part_that_cannot_go_back_is_recorded_and_sign_off_needs_no_false_return(
    fate: str,
) -> None:
    w = resolved_with_borrowed_part()
    refused = w.refused(E.SIGNED_OFF)
    assert refused.code == "parts_not_returned"
    assert PSU in refused.message
    assert "what became of" in refused.message
    w.do(E.PART_DISPOSED, part=PSU, fate=fate, agreed_with="Ana, who runs room 4.12")
    assert w.state.borrowed_parts == []
    signed = w.do(E.SIGNED_OFF)  # no parts_returned tick
    assert "parts_returned" not in signed.payload
    assert w.state.signed_off
    settled = equipment_of(w.events).settled
    assert [(s.item.item, s.fate, s.agreed_with) for s in settled] == [
        (PSU, fate, "Ana, who runs room 4.12")
    ]


def test_disposing_needs_a_part_still_out_and_someone_who_agreed() -> None:
    w = resolved_with_borrowed_part()
    assert w.refused(E.PART_DISPOSED, part="A part never borrowed").code == "part_not_borrowed"
    w.do(E.PART_RETURNED, part=PSU)
    assert w.refused(E.PART_DISPOSED, part=PSU).code == "part_not_borrowed"


def test_the_same_part_is_not_borrowed_twice_while_out() -> None:
    w = resolved_with_borrowed_part()
    assert w.refused(E.PART_BORROWED, part=PSU).code == "part_already_borrowed"
    w.do(E.PART_RETURNED, part=PSU)
    w.do(E.PART_BORROWED, part=PSU, whose="Meeting room 4.12")  # borrowed again later


def test_what_is_still_out_says_whose_and_since_when() -> None:
    w = Walk().working()
    diagnosed = w.do(E.DIAGNOSED, borrowed_parts=[DIAGNOSED_PART])
    borrowed = w.do(E.PART_BORROWED, part=PSU, whose="Meeting room 4.12")
    due = w.clock + timedelta(days=2)
    lent = w.do(E.LOAN_MADE, FULL[E.LOAN_MADE], due_at=iso(due))
    out = equipment_of(w.events).out
    assert [(i.kind, i.item, i.whose, i.holder, i.since) for i in out] == [
        (PART, DIAGNOSED_PART, "", "", diagnosed.occurred_at),  # a diagnosis does not say whose
        (PART, PSU, "Meeting room 4.12", "", borrowed.occurred_at),
        (LOAN, "Loaner laptop L-07", "IT loan pool", "Kyra", lent.occurred_at),
    ]
    assert out[2].key == lent.id
    assert out[2].due_at == due
    assert all(i.recorded_by == "jb" and i.visit_id == "visit-1" for i in out)
    assert [i.key for i in out if i.kind == PART] == w.state.borrowed_parts


def test_a_sign_off_ticking_every_part_returned_settles_them_all() -> None:
    w = resolved_with_borrowed_part()
    w.do(E.SIGNED_OFF, parts_returned=True)
    equipment = equipment_of(w.events)
    assert equipment.out == []
    assert [(s.item.item, s.fate) for s in equipment.settled] == [(PSU, RETURNED)]


def test_a_loan_is_a_promise_kept_when_it_comes_back() -> None:
    w = resolved_with_borrowed_part()
    due = w.clock + timedelta(days=3)
    loan = w.do(E.LOAN_MADE, item="Loaner laptop L-07", due_at=iso(due))
    promise = w.state.promises[loan.id]
    assert (promise.kind, promise.due_at, promise.kept_at) == (LOAN_RETURN, due, None)
    assert "Loaner laptop L-07" in promise.description
    assert "Kyra" in promise.description
    assert w.state.open_promises == [promise]
    # Kept only by the loan itself, never by hand.
    assert w.refused(E.PROMISE_KEPT, promise_id=loan.id).code == "loan_promise"
    w.do(E.PART_RETURNED, part=PSU)
    w.do(E.SIGNED_OFF)  # the loan outlives the visit
    back = w.do(E.LOAN_RETURNED, loan_id=loan.id, minutes=60 * 24)
    assert w.state.promises[loan.id].kept_at == back.occurred_at
    assert w.state.promises[loan.id].kept_on_time
    assert w.state.loans == {}
    assert equipment_of(w.events).out == []
    assert w.refused(E.LOAN_RETURNED, loan_id=loan.id).code == "loan_not_out"
    assert derive_state(w.events) == w.state


def test_a_loan_the_user_may_keep_is_settled_with_who_agreed() -> None:
    w = Walk().working()
    loan = w.do(E.LOAN_MADE)
    w.do(E.LOAN_DISPOSED, loan_id=loan.id, fate="kept_by_user", agreed_with="IT manager")
    assert w.state.loans == {}
    assert w.state.promises[loan.id].kept_at is not None
    (settled,) = equipment_of(w.events).settled
    assert (settled.item.kind, settled.fate, settled.agreed_with) == (
        LOAN,
        "kept_by_user",
        "IT manager",
    )


def test_a_loan_is_due_after_it_is_lent() -> None:
    w = Walk().working()
    refused = w.refused(E.LOAN_MADE, due_at=iso(w.clock))
    assert refused.code == "loan_due_passed"


def test_a_loan_may_be_made_after_an_escalation_takes_the_machine_away() -> None:
    w = Walk().diagnosed()
    w.do(E.ESCALATED)
    loan = w.do(E.LOAN_MADE)
    assert w.state.closed
    assert w.state.loans == {loan.id: "Loaner laptop L-07"}
    assert w.refused(E.PART_BORROWED).code == "visit_closed"


def test_no_one_diagnoses_without_permission_even_with_parts_borrowed() -> None:
    w = Walk().arrived()
    w.do(E.PART_BORROWED)
    assert w.refused(E.DIAGNOSED).code == "permission_required"
