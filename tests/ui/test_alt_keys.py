"""Each Alt shortcut on screen does one thing: the round, every tab of the supervisors' window,
and every page and tab of a visit window, in English and in German."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, open_store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit_window import VisitWindow
from tests.ui.german_kit import german
from tests.ui.supervisor_kit import chooser_fixture, team_fixture, window_fixture
from tests.ui.test_visit_flow import clock_fixture, open_flow_fixture, seed, store_fixture

__all__ = [  # the fixtures used
    "chooser_fixture",
    "clock_fixture",
    "german",
    "open_flow_fixture",
    "store_fixture",
    "team_fixture",
    "window_fixture",
]


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shown_mnemonics(window: QMainWindow) -> list[tuple[str, str]]:
    """(letter, what) for the tab titles and every visible button, label and box."""
    found: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            found.append((letter, f"menu {action.text()}"))
    for bar in window.findChildren(QTabBar):
        if not bar.isVisibleTo(window):
            continue
        for index in range(bar.count()):
            letter = mnemonic(bar.tabText(index))
            if letter:
                found.append((letter, f"tab {bar.tabText(index)}"))
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None  # Alt jumps to the buddy
        ):
            text = widget.text()
        else:
            continue
        letter = mnemonic(text)
        if letter:
            found.append((letter, text))
    return found


def test_no_alt_shortcut_is_taken_twice_on_any_tab(qtbot: QtBot, window: SupervisorWindow) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        shown = shown_mnemonics(window)
        counts = Counter(letter for letter, _ in shown)
        clashes = sorted(what for letter, what in shown if counts[letter] > 1)
        assert not clashes, (window.tabs.tabText(index), clashes)


def test_alt_c_opens_the_charts(qtbot: QtBot, window: SupervisorWindow) -> None:
    window.tabs.setCurrentWidget(window.metrics)
    assert mnemonic(window.tabs.tabText(window.tabs.indexOf(window.charts))) == "c"


def _round_mnemonics(qtbot: QtBot, tmp_path: Path) -> list[tuple[str, str]]:
    store = open_store(tmp_path / "cache.sqlite3")
    window = RoundWindow(store, BackgroundRunner(), lambda: "", use_tray=False)
    qtbot.addWidget(window)
    window.show()
    try:
        shown = shown_mnemonics(window)
        # Each menu's own entries are told apart too (Alt+R, then the entry's letter).
        for action in window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                letters = [mnemonic(a.text()) for a in menu.actions() if mnemonic(a.text())]
                twice = sorted({x for x in letters if letters.count(x) > 1})
                assert not twice, (action.text(), twice)
        return shown
    finally:
        window.close()
        store.dispose()


def test_no_alt_shortcut_is_taken_twice_on_the_round(qtbot: QtBot, tmp_path: Path) -> None:
    shown = _round_mnemonics(qtbot, tmp_path)
    counts = Counter(letter for letter, _ in shown)
    assert not sorted(what for letter, what in shown if counts[letter] > 1)
    assert ("v", "menu &View") in shown


def test_no_alt_shortcut_is_taken_twice_on_the_round_in_german(
    german: None, qtbot: QtBot, tmp_path: Path
) -> None:
    shown = _round_mnemonics(qtbot, tmp_path)
    counts = Counter(letter for letter, _ in shown)
    assert not sorted(what for letter, what in shown if counts[letter] > 1)
    assert ("a", "menu &Ansicht") in shown


def _visit_clashes(qtbot: QtBot, flow: VisitFlow) -> list[tuple[str, list[str]]]:
    """The Alt keys shown twice on each page and tab of a visit window."""
    window = VisitWindow(flow)
    qtbot.addWidget(window)
    window.show()
    found = []
    for key in StepKey:
        flow.go_to(key, remember=False)
        for tab in range(flow.tabs.count()):
            flow.tabs.setCurrentIndex(tab)
            shown = [
                (letter, text)
                for widget in window.findChildren(QWidget)
                if widget.isVisibleTo(window)
                for text in _texts(widget)
                if (letter := mnemonic(text))
            ]
            counts = Counter(letter for letter, _ in shown)
            twice = sorted(text for letter, text in shown if counts[letter] > 1)
            if twice:
                found.append((f"{key.value}, tab {tab}", twice))
    return found


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QAbstractButton) or (
        isinstance(widget, QLabel) and widget.buddy() is not None
    ):
        return [widget.text()]
    return []


# A visit signed off: the header then offers Reopen too.
SIGNED_OFF = (
    EventType.CONFIRMED,
    EventType.ARRIVED,
    EventType.PERMISSION_GRANTED,
    EventType.DIAGNOSED,
    EventType.RESOLVED,
    EventType.TAUGHT,
    EventType.ANYTHING_ELSE,
    EventType.SIGNED_OFF,
)


def test_no_alt_shortcut_is_taken_twice_in_a_visit(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    assert _visit_clashes(qtbot, open_flow()) == []
    seed(store, *SIGNED_OFF)
    assert _visit_clashes(qtbot, open_flow()) == []


def test_no_alt_shortcut_is_taken_twice_in_a_visit_in_german(
    german: None, qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    assert _visit_clashes(qtbot, open_flow()) == []
    seed(store, *SIGNED_OFF)
    assert _visit_clashes(qtbot, open_flow()) == []
