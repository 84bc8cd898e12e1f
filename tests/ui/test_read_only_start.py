"""The app started on a read-only data folder says so in a message box, and exits plainly."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.paths import AppPaths
from fieldapp.store import open_store
from fieldapp.sync import TokenStore
from fieldapp.ui.launch import run_app
from tests.support.disk import read_only, small_disk


def test_starting_on_a_read_only_folder_shows_a_sentence(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}

    def restore_handlers() -> None:  # run_app installs its own
        for number, handler in handlers.items():
            signal.signal(number, handler)

    request.addfinalizer(restore_handlers)
    shown: list[str] = []

    def read_and_close_the_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.close()
        else:
            QTimer.singleShot(50, read_and_close_the_box)

    with small_disk(tmp_path / "disk") as disk:
        paths = AppPaths(disk / "laptop")
        open_store(paths).dispose()  # a cache from an earlier day
        with read_only(disk):
            QTimer.singleShot(0, read_and_close_the_box)
            code = run_app(paths, tokens=TokenStore(DemoKeyring()))
    assert code == 1
    [sentence] = shown
    assert f"cannot write to its data folder ({paths.data_dir})" in sentence
    assert "read-only" in sentence
    assert "Traceback" not in sentence
