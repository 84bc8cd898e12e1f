"""Test-wide setup: offscreen Qt, shared fixtures, and a guard against tests leaking threads."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest

# Before anything imports Qt: never try to reach a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window places and the theme go to a settings file of the test run, never the user's.
os.environ["FIELDAPP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="fieldapp-settings-")

pytest_plugins = ["tests.support.postgres"]

THREAD_GRACE_SECONDS = 2.0


def _new_live_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves behind a non-daemon thread or a busy global QThreadPool."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_GRACE_SECONDS
    while (leaked := _new_live_threads(before)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if leaked:
        names = ", ".join(sorted(t.name for t in leaked))
        pytest.fail(f"test left threads running: {names}", pytrace=False)
    if "PySide6.QtCore" in sys.modules:  # only when the test used Qt; never import it here
        from PySide6.QtCore import QThreadPool

        pool = QThreadPool.globalInstance()
        if not pool.waitForDone(int(THREAD_GRACE_SECONDS * 1000)):
            pytest.fail(
                f"test left {pool.activeThreadCount()} QThreadPool tasks running", pytrace=False
            )
