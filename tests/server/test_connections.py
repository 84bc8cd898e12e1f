"""Connections that stall are cut: a body that stops arriving, a head never finished, idleness."""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fieldapp import protocol
from fieldapp.server.app import create_app
from fieldapp.server.connections import MAX_HEAD_BYTES, uvicorn_options
from tests.server.helpers import Live, cheap_settings
from tests.support.servers import running_uvicorn

STALL = 0.5
# Only a bound on how long a broken test waits, never a measurement.
PATIENCE = 60


@pytest.fixture(params=["httptools", "h11"])
def guarded(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Live]:
    """A server run as `fieldapp server` runs it, with a short stall bound (SQLite), on each
    request parser (httptools, the default, and h11)."""
    settings = cheap_settings(
        tmp_path,
        f"sqlite:///{tmp_path / 'server.sqlite3'}",
        stall_timeout_seconds=STALL,
        keep_alive_seconds=STALL,
        http_parser=request.param,
    )
    app = create_app(settings)
    with running_uvicorn(app, **uvicorn_options(settings)) as base_url:
        server = Live(base_url, app, settings)
        yield server
        server.close_clients()


def _connect(live: Live) -> socket.socket:
    address = urlsplit(live.base_url)
    sock = socket.create_connection((address.hostname, address.port), timeout=PATIENCE)
    sock.settimeout(PATIENCE)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := sock.recv(65_536):
        received += chunk
    return received


def _head(method: str, path: str, length: int, token: str | None = None) -> bytes:
    lines = [
        f"{method} {protocol.API_PREFIX}{path} HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        f"Content-Length: {length}",
    ]
    if token is not None:
        lines.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_body_that_stops_arriving_is_answered_408_and_closed(guarded: Live) -> None:
    with _connect(guarded) as sock:
        sock.sendall(_head("POST", "/auth/login", 100) + b'{"username"')

        answer = _read_until_closed(sock)

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"body_timeout" in answer
    assert b"connection: close" in answer.lower()


def test_a_stalled_upload_is_cut_and_leaves_no_file(guarded: Live) -> None:
    tech = guarded.technician()
    token = str(tech.http.headers["Authorization"]).split()[1]
    data = b"x" * 100
    sha = hashlib.sha256(data).hexdigest()
    with _connect(guarded) as sock:
        sock.sendall(_head("PUT", f"/attachments/{sha}", len(data), token) + data[:10])

        answer = _read_until_closed(sock)

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert list(guarded.app.state.blobs.incoming.iterdir()) == []
    assert tech.get(f"/attachments/{sha}").status_code == 404
    assert tech.put(f"/attachments/{sha}", data=data).status_code == 201  # still serving


def test_a_body_that_keeps_arriving_is_not_cut(guarded: Live) -> None:
    body = b'{"username": "nobody", "password": "wrong"}'
    with _connect(guarded) as sock:
        sock.sendall(_head("POST", "/auth/login", len(body)))
        for start in range(0, len(body), 10):
            sock.sendall(body[start : start + 10])
            time.sleep(STALL / 10)
        status = sock.recv(65_536).split(b"\r\n", 1)[0]

    assert status == b"HTTP/1.1 401 Unauthorized"


@pytest.mark.parametrize("sent", [b"", b"GET /api/v1/info HTTP/1.1\r\nHost: 1"])
def test_a_connection_without_a_complete_request_head_is_closed(guarded: Live, sent: bytes) -> None:
    with _connect(guarded) as sock:
        sock.sendall(sent)

        assert _read_until_closed(sock) == b""


@pytest.mark.parametrize("parser", ["httptools", "h11"])
def test_a_head_that_never_ends_is_closed_at_its_bound(tmp_path: Path, parser: str) -> None:
    """A head sent quickly but without end is refused once over MAX_HEAD_BYTES, long before its
    deadline (an hour here): it is not kept growing in memory meanwhile."""
    settings = cheap_settings(
        tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", stall_timeout_seconds=3600,
        http_parser=parser,
    )  # fmt: skip
    with running_uvicorn(create_app(settings), **uvicorn_options(settings)) as base_url:
        address = urlsplit(base_url)
        with socket.create_connection((address.hostname, address.port), PATIENCE) as sock:
            sock.settimeout(PATIENCE)  # a bound on a broken test's wait: the deadline is 1 h
            sock.sendall(f"GET {protocol.API_PREFIX}/info HTTP/1.1\r\nX-Long: ".encode())
            answer = b""
            try:
                for _ in range(2 * MAX_HEAD_BYTES // 1024):
                    sock.sendall(b"a" * 1024)
                answer = _read_until_closed(sock)
            except (ConnectionResetError, BrokenPipeError):  # closed, bytes unread: 400 may be lost
                pass
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400 ")


def test_a_head_within_the_bound_is_answered(guarded: Live) -> None:
    filler = "a" * (MAX_HEAD_BYTES - 1024)
    with _connect(guarded) as sock:
        sock.sendall(
            f"GET {protocol.API_PREFIX}/info HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"X-Long: {filler}\r\nConnection: close\r\n\r\n".encode()
        )

        assert _read_until_closed(sock).startswith(b"HTTP/1.1 200 ")


def test_an_idle_keep_alive_connection_is_closed(guarded: Live) -> None:
    with _connect(guarded) as sock:
        sock.sendall(f"GET {protocol.API_PREFIX}/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())

        answer = _read_until_closed(sock)

    assert answer.startswith(b"HTTP/1.1 200 ")
