"""The round's Help menu: Keyboard shortcuts (F1) lists the window's own actions, so a new
one shows without editing a list; About says the version, server, cache and log places and
copies them for the support desk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from fieldapp import __version__
from fieldapp.paths import AppPaths
from fieldapp.store import Store, open_store, set_meta
from fieldapp.store.meta import SERVER_URL, USERNAME
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.help_menu import diagnostics, log_place
from fieldapp.ui.round_window import RoundWindow

SERVER = "https://fieldapp.example.org"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(AppPaths(tmp_path / "laptop"))
    with opened.session() as session, session.begin():
        set_meta(session, SERVER_URL, SERVER)
        set_meta(session, USERNAME, "kyra")
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> RoundWindow:
    made = RoundWindow(store, BackgroundRunner(), lambda: "Sync done.", use_tray=False)
    qtbot.addWidget(made)
    made.show()
    return made


def test_help_is_the_last_menu(window: RoundWindow) -> None:
    menus = window.menuBar().actions()
    assert menus[-1].text() == "&Help"
    assert [a.text() for a in window.help_menu.menu.actions()] == [
        "&Keyboard shortcuts\u2026",
        "&About FieldApp\u2026",
    ]


def test_keyboard_shortcuts_are_read_from_the_actions(qtbot: QtBot, window: RoundWindow) -> None:
    late = QAction("&Brand new thing\u2026", window)
    late.setShortcut(QKeySequence("Ctrl+Shift+F12"))
    window.addAction(late)  # added after the window was built: listed all the same
    window.help_menu.shortcuts_action.trigger()
    dialog = window.help_menu.shortcuts_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = dict(dialog.rows)
    assert rows["Sync now"] == "F5"
    assert rows["Keyboard shortcuts"] == "F1"
    assert rows["Since last sync"] == "Ctrl+J"
    assert rows["Rejected events"] == "Ctrl+Shift+E"
    assert rows["Brand new thing"] == "Ctrl+Shift+F12"
    keys = [k for _what, k in dialog.rows]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    assert len(rows) == len(dialog.rows)  # each action once
    dialog.close()


def test_about_says_where_things_are_and_copies_it(
    qtbot: QtBot, window: RoundWindow, store: Store
) -> None:
    dialog = window.help_menu.show_about()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.values["Version"].text() == f"FieldApp {__version__}"
    assert dialog.values["Server"].text() == SERVER
    assert dialog.values["Cache"].text() == str(store.db_path)
    place = log_place(store)
    assert place is not None
    assert dialog.values["Log folder"].text() == str(place)
    copied = dialog.copy_diagnostics()
    assert QGuiApplication.clipboard().text() == copied
    assert f"Log folder: {place}" in copied
    assert f"Server: {SERVER}" in copied
    assert f"FieldApp {__version__}" in copied
    assert "Copied:" in dialog.status_label.text()
    assert diagnostics(store).splitlines()[:3] == copied.splitlines()[:3]
    dialog.close()
