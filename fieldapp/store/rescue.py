"""A damaged cache: tell it from a healthy one, put it aside untouched, and copy what can
still be read (the unsynced work first) into a fresh cache."""

from __future__ import annotations

import contextlib
import logging
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, inspect, select, text
from sqlalchemy.orm import Session

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.cipher import is_plain_sqlite
from fieldapp.store.db import Store
from fieldapp.store.derive import refresh_visits
from fieldapp.store.feed_rows import insert_stub_visits
from fieldapp.store.meta import CURSOR, LAST_SYNC_AT
from fieldapp.store.models import EventRow, MetaRow, OutboxRow, Visit

log = logging.getLogger(__name__)

# The unsynced work first (the outbox and the events it names), then what helps to carry
# on (the account, the files' rows, the drafts); the visits come back with a full download.
RESCUE_ORDER = ("events", "outbox", "meta", "attachments", "drafts", "visits")
# What each table holds, in words (translated where shown, context "CacheError").
TABLE_WORDS = {
    "events": QT_TRANSLATE_NOOP("CacheError", "recorded events"),
    "outbox": QT_TRANSLATE_NOOP("CacheError", "the events waiting to be sent"),
    "meta": QT_TRANSLATE_NOOP("CacheError", "the account details"),
    "attachments": QT_TRANSLATE_NOOP("CacheError", "the list of files"),
    "drafts": QT_TRANSLATE_NOOP("CacheError", "drafts"),
    "visits": QT_TRANSLATE_NOOP("CacheError", "visits"),
}
_WAL_SUFFIXES = ("-wal", "-shm", "-journal")


class CacheDamaged(Exception):
    """The cache file cannot be read as a database; `message` says so in a sentence."""

    def __init__(self, db_path: Path, reason: str) -> None:
        self.message = (
            f"This laptop's cache ({db_path}) is damaged ({reason}), so FieldApp cannot "
            "read it. Nothing has been changed or sent yet."
        )
        super().__init__(self.message)
        self.db_path = db_path
        self.reason = reason


@dataclass(slots=True)
class Rescue:
    """What was saved from a damaged cache.

    Attributes:
        kept_at: where the damaged file now lies, untouched.
        rows: rows copied per table; lost: tables (or their ends) that could not be read.
        pending: unsynced events saved (they are in the outbox of the new cache).
    """

    kept_at: Path
    rows: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    pending: int = 0

    def sentence(self) -> str:
        saved = (
            f"{self.pending} unsynced event(s) were saved and will be sent at the next sync"
            if self.pending
            else "no unsynced work could be read from it"
        )
        words = ", ".join(TABLE_WORDS.get(table, table) for table in self.lost)
        lost = f" (some could not be read: {words})" if self.lost else ""
        return (
            f"The damaged cache was kept aside as {self.kept_at}; a new cache was started: "
            f"{saved}{lost}. The next sync downloads your round again."
        )


def describe_damage(error: BaseException) -> str:
    """The words for why SQLite could not read the file (not a database, cut short...)."""
    words = str(getattr(error, "orig", None) or error).lower()
    if "not a database" in words:
        return QT_TRANSLATE_NOOP(
            "CacheError", "it is not a database, or not one this laptop's key opens"
        )
    if "malformed" in words or "corrupt" in words:
        return QT_TRANSLATE_NOOP("CacheError", "its contents are malformed")
    if "disk i/o" in words or "short read" in words:
        return QT_TRANSLATE_NOOP("CacheError", "it is cut short")
    return words.strip() or type(error).__name__


def check_readable(connection: Connection) -> None:
    """Read what a start needs (the schema, the outbox, the newest local event), so damage
    there shows at start, not mid-visit. A file cut short fails at its first read (its
    header counts more pages than there are); noise or a zeroed header fails on page 1.
    Not PRAGMA quick_check: it reads every page, 1.4-1.9 s on a 100,000-visit cache.

    Raises:
        sqlalchemy.exc.DatabaseError: the file is not a database or is malformed.
    """
    for sql in (
        "SELECT count(*) FROM sqlite_master",
        "SELECT count(*) FROM outbox",
        "SELECT max(local_seq) FROM events WHERE local_seq IS NOT NULL",
    ):
        connection.exec_driver_sql(sql).scalar()


