"""The login dialog against real servers: each failure gets a plain sentence and a retry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from keyring.backends import null
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.protocol import API_VERSION
from fieldapp.store import Store
from fieldapp.sync import ServerClient, TokenStore
from fieldapp.sync.credentials import INSTALL_HINT
from fieldapp.ui.app import Connection, connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.login_dialog import LoginDialog, normalized_url
from tests.support.servers import free_port, running_uvicorn
from tests.sync.harness import Server, running_server

WAIT_MS = 10_000


def quick_client(url: str) -> ServerClient:
    return ServerClient(url, timeout=(2.0, 5.0), retries=0)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("server")) as running:
        yield running


def make_dialog(
    qtbot: QtBot, store: Store, tokens: TokenStore, url: str, username: str = "kyra"
) -> LoginDialog:
    runner = BackgroundRunner()
    dialog = LoginDialog(
        runner,
        lambda u, n, p: connect(store, tokens, u, n, p, client_factory=quick_client),
        server_url=url,
        username=username,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def log_in(qtbot: QtBot, dialog: LoginDialog, password: str) -> None:
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    dialog.on_login_requested()
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_wrong_password_says_so_and_the_retry_logs_in(
    qtbot: QtBot, store: Store, server: Server
) -> None:
    username, password = server.add_technician()
    tokens = TokenStore(DemoKeyring())
    dialog = make_dialog(qtbot, store, tokens, server.base_url, username)
    log_in(qtbot, dialog, "not-the-password")
    assert dialog.isVisible()
    assert dialog.error_label.text() == (
        "Wrong user name or password. Check them (the password is case-sensitive) and try again."
    )
    assert dialog.password_edit.hasFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        log_in(qtbot, dialog, password)
    connection = dialog.result_value
    assert isinstance(connection, Connection)
    assert tokens.load(server.base_url, username) is not None
    connection.close()


def test_unreachable_server_says_what_to_check(qtbot: QtBot, store: Store) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    dialog = make_dialog(qtbot, store, TokenStore(DemoKeyring()), url)
    log_in(qtbot, dialog, "secret")
    assert dialog.isVisible()
    assert dialog.error_label.text() == (
        f"Cannot reach the server at {url}. Check the address, and that this laptop is "
        "connected to the network, then try again."
    )


@pytest.mark.parametrize(
    ("api_version", "expected"),
    [
        (API_VERSION + 1, "The server speaks a newer protocol (version 2) than this app"),
        (API_VERSION - 1, "The server is too old for this app (protocol version 0"),
    ],
)
def test_server_of_another_version_is_named(
    qtbot: QtBot, store: Store, api_version: int, expected: str
) -> None:
    other = FastAPI()

    @other.get("/api/v1/info")
    def info() -> dict[str, object]:
        return {
            "api_version": api_version,
            "server_version": "9.9.9",
            "min_client_version": "0.0.1",
            "server_time": datetime.now(UTC).isoformat(),
        }

    with running_uvicorn(other) as url:
        dialog = make_dialog(qtbot, store, TokenStore(DemoKeyring()), url)
        log_in(qtbot, dialog, "secret")
    assert dialog.error_label.text().startswith(expected)
    assert "update" in dialog.error_label.text()  # the way forward


def test_no_keyring_says_what_to_install(qtbot: QtBot, store: Store, server: Server) -> None:
    username, password = server.add_technician()
    dialog = make_dialog(qtbot, store, TokenStore(null.Keyring()), server.base_url, username)
    log_in(qtbot, dialog, password)
    assert dialog.isVisible()
    assert dialog.error_label.text() == INSTALL_HINT
    assert "gnome-keyring" in dialog.error_label.text()


def test_empty_fields_are_asked_for_without_a_call(qtbot: QtBot, store: Store) -> None:
    dialog = make_dialog(qtbot, store, TokenStore(DemoKeyring()), "")
    dialog.on_login_requested()
    assert not dialog.busy
    assert dialog.error_label.text() == (
        "Enter the server address, your username and your password."
    )


def test_addresses_without_a_scheme_get_https() -> None:
    assert normalized_url(" fieldapp.example.org/ ") == "https://fieldapp.example.org"
    assert normalized_url("http://10.0.0.5:8765") == "http://10.0.0.5:8765"
    # Only a scheme is no address (it became "https://https:").
    assert [normalized_url(t) for t in ("https://", " http:// ", "https:", "")] == [""] * 4
