"""The app as a process: `make demo` starts with its embedded server and the demo data, syncs,
and closes cleanly on SIGTERM, taking its server down with it; on a full disk the app says so
instead of crashing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlcipher3

from fieldapp.paths import resolve_paths
from fieldapp.store import open_store
from fieldapp.sync import TokenStore
from fieldapp.sync.vault import KEY_SERVICE
from tests.support.disk import fill, small_disk

ROOT = Path(__file__).resolve().parents[2]


def _cache_read(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the demo's encrypted cache with its key from the keyring, as the app does."""
    key = TokenStore().load_secret(KEY_SERVICE, str(db.parent))
    if not db.exists() or key is None:
        return []
    connection = sqlcipher3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    try:
        connection.execute(f"PRAGMA key = \"x'{key}'\"")
        return list(connection.execute(sql).fetchall())
    except sqlcipher3.OperationalError:  # not created (or migrated) yet
        return []
    finally:
        connection.close()


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
        assisted = _cache_read(db, "SELECT count(*) FROM visits WHERE assignee = 'jb'")
        kinds = {str(k) for (k,) in _cache_read(db, "SELECT DISTINCT type FROM events")}
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
    assert int(str(assisted[0][0])) >= 1  # the visit Kyra assists Jean-Baptiste on
    # The desk situations reached the laptop: two trips, a part and loans, an opened visit.
    assert {"departed", "part_borrowed", "loan_made", "visit_opened", "reopened"} <= kinds
    assert "Traceback" not in output
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server_url}/api/v1/info", timeout=5)


@pytest.mark.timeout(120)
def test_the_app_on_a_full_disk_says_so_and_closes_on_request(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        laptop = disk / "laptop"
        resolve_paths(laptop).ensure()
        open_store(resolve_paths(laptop)).dispose()  # a cache from an earlier day
        filler = fill(disk)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        app = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(laptop)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert app.stderr is not None
            said = app.stderr.readline()  # the sentence comes before the message box
            app.send_signal(signal.SIGTERM)  # the technician closes the message box
            code = app.wait(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
            rest = app.stderr.read() if app.stderr else ""
            for stream in (app.stdout, app.stderr):
                if stream:
                    stream.close()
        filler.unlink()

    assert said.startswith("error: This laptop's disk is full"), said + rest
    assert code == 1
    assert "Traceback" not in rest
