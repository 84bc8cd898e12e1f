"""Opening the cache: the SQLite engine with its durability PRAGMAs, migrations and sessions."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection, ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from fieldapp.domain import EventType, Step
from fieldapp.paths import AppPaths
from fieldapp.protocol import Level, Priority, VisitOrigin, VisitStatus
from fieldapp.store.cipher import FileSealer, encrypt_plain_cache, is_plain_sqlite, sqlcipher_url
from fieldapp.store.errors import DiskFullError, ReadOnlyStorageError, is_disk_full, is_read_only
from fieldapp.store.feed_load import repair_load
from fieldapp.store.files import FILE_MODE, AttachmentFiles, opened_copies_dir
from fieldapp.store.models import dumps_json

# SQLCipher's build of SQLite (no type stubs: used through ModuleType), loaded once.
SQLCIPHER = import_module("sqlcipher3")


def _as_null(value: None) -> None:
    return value


# The driver binds an exact int, float, str or bytes at once; for any other value it first
# looks for an adapter, and finding none costs about 1 us a value. The initial sync of
# 10,000 visits binds some 300,000 Nones and 70,000 bools and enum members (a third of a
# second of CPU). An adapter for each (None stays None, bound as NULL; a bool becomes the
# int the driver would store; an enum member its text) makes that one dict lookup.
# Process-wide: every connection of the driver stores the same values as before.
SQLCIPHER.register_adapter(type(None), _as_null)
SQLCIPHER.register_adapter(bool, int)
for _text_enum in (EventType, Step, Priority, Level, VisitStatus, VisitOrigin):
    SQLCIPHER.register_adapter(_text_enum, str)
if TYPE_CHECKING:
    from fieldapp.store.rescue import Rescue

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
# Execution option naming a read-only unit of work, which may begin a deferred transaction.
_READ_ONLY = "fieldapp_read_only"
# Execution option naming a unit of work the server can send again (a page of the feed).
_REFETCHABLE = "fieldapp_refetchable"
_UNCHECKED = "fieldapp_unchecked"  # its foreign keys' checks are off (switch_foreign_keys)
# SQLite's page cache (in KiB, as a negative cache_size) while applying pages of the feed,
# and for every other unit of work. A page of the feed updates indexes keyed by random
# UUIDs all over the file: with the default 2 MB their pages were written out to the WAL
# and read back (decrypted) within a single transaction. The connection goes back to the
# default as it returns to the pool, so the round's readers keep their memory small.
FEED_CACHE_KIB = 32_768
DEFAULT_CACHE_KIB = 2_000
# The driver's cache of compiled statements per connection (100 unless told). Once full, a
# statement compiled since is evicted by the next one not cached, whatever its use: a first
# sync's connection has run some 90 (the migrations, the login) when the pull begins, and
# the load's 200-row INSERTs, run a dozen times each, were compiled again every time.
CACHED_STATEMENTS = 512


def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # isolation_level=None: the sqlite3 module stops issuing BEGIN itself; _on_begin does it,
    # so every unit of work is a real transaction, SELECTs included (SQLAlchemy docs,
    # "Enabling Non-Legacy SQLite Transactional Modes").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher writes its own log lines to stderr (a wrong key, a damaged page): the
        # error raised says it, in the app's words.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Sorts and temporary tables stay in memory: SQLite writes no plain temp files.
        cursor.execute("PRAGMA temp_store = MEMORY")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN: a deferred transaction that reads, then writes
    # after another connection committed, fails at once with SQLITE_BUSY (the busy timeout
    # does not apply to that upgrade). Read-only units of work stay deferred so WAL lets them
    # run alongside a writer.
    options = connection.get_execution_options()
    if options.get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN DEFERRED")
        return
    if options.get(_REFETCHABLE):
        # SQLite refuses to change the safety level inside a transaction: before BEGIN, and
        # back to FULL when the connection returns to the pool (_on_checkin).
        connection.exec_driver_sql("PRAGMA synchronous = NORMAL")
        connection.exec_driver_sql(f"PRAGMA cache_size = -{FEED_CACHE_KIB}")
        connection.connection.info[_REFETCHABLE] = True
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_checkin(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    if record.info.pop(_REFETCHABLE, False):
        dbapi_connection.execute("PRAGMA synchronous = FULL")
        dbapi_connection.execute(f"PRAGMA cache_size = -{DEFAULT_CACHE_KIB}")
    if record.info.pop(_UNCHECKED, False):  # whatever stopped the one who switched them off
        dbapi_connection.execute("PRAGMA foreign_keys = ON")


def switch_foreign_keys(session: Session, *, on: bool) -> bool:
    """Between two transactions, switch the foreign keys' checks of the connection `session`
    is bound to (a Store.refetchable_sessions one): SQLite ignores the switch inside a
    transaction. False: left as they are (a session on the engine, or in a transaction). A
    connection goes back to the pool with them on, whatever happened (_on_checkin).

    Only for writes whose every reference is known to hold: an initial load's first
    transaction writes a stand-in for every visit an event names before the event
    (store/feed_load.py). With the checks on, SQLite keeps a statement journal for each of
    its 200-row statements, in case one must be undone: a copy of every page each touches."""
    bind = session.get_bind()
    if not isinstance(bind, Connection) or bind.in_transaction():
        return False
    pooled = bind.connection
    if pooled.dbapi_connection is None:
        return False
    pooled.dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    if on:
        pooled.info.pop(_UNCHECKED, None)
    else:
        pooled.info[_UNCHECKED] = True
    return True


def _on_error(context: ExceptionContext) -> BaseException | None:
    # A full disk is the technician's to fix, not a bug: say so in their words (the
    # transaction is rolled back; nothing committed before is touched).
    database = context.engine.url.database if context.engine is not None else None
    where = Path(database).parent if database else None
    if is_disk_full(context.original_exception, where):
        return DiskFullError()
    if is_read_only(context.original_exception, where):
        return ReadOnlyStorageError(where)
    return None


class CacheErased(RuntimeError):
    """The cache was closed for good (its user logged out)."""


def _refuse_erased(*_args: object) -> None:
    raise CacheErased("this cache was erased when its user logged out")


def create_cache_engine(db_path: Path, key: bytes | None = None) -> Engine:
    """An engine on the cache file with WAL, synchronous=FULL, foreign keys and a busy timeout.

    Args:
        key: the cache's 256-bit SQLCipher key; None opens a plain file (tests and tools).
    """
    # The same driver (SQLCipher's build of SQLite) either way, so errors look alike.
    url: URL | str = sqlcipher_url(db_path, key) if key else f"sqlite:///{db_path}"
    engine = create_engine(
        url,
        module=SQLCIPHER,
        # The pysqlcipher dialect defaults to one connection per thread; the cache's
        # readers and writers share a pool, as with plain SQLite.
        poolclass=QueuePool,
        connect_args={"check_same_thread": False, "cached_statements": CACHED_STATEMENTS},
        json_serializer=dumps_json,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "checkin", _on_checkin)
    event.listen(engine, "handle_error", _on_error)
    return engine


_REVISION = re.compile(r"^(down_)?revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


@functools.cache
def head_revision() -> str:
    """The newest cache schema revision, read from the migration files themselves: the one
    revision no other revision follows."""
    revisions: list[str] = []
    followed: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"):
        for down, revision in _REVISION.findall(path.read_text(encoding="utf-8")):
            if down:
                followed.add(revision)
            else:
                revisions.append(revision)
    if len(set(revisions)) != len(revisions):
        raise RuntimeError(f"two cache migrations share a revision id: {sorted(revisions)}")
    heads = set(revisions) - followed
    if len(heads) != 1:
        raise RuntimeError(f"the cache migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def schema_revision(connection: Connection) -> str | None:
    """The revision the cache on `connection` is at (None: a new cache)."""
    try:
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except OperationalError as error:
        if "no such table" in str(error.orig):
            return None
        raise


def migrate(connection: Connection) -> None:
    """Bring the cache schema on `connection` to the newest revision.

    A cache already at it (every start but the first after an update) is left alone
    without loading Alembic, which costs a sixth of the app's start."""
    revision = schema_revision(connection)
    if revision is not None:
        # An initial sync killed mid-way left out an index (store/feed_load.py); the
        # migrations expect the schema they made.
        repair_load(connection)
    if revision == head_revision():
        return
    from alembic import command
    from alembic.config import Config

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
    sealer: FileSealer | None = None
    # What was saved from a damaged cache when this one was started afresh (rescue.py).
    rescue: Rescue | None = None

    def __post_init__(self) -> None:
        self._writers = sessionmaker(self.engine, expire_on_commit=False)
        reader_engine = self.engine.execution_options(**{_READ_ONLY: True})
        self._readers = sessionmaker(reader_engine, expire_on_commit=False)
        self._refetchable_engine = self.engine.execution_options(**{_REFETCHABLE: True})
        self._refetchables = sessionmaker(self._refetchable_engine, expire_on_commit=False)

    @property
    def attachments_dir(self) -> Path:
        """Where attachment files live: the app's attachments directory, else beside the file."""
        return self.paths.attachments_dir if self.paths else self.db_path.parent / "attachments"

    @property
    def files(self) -> AttachmentFiles:
        """The attachment files, sealed with the cache's key when it has one."""
        return AttachmentFiles(self.attachments_dir, self.sealer)

    @property
    def opened_dir(self) -> Path:
        """Where plain copies made to open a file in another program go (files.py)."""
        return opened_copies_dir(self.paths.data_dir if self.paths else None, self.attachments_dir)

    @property
    def encrypted(self) -> bool:
        return self.sealer is not None

    def session(self) -> Session:
        """A session whose transactions take the write lock when they begin."""
        return self._writers()

    def refetchable_session(self) -> Session:
        """A writer session for what the server can send again (a page of the change feed):
        its commits skip the fsync (WAL with synchronous=NORMAL). A power cut may take back
        the last such commits, never corrupt the cache; each page's cursor goes back with
        it, so the next sync fetches it again, and the next FULL commit (any recorded event)
        makes everything before it durable too. An initial sync spent a third of its time
        in per-page fsyncs."""
        return self._refetchables()

    @contextmanager
    def refetchable_sessions(self) -> Iterator[sessionmaker[Session]]:
        """Refetchable sessions (as `refetchable_session`) all on one connection, held until
        the block ends: for the pull's run of transactions. A connection returning to the
        pool gives back its large page cache (FEED_CACHE_KIB), and the next transaction read
        back and decrypted the index pages it had just written; held, the pages stay. Use
        one session per transaction, from one thread."""
        with self._refetchable_engine.connect() as connection:
            yield sessionmaker(connection, expire_on_commit=False)

    def read_session(self) -> Session:
        """A session for reads only: its transactions do not block a concurrent writer."""
        return self._readers()

    def dispose(self) -> None:
        """Close every pooled connection (call when the app or the test is done)."""
        self.engine.dispose()

    def close_for_good(self) -> None:
        """Close it and refuse any later connection (before its files are erased): a
        straggling reader must fail, not create an empty cache where the erased one was."""
        event.listen(self.engine, "do_connect", _refuse_erased)
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()


