"""`main.py sync` says plainly what went wrong: wrong password, no server, first run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.disk import fill, small_disk
from tests.support.servers import free_port, server_process
from tests.sync.harness import running_server

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


def test_a_full_disk_stops_the_sync_plainly_and_the_next_one_catches_up(tmp_path: Path) -> None:
    with running_server(tmp_path / "server") as server, small_disk(tmp_path / "disk") as disk:
        user, password = server.add_technician()
        server.create_visit(user)
        args = ("--data-dir", str(disk / "laptop"), "--server-url", server.base_url)
        args += ("--username", user, "--password-stdin")
        first = sync(*args, stdin=password + "\n")
        assert first.returncode == 0, first.stderr
        for _ in range(300):
            server.create_visit(
                user, already_tried="Restarted it, twice, and checked the cable. " * 10
            )
        filler = fill(disk)

        refused = sync(*args, stdin=password + "\n")
        filler.unlink()
        caught_up = sync(*args, stdin=password + "\n")

    assert refused.returncode == 1
    assert "disk is full" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert caught_up.returncode == 0, caught_up.stderr
    assert "pulled 300" in caught_up.stderr + caught_up.stdout
