"""Log out and Switch user in the round's menu: unsynced work is said first (never dropped
silently); then the cache is erased and the app quits, or the login dialog opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import Store, apply_changes_page, record_event, set_meta
from fieldapp.store.meta import SERVER_URL, USERNAME
from fieldapp.sync import ServerClient, TokenStore, current_account
from fieldapp.sync.signout import CANCEL, DISCARD, SYNC_FIRST, Unsynced, unsynced_work
from fieldapp.sync.vault import KEY_SERVICE, key_name, open_private_store
from fieldapp.ui.app import FieldApp
from fieldapp.ui.background import BackgroundRunner
from tests.store.factories import T0, PageBuilder, server_visit
from tests.support.servers import free_port

WAIT_MS = 10_000


def quick_client(url: str) -> ServerClient:
    return ServerClient(url, timeout=(1.0, 2.0), retries=0)


def laptop(tmp_path: Path, tokens: TokenStore, *, unsynced: bool) -> tuple[AppPaths, Store, str]:
    paths = AppPaths(tmp_path / "laptop")
    store = open_private_store(paths, tokens)
    url = f"http://127.0.0.1:{free_port()}"  # out of reach: the revocation cannot be told
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, url)
        set_meta(session, USERNAME, "kyra")
        apply_changes_page(session, PageBuilder().visit(server_visit("v-1")).page())
        if unsynced:
            record_event(session, "v-1", EventType.NOTE, {"text": "x"}, author="kyra", now=T0)
    tokens.save(url, "kyra", "a-saved-token")
    return paths, store, url


def started(
    qtbot: QtBot, store: Store, tokens: TokenStore, choice: str
) -> tuple[FieldApp, list[str]]:
    asked: list[str] = []

    def ask(left: Unsynced) -> str:
        asked.append(left.sentence())
        return choice

    app = FieldApp(
        store, tokens, BackgroundRunner(), use_system_network=False, use_tray=False,
        client_factory=quick_client, probe=lambda url: quick_client(url).info(),
        probe_interval_ms=60_000, auto_sync_ms=3_600_000, ask_unsynced=ask,
    )  # fmt: skip
    app.start()  # the app closes its windows (app.close), as at exit
    assert app.window is not None
    qtbot.waitUntil(lambda: not app.window.syncing, timeout=WAIT_MS)  # type: ignore[union-attr]
    return app, asked


@pytest.mark.parametrize("choice", [CANCEL, SYNC_FIRST])
def test_unsynced_work_is_said_and_kept_unless_the_technician_drops_it(
    qtbot: QtBot, tmp_path: Path, choice: str
) -> None:
    tokens = TokenStore(DemoKeyring())
    paths, store, _url = laptop(tmp_path, tokens, unsynced=True)
    app, asked = started(qtbot, store, tokens, choice)
    window = app.window
    assert window is not None
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert "1 event(s) the server has not confirmed" in asked[0]
    app.runner.wait()
    assert app.window is window  # still there, still logged in
    assert paths.cache_db.exists()
    assert tokens.load_secret(KEY_SERVICE, key_name(paths)) is not None
    app.close()
    app.store.dispose()


def test_log_out_erases_the_laptop_and_quits(qtbot: QtBot, tmp_path: Path) -> None:
    tokens = TokenStore(DemoKeyring())
    paths, store, url = laptop(tmp_path, tokens, unsynced=True)
    app, asked = started(qtbot, store, tokens, DISCARD)
    assert app.window is not None
    said: list[str] = []
    app.signed_out.connect(said.append)
    with qtbot.waitSignal(app.quit_requested, timeout=WAIT_MS):
        app.window.logout_action.trigger()
    assert asked
    assert len(said) == 1
    assert "Logged out" in said[0]
    assert app.window is None
    assert tokens.load(url, "kyra") is None
    assert app.store is not store  # a new, empty cache for whoever comes next
    assert current_account(app.store) is None
    assert not unsynced_work(app.store)
    assert [p.name for p in paths.attachments_dir.rglob("*")] == []
    app.close()
    app.store.dispose()


def test_switch_user_erases_then_asks_the_next_user_to_log_in(qtbot: QtBot, tmp_path: Path) -> None:
    tokens = TokenStore(DemoKeyring())
    _paths, store, _url = laptop(tmp_path, tokens, unsynced=False)
    app, asked = started(qtbot, store, tokens, CANCEL)
    assert app.window is not None
    with qtbot.waitSignal(app.signed_out, timeout=WAIT_MS):
        app.window.switch_user_action.trigger()
    assert asked == []  # nothing unsynced: nothing to ask
    dialog = app.login_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.username_edit.text() == ""
    app.close()
    app.store.dispose()


def test_log_out_everywhere_when_the_server_cannot_be_told_erases_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    tokens = TokenStore(DemoKeyring())
    paths, store, url = laptop(tmp_path, tokens, unsynced=False)
    app, asked = started(qtbot, store, tokens, CANCEL)
    window = app.window
    assert window is not None
    assert window.logout_everywhere_action in window.menuBar().actions()[0].menu().actions()
    window.logout_everywhere_action.trigger()
    qtbot.waitUntil(lambda: "could not be ended" in window.notice.text, timeout=WAIT_MS)
    assert "Nothing was erased" in window.notice.text
    assert asked == []
    assert app.window is window  # still logged in here, as on the other devices
    assert tokens.load(url, "kyra") == "a-saved-token"
    assert paths.cache_db.exists()
    app.close()
    app.store.dispose()


def test_switch_user_keeps_the_app_running_until_the_next_user_logs_in(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Closing the round before the login dialog opens must not let Qt quit on the last
    window closed: the app runs on (its event loop is not left) with the dialog open."""
    tokens = TokenStore(DemoKeyring())
    _paths, store, _url = laptop(tmp_path, tokens, unsynced=False)
    app, _asked = started(qtbot, store, tokens, CANCEL)
    window = app.window
    assert window is not None
    assert qapp.quitOnLastWindowClosed()  # as the app runs: closing the round quits it
    still_running = 7

    def when_dialog_opens() -> None:
        if app.login_dialog is not None and app.login_dialog.isVisible():
            qapp.exit(still_running)

    poll = QTimer(interval=20)
    poll.timeout.connect(when_dialog_opens)
    give_up = QTimer(singleShot=True, interval=WAIT_MS)
    give_up.timeout.connect(lambda: qapp.exit(-1))  # the dialog never opened
    poll.start()
    give_up.start()
    QTimer.singleShot(0, window.switch_user_action.trigger)
    try:
        assert qapp.exec() == still_running  # 0: Qt quit when the round closed
    finally:
        poll.stop()
        give_up.stop()
    assert app.login_dialog is not None
    qtbot.addWidget(app.login_dialog)
    app.close()
    assert qapp.quitOnLastWindowClosed()  # given back at exit
    app.store.dispose()
