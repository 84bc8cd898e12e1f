"""The app's real start paints the round's first rows before it loads the wire models (pydantic),
the HTTP client and the sync engine; its first sync still starts, just after them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.paths import resolve_paths
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.meta import SERVER_URL, USERNAME, set_meta
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.vault import open_private_store
from tests.store.factories import PageBuilder, server_visit
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
# What the first sync needs and the first rows do not.
AFTER_FIRST_ROWS = (
    "pydantic",
    "fieldapp.protocol.sync",
    "fieldapp.protocol.common",
    "requests",
    "urllib3",
    "truststore",
    "fieldapp.sync.engine",
    "fieldapp.sync.pull",
    "fieldapp.sync.pull_fetch",
    "fieldapp.sync.push",
    "fieldapp.sync.tls",
    "fieldapp.sync.headless",
)

# The app's own start (fieldapp.cli.main) in a fresh interpreter, watched as
# benchmarks/round_real_app.py watches it: nothing of the app imported before it.
LAUNCH = textwrap.dedent(
    """
    import json, sys, threading, time
    from fieldapp.cli import main

    watched, data_dir = json.loads(sys.argv[1]), sys.argv[2]
    seen = {}

    def loaded():
        return sorted(name for name in watched if name in sys.modules)

    def watch(app, poll):
        from fieldapp.ui.round_window import RoundWindow

        shown = [w for w in app.topLevelWidgets() if isinstance(w, RoundWindow) and w.isVisible()]
        if not shown:
            return
        window = shown[0]
        if "first_rows" not in seen:
            if window.model.rowCount():
                window.table.viewport().repaint()
                seen["first_rows"] = loaded()
                seen["syncing"] = window.syncing
            return
        if not window.syncing:  # the first sync ended (the server is out of reach)
            seen["after_sync"] = loaded()
            seen["status"] = window.connection_label.text()
            poll.stop()
            print("SEEN " + json.dumps(seen), flush=True)
            window.close()

    def install(app):
        from PySide6.QtCore import QTimer

        poll = QTimer(app)
        poll.timeout.connect(lambda: watch(app, poll))
        poll.start(1)

    def wait_for_the_app():
        while True:
            widgets = sys.modules.get("PySide6.QtWidgets")
            app = widgets.QApplication.instance() if widgets is not None else None
            if app is not None:
                from PySide6.QtCore import QTimer

                QTimer.singleShot(0, app, lambda: install(app))
                return
            time.sleep(0.01)

    threading.Thread(target=wait_for_the_app, daemon=True).start()
    sys.exit(main(["--data-dir", data_dir]))
    """
)


@pytest.mark.timeout(180)
def test_the_first_rows_come_before_the_wire_models_the_http_client_and_the_engine(
    tmp_path: Path,
) -> None:
    """A laptop logged in before (token and cache key in the keyring, a visit today)."""
    paths = resolve_paths(tmp_path / "laptop").ensure()
    tokens = TokenStore()  # the system keyring, as the app's start reads it
    url = f"http://127.0.0.1:{free_port()}"  # out of reach: the first sync fails offline
    store = open_private_store(paths, tokens)
    try:
        start = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
        page = PageBuilder()
        page.visit(server_visit("v-1", window_start=start, window_end=start + timedelta(hours=1)))
        with store.session() as session, session.begin():
            set_meta(session, SERVER_URL, url)
            set_meta(session, USERNAME, "kyra")
            apply_changes_page(session, page.page())
        tokens.save(url, "kyra", "a-saved-token")
    finally:
        store.dispose()

    done = subprocess.run(
        [sys.executable, "-c", LAUNCH, json.dumps(AFTER_FIRST_ROWS), str(paths.data_dir)],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=150, check=False,
    )  # fmt: skip

    seen_lines = [line for line in done.stdout.splitlines() if line.startswith("SEEN ")]
    assert done.returncode == 0, done.stderr
    assert seen_lines, done.stderr
    seen = json.loads(seen_lines[0].removeprefix("SEEN "))
    assert seen["first_rows"] == []
    assert seen["syncing"]  # the first sync is under way as the rows are painted
    assert "fieldapp.sync.engine" in seen["after_sync"]
    assert "requests" in seen["after_sync"]
    assert "pydantic" in seen["after_sync"]
    assert seen["status"] == "Offline"  # it ran, and found the server out of reach
