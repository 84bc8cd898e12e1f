"""Starts the desktop app: the cache, the account (keyring token or login dialog), the round."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.paths import AppPaths
from fieldapp.store import Store, open_store
from fieldapp.sync import (
    CredentialStoreUnavailable,
    ServerClient,
    SyncEngine,
    TokenStore,
    current_account,
    log_in,
    resume,
)
from fieldapp.sync.headless import describe
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.login_dialog import LoginDialog
from fieldapp.ui.resources import icon
from fieldapp.ui.round_window import RoundWindow


@dataclass(slots=True)
class Connection:
    """The logged-in client and the engine that syncs through it."""

    client: ServerClient
    username: str
    engine: SyncEngine

    def sync(self) -> str:
        return describe(self.engine.sync())


def _connect(store: Store, tokens: TokenStore, url: str, user: str, password: str) -> Connection:
    client = ServerClient(url)
    try:
        log_in(store, client, tokens, user, password)
    except BaseException:
        client.close()
        raise
    return Connection(client, user, SyncEngine(store, client))


def _resume(store: Store, tokens: TokenStore, server_url: str | None) -> Connection | None:
    account = current_account(store)
    url = server_url or (account.server_url if account else None)
    if not url:
        return None
    client = ServerClient(url)
    resumed = resume(store, client, tokens)
    if resumed is None:
        client.close()
        return None
    return Connection(client, resumed.username, SyncEngine(store, client))


def _ask_login(
    store: Store, tokens: TokenStore, runner: BackgroundRunner, server_url: str | None
) -> Connection | None:
    account = current_account(store)
    dialog = LoginDialog(
        runner,
        lambda url, user, password: _connect(store, tokens, url, user, password),
        server_url=server_url or (account.server_url if account else ""),
        username=account.username if account else "",
    )
    if dialog.exec() != LoginDialog.DialogCode.Accepted:
        return None
    assert isinstance(dialog.result_value, Connection)
    return dialog.result_value


def run_app(
    paths: AppPaths,
    *,
    server_url: str | None = None,
    demo_login: tuple[str, str] | None = None,
    tokens: TokenStore | None = None,
) -> int:
    """Run the technician's app until its window closes; returns the exit code.

    Args:
        server_url: the server to use (default: the one the cache last synced with).
        demo_login: log in with these credentials without asking (the demo).
        tokens: where the login token is kept (default: the system keyring).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FieldApp")
    app.setWindowIcon(icon("app"))
    store = open_store(paths)
    tokens = tokens or TokenStore()
    runner = BackgroundRunner()
    try:
        connection: Connection | None
        try:
            if demo_login is not None and server_url:
                connection = _connect(store, tokens, server_url, *demo_login)
            else:
                connection = _resume(store, tokens, server_url)
        except CredentialStoreUnavailable as error:
            QMessageBox.critical(None, "FieldApp", str(error))
            return 1
        if connection is None:
            connection = _ask_login(store, tokens, runner, server_url)
        if connection is None:
            return 0
        window = RoundWindow(store, runner, connection.sync, user_label=connection.username)
        window.show()
        window.refresh()
        window.sync_now()
        return app.exec()
    finally:
        runner.wait()
        store.dispose()
