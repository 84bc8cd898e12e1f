"""People on this visit, over a real cache: the holder adds a colleague offline (Ctrl+Shift+K
takes her there) and takes one off; a colleague who assists sees who holds it and cannot
change the team; each person's events are counted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from fieldapp.domain import EventType
from fieldapp.store import Store, record_event
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import VisitFlow
from fieldapp.ui.visit.team import HOLDER_ONLY
from tests.store.factories import T0
from tests.ui.test_visit_flow import VISIT, WAIT_MS, Clock, clock_fixture, store_fixture
from tests.ui.test_visit_notes import OpenPanel, open_panel_fixture, payloads, press

__all__ = ["clock_fixture", "open_panel_fixture", "store_fixture"]  # used by name


def people(flow: VisitFlow) -> list[tuple[str, str, str]]:
    model = flow.panel.team.model
    return [
        tuple(str(model.index(row, column).data()) for column in range(3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def test_the_holder_adds_a_colleague_and_takes_him_off(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    team = flow.panel.team
    ModelTester(None).check(team.model)
    assert people(flow) == [("kyra", "Holds the visit", "0")]
    flow.tabs.setCurrentIndex(0)
    qtbot.keyClick(flow, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert flow.tabs.currentWidget() is flow.panel
    assert QApplication.focusWidget() is team.username

    team.add_button_.click()  # nobody named yet
    assert team.error_banner.text() == "Write your colleague's username."
    qtbot.keyClicks(team.username, "tony")
    qtbot.keyClicks(team.reason, "Two to lift the printer")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):  # Ctrl+Enter adds the colleague
        qtbot.keyClick(team.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert payloads(store, EventType.ASSISTANT_ADDED) == [
        {"username": "tony", "reason": "Two to lift the printer"}
    ]
    assert people(flow) == [("kyra", "Holds the visit", "1"), ("tony", "Assisting", "0")]
    assert team.username.text() == ""  # the form is emptied once recorded
    assert team.add_button_.isEnabled()  # another colleague may join too

    team.table.selectRow(1)
    press(qtbot, flow, team.remove_button)
    assert payloads(store, EventType.ASSISTANT_REMOVED) == [{"username": "tony"}]
    assert people(flow) == [("kyra", "Holds the visit", "2")]


@pytest.fixture(name="tony_flow")
def tony_flow_fixture(qtbot: QtBot, store: Store, clock: Clock) -> Iterator[VisitFlow]:
    """The visit as Tony sees it on his laptop: Kyra holds it and added him."""
    with store.session() as session, session.begin():
        record_event(session, VISIT, EventType.ARRIVED, {"greeting_done": True},
                     author="kyra", now=T0)  # fmt: skip
        record_event(session, VISIT, EventType.ASSISTANT_ADDED, {"username": "tony"},
                     author="kyra", now=T0)  # fmt: skip
    runner = BackgroundRunner()
    flow = VisitFlow(store, runner, VISIT, author="tony", technician_name="Tony", clock=clock)
    flow.show()
    qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
    flow.show_panel()
    yield flow
    if isValid(flow):
        flow.close()
        flow.deleteLater()
    runner.wait()


def test_a_colleague_sees_the_team_but_does_not_change_it(tony_flow: VisitFlow) -> None:
    team = tony_flow.panel.team
    assert people(tony_flow) == [("kyra", "Holds the visit", "2"), ("tony", "Assisting", "0")]
    assert not team.add_button_.isEnabled()
    assert team.add_button_.toolTip() == HOLDER_ONLY
    team.table.selectRow(1)
    assert not team.remove_button.isEnabled()
    assert team.remove_button.toolTip() == HOLDER_ONLY
    # He records on the visit like its holder: the notes are open to him.
    assert tony_flow.panel.notes.record_button.isEnabled()
