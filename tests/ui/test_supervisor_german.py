"""The supervisors' window in German on a real seeded server: no English left on any tab or in
the dispatch dialogs once the data shown is set aside, and each Alt key does one thing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

import pytest
from pydantic import BaseModel
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QCategoryAxis, QChartView
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.domain.priority import DEFAULT_MATRIX
from fieldapp.sync.errors import OfflineError
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.languages import install_translation, remove_translation
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.colleagues import ColleaguesDialog
from fieldapp.ui.supervisor.common import error_sentence
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.dispatch_dialogs import (
    AssignDialog,
    RescheduleDialog,
    VisitDialog,
)
from fieldapp.ui.supervisor.dispatch_preview import PreviewDialog
from fieldapp.ui.supervisor.priority import MatrixDialog, PriorityDialog
from fieldapp.ui.table_model import TableModel
from tests.sync.supervisor_kit import Team
from tests.ui.german_kit import differing_sources
from tests.ui.supervisor_kit import WAIT_MS, Chooser, chooser_fixture, team_fixture

__all__ = ["chooser_fixture", "team_fixture"]  # the fixtures used here

# Words a German screen would not say: what is left of an English sentence or label.
ENGLISH = re.compile(
    r"\b(the|and|of|to|at|by|from|with|for|on|is|are|not|none|no|yes|all|any|new|"
    r"visits?|technicians?|unassigned|upcoming|completed|overdue|cancelled|escalated|"
    r"declined|never|synced|listed|ago|show|items?|ratings?|everyone|today|days?|refresh|"
    r"assign|reassign|reschedule|priority|metrics|charts|board|who|what|whose|customer|"
    r"reference|window|location|step|open|close|closed|trips?|events?|parts?|loans?|"
    r"out|since|due|back|kind|view|last|period|follow-up|accept|dismiss|colleagues?|"
    r"impact|urgency|critical|high|medium|low|problem|phone|building|floor|room|site|"
    r"category|incident|coordinator|skill|level|already|tried|team|network|hardware)\b",
    re.IGNORECASE,
)
# Words the same in both languages, or names: not taken for English.
SAME = {"status", "team", "export", "software", "hardware", "normal", "problem", "vip", "csv"}


def english_sources() -> set[str]:
    """The English texts of the supervisors' catalogue whose German differs."""
    return differing_sources("supervisor")


