"""New walk-up from the round (Ctrl+N): who asks and for what, written to the cache at once
(offline), shown in the round with a provisional reference, and opened as a visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store import Store, get_visit, visit_state
from tests.ui.test_round_window import (  # the fixtures are shared with the round tests
    WAIT_MS,
    MakeWindow,
    clock,
    make_window,
    store,
)

__all__ = ["clock", "make_window", "store"]  # used by name, as fixtures


def test_ctrl_n_opens_a_walk_up_that_joins_the_round_and_opens(
    qtbot: QtBot, store: Store, make_window: MakeWindow
) -> None:
    window = make_window(author="kyra")
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.walk_up_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.focusWidget() is dialog.customer  # typing starts with who asks
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert dialog.error_banner.text() == "Say who asks for help."
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.customer, "Ana Lopes")
    qtbot.keyClicks(dialog.problem, "Her second screen stays black.")
    qtbot.keyClicks(dialog.room, "3.15")
    with qtbot.waitSignal(window.visit_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    (visit_id,) = opened.args
    with store.read_session() as session:
        visit = get_visit(session, visit_id).visit
        state = visit_state(session, visit_id)
    assert (visit.customer_name, visit.room, visit.origin) == ("Ana Lopes", "3.15", "walk_up")
    assert (visit.created_by, visit.assignee) == ("kyra", "kyra")
    assert state.opened_how == "walk_up"
    qtbot.waitUntil(
        lambda: any(r.reference == visit.reference for r in window.model.rows()),
        timeout=WAIT_MS,
    )
    assert visit.reference.startswith("NEW-")


def test_the_walk_up_action_is_named_and_in_the_round_menu(make_window: MakeWindow) -> None:
    window = make_window(author="kyra")
    action = window.walk_up_action
    assert action.shortcut().toString() == "Ctrl+N"
    assert "Ctrl+N" in action.toolTip()
    menu_actions = window.menuBar().actions()[0].menu().actions()
    assert action in menu_actions
