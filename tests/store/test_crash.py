"""Crash safety: writers SIGKILLed at random moments lose no committed event and corrupt nothing."""

from __future__ import annotations

import os
from pathlib import Path

from fieldapp.store import open_store, sync_counts
from fieldapp.store.cipher import new_cache_key
from tests.store.crashkit import check_cache, run_crash_rounds
from tests.sync.harness import laptop_for, running_server

ROUNDS = int(os.environ.get("FIELDAPP_CRASH_ROUNDS", "200"))


def test_killed_writers_lose_nothing_and_sync_stores_everything_once(tmp_path: Path) -> None:
    db_path = tmp_path / "laptop" / "cache.sqlite3"
    key = new_cache_key()  # the writers and the checks open it encrypted, as the app does
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician()
        visits = [server.create_visit(username) for _ in range(3)]
        with laptop_for(server.base_url, db_path, username, password, key) as laptop:
            laptop.engine.sync()

        # Half the kills wait for the writer to open the cache, so they land mid-recording
        # however loaded the machine; the others fall anywhere from the fork on (open
        # included). How the kills land by themselves is benchmarks/crash_soak.py's figure.
        report = run_crash_rounds(
            db_path, username, visits, rounds=ROUNDS, seed=ROUNDS, after_open_share=0.5, key=key
        )
        assert report.rounds == ROUNDS
        assert report.aimed_while_writing > 0
        assert report.killed_while_writing >= report.aimed_while_writing
        assert report.committed  # the writers got work done between the kills
        stored = check_cache(db_path, report.committed, key)

        with laptop_for(server.base_url, db_path, username, password, key) as laptop:
            summary = laptop.engine.sync()
            assert (summary.pushed, summary.rejected) == (stored, 0)
            again = laptop.engine.sync()
            assert (again.pushed, again.duplicate) == (0, 0)
            with laptop.store.read_session() as session:
                assert sync_counts(session).pending == 0
        server_ids = server.event_ids()
        assert len(server_ids) == len(set(server_ids)) == stored
        store = open_store(db_path, key)
        try:
            with store.read_session() as session:
                assert sync_counts(session).pending == 0
        finally:
            store.dispose()
