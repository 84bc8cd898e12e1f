"""The app's start and logins: offline at once from the cache, the login dialog when needed."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.store import Store, apply_changes_page, set_meta
from fieldapp.store.meta import SERVER_URL, USERNAME
from fieldapp.store.round_queries import RoundFilter
from fieldapp.sync import ServerClient, TokenStore
from fieldapp.ui.app import FieldApp, connect
from fieldapp.ui.background import BackgroundRunner
from tests.store.factories import PageBuilder, server_visit
from tests.support.servers import free_port
from tests.sync.harness import running_server

WAIT_MS = 10_000


class RecordingClient(ServerClient):
    """A real client that notes when it first talked to the network."""

    requests: list[float] = []  # noqa: RUF012 (shared on purpose: one list per test)

    def _request(self, *args: Any, **kwargs: Any) -> Any:
        RecordingClient.requests.append(time.monotonic())
        return super()._request(*args, **kwargs)


def quick_client(url: str) -> ServerClient:
    return RecordingClient(url, timeout=(2.0, 5.0), retries=0)


@pytest.fixture
def tokens() -> TokenStore:
    RecordingClient.requests = []
    return TokenStore(DemoKeyring())


def make_app(store: Store, tokens: TokenStore) -> FieldApp:
    runner = BackgroundRunner()
    return FieldApp(
        store,
        tokens,
        runner,
        use_system_network=False,
        use_tray=False,
        client_factory=quick_client,
        probe=lambda url: quick_client(url).info(),
        probe_interval_ms=60_000,
    )


def test_starting_sweeps_attachment_files_no_visit_needs(
    qtbot: QtBot, store: Store, tokens: TokenStore
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, url)
        set_meta(session, USERNAME, "kyra")
    stray = store.attachments_dir / "ab" / ("ab" * 32)  # a photo of a visit long gone
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"photo")
    a_week_ago = time.time() - 7 * 24 * 3600
    os.utime(stray, (a_week_ago, a_week_ago))
    tokens.save(url, "kyra", "a-saved-token")
    app = make_app(store, tokens)

    app.start()

    assert app.window is not None
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: not stray.exists(), timeout=WAIT_MS)
    app.close()


# Opening a visit raises its window; the offscreen platform says it cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_opens_from_the_cache_at_once_without_the_network(
    qtbot: QtBot, store: Store, tokens: TokenStore
) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # the server is out of reach
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, url)
        set_meta(session, USERNAME, "kyra")
        apply_changes_page(session, PageBuilder().visit(server_visit("v-1")).page())
    tokens.save(url, "kyra", "a-saved-token")
    app = make_app(store, tokens)
    shown: list[float] = []
    app.window_shown.connect(lambda: shown.append(time.monotonic()))
    app.start()
    window = app.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert app.login_dialog is None
    assert shown
    assert all(at > shown[0] for at in RecordingClient.requests)  # none before the window
    window.set_filter(RoundFilter.ALL)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.connection_label.text() == "Offline", timeout=WAIT_MS)
    assert RecordingClient.requests  # the sync tried, in the background

    # Enter on a visit opens it in a window of its own; what it records refreshes the round.
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert app.visits is not None
    opened = app.visits.windows["v-1"]
    qtbot.waitUntil(lambda: opened.flow.snapshot is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
        app.visits.event_recorded.emit("arrived")
    app.close()
    assert not app.visits.windows


def test_an_expired_login_reopens_the_dialog_and_sync_carries_on(
    qtbot: QtBot, store: Store, tokens: TokenStore, tmp_path: Path
) -> None:
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician()
        server.create_visit(username)
        connect(store, tokens, server.base_url, username, password).close()
        app = make_app(store, tokens)
        app.start()
        window = app.window
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.syncing, timeout=WAIT_MS)
        assert window.statusBar().currentMessage().startswith("Sync done: received 1 change")

        server.expire_tokens(username)
        server.create_visit(username)
        window.sync_now()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=WAIT_MS)
        dialog = app.login_dialog
        assert dialog is not None
        assert dialog.isVisible()
        assert dialog.message_label.text() == "Your login has expired; please log in again."
        assert dialog.username_edit.text() == username
        assert dialog.server_edit.text() == server.base_url
        qtbot.keyClicks(dialog.password_edit, password)
        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
            dialog.on_login_requested()
        assert str(finished.args[0]).startswith("Sync done: 1 new visit.")
        assert app.login_dialog is None
        app.close()


def test_first_run_asks_to_log_in_and_cancel_quits(
    qtbot: QtBot, store: Store, tokens: TokenStore
) -> None:
    app = make_app(store, tokens)
    app.start()
    assert app.window is None
    dialog = app.login_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.server_edit
    with qtbot.waitSignal(app.quit_requested, timeout=WAIT_MS):
        dialog.reject()
    app.close()


def test_first_login_opens_the_round_and_syncs(
    qtbot: QtBot, store: Store, tokens: TokenStore, tmp_path: Path
) -> None:
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician()
        server.create_visit(username)
        app = make_app(store, tokens)
        app.start()
        dialog = app.login_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.server_edit, server.base_url)
        qtbot.keyClicks(dialog.username_edit, username)
        qtbot.keyClicks(dialog.password_edit, password)
        with qtbot.waitSignal(app.window_shown, timeout=WAIT_MS):
            dialog.on_login_requested()
        window = app.window
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.syncing, timeout=WAIT_MS)
        assert window.connection_label.text() == "Online"
        app.close()


def test_without_a_token_the_round_opens_and_asks_to_log_in(
    qtbot: QtBot, store: Store, tokens: TokenStore
) -> None:
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, "https://fieldapp.example.org")
        set_meta(session, USERNAME, "kyra")
    app = make_app(store, tokens)
    app.start()
    window = app.window
    assert window is not None
    qtbot.addWidget(window)
    dialog = app.login_dialog
    assert dialog is not None
    assert dialog.message_label.text() == "Log in to sync your round."
    dialog.reject()
    assert window.notice.isVisible()
    assert window.notice.text == "Not logged in: sync is paused. Your work stays on this laptop."
    assert RecordingClient.requests == []
    app.close()


def test_a_supervisor_gets_the_supervisor_window(
    qtbot: QtBot, store: Store, tokens: TokenStore, tmp_path: Path
) -> None:
    from fieldapp.server.admin import add_user

    with running_server(tmp_path / "server") as server:
        with server.db() as session:
            add_user(
                session, "sam", "pw-sam", "supervisor", "Sam Lee",
                passwords=server.app.state.passwords,
            )  # fmt: skip
        controller = FieldApp(
            store,
            tokens,
            BackgroundRunner(),
            server_url=server.base_url,
            use_system_network=False,
            use_tray=False,
            client_factory=quick_client,
        )
        with qtbot.waitSignal(controller.window_shown, timeout=WAIT_MS):
            controller.start(demo_login=("sam", "pw-sam"))
        assert controller.supervisor_window is not None
        assert controller.window is None
        qtbot.addWidget(controller.supervisor_window)
        assert "Sam Lee" in controller.supervisor_window.windowTitle()
        assert controller.supervisor_window.menuBar().actions()[-1].text() == "&Help"
        assert controller.supervisor_help is not None
        about = controller.supervisor_help.show_about()
        assert about.values["Server"].text() == server.base_url
        about.close()
        shortcuts = dict(controller.supervisor_help.show_shortcuts().rows)
        assert shortcuts["Keyboard shortcuts"] == "F1"
        assert shortcuts["Dispatch tab"].startswith("Ctrl+")
        controller.close()
