"""The supervisors' Equipment out tab over a real server: the parts and loans a technician's
laptop pushed, whose they are, with whom, since when, filtered by kind; Enter opens the visit."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType as E
from fieldapp.ui.supervisor import SupervisorWindow
from tests.sync.supervisor_kit import Team, event, push_all
from tests.ui.supervisor_kit import WAIT_MS, chooser_fixture, team_fixture, window_fixture
from tests.ui.test_supervisor_window import texts

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def test_the_equipment_out_tab_lists_what_is_not_back(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    working = team.ids["working"]
    t = team.now - timedelta(minutes=10)
    push_all(
        team.laptops["ben"],
        event(working, E.PERMISSION_GRANTED, t),
        event(working, E.PART_BORROWED, t, part="Dock", whose="Desk 4.20"),
        event(
            working,
            E.LOAN_MADE,
            t + timedelta(minutes=1),
            lent_to="Cleo",
            due_at=(team.now + timedelta(days=2)).isoformat(),
        ),
    )
    tab = window.equipment
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab

    assert texts(tab.model, "What") == ["Part: Dock", "Loan: Loaner laptop L-07"]
    assert texts(tab.model, "Whose") == ["Desk 4.20", "IT loan pool"]
    assert texts(tab.model, "With") == ["In the user's machine", "Cleo"]
    assert texts(tab.model, "Technician") == ["Ben Okafor", "Ben Okafor"]
    assert texts(tab.model, "Due back")[0] == ""
    assert "(overdue)" not in texts(tab.model, "Due back")[1]
    assert tab.summary.text() == "1 part and 1 loan out"

    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("Loans to users"))
    assert texts(tab.model, "What") == ["Loan: Loaner laptop L-07"]

    tab.table.selectRow(0)
    with qtbot.waitSignal(window.timeline_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened.args[0].visit_id == working


def test_the_timeline_names_the_loan_that_came_back(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    working = team.ids["working"]
    t = team.now - timedelta(minutes=10)
    lent = event(
        working, E.LOAN_MADE, t, lent_to="Cleo", due_at=(team.now + timedelta(days=2)).isoformat()
    )
    back = event(working, E.LOAN_RETURNED, t + timedelta(minutes=5), loan_id=lent.id)
    push_all(team.laptops["ben"], lent, back)

    dialog = window.open_timeline(working)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=WAIT_MS)

    details = dict(zip(texts(dialog.model, "What"), texts(dialog.model, "Details"), strict=True))
    assert details["Equipment lent"] == "Loaner laptop L-07 to Cleo (IT loan pool)"
    assert details["Loan returned"] == "Get back the Loaner laptop L-07 lent to Cleo"
    dialog.close()
