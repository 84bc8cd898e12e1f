"""`main.py sync` and the app on a damaged cache: a sentence, no traceback, the damaged file
kept, what it held rescued when the technician starts afresh; `main.py logout` says what is
unsynced, syncs it first if asked, then erases the laptop's cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.domain import EventType
from fieldapp.paths import resolve_paths
from fieldapp.store import record_event
from fieldapp.sync import TokenStore
from fieldapp.sync.vault import open_private_store
from fieldapp.ui.launch import open_cache
from tests.e2e.test_sync_command import ROOT, sync
from tests.store.factories import T0
from tests.sync.harness import running_server


def test_a_damaged_cache_is_said_kept_and_rescued_by_main_py_sync(tmp_path: Path) -> None:
    laptop = resolve_paths(tmp_path / "laptop")
    with running_server(tmp_path / "server") as server:
        user, password = server.add_technician()
        visit = server.create_visit(user)
        args = ("--data-dir", str(laptop.data_dir), "--server-url", server.base_url)
        first = sync(*args, "--username", user, "--password-stdin", stdin=password + "\n")
        assert first.returncode == 0, first.stderr
        store = open_private_store(laptop, TokenStore())  # offline work, then damage
        with store, store.session() as session, session.begin():
            for number in range(3):
                record_event(session, visit, EventType.NOTE, {"text": f"n{number}"},
                             author=user, now=T0)  # fmt: skip
        laptop.cache_db.write_bytes(b"\x00" * 4096 + laptop.cache_db.read_bytes()[4096:])
        damaged = laptop.cache_db.read_bytes()

        refused = sync(*args)
        assert refused.returncode == 1
        assert "is damaged" in refused.stderr
        assert "--start-afresh" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert laptop.cache_db.read_bytes() == damaged

        afresh = sync(*args, "--start-afresh", "--password-stdin", stdin=password + "\n")
    assert afresh.returncode == 0, afresh.stderr
    assert "kept aside as" in afresh.stderr
    assert "Traceback" not in afresh.stderr
    assert "pulled 1" in afresh.stdout  # the round came back with a full download
    [kept] = laptop.data_dir.glob("cache.sqlite3.damaged-*[0-9Z]")
    assert kept.read_bytes() == damaged


@pytest.mark.parametrize("choice", [False, True])
def test_the_app_offers_to_start_afresh_on_a_damaged_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], choice: bool
) -> None:
    laptop = resolve_paths(tmp_path / "laptop")
    tokens = TokenStore()
    open_private_store(laptop, tokens).dispose()
    laptop.cache_db.write_text("not a database at all\n" * 300)
    asked: list[str] = []
    told: list[str] = []

    def ask(message: str) -> bool:
        asked.append(message)
        return choice

    store = open_cache(laptop, tokens, ask, lambda _title, message: told.append(message))
    [question] = asked
    assert "is damaged" in question
    assert "is damaged" in capsys.readouterr().err  # for a terminal too
    if not choice:
        assert store is None
        assert laptop.cache_db.read_text().startswith("not a database")
        return
    assert store is not None
    try:
        [sentence] = told
        assert "kept aside" in sentence
    finally:
        store.dispose()


def logout(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "logout", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip


def test_main_py_logout_says_unsynced_work_syncs_it_first_then_erases(tmp_path: Path) -> None:
    laptop = resolve_paths(tmp_path / "laptop")
    with running_server(tmp_path / "server") as server:
        user, password = server.add_technician()
        visit = server.create_visit(user)
        args = ("--data-dir", str(laptop.data_dir), "--server-url", server.base_url)
        first = sync(*args, "--username", user, "--password-stdin", stdin=password + "\n")
        assert first.returncode == 0, first.stderr
        store = open_private_store(laptop, TokenStore())
        with store, store.session() as session, session.begin():
            record_event(session, visit, EventType.NOTE, {"text": "before leaving"},
                         author=user, now=T0)  # fmt: skip

        refused = logout("--data-dir", str(laptop.data_dir))
        assert refused.returncode == 1
        assert "1 event(s) the server has not confirmed" in refused.stderr
        assert "--sync-first or --discard-unsynced" in refused.stderr
        assert laptop.cache_db.exists()

        done = logout("--data-dir", str(laptop.data_dir), "--sync-first")
        assert done.returncode == 0, done.stderr
        assert "pushed 1" in done.stderr
        assert "Logged out" in done.stdout
        assert "the server revoked the login" in done.stdout
        assert len(server.event_ids(visit)) == 1
    assert not laptop.cache_db.exists()
    # Only the log is left (it names no customer and holds no secret: test_diagnostics_log).
    left = [p for p in laptop.data_dir.rglob("*") if p.is_file()]
    assert [p for p in left if laptop.log_dir not in p.parents] == []
    assert all(password.encode() not in p.read_bytes() for p in left)
    assert TokenStore().load(server.base_url, user) is None


def test_a_cache_deleted_after_syncing_is_said_with_whose_it_was(tmp_path: Path) -> None:
    laptop = resolve_paths(tmp_path / "laptop")
    with running_server(tmp_path / "server") as server:
        user, password = server.add_technician()
        server.create_visit(user)
        args = ("--data-dir", str(laptop.data_dir), "--server-url", server.base_url)
        first = sync(*args, "--username", user, "--password-stdin", stdin=password + "\n")
        assert first.returncode == 0, first.stderr
        laptop.cache_db.write_bytes(b"")  # a zero-byte cache, as a bad restore leaves it

        said = sync("--data-dir", str(laptop.data_dir))
        assert said.returncode == 1
        assert "missing or empty" in said.stderr
        assert f"{user} on {server.base_url}" in said.stderr
        assert "has not synced before" not in said.stderr
        assert laptop.cache_db.read_bytes() == b""

        afresh = sync("--data-dir", str(laptop.data_dir), "--start-afresh")
    assert afresh.returncode == 0, afresh.stderr  # the account and token were remembered
    assert "pulled 1" in afresh.stdout