def data_strings(value: Any, found: set[str]) -> set[str]:
    """Every string a row carries (names, references, notes): data, shown as it is."""
    if isinstance(value, (Enum, int, float, datetime, date)):
        return found
    if isinstance(value, str):
        if len(value) > 1:
            found.add(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            data_strings(getattr(value, name), found)
    elif isinstance(value, dict):
        for item in value.values():
            data_strings(item, found)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            data_strings(item, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            data_strings(getattr(value, name), found)
    return found


def model_texts(model: Any) -> Iterator[str]:
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(model.rowCount()):
            yield str(model.index(row, column).data() or "")


def chart_texts(view: QChartView) -> Iterator[str]:
    chart = view.chart()
    yield chart.title()
    for axis in chart.axes():
        if isinstance(axis, QCategoryAxis):
            yield from axis.categoriesLabels()
        elif isinstance(axis, QBarCategoryAxis):
            yield from axis.categories()
    for series in chart.series():
        if isinstance(series, QBarSeries):
            yield from (bar_set.label() for bar_set in series.barSets())


def shown_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) of everything visible under `top` that carries words."""
    yield "title", top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) and widget is not top:
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel):
            yield kind, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield kind, widget.text()
            yield f"{kind} tip", widget.toolTip()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QComboBox):
            yield from ((kind, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield kind, widget.tabText(index)
                yield f"{kind} tip", widget.tabToolTip(index)
        elif isinstance(widget, QListWidget):
            yield from ((kind, widget.item(i).text()) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from ((kind, text) for text in model_texts(widget.model()))
        elif isinstance(widget, QChartView):
            yield from ((kind, text) for text in chart_texts(widget))


def english_left(top: QWidget, data: set[str]) -> list[tuple[str, str]]:
    """What still reads as English: a catalogue source shown as it is, or an English word
    once the data values are taken out."""
    sources = english_sources()
    bare = {source.replace("&", "") for source in sources}
    longest_first = sorted(data, key=len, reverse=True)
    left = []
    for what, text in shown_texts(top):
        if not text.strip():
            continue
        if text not in data and (text in sources or ("&" not in text and text in bare)):
            left.append((what, text))
            continue
        rest = text
        for value in longest_first:
            rest = rest.replace(value, " ")
        words = {w.lower() for w in ENGLISH.findall(rest)} - SAME
        if words:
            left.append((what, f"{text!r}: {sorted(words)}"))
    return left


def all_data(window: SupervisorWindow, *more: Any) -> set[str]:
    """The strings of every row the window's tables and lists hold, and the team's names."""
    found: set[str] = {"Sue Visor (sue)", "FieldApp"}
    for member in window.team.members:
        found |= {member.username, member.full_name, member.label}
    for model in window.findChildren(TableModel):
        data_strings(model.rows(), found)
    for value in more:
        data_strings(value, found)
    return found


def mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every Alt key shown: menus, tabs, buttons, labels of a field."""
    texts: list[str] = []
    menu_bar = getattr(top, "menuBar", None)
    if callable(menu_bar):
        texts += [action.text() for action in menu_bar().actions()]
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
    found = []
    for text in texts:
        letter = re.search(r"&([^&\s])", text.replace("&&", ""))
        if letter:
            found.append((letter.group(1).lower(), text))
    return found


def clashes(top: QWidget) -> list[str]:
    """The Alt keys shown twice (each doing one thing only in German too)."""
    shown = mnemonics(top)
    counts = Counter(letter for letter, _ in shown)
    return sorted(what for letter, what in shown if counts[letter] > 1)


@pytest.fixture(name="german")
def german_fixture(qapp: QApplication) -> Iterator[None]:
    installed = install_translation(qapp, "de")
    assert installed
    try:
        yield
    finally:
        remove_translation(qapp, installed)


@pytest.fixture(name="window")
def window_fixture(
    qtbot: QtBot, team: Team, chooser: Chooser, german: None
) -> Iterator[SupervisorWindow]:
    """The window in German over the seeded team, its board read for the team's period."""
    runner = BackgroundRunner()
    window = SupervisorWindow(team.client, runner, "Sue Visor (sue)", choose_file=chooser)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.board.loaded, window.team.changed], timeout=WAIT_MS):
        window.set_period(team.date_from, team.date_to)
    try:
        yield window
    finally:
        window.close()
        runner.wait()


def test_every_tab_speaks_german(qtbot: QtBot, window: SupervisorWindow) -> None:
    assert QLocale().language() == QLocale.Language.German
    assert window.tabs.tabText(0) == "&Teamübersicht"
    window.board.technician_table.selectRow(0)  # the technician's visits too
    window.metrics.closed_check.setChecked(True)  # closed follow-ups say who closed them
    window.dispatch.cancelled_check.setChecked(True)
    window.conflicts.open_check.setChecked(False)
    left = {}
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        loaded = getattr(tab, "loaded", None)
        if loaded is not None and index:
            with qtbot.waitSignal(loaded, timeout=WAIT_MS):
                window.tabs.setCurrentIndex(index)
        else:
            window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        left[window.tabs.tabText(index)] = english_left(window, all_data(window))
        assert not clashes(window), (window.tabs.tabText(index), clashes(window))
    said = [f"{tab}: {what}: {text}" for tab, found in left.items() for what, text in found]
    assert not said, "\n".join(said)


