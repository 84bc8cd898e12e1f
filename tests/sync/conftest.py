"""Fixtures of the sync tests: a real server per test, and a technician's laptop syncing to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import Laptop, Server, laptop_for, running_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


@pytest.fixture
def laptop(server: Server, tmp_path: Path) -> Iterator[Laptop]:
    username, password = server.add_technician()
    with laptop_for(
        server.base_url, tmp_path / "laptop" / "cache.sqlite3", username, password
    ) as lap:
        yield lap
