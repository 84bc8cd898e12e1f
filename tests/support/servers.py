"""Test servers: an ASGI app on a uvicorn thread, or `main.py server` as a process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import uvicorn
from starlette.types import Message, Send

REPO_ROOT = Path(__file__).resolve().parents[2]


def rewriting_answer(send: Send, rewrite: Callable[[Message, bytes], bytes]) -> Send:
    """An ASGI `send` that holds an answer until its last body part and sends
    `rewrite(start, body)` in its place, its Content-Length made right: how a test plays a
    server of another version, or a network device that spoils what passes."""
    start: Message = {}
    body: list[bytes] = []

    async def rewritten(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        body.append(message.get("body", b""))
        if message.get("more_body"):
            return
        whole = rewrite(start, b"".join(body))
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(whole)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": whole})

    return rewritten


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (prefer passing bound sockets)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_uvicorn(app: Any, *, startup_timeout: float = 10.0, **options: Any) -> Iterator[str]:
    """Serve `app` with uvicorn in a background thread on an ephemeral port; yield its base URL.

    `options` go to uvicorn.Config (e.g. fieldapp.server.connections.uvicorn_options); with
    ssl_certfile and ssl_keyfile it serves HTTPS, and the URL says https.

    The listening socket is bound here and handed to uvicorn, so no other process can take the port
    between choosing and binding it.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # log_config=None keeps uvicorn from reconfiguring the test process's logging.
    config = uvicorn.Config(
        app, log_config=None, log_level="warning", ws="none", lifespan="auto", **options
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + startup_timeout
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn stopped during startup (see the log above)")
            if time.monotonic() > deadline:
                raise TimeoutError(f"uvicorn did not start within {startup_timeout} s")
            time.sleep(0.01)
        scheme = "https" if options.get("ssl_certfile") else "http"
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        if thread.is_alive():
            raise RuntimeError("uvicorn thread did not stop within 10 s")


@dataclass(frozen=True)
class ServerProcess:
    """A running `main.py server` subprocess."""

    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        """Return what the process has written to stdout and stderr so far."""
        return self.log_path.read_text(errors="replace")


@contextmanager
def server_process(
    args: Sequence[str],
    port: int,
    env: Mapping[str, str] | None = None,
    *,
    timeout: float = 30.0,
    program: Sequence[str] | None = None,
) -> Iterator[ServerProcess]:
    """Run `python main.py server --host 127.0.0.1 --port PORT *args` until the block ends
    (`program` in place of `python main.py`: the frozen app).

    Waits until GET /api/v1/info answers 200. `env` is laid over os.environ. Raises RuntimeError
    with the process's output if it exits early, TimeoutError if it does not answer in time.
    """
    base_url = f"http://127.0.0.1:{port}"
    command = [*(program or [sys.executable, str(REPO_ROOT / "main.py")]), "server"]
    command += ["--host", "127.0.0.1", "--port", str(port), *args]
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with tempfile.TemporaryDirectory(prefix="fieldapp-server-") as scratch:
        log_path = Path(scratch) / "server.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
            )
        running = ServerProcess(base_url, process, log_path)
        try:
            _wait_until_ready(running, timeout)
            yield running
        finally:
            _stop(process)


def _wait_until_ready(running: ServerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        code = running.process.poll()
        if code is not None:
            raise RuntimeError(f"server exited with {code} before answering:\n{running.log()}")
        try:
            if requests.get(f"{running.base_url}/api/v1/info", timeout=1).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"server did not answer within {timeout} s:\n{running.log()}")
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