def test_the_dispatch_dialogs_speak_german(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    dispatch = window.dispatch
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(dispatch)
    upcoming = team.client.visit(team.ids["upcoming"])
    assert dispatch.table.select_where(lambda v: v.id == upcoming.id)
    data = all_data(window, upcoming)

    def check(dialog: QWidget) -> None:
        assert english_left(dialog, data) == [], type(dialog).__name__
        assert clashes(dialog) == [], type(dialog).__name__

    new = dispatch.open_create_dialog()
    assert isinstance(new, VisitDialog)
    assert new.windowTitle() == "Neuer Besuch"
    new.fields["reference"].clear()
    new.action_button.click()  # what is missing is said in German
    assert new.hint.text() == "Geben Sie dem Besuch eine Referenz."
    check(new)
    new.ask_discard = lambda: True
    new.reject()

    assign = dispatch.open_assign_dialog()
    assert isinstance(assign, AssignDialog)
    check(assign)
    assign.technician_combo.setCurrentIndex(assign.technician_combo.findData("ben"))
    with qtbot.waitSignal(dispatch.preview_shown, timeout=WAIT_MS) as shown:
        assign.action_button.click()
    preview = shown.args[0]
    assert isinstance(preview, PreviewDialog)
    check(preview)
    preview.reject()

    reschedule = dispatch.open_reschedule_dialog()
    assert isinstance(reschedule, RescheduleDialog)
    check(reschedule)
    reschedule.reject()

    cancel = dispatch.open_cancel_dialog()
    assert isinstance(cancel, NoteDialog)
    check(cancel)
    cancel.reject()

    colleagues = dispatch.open_colleagues_dialog()
    assert isinstance(colleagues, ColleaguesDialog)
    qtbot.waitUntil(lambda: colleagues.current is not None, timeout=WAIT_MS)
    check(colleagues)
    colleagues.reject()

    with qtbot.waitSignal(dispatch.action_loader.busy_changed, timeout=WAIT_MS):
        assert dispatch.open_priority_dialog()
    qtbot.waitUntil(lambda: isinstance(dispatch.dialog, PriorityDialog), timeout=WAIT_MS)
    check(dispatch.dialog)
    dispatch.dialog.reject()

    qtbot.waitUntil(lambda: not dispatch.action_loader.busy, timeout=WAIT_MS)
    assert dispatch.open_matrix_dialog()
    qtbot.waitUntil(lambda: isinstance(dispatch.dialog, MatrixDialog), timeout=WAIT_MS)
    matrix = dispatch.dialog
    check(matrix)
    # A worse problem ranked lower is refused in German, the levels named in German too.
    for cell, priority in ((("low", "high"), "critical"), (("medium", "high"), "low")):
        combo = matrix.combos[cell]
        combo.setCurrentIndex(combo.findData(priority))
        matrix.action_button.click()
        assert matrix.hint.isVisibleTo(matrix)
        assert matrix.hint.text().startswith("Bei "), matrix.hint.text()
        assert "senkt die Priorit\u00e4t nie" in matrix.hint.text()
        assert "\u201eHoch\u201c" in matrix.hint.text()
        check(matrix)
        combo.setCurrentIndex(combo.findData(DEFAULT_MATRIX[cell[0]][cell[1]]))
    matrix.reject()


def test_a_timeline_speaks_german(qtbot: QtBot, window: SupervisorWindow, team: Team) -> None:
    done = team.client.visit(team.ids["done"])
    with qtbot.waitSignal(window.timeline_opened, timeout=WAIT_MS) as opened:
        window.open_timeline(done.id)
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT_MS)
    assert english_left(dialog, all_data(window, done)) == []
    dialog.reject()


def test_a_failed_read_is_said_in_german(german: None) -> None:
    template = (
        "Cannot reach the server at {server} (no network, or the server is down); "
        "nothing was sent. Your work is kept and will be sent later."
    )
    sentence = error_sentence(OfflineError(template, values={"server": "https://it.example"}))
    assert "https://it.example" in sentence
    assert "Cannot reach" not in sentence
    assert error_sentence(RuntimeError("boom")).startswith("Etwas ist schiefgegangen")
