"""The visit window says whether the server answers and what of the visit waits to be sent."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from fieldapp.domain import EventType
from fieldapp.store import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.sync_badge import sync_words
from fieldapp.ui.visit_window import VisitWindows
from tests.ui.test_visit_flow import VISIT, WAIT_MS, seed, store_fixture

__all__ = ["store_fixture"]  # used by name, as a fixture


def test_offline_and_pending_changes_show_in_the_visit_window(qtbot: QtBot, store: Store) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)  # recorded here, not sent yet
    runner = BackgroundRunner()
    windows = VisitWindows(store, runner, author="kyra", technician_name="Kyra")
    windows.set_online(False)
    window = windows.open(VISIT)
    badge = window.sync_badge
    qtbot.waitUntil(lambda: window.flow.snapshot is not None, timeout=WAIT_MS)
    assert badge.isVisible()
    assert badge.text() == "Offline \u00b7 2 changes kept on this laptop"
    assert "sent when the server answers" in badge.toolTip()

    windows.set_online(True)  # the round's connectivity monitor says the server answers
    assert badge.text() == "Online \u00b7 2 changes to send"
    seed(store, EventType.PERMISSION_GRANTED)
    with qtbot.waitSignal(window.flow.loaded, timeout=WAIT_MS):
        windows.refresh_all()
    assert badge.text() == "Online \u00b7 3 changes to send"
    window.close()
    qtbot.waitUntil(lambda: VISIT not in windows.windows, timeout=WAIT_MS)
    assert not isValid(window) or not window.isVisible()
    runner.wait()


def test_the_words_for_each_state() -> None:
    assert sync_words(True, 0)[0] == "Online \u00b7 all sent"
    assert sync_words(None, 1)[0] == "Not connected yet \u00b7 1 change to send"
    assert sync_words(False, 0)[0] == "Offline"