def put_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename the damaged cache (and its WAL files) beside it; never overwrite anything."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    number = 1
    while any(kept.with_name(kept.name + s).exists() for s in ("", *_WAL_SUFFIXES)):
        number += 1
        kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{number}")
    db_path.rename(kept)
    for suffix in _WAL_SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + suffix).rename(kept.with_name(kept.name + suffix))
    return kept


def _read_rows(damaged: Any, table: str) -> tuple[list[str], list[tuple[Any, ...]], bool]:
    """The rows of `table` that can be read, in order, and whether all of them could."""
    try:
        cursor = damaged.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cursor.description]
    except Exception:  # the table's pages cannot be read at all
        return [], [], False
    rows: list[tuple[Any, ...]] = []
    while True:
        try:
            row = cursor.fetchone()
        except Exception:  # a damaged page: the rows before it are kept
            return columns, rows, False
        if row is None:
            return columns, rows, True
        rows.append(tuple(row))


def rescue_into(store: Store, damaged_path: Path, key: bytes | None) -> Rescue:
    """Copy what can be read of the damaged cache at `damaged_path` into the new `store`.

    The sync cursor is not copied, so the next sync downloads the round again (the visits
    may be among what was lost); unsynced events go back to the outbox.
    """
    rescue = Rescue(kept_at=damaged_path)
    with store.engine.connect() as connection:
        known = {t: {c["name"] for c in inspect(connection).get_columns(t)} for t in RESCUE_ORDER}
    # Read from a copy: SQLite may write to a file it opens (its WAL, its -shm), and the
    # damaged file stays exactly as it was found.
    copy = damaged_path.with_name(f".{damaged_path.name}.{uuid.uuid4().hex}.reading")
    shutil.copyfile(damaged_path, copy)
    wal = damaged_path.with_name(damaged_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    damaged = import_module("sqlcipher3").connect(str(copy))
    try:
        damaged.execute("PRAGMA cipher_log_level = NONE")
        if key is not None and not is_plain_sqlite(damaged_path):
            damaged.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # A file cut short is otherwise refused whole (its header counts more pages than
        # there are); with this, the pages still there can be read (SQLite's lockBtree).
        damaged.execute("PRAGMA writable_schema = ON")
        with store.session() as session, session.begin():
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
            for table in RESCUE_ORDER:
                columns, rows, whole = _read_rows(damaged, table)
                if not whole:
                    rescue.lost.append(table)
                names = [c for c in columns if c in known[table]]
                rescue.rows[table] = len(rows)
                if not rows or not names:
                    continue
                picked = [columns.index(n) for n in names]
                statement = text(
                    f'INSERT OR IGNORE INTO "{table}" ({", ".join(names)}) '
                    f"VALUES ({', '.join(':' + n for n in names)})"
                )
                values = [dict(zip(names, (r[i] for i in picked), strict=True)) for r in rows]
                session.execute(statement, values)
            rescue.pending = _settle(session)
    finally:
        damaged.close()
        for leftover in (copy, *(copy.with_name(copy.name + s) for s in _WAL_SUFFIXES)):
            leftover.unlink(missing_ok=True)
    log.warning("cache rescued: %s rows, unreadable: %s", rescue.rows, rescue.lost or "none")
    return rescue


def _settle(session: Session) -> int:
    """Make the rescued rows whole: every unsynced event in the outbox, no outbox row without
    its event, a stand-in for each visit known only by its events (the full download fills
    it), the visits' counts derived again. Returns the events waiting in the outbox."""
    session.execute(text("DELETE FROM outbox WHERE event_id NOT IN (SELECT id FROM events)"))
    session.execute(
        text(
            "INSERT OR IGNORE INTO outbox (event_id, attempts) SELECT id, 0 FROM events "
            "WHERE sync_state = 'pending'"
        )
    )
    session.execute(delete(MetaRow).where(MetaRow.key.in_([CURSOR, LAST_SYNC_AT])))
    orphans = session.scalars(
        select(EventRow.visit_id).distinct().where(EventRow.visit_id.not_in(select(Visit.id)))
    ).all()
    insert_stub_visits(session, orphans)
    refresh_visits(session, list(session.scalars(select(EventRow.visit_id).distinct())))
    return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)
