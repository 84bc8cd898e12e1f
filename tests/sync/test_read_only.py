"""A read-only data folder (a real tmpfs remounted read-only): a sentence, never a traceback,
and work the server took while the laptop could not note it is settled by the next sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import ReadOnlyStorageError, open_store, sync_counts
from fieldapp.sync import AnswerNotKeptError, SyncEngine
from tests.support.disk import make_read_only, make_writable, read_only, small_disk
from tests.sync.fakes import DroppingProxy
from tests.sync.harness import Laptop, Server, fast_client


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", size_kib=16384) as mounted:
        yield mounted


def test_opening_a_cache_in_a_read_only_folder_says_so(disk: Path) -> None:
    paths = AppPaths(disk / "laptop")
    open_store(paths).dispose()
    with read_only(disk), pytest.raises(ReadOnlyStorageError) as refused:
        open_store(paths)
    assert str(paths.data_dir) in refused.value.message
    assert "read-only" in refused.value.message
    with read_only(disk), pytest.raises(ReadOnlyStorageError):
        open_store(AppPaths(disk / "never-made"))  # not even the folder can be made
    open_store(paths).dispose()  # writable again: it opens as before


def test_an_answer_the_laptop_cannot_note_is_said_and_settled_next_sync(
    server: Server, disk: Path
) -> None:
    username, password = server.add_technician()
    visit = server.create_visit(username)
    store = open_store(AppPaths(disk / "laptop"))
    client = fast_client(server.base_url)
    try:
        client.login(username, password)
        laptop = Laptop(store, client, SyncEngine(store, client), username)
        laptop.engine.sync()
        ids = [laptop.record(visit, EventType.ARRIVED), laptop.record(visit, EventType.NOTE)]

        def folder_turns_read_only() -> None:
            # The server has stored the batch; before its answer arrives the folder goes
            # read-only (the cache's files must be closed for a remount to be allowed).
            store.engine.dispose()
            make_read_only(disk)

        parts = urlsplit(server.base_url)
        assert parts.hostname is not None
        assert parts.port is not None
        proxy = DroppingProxy(
            (parts.hostname, parts.port),
            b"POST /api/v1/sync/events",
            drop_limit=0,
            on_reply=folder_turns_read_only,
        )
        try:
            with proxy.running():
                through_proxy = fast_client(proxy.base_url)
                through_proxy.login(username, password)
                with through_proxy, pytest.raises(AnswerNotKeptError) as info:
                    laptop.engine_for(through_proxy).sync()
        finally:
            make_writable(disk)
        message = info.value.message
        assert "received your work" in message
        assert "read-only" in message
        assert "the next sync then settles it, without duplicates" in message
        assert server.event_ids(visit) == ids

        summary = laptop.engine.sync()
        assert (summary.pushed, summary.duplicate, summary.rejected) == (0, 2, 0)
        assert server.event_ids() == ids
        with store.read_session() as session:
            assert sync_counts(session).pending == 0
    finally:
        client.close()
        store.dispose()
