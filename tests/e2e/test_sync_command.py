"""`main.py sync` says plainly what went wrong: wrong password, no server, first run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[2]


def sync(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "sync", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def test_first_run_without_a_server_says_what_to_give(tmp_path: Path) -> None:
    result = sync("--data-dir", str(tmp_path / "laptop"))
    assert result.returncode == 1
    assert "give --server-url and --username" in result.stderr


def test_unreachable_server_is_an_offline_sentence(tmp_path: Path) -> None:
    result = sync(
        "--data-dir", str(tmp_path / "laptop"),
        "--server-url", f"http://127.0.0.1:{free_port()}",
        "--username", "kyra", "--password-stdin",
        stdin="whatever\n",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert "whatever" not in result.stderr


def test_wrong_password_is_refused_plainly_and_nothing_is_kept(tmp_path: Path) -> None:
    server_dir = tmp_path / "server"
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "admin", "--data-dir", str(server_dir),
         "add-user", "kyra", "--role", "technician", "--full-name", "Kyra",
         "--password-stdin"],
        input="right password\n", capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    port = free_port()
    with server_process(["--data-dir", str(server_dir)], port) as server:
        result = sync(
            "--data-dir", str(tmp_path / "laptop"), "--server-url", server.base_url,
            "--username", "kyra", "--password-stdin", stdin="wrong password\n",
        )  # fmt: skip
    assert result.returncode == 1
    assert "error: " in result.stderr
    assert "password" in result.stderr.lower()
    assert "Traceback" not in result.stderr
