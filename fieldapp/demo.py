"""`make demo`: an embedded demo server in a child process, and the app logged in to it."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from fieldapp.logs import start_logging
from fieldapp.paths import resolve_paths
from fieldapp.protocol import API_PREFIX
from fieldapp.sync import CredentialStoreUnavailable, TokenStore

DEMO_USER = "kyra"
DEMO_PASSWORD = "demo"  # the documented password of the demo site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_server(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Return once `url`'s /info answers; raise RuntimeError if the process dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            code = process.returncode
            raise RuntimeError(f"The demo server stopped at start (exit code {code}).")
        try:
            if requests.get(f"{url}{API_PREFIX}/info", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError("The demo server did not answer within a minute.")


def own_command() -> list[str]:
    """How to run this program's CLI again: the frozen executable itself, or `python -m
    fieldapp` (a frozen app has no interpreter to take `-m`)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "fieldapp"]


def start_demo_server(server_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `fieldapp server --demo-data` on a free loopback port; return it and its URL."""
    port = _free_port()
    command = [
        *own_command(),
        "server",
        "--demo-data",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(server_dir),
    ]
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(url, process)
    except BaseException:
        process.terminate()
        process.wait(10)
        raise
    return process, url


class DemoKeyring:
    """Keeps the demo's token in memory when the machine has no system keyring.

    The demo server lives only as long as the demo, so its token need not outlive it; it
    is never written anywhere. Deliberately not a keyring backend class: those register
    themselves for keyring's auto-detection.
    """

    def __init__(self) -> None:
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._secrets.pop((service, username), None)


def demo_tokens() -> TokenStore:
    """The system keyring if there is one, else an in-memory one (with a notice)."""
    system = TokenStore()
    try:
        system.load("http://127.0.0.1", "demo-probe")
    except CredentialStoreUnavailable:
        print(
            "No system keyring here: the demo keeps its login in memory only.",
            file=sys.stderr,
        )
        return TokenStore(DemoKeyring())
    return system


def run_demo(data_dir: str | None = None) -> int:
    """Run the demo; with no `data_dir` everything lives in a fresh temporary folder."""
    from fieldapp.ui.launch import run_app

    base = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="fieldapp-demo-"))
    process, url = start_demo_server(base / "server")
    try:
        laptop = resolve_paths(base / "laptop").ensure()
        start_logging(laptop.log_dir)
        return run_app(
            laptop, server_url=url, demo_login=(DEMO_USER, DEMO_PASSWORD), tokens=demo_tokens()
        )
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
