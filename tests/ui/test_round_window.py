"""The round window over a real cache file: listing, search, sync status, a second click."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, open_store
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.recording import record_event
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_model import RoundTableModel
from fieldapp.ui.round_window import RoundWindow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, PageBuilder, server_visit


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3")
    builder = PageBuilder()
    builder.visit(server_visit("v-print", customer_name="Ada Park", building="North"))
    builder.visit(server_visit("v-vpn", customer_name="Ben Ode", building="South"))
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
        record_event(
            session, "v-print", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author="kyra", now=T0
        )
    try:
        yield opened
    finally:
        opened.dispose()


def make_window(qtbot: QtBot, store: Store, sync: object) -> RoundWindow:
    runner = BackgroundRunner()
    window = RoundWindow(store, runner, sync, user_label="Kyra")  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def test_lists_cached_visits_with_their_step_and_sync_mark(qtbot: QtBot, store: Store) -> None:
    window = make_window(qtbot, store, lambda: "nothing")
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    rows = {window.model.row_at(i).customer: window.model.row_at(i) for i in range(2)}
    assert rows["Ada Park"].step == "arrived"
    assert rows["Ada Park"].sync_mark == "1 to sync"
    assert rows["Ben Ode"].sync_mark == ""
    assert window.pending_label.text() == "1 to sync"
    assert window.last_sync_label.text() == "Never synced"


def test_search_narrows_the_round(qtbot: QtBot, store: Store) -> None:
    window = make_window(qtbot, store, lambda: "nothing")
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    qtbot.keyClicks(window.search, "Ben")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).customer == "Ben Ode"


def test_failed_sync_says_why_and_shows_offline(qtbot: QtBot, store: Store) -> None:
    def sync() -> str:
        raise ConnectionError("The server cannot be reached; your work is kept on this laptop.")

    window = make_window(qtbot, store, sync)
    with qtbot.waitSignal(window.sync_finished) as finished:
        window.sync_action.trigger()
    assert finished.args == ["The server cannot be reached; your work is kept on this laptop."]
    assert window.connection_label.text() == "Offline"
    assert window.sync_action.isEnabled()


def test_second_click_while_syncing_starts_nothing(qtbot: QtBot, store: Store) -> None:
    release = threading.Event()
    calls: list[int] = []

    def slow_sync() -> str:
        calls.append(1)
        release.wait(10)
        return "pulled 0, pushed 0"

    window = make_window(qtbot, store, slow_sync)
    window.sync_now()
    window.sync_now()
    window.sync_action.trigger()
    assert window.syncing
    assert not window.sync_action.isEnabled()
    with qtbot.waitSignal(window.sync_finished):
        release.set()
    assert calls == [1]
    assert window.connection_label.text() == "Online"


def test_round_model_passes_qt_model_checks(qtmodeltester: object, store: Store) -> None:
    from fieldapp.ui.round_window import read_round

    model = RoundTableModel()
    model.set_rows(read_round(store).rows)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