def ensure_folders(paths: AppPaths) -> AppPaths:
    """Create the app's data folders (private to the user) and return `paths`.

    Raises:
        ReadOnlyStorageError: the data folder cannot be written.
        DiskFullError: no room for them.
    """
    try:
        return paths.ensure()
    except OSError as error:
        if is_read_only(error):
            raise ReadOnlyStorageError(paths.data_dir) from error
        if is_disk_full(error):
            raise DiskFullError() from error
        raise


def open_store(target: AppPaths | Path | str, key: bytes | None = None) -> Store:
    """Open (creating if needed) the cache at `target` and apply pending migrations.

    With a key, a cache still plain (kept before encryption) is encrypted first, every
    row kept, and its plain attachment files are sealed.

    Args:
        target: the app's paths (the cache file and attachments directory are created), or
            the path of a cache file.
        key: the cache's 256-bit key (the app's is in the keyring: fieldapp.sync.vault);
            None keeps a plain cache, for tests and tools only.
    """
    paths: AppPaths | None = None
    if isinstance(target, AppPaths):
        paths = ensure_folders(target)
        db_path = paths.cache_db
    else:
        db_path = Path(target)
        db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not db_path.exists():  # created private, before SQLite creates it 0644
            os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        if key is not None and is_plain_sqlite(db_path):
            encrypt_plain_cache(db_path, key)
    except Exception as error:  # the driver's or the OS's: both say a full disk
        if is_disk_full(error, db_path.parent):
            raise DiskFullError() from error
        if is_read_only(error, db_path.parent):
            raise ReadOnlyStorageError(db_path.parent) from error
        if isinstance(error, SQLCIPHER.DatabaseError):  # a damaged plain cache
            raise DatabaseError("sqlcipher_export", None, error) from error
        raise
    engine = create_cache_engine(db_path, key)
    try:
        with engine.begin() as connection:
            migrate(connection)
        _make_private(db_path)
    except OSError as error:
        engine.dispose()
        if is_read_only(error, db_path.parent):
            raise ReadOnlyStorageError(db_path.parent) from error
        raise
    except BaseException:
        engine.dispose()
        raise
    store = Store(engine, db_path, paths, FileSealer(key) if key else None)
    store.files.seal_plain_files()
    return store


def _make_private(db_path: Path) -> None:
    """The cache and its WAL files: readable by the user alone (SQLite creates them 0644)."""
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
        if path.exists():
            path.chmod(FILE_MODE)
