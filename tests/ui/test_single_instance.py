"""One app per cache: a later launch on the same data directory raises the running window
and ends; another data directory runs side by side; a crash's leftovers never block a start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from fieldapp.ui.single_instance import SingleInstance, bring_to_front

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 20_000

# A later launch, as run_app does it: claim, else ask the holder to raise its window.
LATER_LAUNCH = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from fieldapp.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    if instance.claim():
        print("claimed", flush=True)
        if sys.argv[2] == "crash":
            import os
            os._exit(9)  # no release: the lock and the socket stay behind
        sys.exit(3)
    sys.exit(0 if instance.ask_running_to_raise() else 1)
    """
)


def later_launch(qtbot: QtBot, data_dir: Path, then: str = "") -> tuple[int, str]:
    """Run a launch in another process while this one's event loop serves it."""
    process = subprocess.Popen(
        [sys.executable, "-c", LATER_LAUNCH, str(data_dir), then],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=WAIT_MS)
    finally:
        if process.poll() is None:
            process.kill()
        output, _ = process.communicate()
    return process.returncode, output


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[SingleInstance]:
    instance = SingleInstance(tmp_path / "laptop")
    (tmp_path / "laptop").mkdir()
    try:
        yield instance
    finally:
        instance.release()


def test_a_later_launch_on_the_same_cache_raises_the_window_and_ends(
    qtbot: QtBot, tmp_path: Path, holder: SingleInstance
) -> None:
    assert holder.claim()
    raised: list[bool] = []
    holder.raise_requested.connect(lambda: raised.append(True))

    code, output = later_launch(qtbot, tmp_path / "laptop")

    assert (code, output) == (0, "")  # it did not claim the cache: it asked, and ended
    assert raised == [True]


def test_another_data_directory_runs_side_by_side(tmp_path: Path, holder: SingleInstance) -> None:
    (tmp_path / "other").mkdir()
    other = SingleInstance(tmp_path / "other")
    try:
        assert holder.claim()
        assert other.claim()
        assert other.name != holder.name
    finally:
        other.release()


def test_a_crashed_app_leaves_nothing_that_blocks_the_next_start(
    qtbot: QtBot, tmp_path: Path, holder: SingleInstance
) -> None:
    code, output = later_launch(qtbot, tmp_path / "laptop", then="crash")
    assert (code, output.strip()) == (9, "claimed")
    assert (tmp_path / "laptop" / "instance.lock").exists()  # left behind by the crash

    assert holder.claim()  # the lock's process is gone: stale, taken over
    raised: list[bool] = []
    holder.raise_requested.connect(lambda: raised.append(True))
    code, _ = later_launch(qtbot, tmp_path / "laptop")
    assert code == 0
    assert raised == [True]


def test_with_nobody_answering_a_later_launch_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "laptop").mkdir()
    silent = SingleInstance(tmp_path / "laptop")
    silent.claim()
    assert silent.server is not None
    silent.server.close()  # holds the lock, but nothing listens (a hung app)
    try:
        code, _ = later_launch(qtbot, tmp_path / "laptop")
    finally:
        silent.release()
    assert code == 1


def test_bring_to_front_restores_the_windows_with_the_waiting_dialog_on_top(
    qtbot: QtBot,
) -> None:
    round_window, visit_window = QMainWindow(), QMainWindow()
    for window in (round_window, visit_window):
        qtbot.addWidget(window)
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
    assert bring_to_front() in (round_window, visit_window)
    assert not round_window.isMinimized()
    assert not visit_window.isMinimized()

    question = QDialog(round_window)
    qtbot.addWidget(question)
    question.open()
    assert bring_to_front() is question
