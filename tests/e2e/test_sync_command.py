"""`main.py sync` says plainly what went wrong: wrong password, no server, first run."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import record_event
from fieldapp.sync import TokenStore
from fieldapp.sync.vault import open_private_store
from tests.domain.factories import MINIMAL
from tests.support.certs import make_server_certificate
from tests.support.disk import fill, read_only, small_disk
from tests.support.servers import free_port, running_uvicorn, server_process
from tests.sync.fakes import DroppingProxy
from tests.sync.harness import Server, cheap_settings, running_server

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


def test_a_lost_acknowledgement_is_said_truly_and_the_next_sync_settles_it(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path / "server") as server:
        user, password = server.add_technician()
        visit = server.create_visit(user)
        parts = urlsplit(server.base_url)
        assert parts.hostname is not None
        assert parts.port is not None
        proxy = DroppingProxy((parts.hostname, parts.port), b"POST /api/v1/sync/events")
        with proxy.running():
            args = ("--data-dir", str(tmp_path / "laptop"), "--server-url", proxy.base_url)
            args += ("--username", user, "--password-stdin")
            first = sync(*args, stdin=password + "\n")
            assert first.returncode == 0, first.stderr
            store = open_private_store(AppPaths(tmp_path / "laptop"), TokenStore())  # key: keyring
            try:
                with store.session() as session, session.begin():
                    event_id = record_event(
                        session, visit, EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                        author=user, now=datetime.now(UTC),
                    ).id  # fmt: skip
            finally:
                store.dispose()
            lost = sync(*args, stdin=password + "\n")
            assert server.event_ids(visit) == [event_id]  # stored, though the answer was lost
            proxy.drop_limit = proxy.dropped
            settled = sync(*args, stdin=password + "\n")

    assert lost.returncode == 1
    assert "Traceback" not in lost.stderr
    assert "may have stored part of it" in lost.stderr
    assert "the next sync settles it, without duplicates" in lost.stderr
    assert "Cannot reach" not in lost.stderr
    assert "nothing was changed" not in lost.stderr
    assert settled.returncode == 0, settled.stderr
    assert "pushed 0, duplicate 1, rejected 0" in settled.stderr + settled.stdout
    assert server.event_ids() == [event_id]


def test_a_read_only_data_folder_is_a_sentence_and_the_sync_works_once_writable(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path / "server") as server, small_disk(tmp_path / "disk") as disk:
        user, password = server.add_technician()
        visit = server.create_visit(user)
        args = ("--data-dir", str(disk / "laptop"), "--server-url", server.base_url)
        args += ("--username", user, "--password-stdin")
        first = sync(*args, stdin=password + "\n")
        assert first.returncode == 0, first.stderr
        store = open_private_store(AppPaths(disk / "laptop"), TokenStore())
        try:
            with store.session() as session, session.begin():
                event_id = record_event(
                    session, visit, EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                    author=user, now=datetime.now(UTC),
                ).id  # fmt: skip
        finally:
            store.dispose()
        with read_only(disk):
            refused = sync(*args, stdin=password + "\n")
        assert server.event_ids() == []
        caught_up = sync(*args, stdin=password + "\n")

    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert f"cannot write to its data folder ({disk / 'laptop'})" in refused.stderr
    assert "read-only" in refused.stderr
    assert caught_up.returncode == 0, caught_up.stderr
    assert "pushed 1, duplicate 0" in caught_up.stderr + caught_up.stdout
    assert server.event_ids() == [event_id]


def test_a_server_of_a_private_ca_syncs_with_its_bundle_named(tmp_path: Path) -> None:
    from fieldapp.server.app import create_app

    certificate = make_server_certificate(tmp_path / "tls")
    app = create_app(cheap_settings(tmp_path / "server"))
    tls = {"ssl_certfile": str(certificate.cert_file), "ssl_keyfile": str(certificate.key_file)}
    with running_uvicorn(app, **tls) as url:
        server = Server(url, app)
        user, password = server.add_technician()
        server.create_visit(user)
        args = ("--data-dir", str(tmp_path / "laptop"), "--server-url", url, "--username", user)
        refused = sync(*args, "--password-stdin", stdin=f"{password}\n")
        assert refused.returncode == 1
        assert "certificate could not be verified" in refused.stderr
        done = sync(*args, "--ca-bundle", str(certificate.ca_file), "--password-stdin",
                    stdin=f"{password}\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sync done: pulled ")
