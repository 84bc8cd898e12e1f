"""A real PostgreSQL server for tests, started from the machine's own binaries (pytest plugin)."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql

from tests.support.servers import free_port

INSTALL_HINT = "install it with `sudo bash tests/support/install_system_packages.sh`"


def find_pg_bindir() -> Path | None:
    """Return the directory holding initdb and pg_ctl: from PATH, else the newest Debian install."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        bindir = Path(on_path).resolve().parent
        if (bindir / "pg_ctl").exists():
            return bindir
    installed = Path("/usr/lib/postgresql").glob("*/bin/initdb")
    newest = max(
        installed, key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0, default=None
    )
    return newest.parent if newest else None


class PostgresServer:
    """A throwaway PostgreSQL cluster listening on 127.0.0.1; trust auth as user `postgres`."""

    def __init__(
        self, bindir: Path, base: Path, port: int, settings: Mapping[str, str] | None = None
    ) -> None:
        self.bindir = bindir
        self.extra_settings = dict(settings or {})  # postgresql.conf's, beside the defaults
        self.base = base
        self.port = port
        self.datadir = base / "data"
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)

    def conninfo(self, dbname: str = "postgres") -> str:
        """Return a libpq connection string for psycopg.connect()."""
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}"

    def url(self, dbname: str) -> str:
        """Return the SQLAlchemy URL of database `dbname`."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str | None = None) -> str:
        """Create a fresh empty database and return its SQLAlchemy URL."""
        name = name or f"test_{next(self._names)}"
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:  # PostgreSQL refuses to run as root.
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, cwd=self.base, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}{done.stderr}{tail}")

    def start(self) -> None:
        """Create the cluster and start the server, waiting until it accepts connections."""
        self.datadir.mkdir()
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            for path in (self.base, self.datadir):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions",
        )
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.base}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            **self.extra_settings,
        }
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self._run(
            "pg_ctl",
            "start",
            "-D",
            str(self.datadir),
            "-l",
            str(self.base / "server.log"),
            "-w",
            "-t",
            "60",
        )

    def stop(self) -> None:
        """Stop the server at once (its data is thrown away anyway)."""
        self._run("pg_ctl", "stop", "-D", str(self.datadir), "-m", "immediate", "-w")


def _unavailable(reason: str) -> NoReturn:
    """Fail under CI, where PostgreSQL must be there; skip on a developer machine without it."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL: {reason}")


@contextmanager
def running_postgres(settings: Mapping[str, str] | None = None) -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL server, yield it, then stop it and delete its files;
    `settings`: more of postgresql.conf (a benchmark's shared_preload_libraries)."""
    bindir = find_pg_bindir()
    if bindir is None:
        _unavailable(f"initdb/pg_ctl not in PATH nor /usr/lib/postgresql/*/bin; {INSTALL_HINT}")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            _unavailable("running as root needs `runuser` (package util-linux)")
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root needs a `postgres` user: useradd --system postgres")
    base = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
    server = PostgresServer(bindir, base, free_port(), settings)
    try:
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole session; call create_database() for a fresh database."""
    with running_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The SQLAlchemy URL of a fresh empty database for this test."""
    return postgres_server.create_database()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the server `postgres`, so `-m "not postgres"` leaves them out."""
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
