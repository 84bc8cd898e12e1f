"""The round window in German: its table, tabs, toolbar, menus, status bar, tooltips, sync
sentences and Help dialogs show no English (data values aside)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.store import Store
from fieldapp.store.feed_news import FeedNews, VisitArrived, VisitGone
from fieldapp.sync import SyncSummary
from fieldapp.sync.errors import OfflineError
from fieldapp.sync.signout import Unsynced
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.crash_dialog import CrashDialog, what_happened
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.login_dialog import LoginDialog
from fieldapp.ui.logout import unsynced_sentence
from fieldapp.ui.preferences import Preferences
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.sync_news import spoken_summary
from tests.ui.german_kit import english_left, english_sources, german, widget_texts
from tests.ui.test_round_window import WAIT_MS, MakeWindow, clock, make_window, store

__all__ = ["clock", "german", "make_window", "store"]  # the fixtures used here

SOURCES = english_sources("app", "laptop")


def _data(store: Store) -> list[str]:
    """The visits' own words (references, names, places, problems) and the user's name."""
    with store.read_session() as session:
        from fieldapp.store.round_queries import RoundFilter, RoundQuery, round_page

        query = RoundQuery(now=datetime.now(UTC), filter=RoundFilter.ALL, search="")
        visits = round_page(session, query, 0, 100)
    values = ["Kyra", "FieldApp", "VIP", "Ctrl", "Shift", "F1", "F5"]
    for visit in visits:
        values += [visit.reference, visit.customer_name, visit.building, visit.room, visit.problem]
    return values


def _action_texts(actions: list[QAction]) -> list[str]:
    texts = []
    for action in actions:
        if action.isSeparator():
            continue
        texts += [action.text(), action.toolTip()]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [menu.title(), *_action_texts(menu.actions())]
    return texts


def shown_texts(window: RoundWindow) -> list[str]:
    """Every text the round shows or says of itself, but the promises panel's (its own
    catalogue's) and the visits' data."""
    texts = [window.windowTitle(), *_action_texts(window.menuBar().actions())]
    texts += _action_texts(window.actions())
    panel = window.promises_panel
    for widget in window.findChildren(QWidget):
        if widget is panel or panel.isAncestorOf(widget):
            continue
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                texts += [widget.tabText(index), widget.tabToolTip(index)]
    model = window.model
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal, role) or ""))
        for row in range(model.rowCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(str(model.index(row, column).data(role) or ""))
    return texts


def test_the_round_in_german_shows_no_english(
    german: None, qtbot: QtBot, make_window: MakeWindow, store: Store
) -> None:
    window = make_window()
    data = _data(store)
    assert english_left(shown_texts(window), SOURCES, data) == []
    for tab in range(1, window.tabs.count()):  # every list, so every step and day is seen
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.tabs.setCurrentIndex(tab)
        assert english_left(shown_texts(window), SOURCES, data) == [], window.tabs.tabText(tab)
    assert window.menuBar().actions()[0].text() == "&Runde"
    # The tabs with their counts are whole, not cut behind scroll arrows.
    tabs = window.tabs
    qtbot.waitUntil(lambda: tabs.width() >= tabs.sizeHint().width(), timeout=WAIT_MS)
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Zeitfenster"


def test_the_round_says_its_sync_and_errors_in_german(
    german: None, qtbot: QtBot, make_window: MakeWindow, store: Store
) -> None:
    news = FeedNews(
        gone=[
            VisitGone("v1", "HP-2612-003", "Acme", "reassigned", "Now with Tony Russo, "
                      "reassigned by Sam Lee.", kept=True),
            VisitGone("v2", "HP-2612-004", "", "cancelled", "Dispatch cancelled this visit: "
                      "duplicate"),
        ],
        arrived=[VisitArrived("v3", "HP-2612-005", "Initech")],
        changed=2,
    )  # fmt: skip
    summary = SyncSummary(pushed=9, uploaded=1, missing_files=1, rejected=1, news=news)
    window = make_window(sync=lambda: summary)
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        window.sync_now()
    said = str(finished.args[0])
    assert said.startswith("Synchronisiert: 9 Änderungen gesendet; 1 neuer Besuch;"), said
    lines = window.sync_news.open_dialog().texts
    assert any("HP-2612-003 (Acme): Jetzt bei Tony Russo, neu zugewiesen von Sam Lee." in line
               for line in lines), lines  # fmt: skip
    data = [*_data(store), "Tony Russo", "Sam Lee", "Acme", "Initech", "duplicate"]
    data += ["HP-2612-003", "HP-2612-004", "HP-2612-005", "127.0.0.1:9"]
    dialog = window.sync_news.dialog
    assert dialog is not None
    texts = [said, spoken_summary(summary), *lines, dialog.windowTitle(), dialog.intro.text()]
    offline = OfflineError(
        "Cannot reach the server at {server} (no network, or the server is down); nothing "
        "was sent. Your work is kept and will be sent later.",
        values={"server": "http://127.0.0.1:9"},
    )
    texts.append(error_text(offline))
    assert english_left(texts, SOURCES, data) == []
    dialog.close()


def test_help_dialogs_in_german(
    german: None, qtbot: QtBot, make_window: MakeWindow, store: Store
) -> None:
    window = make_window()
    about = window.help_menu.show_about()
    shortcuts = window.help_menu.show_shortcuts()
    data = [*_data(store), *(label.text() for label in about.values.values())]
    texts = [about.windowTitle(), about.copy_button.text(), about.copy_button.toolTip()]
    texts += list(about.values)
    texts += [shortcuts.windowTitle(), *(what for what, _keys in shortcuts.rows)]
    assert english_left(texts, SOURCES, data) == []
    about.close()
    shortcuts.close()


def test_the_rounds_dialogs_in_german(
    german: None, qtbot: QtBot, make_window: MakeWindow, store: Store
) -> None:
    window = make_window()
    data = [*_data(store), "https://fieldapp.example.org", "FieldApp", "CA", "PEM", "F5"]
    rejected = window.open_rejected_dialog()
    missing = window.open_missing_files_dialog()
    qtbot.waitUntil(rejected.empty_label.isVisible, timeout=WAIT_MS)
    settings = SettingsDialog(Preferences(), "https://fieldapp.example.org", parent=window)
    login = LoginDialog(BackgroundRunner(), lambda *_args: None, message="", parent=window)
    login.on_login_requested()  # nothing typed: says what is missing
    crash = CrashDialog(what_happened(MemoryError()), "Traceback ...", None, parent=window)
    texts: list[str] = []
    for dialog in (rejected, missing, settings, login, crash):
        texts += widget_texts(dialog)
    texts.append(unsynced_sentence(Unsynced(events=2, drafts=1)))
    assert english_left(texts, SOURCES, data) == []
    assert login.error_label.text().startswith("Geben Sie")
    for dialog in (rejected, missing, settings, login, crash):
        dialog.close()
