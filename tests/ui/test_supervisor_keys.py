"""The supervisors' window: each Alt shortcut on screen does one thing on every tab."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.ui.supervisor import SupervisorWindow
from tests.ui.supervisor_kit import chooser_fixture, team_fixture, window_fixture

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shown_mnemonics(window: SupervisorWindow) -> list[tuple[str, str]]:
    """(letter, what) for the tab titles and every visible button, label and box."""
    found: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            found.append((letter, f"menu {action.text()}"))
    bar = window.tabs.tabBar()
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
