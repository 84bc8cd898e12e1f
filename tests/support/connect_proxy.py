"""A forwarding proxy for tests: answers CONNECT host:port with a tunnel, as a company's
HTTPS proxy does (without inspecting), and notes each tunnel it opened."""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Tunnel(socketserver.BaseRequestHandler):
    server: _ProxyServer

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        method, target, _version = head.split(b"\r\n", 1)[0].decode().split(" ")
        if method != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = target.rpartition(":")
        self.server.tunnels.append(target)
        with socket.create_connection((host, int(port)), timeout=10) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._pipe(upstream)

    def _pipe(self, upstream: socket.socket) -> None:
        ends = [self.request, upstream]
        while True:
            readable, _, _ = select.select(ends, [], [], 10)
            if not readable:
                return
            for end in readable:
                data = end.recv(65536)
                if not data:
                    return
                (upstream if end is self.request else self.request).sendall(data)


class _ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Tunnel)
        self.tunnels: list[str] = []


@contextmanager
def connect_proxy() -> Iterator[tuple[str, list[str]]]:
    """A running proxy: its URL (http://127.0.0.1:port) and the targets it tunnelled to."""
    server = _ProxyServer()
    thread = threading.Thread(target=server.serve_forever, name="connect-proxy", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.tunnels
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
