"""Fixtures: a database URL per backend (SQLite file, PostgreSQL) and a live server on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.server.app import create_app
from tests.server.helpers import Live, cheap_settings
from tests.support.postgres import PostgresServer
from tests.support.servers import running_uvicorn

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _url(request: pytest.FixtureRequest, backend: str, directory: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{directory / 'server.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database for this test, on each backend."""
    return _url(request, request.param, tmp_path)


@pytest.fixture(scope="session", params=BACKENDS)
def _shared_live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    directory = tmp_path_factory.mktemp(f"server-{request.param}")
    settings = cheap_settings(directory, _url(request, request.param, directory))
    app = create_app(settings)
    with running_uvicorn(app) as base_url:
        yield Live(base_url, app, settings)


@pytest.fixture
def live(_shared_live: Live) -> Iterator[Live]:
    """The shared server of this backend; tests stay apart by creating their own users."""
    yield _shared_live
    _shared_live.close_clients()


@pytest.fixture
def fresh_live(database_url: str, tmp_path: Path) -> Iterator[Live]:
    """A server on a database of its own, for tests that change server-wide state."""
    app = create_app(cheap_settings(tmp_path, database_url))
    with running_uvicorn(app) as base_url:
        server = Live(base_url, app, app.state.settings)
        yield server
        server.close_clients()
