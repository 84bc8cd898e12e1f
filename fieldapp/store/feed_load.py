"""An initial sync into an empty cache: the visits' folds kept in memory, indexes built last.

On an empty cache every event of the feed is the server's and every visit's history is what
the pull itself has written, so applying a page needs nothing read back: the pull keeps each
visit's status and events in memory (`InitialLoad`) and folds them from there; the pull
takes several pages in before it writes them (`feed.take_loaded_page`, `feed.write_loaded`:
sync/pull_load.py), each visit's row once but for a round's first pages, of visits alone.
Then nothing reads the events by visit while the round comes in, and their index by visit
(`LOAD_INDEX`, keyed by random UUIDs: a random B-tree insert per event) is dropped in the
pull's first transaction and created once, sorted, in its last (CREATE INDEX).

The load's first transaction also leaves out, while it writes, the visits' own indexes and
the triggers that keep their search index (migration 0003), and builds them before it
commits (`build_deferred`, called by `feed.write_loaded`): the cache was empty when it
began, so an index created after its rows and the search index made from them at once
(FTS5's 'rebuild') are what writing them row by row makes, at a fraction of the cost (each
row's entries went into three indexes and, through a trigger, the search index's pending
terms, written out and merged statement after statement). The visits written while the
laptop waits for the server's next page go into the search index as they come, with the
same large hash (`index_written`), so that less is left for the end. The DROPs are in the
same transaction as the rows: no other connection, nor the file after a crash, ever sees
the cache without them.

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
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from fieldapp.protocol.feed import FeedEvent, FeedVisit
from fieldapp.store.search import FTS_TABLE, FTS_TRIGGERS, SEARCHED

log = logging.getLogger(__name__)

# FTS5 writes the terms it has indexed out as a new segment each time they pass its
# `hashsize`, 1 MB by default, and merges the segments: the 10,000 visits of a first
# transaction made some ten. Their rebuild keeps up to REBUILD_HASH_BYTES and writes one
# (1.7% of that transaction's instructions), then the default is set back.
REBUILD_HASH_BYTES = 16 * 1024 * 1024
FTS5_HASH_BYTES = 1024 * 1024

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
    # An event not written yet came before in this load (sent twice): the next write
    # upserts the events, where it otherwise only inserts new ones (feed_rows.upsert_events).
    resent: bool = False
    # The SQL of what the open transaction left out, to create before it commits.
    deferred: list[str] = field(default_factory=list)
    # While the search index's triggers are left out: the visits in it (`index_written`),
    # the highest rowid among them, and whether a row was written again since it went in.
    searchable: set[str] = field(default_factory=set)
    searchable_rowid: int = 0
    search_stale: bool = False

    @property
    def pending(self) -> bool:
        """Whether anything taken in is not written yet."""
        return bool(self.unwritten or self.stubs or self.due or self.rederive)

    def release(self) -> tuple[dict[str, str], dict[str, dict[str, FeedEvent]], set[str]]:
        """Hand over what the load holds in memory (every event of the round, by visit),
        for the caller to empty: the load is over and written (pull_load.TakenPages.commit)."""
        held = (self.statuses, self.events, self.searchable)
        self.statuses, self.events, self.searchable = {}, {}, set()
        return held


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
    load = InitialLoad() if load is None else load
    load.deferred = _defer(connection)
    return load


def _defer(connection: Connection) -> list[str]:
    """Drop the visits' indexes (but the unique ones: none is) and the search index's
    triggers, in the caller's transaction; return their SQL in the order they were made.

    Created again in that order, the indexes keep their order among the table's: where two
    serve a query equally well, SQLite's planner takes the one made last (the Done tab's
    ix_visits_closed_window over ix_visits_listed_window), so the plans stay the same."""
    marks = ", ".join("?" for _ in FTS_TRIGGERS)
    found = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'visits' AND ("
        "(type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %') OR "
        f"(type = 'trigger' AND name IN ({marks}))) ORDER BY rowid",
        FTS_TRIGGERS,
    ).all()
    for kind, name, _ in found:
        connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in found]


_HASHSIZE = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('hashsize', ?)"
_INDEX_AFTER = (
    f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(SEARCHED)}) "
    f"SELECT rowid, {', '.join(SEARCHED)} FROM visits WHERE rowid > ?"
)


def index_written(session: Session, load: InitialLoad, visit_ids: Collection[str]) -> None:
    """While the load's transaction leaves out the search index's triggers: add the rows of
    `visit_ids`, just written, to the search index, in the caller's transaction.

    The rows come in while the laptop would otherwise wait for the server (a round's visits
    come first: pull_load.TakenPages.take), so the index's building is mostly done before
    the transaction ends (`build_deferred`). A new row's rowid is above every row indexed
    before (nothing is deleted in a load); a row written again (a visit changed within the
    round, or a stand-in replaced by its visit) may have changed what the index holds of
    it, so the index is made again from every row at the end instead (`search_stale`)."""
    if not visit_ids or load.search_stale:
        return
    if not load.searchable.isdisjoint(visit_ids):
        load.search_stale = True
        return
    connection = session.connection()
    if not load.searchable:  # one segment for the whole load: see REBUILD_HASH_BYTES
        connection.exec_driver_sql(_HASHSIZE, (REBUILD_HASH_BYTES,))
    connection.exec_driver_sql(_INDEX_AFTER, (load.searchable_rowid,))
    load.searchable.update(visit_ids)
    load.searchable_rowid = connection.exec_driver_sql("SELECT max(rowid) FROM visits").scalar_one()


def build_deferred(session: Session, load: InitialLoad) -> None:
    """Create what the load's transaction left out (`start_load`), in the caller's
    transaction, before it commits: the rest of the search index (`index_written`), or all
    of it made from every visit at once, then the visits' indexes."""
    if not load.deferred:
        return
    connection = session.connection()
    if load.search_stale or not load.searchable:
        connection.exec_driver_sql(_HASHSIZE, (REBUILD_HASH_BYTES,))
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    else:
        connection.exec_driver_sql(_INDEX_AFTER, (load.searchable_rowid,))
    connection.exec_driver_sql(_HASHSIZE, (FTS5_HASH_BYTES,))
    for sql in load.deferred:
        connection.exec_driver_sql(sql)
    load.deferred = []
    load.searchable, load.searchable_rowid, load.search_stale = set(), 0, False


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
