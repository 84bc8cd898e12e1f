"""Opening the cache: the SQLite engine with its durability PRAGMAs, migrations and sessions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from fieldapp.paths import AppPaths
from fieldapp.store.errors import DiskFullError, ReadOnlyStorageError, is_disk_full, is_read_only
from fieldapp.store.models import dumps_json

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
# Execution option naming a read-only unit of work, which may begin a deferred transaction.
_READ_ONLY = "fieldapp_read_only"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # isolation_level=None: the sqlite3 module stops issuing BEGIN itself; _on_begin does it,
    # so every unit of work is a real transaction, SELECTs included (SQLAlchemy docs,
    # "Enabling Non-Legacy SQLite Transactional Modes").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN: a deferred transaction that reads, then writes
    # after another connection committed, fails at once with SQLITE_BUSY (the busy timeout
    # does not apply to that upgrade). Read-only units of work stay deferred so WAL lets them
    # run alongside a writer.
    if connection.get_execution_options().get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN DEFERRED")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_error(context: ExceptionContext) -> BaseException | None:
    # A full disk is the technician's to fix, not a bug: say so in their words (the
    # transaction is rolled back; nothing committed before is touched).
    if is_disk_full(context.original_exception):
        return DiskFullError()
    folder = Path(context.engine.url.database or ".").parent if context.engine else None
    if is_read_only(context.original_exception, folder):
        return ReadOnlyStorageError(folder)
    return None


def create_cache_engine(db_path: Path) -> Engine:
    """An engine on the cache file with WAL, synchronous=FULL, foreign keys and a busy timeout."""
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False},
        json_serializer=dumps_json,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "handle_error", _on_error)
    return engine


def migrate(connection: Connection) -> None:
    """Bring the cache schema on `connection` to the newest revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


@dataclass(eq=False)
class Store:
    """The open cache. Use one session per unit of work and per thread.

    Writers: ``with store.session() as s, s.begin(): ...``.
    Readers (UI queries): ``with store.read_session() as s: ...``.
    """

    engine: Engine
    db_path: Path
    paths: AppPaths | None = None

    def __post_init__(self) -> None:
        self._writers = sessionmaker(self.engine, expire_on_commit=False)
        reader_engine = self.engine.execution_options(**{_READ_ONLY: True})
        self._readers = sessionmaker(reader_engine, expire_on_commit=False)

    @property
    def attachments_dir(self) -> Path:
        """Where attachment files live: the app's attachments directory, else beside the file."""
        return self.paths.attachments_dir if self.paths else self.db_path.parent / "attachments"

    def session(self) -> Session:
        """A session whose transactions take the write lock when they begin."""
        return self._writers()

    def read_session(self) -> Session:
        """A session for reads only: its transactions do not block a concurrent writer."""
        return self._readers()

    def dispose(self) -> None:
        """Close every pooled connection (call when the app or the test is done)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()


def open_store(target: AppPaths | Path | str) -> Store:
    """Open (creating if needed) the cache at `target` and apply pending migrations.

    Args:
        target: the app's paths (the cache file and attachments directory are created), or
            the path of a cache file.
    """
    paths: AppPaths | None = None
    if isinstance(target, AppPaths):
        try:
            paths = target.ensure()
        except OSError as error:
            if is_read_only(error):
                raise ReadOnlyStorageError(target.data_dir) from error
            raise
        db_path = paths.cache_db
    else:
        db_path = Path(target)
        db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_cache_engine(db_path)
    try:
        with engine.begin() as connection:
            migrate(connection)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, db_path, paths)
