"""The 'No repair needed' page, driven as a technician would: resolved remotely, already fixed
on arrival, no fault found, each offered only when it is true to the visit so far."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType, Step
from fieldapp.store import Store, visit_state
from fieldapp.store.drafts import load_draft
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_outcome import NoRepairPage
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    click,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
    tick,
)
from tests.ui.visit_kit import close_once_drafted, last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures

_REMOTELY, _FIXED, _NO_FAULT, _NOT_NEEDED = 0, 1, 2, 3


def open_page(flow: VisitFlow) -> NoRepairPage:
    flow.go_to(StepKey.NO_REPAIR)
    found: NoRepairPage = page(flow, StepKey.NO_REPAIR, NoRepairPage)
    return found


def test_every_outcome_has_a_keyboard_mnemonic_of_its_own_and_a_name(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED)
    outcome = open_page(open_flow())
    texts = [b.text() for b in outcome.outcome_buttons] + [outcome.record_button.text()]
    letters = [t[t.index("&") + 1].lower() for t in texts]
    assert len(set(letters)) == len(texts) == 5
    assert "e" not in letters  # the header's Escalate
    assert all(
        b.accessibleName() and "&" not in b.accessibleName() for b in outcome.outcome_buttons
    )


def test_resolved_remotely_before_arriving_closes_the_visit(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED)
    flow = open_flow()
    outcome = open_page(flow)
    tick(qtbot, outcome.outcome_buttons[_REMOTELY])
    assert outcome.record_button.isEnabled()
    qtbot.mouseClick(outcome.record_button, Qt.MouseButton.LeftButton)
    assert outcome.error_banner.text() == "Say what happened: what you found, or what was done."
    qtbot.keyClicks(outcome.explanation, "Reset the VPN profile with Ada by phone.")
    click(qtbot, flow, outcome.record_button)

    kind, payload = last_event(store)
    assert kind is EventType.CLOSED_WITHOUT_REPAIR
    assert payload == {
        "outcome": "resolved_remotely",
        "explanation": "Reset the VPN profile with Ada by phone.",
        "confirmed_by": "Ada Park",
    }
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.CLOSED_WITHOUT_REPAIR
        assert load_draft(session, VISIT, "no_repair") is None
    assert flow.header.step.text() == "Closed: no repair needed at the desk"
    assert flow.current_key is StepKey.NO_REPAIR
    assert not flow.step_available(StepKey.ARRIVE)


def test_at_the_desk_without_permission_only_already_fixed_is_offered(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow = open_flow()
    outcome = open_page(flow)
    tick(qtbot, outcome.outcome_buttons[_NO_FAULT])
    qtbot.mouseClick(outcome.record_button, Qt.MouseButton.LeftButton)
    assert "permission" in outcome.error_banner.text()  # looking for a fault needs permission
    assert "permission" in outcome.outcome_banner.text()
    assert "permission" in outcome.outcome_buttons[_NO_FAULT].toolTip()
    tick(qtbot, outcome.outcome_buttons[_REMOTELY])
    qtbot.mouseClick(outcome.record_button, Qt.MouseButton.LeftButton)
    assert "at the desk" in outcome.error_banner.text()
    assert "at the desk" in outcome.outcome_banner.text()
    tick(qtbot, outcome.outcome_buttons[_FIXED])
    assert outcome.outcome_banner.text() == ""
    qtbot.keyClicks(outcome.explanation, "The printer works again; Ada printed a page.")
    click(qtbot, flow, outcome.record_button)

    kind, payload = last_event(store)
    assert (kind, payload["outcome"]) == (EventType.CLOSED_WITHOUT_REPAIR, "fixed_on_arrival")
    assert not flow.step_available(StepKey.DIAGNOSE)


def test_no_fault_found_with_an_absent_user_asks_for_the_absent_user_checks(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.USER_ABSENT_URGENT)
    flow = open_flow()
    outcome = open_page(flow)
    assert outcome.admin.isVisible()
    assert outcome.note_left.isVisible()
    tick(qtbot, outcome.outcome_buttons[_NO_FAULT])
    qtbot.keyClicks(outcome.explanation, "Scanned the machine: clean.")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(outcome.record_button, Qt.MouseButton.LeftButton)
    assert "log the admin account off" in outcome.error_banner.text()
    tick(qtbot, outcome.admin)
    tick(qtbot, outcome.note_left)
    click(qtbot, flow, outcome.record_button)

    kind, payload = last_event(store)
    assert kind is EventType.CLOSED_WITHOUT_REPAIR
    assert (payload["admin_logged_off"], payload["note_left_on_desk"]) == (True, True)


def test_the_outcome_being_written_is_kept_as_a_draft(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    outcome = open_page(flow)
    tick(qtbot, outcome.outcome_buttons[_NO_FAULT])
    qtbot.keyClicks(outcome.explanation, "Printed three pages")
    close_once_drafted(qtbot, flow)

    again = open_page(open_flow())
    assert again.outcome_buttons[_NO_FAULT].isChecked()
    assert again.explanation.toPlainText() == "Printed three pages"


def test_the_user_no_longer_needs_it_at_the_desk(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED)
    flow = open_flow()
    outcome = open_page(flow)
    tick(qtbot, outcome.outcome_buttons[_NOT_NEEDED])
    qtbot.mouseClick(outcome.record_button, Qt.MouseButton.LeftButton)
    assert "only dispatch cancels" in outcome.error_banner.text()  # from afar
    assert "only dispatch cancels" in outcome.outcome_banner.text()
    seed(store, EventType.ARRIVED)
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        flow.refresh()
    assert outcome.outcome_banner.text() == ""
    qtbot.keyClicks(outcome.explanation, "Ada bought a new mouse herself.")
    click(qtbot, flow, outcome.record_button)

    kind, payload = last_event(store)
    assert (kind, payload["outcome"]) == (EventType.CLOSED_WITHOUT_REPAIR, "no_longer_needed")
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.CLOSED_WITHOUT_REPAIR
