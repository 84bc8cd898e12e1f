"""Where the keyboard focus goes: the first box to fill on login and on Offer choices, and
Escape closing a visit window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTabBar, QTableView
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store
from fieldapp.ui import theme
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.focus_table import FocusTable
from fieldapp.ui.login_dialog import LoginDialog
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit_window import VisitWindows
from tests.ui.test_visit_flow import (  # noqa: F401 - the fixtures
    VISIT,
    WAIT_MS,
    clock_fixture,
    open_flow_fixture,
    seed,
    store_fixture,
)


def refuse(_url: str, _user: str, _password: str) -> object:
    raise AssertionError("not logging in here")


def test_login_starts_on_the_username_when_only_the_server_is_known(qtbot: QtBot) -> None:
    dialog = LoginDialog(BackgroundRunner(), refuse, server_url="https://fieldapp.example.org")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.username_edit
    known = LoginDialog(
        BackgroundRunner(), refuse, server_url="https://fieldapp.example.org", username="kyra"
    )
    qtbot.addWidget(known)
    known.show()
    assert known.focusWidget() is known.password_edit
    fresh = LoginDialog(BackgroundRunner(), refuse)
    qtbot.addWidget(fresh)
    fresh.show()
    assert fresh.focusWidget() is fresh.server_edit


def test_offer_choices_starts_on_the_first_option_and_typing_lands_there(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(
        store,
        EventType.CONFIRMED,
        EventType.ARRIVED,
        EventType.PERMISSION_GRANTED,
        EventType.DIAGNOSED,
    )
    flow = open_flow()
    flow.go_to(StepKey.OPTIONS, focus=True)
    options = flow.pages[StepKey.OPTIONS]
    assert isinstance(options, OptionsPage)
    first, second = options.editor.rows[0][1], options.editor.rows[1][1]
    assert flow.window().focusWidget() is first
    qtbot.keyClicks(flow.window().focusWidget(), "Clear the queue")
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # past the minutes
    qtbot.keyClick(flow.window().focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(flow.window().focusWidget(), "Use the floor 3 printer")
    assert first.text() == "Clear the queue"
    assert second.text() == "Use the floor 3 printer"


def test_escape_closes_a_visit_window(qtbot: QtBot, store: Store) -> None:
    runner = BackgroundRunner()
    windows = VisitWindows(store, runner, author="kyra", technician_name="Kyra")
    window = windows.open(VISIT)
    qtbot.waitUntil(lambda: window.flow.snapshot is not None, timeout=WAIT_MS)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    qtbot.keyClick(window.flow.steps, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: VISIT not in windows.windows, timeout=WAIT_MS)
    runner.wait()


def _highlighted(image: QImage) -> int:
    """How many pixels have the light theme's highlight colour."""
    wanted = theme.palette_for(theme.LIGHT, QApplication.palette()).color(theme.R.Highlight)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).rgb() == wanted.rgb()
    )


def test_the_focused_tab_has_a_frame_that_can_be_seen(qtbot: QtBot) -> None:
    bar = QTabBar()
    qtbot.addWidget(bar)
    bar.setStyle(theme.FocusStyle("fusion"))
    bar.setPalette(theme.palette_for(theme.LIGHT, QApplication.palette()))
    for title in ("Steps", "Timeline"):
        bar.addTab(title)
    bar.show()
    unfocused = _highlighted(bar.grab().toImage())
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bar.hasFocus, timeout=WAIT_MS)
    focused = _highlighted(bar.grab().toImage())
    assert focused > unfocused + 20


NO_SELECTION = QItemSelectionModel.SelectionFlag.NoUpdate


def _grab_focused(qtbot: QtBot, table: QTableView, model: QStandardItemModel) -> QImage:
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.resize(360, 200)
    table.show()
    qtbot.waitExposed(table)
    # current but not selected: a selected row is filled with the frame's colour
    table.selectionModel().setCurrentIndex(model.index(2, 1), NO_SELECTION)
    table.activateWindow()
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus, timeout=WAIT_MS)
    return table.grab().toImage()


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_a_focus_table_draws_the_themes_frame_on_the_current_cell_as_before(
    qtbot: QtBot, name: str
) -> None:
    """FocusTable paints its cells with the plain style and the current cell through the
    theme: the picture is the one a QTableView painted wholly through FocusStyle gives."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = QPalette(app.palette()), app.style().name()
    try:
        app.setProperty("fieldapp_system_palette", None)
        theme.apply_theme(app, name)
        model = QStandardItemModel(6, 3)
        for row in range(6):
            for column in range(3):
                model.setItem(row, column, QStandardItem(f"visit {row}, {column}"))
        tables: list[QTableView] = [QTableView(), FocusTable()]
        for table in tables:
            qtbot.addWidget(table)
        before, after = (_grab_focused(qtbot, table, model) for table in tables)
        assert tables[1].style() is not app.style()  # the cells skip Python
        assert after == before
        highlight = app.palette().color(theme.R.Highlight).rgb()
        cell = tables[1].visualRect(model.index(2, 1))
        top = tables[1].viewport().mapTo(tables[1], cell.topLeft())
        edge = [
            after.pixelColor(top.x() + x, top.y() + 1).rgb() for x in range(4, cell.width() - 4)
        ]
        assert all(pixel == highlight for pixel in edge)  # the frame's top line
        tables[1].clearFocus()
        qtbot.waitUntil(lambda: not tables[1].hasFocus(), timeout=WAIT_MS)
        assert tables[1].grab().toImage() != after  # and it goes with the focus
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        app.setProperty("fieldapp_system_palette", None)
