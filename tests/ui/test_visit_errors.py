"""Refusals where the eye is: beside the field, scrolled into view, with the focus there, and
the same on every page (a click on a page's button always gets an answer in words)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_close import SignOffPage
from fieldapp.ui.visit.pages_leave import LeavePage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.ui.test_visit_flow import (
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

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures


def test_a_missing_field_is_named_beside_it_and_gets_the_focus(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.window().resize(900, 420)  # a short screen: the form scrolls
    flow.go_to(StepKey.DIAGNOSE)
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.clear()
    qtbot.mouseClick(diagnose.record_button, Qt.MouseButton.LeftButton)

    banner = diagnose.error_banner
    assert banner.text() == "Write the problem as the user sees it."
    assert banner.isVisible()
    # Under the box to fill in, not at the top of the form.
    assert banner.parentWidget() is diagnose.perspective.parentWidget()
    assert banner.y() > diagnose.perspective.y()
    assert banner.y() - diagnose.perspective.geometry().bottom() < 40
    qtbot.waitUntil(diagnose.field_error.in_view, timeout=WAIT_MS)
    # What is typed next lands in the field, not on the button.
    assert flow.window().focusWidget() is diagnose.perspective
    qtbot.keyClicks(flow.window().focusWidget(), "Nothing prints.")
    assert diagnose.perspective.toPlainText() == "Nothing prints."
    assert not banner.isVisible()  # typing clears the refusal
    assert EventType.DIAGNOSED not in recorded(store)


def test_a_choice_still_to_make_is_explained_not_greyed(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED, EventType.OPTIONS_OFFERED)
    flow = open_flow()
    flow.go_to(StepKey.OPTIONS)
    options: OptionsPage = page(flow, StepKey.OPTIONS, OptionsPage)
    assert options.choices.draft_value() is None
    assert options.choose_button.isEnabled()  # one style: the click is answered in words
    qtbot.mouseClick(options.choose_button, Qt.MouseButton.LeftButton)
    assert options.error_banner.text() == "Select the way forward the user chose."
    assert options.error_banner.isVisible()
    assert options.choices.isAncestorOf(flow.window().focusWidget())

    seed(store, EventType.OPTION_CHOSEN)
    flow.go_to(StepKey.LEAVE)
    leave: LeavePage = page(flow, StepKey.LEAVE, LeavePage)
    leave.reason.setExclusive(False)
    for button in leave.reason_buttons:
        button.setChecked(False)
    leave.reason.setExclusive(True)
    assert leave.record_button.isEnabled()
    qtbot.mouseClick(leave.record_button, Qt.MouseButton.LeftButton)
    assert leave.error_banner.text() == "Choose why you are leaving."
    assert flow.window().focusWidget() is leave.reason_buttons[0]


def test_a_refusal_of_the_rules_shows_beside_the_boxes_that_settle_it(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.USER_ABSENT_URGENT)
    seed(store, EventType.DIAGNOSED, EventType.RESOLVED)
    flow = open_flow()
    flow.window().resize(900, 420)
    flow.go_to(StepKey.SIGN_OFF)
    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    click(qtbot, flow, sign_off.record_button)
    banner = sign_off.error_banner
    assert banner.text().startswith("The user was absent: log the admin account off")
    assert banner.parentWidget() is sign_off.admin.parentWidget()
    qtbot.waitUntil(sign_off.field_error.in_view, timeout=WAIT_MS)
    assert flow.window().focusWidget() is sign_off.admin
    tick(qtbot, sign_off.admin)
    assert not banner.isVisible()
