"""The server's disk fills up: pushes are answered 503 with a sentence, the laptop keeps every
event in its outbox, and they all arrive exactly once when space is freed (real server on a
real tmpfs filled to the last byte)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.domain import EventType
from fieldapp.sync import ServerError
from tests.support.disk import fill, small_disk
from tests.sync.harness import Server, laptop_for, running_server


@pytest.fixture
def full_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    with small_disk(tmp_path / "disk", size_kib=8192) as disk, running_server(disk) as server:
        yield server, disk


def test_pushes_to_a_full_server_wait_in_the_outbox(
    full_server: tuple[Server, Path], tmp_path: Path
) -> None:
    server, disk = full_server
    user, password = server.add_technician()
    visit = server.create_visit(user)
    with laptop_for(server.base_url, tmp_path / "laptop" / "cache.sqlite3", user, password) as lap:
        lap.engine.sync()
        ids = [lap.record(visit, EventType.ARRIVED)]
        ids += [lap.record(visit, EventType.NOTE, {"text": f"note {n} " * 200}) for n in range(40)]
        filler = fill(disk)

        with pytest.raises(ServerError) as refused:
            lap.engine.sync()
        filler.unlink()
        summary = lap.engine.sync()

    assert "run out of disk space" in refused.value.message
    assert refused.value.transient
    assert summary.pushed == len(ids)
    assert server.event_ids(visit) == ids
