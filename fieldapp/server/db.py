"""Engine and session factories: SQLite tuned for concurrent writers; PostgreSQL via psycopg."""

from __future__ import annotations

import json
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, Executable, Result, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.domain.events import UNSTORABLE
from fieldapp.server.driver import driver_cursor
from fieldapp.server.writer_queue import WriterQueue

# Execution option that marks a transaction as one that will write: on SQLite it begins with
# BEGIN IMMEDIATE, taking the write lock up front, so two writers queue on busy_timeout
# instead of both reading and then failing to upgrade their lock (SQLITE_BUSY, no retry).
WRITE_OPTION = "fieldapp_write"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Each SQLite engine's queue of writers (the engine lives as long as its app).
_WRITERS: weakref.WeakKeyDictionary[Engine, WriterQueue] = weakref.WeakKeyDictionary()


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item) for item in value]
    return value


def might_hold_surrogates(text: str) -> bool:
    """True if stored JSON text has a \\uD800-\\uDFFF escape (a pair, or a lone one)."""
    return "\\ud" in text or "\\uD" in text


def load_stored_json(text: str) -> Any:
    """Stored JSON text as Python values, each lone surrogate replaced by U+FFFD.

    SQLite's JSON column is text, so an event accepted before lone surrogates were refused
    may still hold one ("\\ud800"): it would fail to encode in every answer that includes
    it. Writes refuse them now; this keeps such old rows readable.
    """
    if might_hold_surrogates(text):
        return _scrubbed(json.loads(text))
    try:
        return orjson.loads(text)  # a few times json's speed: every push reads its histories
    except orjson.JSONDecodeError:  # what only json reads (NaN, integers past 64 bits)
        return json.loads(text)


def make_engine(url: str) -> Engine:
    """Create an engine for `url` (sqlite:/// file or postgresql+psycopg://).

    For a SQLite file, its directory is created (private to the user) if missing.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database not in (None, "", ":memory:"):
            directory = Path(parsed.database).expanduser().parent
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        json_deserializer=load_stored_json,
        pool_size=10,
        max_overflow=20,
    )

    # The pysqlite recipe (SQLAlchemy docs, "Transactions with SQLite and the sqlite3
    # driver"): stop the driver from emitting its own BEGIN, and emit ours.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    _WRITERS[engine] = WriterQueue()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        # On the driver's cursor: Core's execution of one word cost a tenth of a feed
        # request's own work (every transaction begins here).
        sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        # A "database is locked" past the busy timeout comes out as Core's OperationalError.
        with driver_cursor(connection, sql, ()) as cursor:
            cursor.execute(sql)

    return engine


def run(
    session: Session, statement: Executable, parameters: Any = None
) -> Result[*tuple[Any, ...]]:
    """Execute a Core statement on the session's connection, in its transaction.

    For the hot paths (a push runs about twenty statements): `session.execute` puts each
    through the ORM (compile state, bulk persistence, result loading), 0.2-0.5 ms a
    statement against ~0.05 ms here for a statement built once at import. Like
    session.execute, pending ORM objects are flushed first. Dict rows of an executemany
    must all have the same keys.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection().execute(statement, parameters)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (answers are built after it)."""
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """Begin a transaction that will write; commit on success, roll back on any exception.

    Use instead of `session.begin()` whenever the block may write: on SQLite the write lock
    is taken at BEGIN. On PostgreSQL it is an ordinary transaction.
    """
    bind = session.get_bind()
    writers = _WRITERS.get(bind.engine if isinstance(bind, Connection) else bind)
    if writers is None:
        with session.begin():
            session.connection(execution_options={WRITE_OPTION: True})
            yield session
        return
    # SQLite: this process's writers take their turns in arrival order (writer_queue.py).
    writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        with session.begin():
            session.connection(execution_options={WRITE_OPTION: True})
            yield session
    finally:
        writers.release()


def on_postgresql(session: Session) -> bool:
    """Whether the session's database is PostgreSQL (else SQLite)."""
    return session.get_bind().dialect.name == "postgresql"


@contextmanager
def read_after_write(session: Session) -> Iterator[Session]:
    """Reads that follow a write transaction of the session's: on SQLite a read transaction
    (its statements read one snapshot); on PostgreSQL, where the session must be bound to a
    Connection, none: under READ COMMITTED every statement of a transaction takes a
    snapshot of its own anyway, so BEGIN and COMMIT would be two round trips for nothing.
    Each statement then sees every change committed before it, in sequence order
    (feed.py), as inside a transaction."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        with session.begin():
            yield session
        return
    if not isinstance(bind, Connection):
        raise TypeError("reads without a transaction need a session bound to a Connection")
    # The pool sets the connection back to its isolation level when it is returned.
    bind.execution_options(isolation_level="AUTOCOMMIT")
    with session.begin():  # no BEGIN is sent: the driver is in autocommit
        yield session


async def get_session(request: Request) -> AsyncIterator[Session]:
    """FastAPI dependency: one Session per request; the endpoint opens its transactions.

    Async, though the session is used from the endpoint's worker thread: making and closing
    a session does no I/O (the endpoints' transactions have returned their connection by
    then), and FastAPI runs a sync generator's entry and exit each in the thread pool: two
    thread hand-offs per request for nothing.
    """
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    with factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
