"""Launching FieldApp again on the same cache raises the running app's window and ends at
once; on another data directory a second app starts beside the first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fieldapp
from fieldapp.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def launch(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)],
        cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for_log(data_dir: Path, words: str, app: subprocess.Popen[str]) -> None:
    log_file = resolve_paths(data_dir).log_file
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log_file.exists() and words in log_file.read_text(encoding="utf-8"):
            return
        assert app.poll() is None, app.communicate()
        time.sleep(0.1)
    pytest.fail(f"{words!r} never reached {log_file}")


def stop(app: subprocess.Popen[str]) -> tuple[int, str]:
    if app.poll() is None:
        app.send_signal(signal.SIGTERM)  # closes the app as its window would
    try:
        _, errors = app.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        app.kill()
        _, errors = app.communicate()
    return app.returncode, errors


@pytest.mark.timeout(180)
def test_a_second_launch_raises_the_first_and_another_cache_runs_beside_it(
    tmp_path: Path,
) -> None:
    laptop, other = tmp_path / "laptop", tmp_path / "other"
    first = launch(laptop)
    beside = None
    try:
        wait_for_log(laptop, "later launches raise its window", first)
        again = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(laptop)],
            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert "already running: its window is brought to the front" in again.stdout
        wait_for_log(laptop, "a later launch asked for the window: raised", first)

        beside = launch(other)  # another cache: its own app
        wait_for_log(other, "later launches raise its window", beside)
        assert first.poll() is None
    finally:
        code, errors = stop(first)
        if beside is not None:
            stop(beside)
    assert code == 0, errors
    assert "Traceback" not in errors
    log_text = resolve_paths(laptop).log_file.read_text(encoding="utf-8")
    assert (
        log_text.count(f"FieldApp {fieldapp.__version__} started") == 2
    )  # the second launch logged, briefly
