"""The frozen app (packaging/fieldapp.spec, built once here as `make package` builds it) does
what it offers: it says its version, its own server (two workers) and admin commands run, its
headless sync pulls a round from that real server, and its demo starts offscreen, syncs and
stops with its server; what it never uses is left out."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

import pytest
import requests

import fieldapp
from fieldapp.paths import resolve_paths
from tests.e2e.test_demo import _cache_read
from tests.support.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "fieldapp.spec"
# What the build must leave out (packaging/freeze.py): test and type-checking tools, QML and
# Quick, the virtual keyboard, the PDF module, Qt's translations but German's, the build-time
# icon writer.
UNUSED = re.compile(r"hypothesis|mypy|pytest|Qt6?(Qml|Quick|VirtualKeyboard|Pdf)|^PIL$", re.I)

pytestmark = [pytest.mark.package, pytest.mark.slow, pytest.mark.timeout(900)]


def _build(tmp_path: Path) -> Path:
    if find_spec("PyInstaller") is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("PyInstaller is required under CI=true (pip install -e '.[package]')")
        pytest.skip("no PyInstaller (pip install -e '.[package]')")
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=840, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-6000:]
    return tmp_path / "dist" / "fieldapp" / "fieldapp"


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_frozen_app_serves_syncs_and_starts(tmp_path: Path) -> None:
    app = _build(tmp_path / "package")
    folder = app.parent
    left_in = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if any(UNUSED.search(part) for part in path.relative_to(folder).parts)
    )
    assert left_in == [], left_in
    qt_words = {path.name for path in folder.glob("_internal/PySide6/Qt/translations/*.qm")}
    assert "qtbase_de.qm" in qt_words, qt_words
    assert all(name.endswith("_de.qm") for name in qt_words), qt_words
    app_words = {path.name for path in folder.rglob("resources/translations/*_de.qm")}
    shipped = {path.name for path in (ROOT / "resources" / "translations").glob("*.qm")}
    assert app_words == shipped, app_words

    version = _run(str(app), "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"FieldApp {fieldapp.__version__}"

    server_dir = tmp_path / "server"
    serving = ["--data-dir", str(server_dir), "--demo-data", "--workers", "2"]
    with server_process(serving, free_port(), program=[str(app)], timeout=120) as server:
        synced = _run(
            str(app), "sync", "--data-dir", str(tmp_path / "laptop"),
            "--server-url", server.base_url, "--username", "kyra", "--password-stdin",
            stdin="demo\n",
        )  # fmt: skip
        log = server.log()
    assert synced.returncode == 0, synced.stdout + synced.stderr + log
    assert re.search(r"pulled [1-9]", synced.stdout + synced.stderr), synced.stdout
    assert "Traceback" not in synced.stderr + log
    assert "starting 2 workers" in log
    assert "died" not in log, log  # no worker was taken for hung while it started
    added = _run(
        str(app), "admin", "--data-dir", str(server_dir), "add-user", "ana",
        "--role", "technician", "--full-name", "Ana Frozen", "--password-stdin",
        stdin="a long frozen password\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "User ana (technician) added." in added.stdout

    _demo_starts_offscreen(app, tmp_path / "demo")


def _demo_starts_offscreen(app: Path, base: Path) -> None:
    # In a session of its own, so that whatever happens its server goes down with the test.
    demo = subprocess.Popen(
        [str(app), "--demo", "--data-dir", str(base)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    db = resolve_paths(base / "laptop").cache_db
    synced_at = "SELECT value FROM meta WHERE key = 'last_sync_at'"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and demo.poll() is None:
            if _cache_read(db, synced_at):
                break  # the first sync finished
            time.sleep(0.5)
        assert demo.poll() is None, "the frozen demo stopped on its own"
        (visits,) = _cache_read(db, "SELECT count(*) FROM visits")
        [(server_url,)] = _cache_read(db, "SELECT value FROM meta WHERE key = 'server_url'")
        demo.send_signal(signal.SIGTERM)
        code = demo.wait(timeout=60)
        try:
            requests.get(f"{server_url}/api/v1/info", timeout=5)
            server_stopped = False
        except requests.ConnectionError:
            server_stopped = True
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(demo.pid, signal.SIGKILL)
        demo.wait()
        output = demo.stdout.read().decode(errors="replace") if demo.stdout else ""
        if demo.stdout:
            demo.stdout.close()
    assert code == 0, output
    assert int(str(visits[0])) >= 5, output
    assert "Traceback" not in output
    assert server_stopped, "the demo's server outlived it"
