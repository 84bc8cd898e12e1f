"""The permission page's other outcomes, driven as a technician would: the user declines, the
user is absent and the work can wait, the absent user comes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType, Step
from fieldapp.store import Store, visit_state
from fieldapp.store.drafts import load_draft
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_close import EscalatePage, SignOffPage
from fieldapp.ui.visit.pages_permission import PermissionPage
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    click,
    clock_fixture,
    open_flow_fixture,
    page,
    recorded,
    seed,
    store_fixture,
    tick,
)
from tests.ui.visit_kit import close_once_drafted, last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures

_NOTE_LEFT, _DECLINED = 3, 4


def at_permission(open_flow: Callable[[], VisitFlow]) -> tuple[VisitFlow, PermissionPage]:
    """Open the visit flow and return it with its permission page."""
    flow = open_flow()
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    return flow, permission


def test_every_outcome_has_a_keyboard_mnemonic_of_its_own_and_a_name(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    _, permission = at_permission(open_flow)
    buttons: list[QAbstractButton] = permission.outcome_buttons
    letters = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert len(set(letters)) == len(buttons) == 5
    assert all(b.accessibleName() and "&" not in b.accessibleName() for b in buttons)


def test_the_user_declines_and_the_visit_closes_as_declined(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow, permission = at_permission(open_flow)
    tick(qtbot, permission.outcome_buttons[_DECLINED])
    assert permission.record_button.accessibleName() == "Record the refusal"
    assert permission.declined_by.text() == "Ada Park"
    permission.declined_by.clear()
    qtbot.mouseClick(permission.record_button, Qt.MouseButton.LeftButton)
    assert permission.error_banner.text() == "Say who declined."
    assert EventType.PERMISSION_DECLINED not in recorded(store)

    qtbot.keyClicks(permission.declined_by, "Ada Park")
    qtbot.keyClicks(permission.declined_reason, "The board report is due; not today.")
    permission.next_step.setCurrentIndex(permission.next_step.findData("close"))
    click(qtbot, flow, permission.record_button)

    kind, payload = last_event(store)
    assert kind is EventType.PERMISSION_DECLINED
    assert payload == {
        "declined_by": "Ada Park",
        "next_step": "close",
        "reason": "The board report is due; not today.",
    }
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.DECLINED
        assert load_draft(session, VISIT, "permission") is None
    assert flow.header.step.text() == "Closed: declined by the user"
    assert not flow.step_available(StepKey.DIAGNOSE)
    assert not flow.step_available(StepKey.ESCALATE)


def test_a_refusal_to_escalate_takes_the_technician_to_the_escalation(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow, permission = at_permission(open_flow)
    tick(qtbot, permission.outcome_buttons[_DECLINED])
    permission.next_step.setCurrentIndex(permission.next_step.findData("escalate"))
    qtbot.keyClicks(permission.declined_reason, "Only with my manager's agreement.")
    click(qtbot, flow, permission.record_button)

    assert flow.current_key is StepKey.ESCALATE
    assert flow.step_available(StepKey.ESCALATE)
    assert not flow.step_available(StepKey.DIAGNOSE)  # never without permission
    escalate: EscalatePage = page(flow, StepKey.ESCALATE, EscalatePage)
    assert escalate.reason.toPlainText() == (
        "Ada Park declined the use of their machine: Only with my manager's agreement."
    )
    escalate.team.setCurrentText("Service desk")
    click(qtbot, flow, escalate.record_button)
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.ESCALATED


def test_absent_not_urgent_leaves_a_drafted_note_and_waits_without_a_promise(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow, permission = at_permission(open_flow)
    tick(qtbot, permission.outcome_buttons[_NOTE_LEFT])
    assert permission.forms.currentIndex() == _NOTE_LEFT
    note = permission.desk_note.toPlainText()
    assert "Hello Ada Park" in note
    assert "INC-00042" in note
    assert "I did not touch your computer" in note
    click(qtbot, flow, permission.record_button)

    kind, payload = last_event(store)
    assert kind is EventType.USER_ABSENT_NOTE_LEFT
    assert payload == {"desk_note": note}
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.step is Step.AWAITING_RETURN
    assert state.open_promises == []
    assert flow.current_key is StepKey.ARRIVE


def test_the_note_being_written_is_kept_as_a_draft(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow, permission = at_permission(open_flow)
    tick(qtbot, permission.outcome_buttons[_NOTE_LEFT])
    permission.desk_note.clear()
    qtbot.keyClicks(permission.desk_note, "Back after lunch")
    close_once_drafted(qtbot, flow)

    again: PermissionPage = page(open_flow(), StepKey.PERMISSION, PermissionPage)
    assert again.outcome_buttons[_NOTE_LEFT].isChecked()
    assert again.desk_note.toPlainText() == "Back after lunch"


def test_the_absent_users_return_lifts_the_desk_note_at_sign_off(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.USER_ABSENT_URGENT)
    seed(store, EventType.DIAGNOSED)
    flow = open_flow()
    flow.go_to(StepKey.SIGN_OFF)
    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    assert sign_off.absent_box.isVisible()
    qtbot.mouseClick(sign_off.user_back, Qt.MouseButton.LeftButton)  # the way to say so
    assert flow.current_key is StepKey.PERMISSION
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    assert permission.returned_box.isVisible()
    assert permission.returned_button.accessibleName() == "Record the user's return"
    qtbot.keyClicks(permission.returned_explanation, "Told Ada I removed the adware.")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):  # Ctrl+Enter, as on every page
        qtbot.keyClick(
            permission.returned_explanation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )

    kind, payload = last_event(store)
    assert kind is EventType.USER_RETURNED
    assert payload == {"returned": "Ada Park", "explanation": "Told Ada I removed the adware."}
    assert not permission.returned_box.isVisible()  # once
    seed(store, EventType.RESOLVED)
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        flow.refresh()
    flow.go_to(StepKey.SIGN_OFF)
    assert not sign_off.absent_box.isVisible()
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        qtbot.keyClick(sign_off.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.COMPLETED


def test_no_return_to_record_when_the_user_was_there(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.go_to(StepKey.PERMISSION)
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    assert not permission.returned_box.isVisible()
    assert not permission.returned_button.isEnabled()
