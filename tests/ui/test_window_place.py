"""Windows fit the screen, keep the step's buttons in view, and open where they were left."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QMainWindow, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.store import Store
from fieldapp.ui import window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import StepKey
from fieldapp.ui.visit_window import VisitWindows
from tests.ui.test_visit_flow import VISIT, WAIT_MS, store_fixture  # noqa: F401


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(window_place.CONFIG_DIR_ENV, str(tmp_path / "config"))


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_the_visit_window_fits_the_screen_with_its_record_button_in_view(
    qtbot: QtBot, store: Store
) -> None:
    runner = BackgroundRunner()
    windows = VisitWindows(store, runner, author="kyra", technician_name="Kyra")
    window = windows.open(VISIT)
    qtbot.waitUntil(lambda: window.flow.snapshot is not None, timeout=WAIT_MS)
    area = window_place.available(window)
    assert window.width() + window_place.FRAME_ALLOWANCE.width() <= area.width()
    assert window.height() + window_place.FRAME_ALLOWANCE.height() <= area.height()

    for height in (window.height(), 520):  # as opened, and on a short laptop screen
        window.resize(window.width(), height)
        for key in (StepKey.CONFIRM, StepKey.DIAGNOSE, StepKey.SIGN_OFF):
            window.flow.go_to(key)
            qtbot.wait(10)
            button = next(
                b
                for b in window.flow.current_page.findChildren(QWidget)
                if b.accessibleName().startswith("Record")
            )
            assert not _in_scroll_area(button), key  # the form scrolls, its buttons do not
            where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert window.rect().contains(where), (key, height, where)
    window.close()
    runner.wait()


def test_a_window_opens_where_it_was_left(qtbot: QtBot) -> None:
    first = QMainWindow()
    qtbot.addWidget(first)
    window_place.place(first, "test", QSize(400, 300))
    first.show()
    first.resize(520, 340)
    first.move(60, 70)
    qtbot.wait(10)
    left_at = first.geometry()
    first.close()

    again = QMainWindow()
    qtbot.addWidget(again)
    window_place.place(again, "test", QSize(400, 300))
    again.show()
    assert again.size() == QSize(520, 340)
    assert again.geometry().topLeft() == left_at.topLeft()


def test_a_remembered_place_off_the_screen_comes_back_inside_it(qtbot: QtBot) -> None:
    first = QMainWindow()
    qtbot.addWidget(first)
    window_place.place(first, "gone", QSize(400, 300))
    first.show()
    area = window_place.available(first)
    first.resize(area.width() + 600, area.height() + 400)  # a bigger monitor, since unplugged
    first.move(area.right() - 50, area.bottom() - 50)
    qtbot.wait(10)
    first.close()

    again = QMainWindow()
    qtbot.addWidget(again)
    window_place.place(again, "gone", QSize(400, 300))
    again.show()
    assert area.contains(again.frameGeometry().topLeft())
    assert again.width() <= area.width()
    assert again.height() <= area.height()


def test_a_second_window_does_not_open_over_the_first(qtbot: QtBot) -> None:
    round_window, supervision = QMainWindow(), QMainWindow()
    qtbot.addWidget(round_window)
    qtbot.addWidget(supervision)
    window_place.place(round_window, "round", QSize(600, 400), fill=0.9)
    round_window.show()
    window_place.place(supervision, "supervision", QSize(600, 400), fill=0.9)
    supervision.show()
    assert supervision.pos() != round_window.pos()


def test_a_main_window_uses_a_large_screen_and_never_exceeds_a_small_one(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    most = window_place.largest_size(window)
    small = window_place.initial_size(window, QSize(100, 100), fill=0.9)
    assert small.width() >= int(most.width() * 0.9)
    assert small.height() >= int(most.height() * 0.9)
    huge = window_place.initial_size(window, QSize(5000, 4000))
    assert huge == most
