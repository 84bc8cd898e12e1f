"""The supervisor tabs' table models pass Qt's model tester, filled from a real server; the
one-call-at-a-time loader."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.common import Loader
from fieldapp.ui.table_model import SORT_ROLE
from tests.sync.supervisor_kit import Team
from tests.ui.supervisor_kit import WAIT_MS, chooser_fixture, team_fixture, window_fixture

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, window: SupervisorWindow, team: Team, qtmodeltester: ModelTester
) -> None:  # the tester after the window: it lets go of the last model first
    window.board.technician_table.selectRow(0)
    for tab in (window.metrics, window.dispatch, window.conflicts, window.charts):
        with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
            window.tabs.setCurrentWidget(tab)
    timeline = window.open_timeline(team.ids["done"])
    qtbot.waitUntil(lambda: timeline.model.rowCount() > 0, timeout=WAIT_MS)

    models = [
        timeline.model,
        window.board.technicians,
        window.board.visits,
        window.metrics.model,
        window.metrics.follow_ups,
        window.dispatch.model,
        window.conflicts.model,
    ]
    for model in models:
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
        for column in range(model.columnCount()):
            assert model.index(0, column).data(SORT_ROLE) is not None
    timeline.close()


def test_tables_sort_by_the_columns_key_not_its_text(
    qtbot: QtBot, window: SupervisorWindow
) -> None:
    table = window.board.technician_table
    visits = [c.title for c in window.board.technicians.columns].index("Visits")

    table.sortByColumn(visits, Qt.SortOrder.DescendingOrder)

    assert [table.source_row(table.model().index(r, 0)).technician for r in range(2)] == [
        "ana",
        "ben",
    ]
    table.sortByColumn(visits, Qt.SortOrder.AscendingOrder)
    assert table.source_row(table.model().index(0, 0)).technician == "ben"


def test_the_loader_runs_one_call_at_a_time_and_the_newest_queued_after(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    loader: Loader[str] = Loader(runner)
    release = threading.Event()
    results: list[str] = []

    assert loader.start(lambda: (release.wait(10), "first")[1], results.append)
    assert not loader.start(lambda: "ignored", results.append)  # a second click: nothing
    assert not loader.start(lambda: "stale", results.append, queue=True)
    assert not loader.start(lambda: "newest", results.append, queue=True)
    release.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    runner.wait()

    assert results == ["first", "newest"]
    assert not loader.busy
    failures: list[str] = []
    loader.failed.connect(failures.append)
    loader.start(lambda: 1 / 0, results.append)  # type: ignore[arg-type, return-value]
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    runner.wait()
    assert failures == ["Something went wrong: division by zero"]
