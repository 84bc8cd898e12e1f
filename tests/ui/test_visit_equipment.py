"""Borrowed parts and loans in the notes tab over a real cache: borrow a part with whose it is,
record what became of one that cannot go back (so sign-off needs no false tick), lend
equipment until a due date (a promise, kept when the loan comes back), the keyboard."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.domain.equipment import LOAN, PART
from fieldapp.store import Store, visit_state
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import qdatetime
from tests.ui.test_visit_flow import VISIT, Clock, clock_fixture, seed, store_fixture
from tests.ui.test_visit_notes import OpenPanel, open_panel_fixture, payloads, press

__all__ = ["clock_fixture", "open_panel_fixture", "store_fixture"]  # used by name, as fixtures

E = EventType


def test_a_part_that_cannot_go_back_is_recorded_with_who_agreed(
    qtbot: QtBot, store: Store, open_panel: OpenPanel, clock: Clock
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED)
    flow = open_panel()
    borrow, out = flow.panel.borrow, flow.panel.equipment
    assert not out.isVisible()  # nothing out yet

    qtbot.keyClicks(borrow.part, "Power supply")
    borrow.borrow_button.click()
    assert borrow.error_banner.isVisible()  # whose it is is asked for
    assert QApplication.focusWidget() is borrow.whose
    qtbot.keyClicks(borrow.whose, "Meeting room 4.12")
    press(qtbot, flow, borrow.borrow_button)

    assert payloads(store, E.PART_BORROWED) == [
        {"part": "Power supply", "whose": "Meeting room 4.12"}
    ]
    assert borrow.part.text() == ""  # the form is emptied once recorded
    assert out.isVisible()
    model = out.model
    row = [model.data(model.index(0, c)) for c in range(3)]
    assert row == ["Part: Power supply", "Meeting room 4.12", "In this machine"]
    assert out.selected() is not None

    out.fate.setCurrentIndex(out.fate.findData("broken"))
    out.dispose_button.click()
    assert out.error_banner.isVisible()  # who agreed is asked for
    qtbot.keyClicks(out.agreed_with, "Ana, who runs room 4.12")
    qtbot.keyClicks(out.note, "Fan seized")
    press(qtbot, flow, out.dispose_button)

    assert payloads(store, E.PART_DISPOSED) == [
        {
            "part": "Power supply",
            "fate": "broken",
            "agreed_with": "Ana, who runs room 4.12",
            "note": "Fan seized",
        }
    ]
    with store.read_session() as session:
        assert visit_state(session, VISIT).borrowed_parts == []
    assert not out.isVisible()
    timeline = flow.timeline_model
    words = {timeline.data(timeline.index(r, 0)) for r in range(timeline.rowCount())}
    assert {"Part borrowed", "Borrowed part: what became of it"} <= words


def test_a_loan_is_a_promise_kept_when_it_comes_back(
    qtbot: QtBot, store: Store, open_panel: OpenPanel, clock: Clock
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED)
    flow = open_panel()
    flow.tabs.setCurrentIndex(0)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(flow.steps, Qt.Key.Key_L, ctrl_shift)
    lend = flow.panel.lend
    assert flow.tabs.currentWidget() is flow.panel
    assert QApplication.focusWidget() is lend.item
    assert lend.lent_to.text()  # the customer's name, drafted
    qtbot.keyClicks(lend.item, "Loaner laptop L-07")
    qtbot.keyClicks(lend.whose, "IT loan pool")
    due = (clock.now + timedelta(days=3)).replace(second=0, microsecond=0)
    lend.due.setDateTime(qdatetime(due))
    press(qtbot, flow, lend.lend_button)

    (made,) = payloads(store, E.LOAN_MADE)
    assert made["item"] == "Loaner laptop L-07"
    assert made["whose"] == "IT loan pool"
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    (loan_id,) = state.loans
    assert state.promises[loan_id].kind == "loan_return"
    assert state.promises[loan_id].due_at == due
    promises = flow.panel.promises.model
    assert promises.data(promises.index(0, 1)) == "Loan due back"

    out = flow.panel.equipment
    assert out.isVisible()
    (item,) = [out.model.row_at(r) for r in range(out.model.rowCount())]
    assert (item.kind, item.holder, item.due_at) == (LOAN, made["lent_to"], due)
    press(qtbot, flow, out.return_button)

    assert payloads(store, E.LOAN_RETURNED) == [{"loan_id": loan_id}]
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.loans == {}
    assert state.promises[loan_id].kept_on_time
    assert not out.isVisible()


def test_a_loan_the_user_may_keep_is_settled_after_the_close(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED, E.LOAN_MADE, E.DIAGNOSED)
    seed(store, E.ESCALATED)
    flow = open_panel()
    out = flow.panel.equipment
    assert not flow.panel.borrow.borrow_button.isEnabled()  # nothing is borrowed once closed
    assert out.selected() is not None
    assert out.selected().kind == LOAN
    out.fate.setCurrentIndex(out.fate.findData("kept_by_user"))
    qtbot.keyClicks(out.agreed_with, "IT manager")
    press(qtbot, flow, out.dispose_button)

    (settled,) = payloads(store, E.LOAN_DISPOSED)
    assert (settled["fate"], settled["agreed_with"]) == ("kept_by_user", "IT manager")
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.loans == {}
    assert state.escalated


def test_the_sign_off_page_says_how_to_settle_a_part_that_cannot_go_back(
    store: Store, open_panel: OpenPanel
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED, E.PART_BORROWED, E.DIAGNOSED)
    seed(store, E.RESOLVED)
    flow = open_panel()
    assert flow.panel.equipment.selected() is not None
    assert flow.panel.equipment.selected().kind == PART
    text = flow.pages[StepKey.SIGN_OFF].parts_label.text()
    assert "RAM stick" in text
    assert "what became of it" in text


def test_the_out_table_is_a_well_behaved_model(
    qtmodeltester: ModelTester, store: Store, open_panel: OpenPanel
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED, E.PART_BORROWED, E.LOAN_MADE)
    flow = open_panel()
    assert flow.panel.equipment.model.rowCount() == 2
    qtmodeltester.check(flow.panel.equipment.model)
