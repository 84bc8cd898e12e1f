"""The app's start runs without the cyclic collector; it comes back once the round shows rows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.store import open_store
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.launch import COLLECTOR_BACK_MS, collect_after_first_rows
from fieldapp.ui.round_window import RoundWindow
from tests.store.factories import PageBuilder, server_visit


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.disable()  # as fieldapp.cli does before the app's imports
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.usefixtures("collector_off")
def test_the_collector_comes_back_with_the_first_rows(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    start = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
    page = PageBuilder()
    page.visit(server_visit("v-1", window_start=start, window_end=start + timedelta(hours=1)))
    with store.session() as session, session.begin():
        apply_changes_page(session, page.page())
    runner = BackgroundRunner()
    window = RoundWindow(store, runner, lambda: None)
    qtbot.addWidget(window)
    try:
        collect_after_first_rows(window)
        assert not gc.isenabled()
        with qtbot.waitSignal(window.round_loaded, timeout=COLLECTOR_BACK_MS // 2):
            window.show()
            window.refresh()
        assert window.model.rowCount() == 1
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start built is out of the full passes
    finally:
        window.close()
        runner.wait()
        store.dispose()


@pytest.mark.usefixtures("collector_off")
def test_without_a_round_the_collector_comes_back_anyway(qtbot: QtBot) -> None:
    collect_after_first_rows(None)  # a login dialog, the supervisors' window
    qtbot.waitUntil(gc.isenabled, timeout=COLLECTOR_BACK_MS + 2000)
