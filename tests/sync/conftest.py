"""Fixtures of the sync tests: a real server per test, and a technician's laptop syncing to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresServer
from tests.sync.harness import Laptop, Server, laptop_for, running_server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A real server on each backend: its embedded SQLite file, then PostgreSQL."""
    database_url = ""
    if request.param == "postgresql":
        postgres: PostgresServer = request.getfixturevalue("postgres_server")
        database_url = postgres.create_database()
    with running_server(tmp_path / "server", database_url) as running:
        yield running


@pytest.fixture
def laptop(server: Server, tmp_path: Path) -> Iterator[Laptop]:
    username, password = server.add_technician()
    with laptop_for(
        server.base_url, tmp_path / "laptop" / "cache.sqlite3", username, password
    ) as lap:
        yield lap
