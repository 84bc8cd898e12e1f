"""`make demo` for real: the app starts with its embedded server and the demo data, syncs, and
closes cleanly on SIGTERM, taking its server down with it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from fieldapp.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]


def _cache_read(db: Path, sql: str) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(sql).fetchall()
    except sqlite3.OperationalError:  # not created (or migrated) yet
        return []


@pytest.mark.timeout(180)
def test_the_demo_syncs_its_round_and_stops_with_its_server(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--demo", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    db = resolve_paths(tmp_path / "laptop").cache_db
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and demo.poll() is None:
            if _cache_read(db, "SELECT value FROM meta WHERE key = 'last_sync_at'"):
                break  # the first sync finished
            time.sleep(0.5)
        assert demo.poll() is None, "the demo stopped on its own"
        (visits,) = _cache_read(db, "SELECT count(*) FROM visits")
        [(server_url,)] = _cache_read(db, "SELECT value FROM meta WHERE key = 'server_url'")
        assert requests.get(f"{server_url}/api/v1/info", timeout=5).ok

        demo.send_signal(signal.SIGTERM)
        code = demo.wait(timeout=60)
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
        output = demo.stdout.read().decode(errors="replace") if demo.stdout else ""
        if demo.stdout:
            demo.stdout.close()

    assert code == 0, output
    assert int(str(visits[0])) >= 5  # Kyra's share of the demo site's visits
    assert "Traceback" not in output
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server_url}/api/v1/info", timeout=5)
