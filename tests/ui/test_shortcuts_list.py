"""Help > Keyboard shortcuts (F1) lists the keys made with QShortcut too, not only the menus'
actions: the visit window's Ctrl+Shift+N, Ctrl+Shift+T and the others, each with what it does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from fieldapp.store import Store, open_store
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.help_menu import ShortcutsDialog, quick_key_rows, shortcut_rows
from fieldapp.ui.visit import VisitFlow
from fieldapp.ui.visit_window import VisitWindow
from tests.store.factories import T0, PageBuilder, server_visit
from tests.ui.test_visit_flow import VISIT, WAIT_MS, Clock


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    builder = PageBuilder()
    builder.visit(server_visit(VISIT, window_start=T0, window_end=T0 + timedelta(hours=1)))
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    try:
        yield opened
    finally:
        opened.dispose()


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_visit_window_lists_its_quick_keys_on_f1(qtbot: QtBot, store: Store) -> None:
    runner = BackgroundRunner()
    flow = VisitFlow(store, runner, VISIT, author="kyra", clock=Clock(T0))
    window = VisitWindow(flow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)

    rows = dict(shortcut_rows(window))
    assert rows["Notes, files and promises: a new note"] == native("Ctrl+Shift+N")
    assert rows["Add to what the user already tried"] == native("Ctrl+Shift+T")
    assert rows["Record this step"] == f"{native('Ctrl+Return')}, {native('Ctrl+Enter')}"
    assert rows["Keyboard shortcuts"] == "F1"
    # None left out: every QShortcut of the window says what it does.
    assert all(s.whatsThis() for s in window.findChildren(QShortcut))

    window.shortcuts_action.trigger()  # what F1 does
    dialogs = window.findChildren(ShortcutsDialog)
    assert dialogs
    assert ("Leave for now", native("Ctrl+Shift+D")) in dialogs[-1].rows
    dialogs[-1].close()
    window.close()
    runner.wait()


def test_quick_keys_without_a_purpose_are_not_listed(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    named = QShortcut(QKeySequence("Ctrl+Shift+Y"), widget)
    named.setWhatsThis("Do the thing")
    QShortcut(QKeySequence("Ctrl+Shift+U"), widget)
    assert quick_key_rows(widget) == [("Do the thing", native("Ctrl+Shift+Y"))]
