"""The launch's first sync begins once the round's first rows are painted and the
technician's typing has paused: its first run loads the sync's modules, which a keystroke
would otherwise wait behind; it waits FIRST_SYNC_LATEST_MS at most."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.ui import round_sync
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_sync import TYPING_PAUSE_MS, RoundSync


class _Rows(QObject):
    loaded = Signal()


def _syncer(qtbot: QtBot, runs: list[float]) -> tuple[RoundSync, QWidget, BackgroundRunner]:
    runner = BackgroundRunner()
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(200, 100)
    window.show()
    qtbot.waitExposed(window)

    def sync() -> None:
        runs.append(time.monotonic())

    syncer = RoundSync(
        runner,
        sync,
        action=QAction(window),
        status_bar=QStatusBar(window),
        connection_icon=QLabel(window),
        connection_label=QLabel(window),
        parent=window,
    )
    return syncer, window, runner


def test_the_first_sync_waits_for_the_typing_to_pause(qtbot: QtBot) -> None:
    runs: list[float] = []
    syncer, window, runner = _syncer(qtbot, runs)
    rows = _Rows()
    syncer.sync_when(rows.loaded, window)
    assert syncer.syncing  # said at once
    rows.loaded.emit()
    window.update()
    last_key = time.monotonic()
    for _ in range(8):  # a search typed over 1.2 s, the rows painted meanwhile
        syncer.note_typing()
        last_key = time.monotonic()
        qtbot.wait(150)
        assert runs == []
    qtbot.waitUntil(lambda: bool(runs), timeout=5_000)
    assert runs[0] - last_key >= TYPING_PAUSE_MS / 1000 - 0.05
    qtbot.waitUntil(lambda: not syncer.syncing, timeout=5_000)
    runner.wait()


def test_typing_without_end_delays_the_first_sync_only_so_long(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(round_sync, "FIRST_SYNC_LATEST_MS", 1_000)
    runs: list[float] = []
    syncer, window, runner = _syncer(qtbot, runs)
    rows = _Rows()
    asked = time.monotonic()
    syncer.sync_when(rows.loaded, window)
    rows.loaded.emit()
    window.update()
    deadline = time.monotonic() + 4
    while not runs and time.monotonic() < deadline:
        syncer.note_typing()  # a key every 100 ms, never a pause
        qtbot.wait(100)
    assert runs
    assert runs[0] - asked < 2.5
    qtbot.waitUntil(lambda: not syncer.syncing, timeout=5_000)
    runner.wait()


def test_without_typing_the_first_sync_begins_a_pause_after_the_paint(qtbot: QtBot) -> None:
    """Someone who starts typing as the rows appear finds the interpreter free: the first
    sync leaves the first TYPING_PAUSE_MS after the paint to them."""
    runs: list[float] = []
    syncer, window, runner = _syncer(qtbot, runs)
    rows = _Rows()
    syncer.sync_when(rows.loaded, window)
    emitted = time.monotonic()
    rows.loaded.emit()
    window.update()
    qtbot.waitUntil(lambda: bool(runs), timeout=5_000)
    assert runs[0] - emitted >= TYPING_PAUSE_MS / 1000 - 0.05
    qtbot.waitUntil(lambda: not syncer.syncing, timeout=5_000)
    runner.wait()


def test_on_an_empty_round_the_first_sync_begins_at_the_paint(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first login's round is empty: nothing to search, so no pause is left for typing
    (were it left, the minute below would keep the sync waiting past the test's wait)."""
    monkeypatch.setattr(round_sync, "TYPING_PAUSE_MS", 60_000)
    runs: list[float] = []
    syncer, window, runner = _syncer(qtbot, runs)
    rows = _Rows()
    syncer.sync_when(rows.loaded, window, rows_shown=lambda: False)
    rows.loaded.emit()
    window.update()
    qtbot.waitUntil(lambda: bool(runs), timeout=5_000)
    qtbot.waitUntil(lambda: not syncer.syncing, timeout=5_000)
    runner.wait()
