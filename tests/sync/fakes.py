"""Real network peers for failure tests: a scripted HTTP server, a proxy that drops replies."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from fieldapp import protocol
from fieldapp.protocol import ServerInfo


@dataclass(frozen=True)
class Reply:
    """What the scripted server answers. `cut_at`: send only that many body bytes, then hang up."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut_at: int | None = None


Route = Callable[[bytes], Reply]


def info_reply(**fields: object) -> Reply:
    values: dict[str, object] = {
        "api_version": protocol.API_VERSION,
        "server_version": "9.9.9",
        "min_client_version": protocol.MIN_CLIENT_VERSION,
        "server_time": datetime.now(UTC),
    }
    values.update(fields)
    return Reply(body=ServerInfo.model_validate(values).model_dump_json().encode())


class ScriptedServer:
    """Answers `METHOD /path` (query ignored) from a table of routes; 404 otherwise."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {
            ("GET", protocol.API_PREFIX + "/info"): lambda _body: info_reply()
        }
        self.hits: list[tuple[str, str, dict[str, str]]] = []
        self.base_url = ""

    def route(self, method: str, path: str, reply: Reply | Route) -> None:
        if isinstance(reply, Reply):
            fixed = reply

            def reply(_body: bytes) -> Reply:
                return fixed

        self.routes[(method, protocol.API_PREFIX + path)] = reply

    def count(self, method: str, path: str) -> int:
        return sum(1 for m, p, _ in self.hits if (m, p) == (method, protocol.API_PREFIX + path))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                path = urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                scripted.hits.append((self.command, path, dict(self.headers.items())))
                route = scripted.routes.get((self.command, path))
                reply = (
                    route(body) if route else Reply(404, b'{"error":"not_found","message":"No."}')
                )
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.cut_at is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body[: reply.cut_at])
                if reply.cut_at is not None:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        for method in ("GET", "POST", "PUT"):  # BaseHTTPRequestHandler looks up do_<METHOD>
            setattr(Handler, f"do_{method}", Handler._serve)
        return Handler

    @contextmanager
    def running(self) -> Iterator[ScriptedServer]:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, name="scripted-http", daemon=True)
        thread.start()
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        try:
            yield self
        finally:
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=5)


def _read_request(sock: socket.socket) -> bytes:
    """One HTTP request (headers and Content-Length body) from `sock`, or b'' at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _close_after_reply(request: bytes) -> bytes:
    """The request with `Connection: close`, so the server's reply ends at EOF."""
    head, _, body = request.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


@dataclass
class DroppingProxy:
    """Relays HTTP to `target`, except that for requests whose first line starts with
    `drop_prefix` it forwards the request, waits for the server's full reply, and then
    hangs up on the client without relaying it: a lost acknowledgement. With `drop_limit`,
    only that many replies are lost; later ones get through. With `cut_body_at`, the
    reply's headers and that many bytes of its body are relayed before the hang-up: an
    answer cut off on the way. `on_reply`, if given, runs when the server has answered a
    matching request, before anything is relayed."""

    target: tuple[str, int]
    drop_prefix: bytes
    drop_limit: int | None = None
    cut_body_at: int | None = None
    on_reply: Callable[[], None] | None = None
    dropped: int = 0
    base_url: str = ""

    def _handle(self, client: socket.socket) -> None:
        with client:
            while request := _read_request(client):
                with socket.create_connection(self.target, timeout=10) as upstream:
                    upstream.sendall(_close_after_reply(request))
                    reply = b""
                    while chunk := upstream.recv(65536):
                        reply += chunk
                if request.startswith(self.drop_prefix) and self.on_reply is not None:
                    self.on_reply()
                if request.startswith(self.drop_prefix) and (
                    self.drop_limit is None or self.dropped < self.drop_limit
                ):
                    self.dropped += 1
                    if self.cut_body_at is not None:
                        head, _, body = reply.partition(b"\r\n\r\n")
                        client.sendall(head + b"\r\n\r\n" + body[: self.cut_body_at])
                    return
                client.sendall(reply)
                return  # the reply said Connection: close

    @contextmanager
    def running(self) -> Iterator[DroppingProxy]:
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, name="dropping-proxy", daemon=True)
        thread.start()
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
