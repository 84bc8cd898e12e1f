"""An initial sync into an empty cache: the visits' folds kept in memory, one index built last.

On an empty cache every event of the feed is the server's and every visit's history is what
the pull itself has written, so applying a page needs nothing read back: the pull keeps each
visit's status and events in memory (`InitialLoad`) and folds them from there; the pull
takes several pages in before it writes them (`feed.take_loaded_page`, `feed.write_loaded`:
sync/pull_load.py), each visit's row once. Then nothing reads the events by visit while the
round comes in, and their index by visit
(`LOAD_INDEX`, keyed by random UUIDs: a random B-tree insert per event) is dropped in the
pull's first transaction and created once, sorted, in its last (CREATE INDEX).

Crash safety: the first transaction notes the index's SQL under `LOADING` in the meta
table, in the same transaction as the DROP, so the cache never lacks it without saying so.
Whoever finds the note creates the index again (`finish_load`): the pull's last transaction,
the pull itself when it stops early or meets anything but visits and events (a tombstone,
a local event recorded meanwhile), or the next opening of the cache (`repair_load`, before
the migrations). Meanwhile every committed page is whole: its rows, derived columns and
cursor; the next sync goes on from there the usual way, reading back what it needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from fieldapp.protocol.feed import FeedEvent, FeedVisit

log = logging.getLogger(__name__)

LOADING = "initial_load"  # meta key: the SQL of the index dropped for the load
LOAD_INDEX = "ix_events_visit_order"


@dataclass(slots=True)
class InitialLoad:
    """What the pull has taken into the empty cache so far: every visit's status and every
    event, by visit (all the server's, so their order is their server_seq), and what of it
    is not written yet (`feed.write_loaded` writes it, each visit's row once)."""

    statuses: dict[str, str] = field(default_factory=dict)
    events: dict[str, dict[str, FeedEvent]] = field(default_factory=dict)
    event_count: int = 0
    # Not written yet: the visits' rows (the latest of each), stand-ins for visits known
    # only by their events, the events in feed order, the visits whose events came.
    unwritten: dict[str, FeedVisit] = field(default_factory=dict)
    stubs: set[str] = field(default_factory=set)
    due: list[FeedEvent] = field(default_factory=list)
    rederive: set[str] = field(default_factory=set)
    written: tuple[int, int] = (0, 0)  # the visits and events written so far

    @property
    def pending(self) -> bool:
        """Whether anything taken in is not written yet."""
        return bool(self.unwritten or self.stubs or self.due or self.rederive)


def start_load(session: Session, load: InitialLoad | None = None) -> InitialLoad | None:
    """In the caller's transaction: if the cache holds no visit and no event, drop the
    events' index by visit, noting its SQL, and return the load's state (`load`, or a new
    one); else None."""
    connection = session.connection()
    found = connection.exec_driver_sql(
        "SELECT EXISTS (SELECT 1 FROM visits) OR EXISTS (SELECT 1 FROM events), "
        "(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?), "
        "EXISTS (SELECT 1 FROM meta WHERE key = ?)",
        (LOAD_INDEX, LOADING),
    ).one()
    busy, sql, noted = found
    if busy or sql is None or noted:
        return None
    connection.exec_driver_sql("INSERT INTO meta (key, value) VALUES (?, ?)", (LOADING, sql))
    connection.exec_driver_sql(f"DROP INDEX {LOAD_INDEX}")
    return InitialLoad() if load is None else load


def still_alone(session: Session, load: InitialLoad) -> bool:
    """Whether the cache still holds only what the load wrote: a visit or event written
    beside the pull (an event recorded between its transactions) ends the load."""
    visits, events = (
        session.connection()
        .exec_driver_sql(
            "SELECT (SELECT count(*) FROM visits), (SELECT coalesce(max(rowid), 0) FROM events)"
        )
        .one()
    )
    return (visits, events) == load.written


def finish_load(session: Session) -> bool:
    """In the caller's transaction: create the index a load dropped; True if there was one."""
    return _finish(session.connection())


def repair_load(connection: Connection) -> None:
    """Finish a load a killed process left (run as the cache opens)."""
    if _finish(connection):
        log.warning("built the events' index an interrupted initial sync had left out")


def _finish(connection: Connection) -> bool:
    sql = connection.execute(
        text("SELECT value FROM meta WHERE key = :key"), {"key": LOADING}
    ).scalar()
    if sql is None:
        return False
    present = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :name"),
        {"name": LOAD_INDEX},
    ).scalar()
    if present is None:
        connection.exec_driver_sql(sql)
    connection.execute(text("DELETE FROM meta WHERE key = :key"), {"key": LOADING})
    return True
