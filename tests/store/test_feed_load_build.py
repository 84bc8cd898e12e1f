"""An initial load's first transaction builds the visits' indexes and search index after its rows.

The cache is empty when the load's first transaction begins: it drops the visits' indexes and
the search index's triggers, writes the rows, and builds them again before it commits
(store/feed_load.py, `build_deferred`). The cache it commits must be the one writing row by
row makes: the same rows, the same schema, the same search results and the same query plans
for the round's queries; and a process killed between the rows and the build must leave a
cache that opens with every index and trigger and syncs to the same end.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from fieldapp.protocol import ChangesPage
from fieldapp.protocol.feed import page_of
from fieldapp.store import Store, apply_changes_page, bulk, list_visits, open_store
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.feed_load import FTS5_HASH_BYTES
from fieldapp.store.round_queries import (
    RoundFilter,
    RoundQuery,
    RoundSort,
    round_counts,
    round_page,
)
from fieldapp.store.search import check_search_index
from fieldapp.sync.pull_load import TakenPages
from tests.store.factories import T0
from tests.store.test_feed_orders import (
    SEARCHES,
    _cache,
    _event_change,
    _interleaved,
    _pages,
    _round,
    _visit_change,
)

# Words that match many visits, few, one, and none; and prefixes with and without an index.
TYPED = ("", "C", "Cu", "Customer 1", "INC-0", "pop", "HQ 4", "4.1", "nothing-like-this")


def _schema(session: Session) -> set[tuple[Any, ...]]:
    """The cache's tables, indexes and triggers, with their SQL."""
    rows = session.execute(text("SELECT type, name, sql FROM sqlite_master"))
    return {tuple(row) for row in rows}


def _pages_of(seed: int, size: int = 60) -> list[ChangesPage]:
    rng = random.Random(seed)
    visits, events = _round(rng, size=size)
    return [page for group in _pages(_interleaved(visits, events), rng, 40) for page in group]


def _usual(path: Path, key: bytes, pages: list[ChangesPage]) -> Store:
    store = open_store(path, key)
    for page in pages:
        with store.refetchable_session() as session, session.begin():
            apply_changes_page(session, page)
    return store


def _loaded(
    path: Path, key: bytes, pages: list[ChangesPage], commit_after: int, idle: float = 0.0
) -> Store:
    """The pull's load of `pages`, its first transaction committed after `commit_after`;
    the next page is not here yet (TakenPages.take's `idle`) after a share `idle` of them."""
    store = open_store(path, key)
    rng = random.Random(commit_after)
    with store.refetchable_sessions() as sessions:  # one connection, as the pull holds it
        taken = TakenPages(sessions)
        for number, page in enumerate(pages):
            if taken.session is None:
                assert taken.open()
            taken.take(page_of(page), idle=rng.random() < idle)
            last = number == len(pages) - 1
            if last or number == commit_after:
                taken.commit(end=last)
    with store.read_session() as session:
        assert not session.execute(text("PRAGMA foreign_key_check")).all()
    return store


# The events' indexes a query may choose between (the partial ones, by visit, and the
# visit's history).
EVENT_QUERIES = (
    "SELECT id FROM events WHERE visit_id = 'x' AND type = 'resolved'",
    "SELECT visit_id FROM events WHERE type = 'resolved'",
    (
        "SELECT id FROM events WHERE visit_id IN ('a', 'b') AND type IN "
        "('user_busy', 'signed_off', 'escalated', 'promise_made', 'departed')"
    ),
    "SELECT id FROM events WHERE visit_id = 'x' AND type = 'attachment_added'",
    "SELECT id FROM events WHERE visit_id = 'x' AND type = 'device_attached'",
    "SELECT id FROM events WHERE visit_id = 'x' ORDER BY server_seq, local_seq",
    "SELECT id FROM events WHERE sync_state != 'synced'",
)


def _round_statements(store: Store) -> list[tuple[str, Any]]:
    """Every statement the round's queries send, with its parameters, for each tab, order
    and search typed; and EVENT_QUERIES."""
    sent: list[tuple[str, Any]] = [(sql, ()) for sql in EVENT_QUERIES]

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    now = T0 + timedelta(hours=6)
    event.listen(store.engine, "before_cursor_execute", note)
    try:
        with store.read_session() as session:
            for typed in TYPED:
                list_visits(session, search=typed or None)
                for shown in RoundFilter:
                    for sort in (RoundSort.ROUND, RoundSort.WINDOW, RoundSort.CUSTOMER):
                        round_page(session, RoundQuery(now, shown, typed, sort), 0, 100)
            round_counts(session, now)
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
    return sent


def _plans(store: Store, statements: list[tuple[str, Any]]) -> list[list[str]]:
    with store.engine.connect() as connection:
        return [
            [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
            for sql, params in statements
        ]


def test_the_load_builds_what_row_by_row_makes_with_the_same_plans(tmp_path: Path) -> None:
    pages = _pages_of(21)
    key = new_cache_key()
    usual = _usual(tmp_path / "usual.sqlite3", key, pages)
    try:
        expected = _cache(usual)
        statements = _round_statements(usual)
        expected_plans = _plans(usual, statements)
    finally:
        usual.dispose()
    assert any("visits_fts" in " ".join(plan) for plan in expected_plans)
    assert any("ix_visits_open_window" in " ".join(plan) for plan in expected_plans)
    for commit_after, idle in (
        (0, 0.0),
        (len(pages) // 2, 0.0),
        (len(pages) - 1, 0.0),
        (len(pages) - 1, 0.5),  # visits written and searchable before their events
        (len(pages) // 2, 1.0),
    ):
        path = tmp_path / f"loaded-{commit_after}-{idle}.sqlite3"
        loaded = _loaded(path, key, pages, commit_after, idle)
        try:
            assert _cache(loaded) == expected, (commit_after, idle)
            assert _plans(loaded, statements) == expected_plans, (commit_after, idle)
            with loaded.read_session() as session:  # its rebuild's larger hash set back
                hashsize = session.execute(
                    text("SELECT v FROM visits_fts_config WHERE k = 'hashsize'")
                ).scalar()
            assert hashsize == FTS5_HASH_BYTES
        finally:
            loaded.dispose()
    assert expected["search"]["Customer"]


def test_a_visit_changed_after_it_was_searchable_is_found_by_its_new_words(
    tmp_path: Path,
) -> None:
    # Written while the laptop waited (idle), a visit is in the search index before the
    # load's end; the round then brings it again with other words, and a stand-in for a
    # visit known only by its event is replaced by its row: the index must hold the new
    # words only, as row by row makes it.
    rng = random.Random(31)
    visits, events = _round(rng, size=12)
    changed = visits[3].model_copy(update={"problem": "Scanner jams on tray two"})
    late = visits[-1]
    changes = [_visit_change(v) for v in visits[:-1]]
    changes += [_event_change(e) for v in visits for e in events[v.id]]
    changes += [_visit_change(changed), _visit_change(late)]
    pages = [page for group in _pages(changes, rng, 6) for page in group]
    key = new_cache_key()
    usual = _usual(tmp_path / "usual.sqlite3", key, pages)
    try:
        expected = _cache(usual)
    finally:
        usual.dispose()
    loaded = _loaded(tmp_path / "loaded.sqlite3", key, pages, len(pages) - 1, idle=1.0)
    try:
        assert _cache(loaded) == expected
        with loaded.read_session() as session:
            assert [v.id for v in list_visits(session, search="Scanner")] == [changed.id]
            assert not [v for v in list_visits(session, search="Printer 3 ") if v.id == changed.id]
    finally:
        loaded.dispose()


def test_a_load_of_thousands_of_rows_in_one_page_makes_the_usual_cache(tmp_path: Path) -> None:
    # The first transaction writes them in 200-row statements, row by row goes through
    # the temporary table (bulk.STAGED_ROWS): the same cache.
    rng = random.Random(25)
    visits, events = _round(rng, size=400)
    [[page]] = list(_pages(_interleaved(visits, events), None))
    assert len(page.changes) - len(visits) >= bulk.STAGED_ROWS
    key = new_cache_key()
    usual = _usual(tmp_path / "usual.sqlite3", key, [page])
    loaded = _loaded(tmp_path / "loaded.sqlite3", key, [page], 0)
    try:
        assert _cache(loaded) == _cache(usual)
    finally:
        usual.dispose()
        loaded.dispose()


def test_a_commit_of_the_load_leaves_nothing_out_but_the_events_index(tmp_path: Path) -> None:
    # The load goes on after its first commit (a slow network): what readers see meanwhile
    # has the visits' indexes and triggers, and a search index that finds what is committed.
    pages = _pages_of(22)
    key = new_cache_key()
    fresh = open_store(tmp_path / "fresh.sqlite3", key)
    try:
        with fresh.read_session() as session:
            schema = _schema(session)
    finally:
        fresh.dispose()
    store = open_store(tmp_path / "cache.sqlite3", key)
    taken = TakenPages(store.refetchable_session)
    try:
        assert taken.open()
        for page in pages[:4]:
            taken.take(page_of(page))
        taken.commit(end=False)
        with store.read_session() as session:
            now = _schema(session)
            check_search_index(session)
            found = {typed: len(list_visits(session, search=typed)) for typed in SEARCHES}
            visits = session.execute(text("SELECT count(*) FROM visits")).scalar()
        assert {name for _, name, _ in schema - now} == {"ix_events_visit_order"}
        assert now - schema == set()
        assert visits
        assert found["Customer"] == visits
        assert taken.open()  # the rest, with every index there: row by row
        for page in pages[4:]:
            taken.take(page_of(page))
        taken.commit(end=True)
        got = _cache(store)
    finally:
        store.dispose()
    usual = _usual(tmp_path / "usual.sqlite3", key, pages)
    try:
        assert got == _cache(usual)
    finally:
        usual.dispose()


def test_an_abandoned_first_transaction_leaves_every_index(tmp_path: Path) -> None:
    pages = _pages_of(23)
    key = new_cache_key()
    store = open_store(tmp_path / "cache.sqlite3", key)
    try:
        with store.read_session() as session:
            schema = _schema(session)
        taken = TakenPages(store.refetchable_session)
        assert taken.open()
        for page in pages[:-1]:
            taken.take(page_of(page))
        taken.abandon()  # a page this app cannot apply, a refetch
        with store.read_session() as session:
            now = _schema(session)
            assert session.execute(text("SELECT count(*) FROM visits")).scalar() == 0
        assert now == schema
    finally:
        store.dispose()


# A process that takes an initial load's pages into its first transaction, so that the
# visits' rows are written and their indexes and triggers dropped, and is killed (SIGKILL)
# before that transaction builds them again and commits.
_KILLED_CHILD = """
import os, sys
from pathlib import Path
from tests.store.test_feed_load_build import _take_then_die
_take_then_die(Path(sys.argv[1]), bytes.fromhex(os.environ["FIELDAPP_TEST_KEY"]), Path(sys.argv[2]))
"""


def _take_then_die(path: Path, key: bytes, pages_path: Path) -> None:
    store = open_store(path, key)
    taken = TakenPages(store.refetchable_session)
    assert taken.open()
    for page in pickle.loads(pages_path.read_bytes()):
        taken.take(page_of(page))
    session = taken.session
    assert session is not None
    written = session.execute(text("SELECT count(*) FROM visits")).scalar()
    left = session.execute(
        text("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'visits' AND sql IS NOT NULL")
    ).scalar()
    if not written or left != 1:  # the rows are in, only the table itself is left
        sys.exit(3)
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_load_killed_before_its_build_reopens_whole_and_syncs_to_the_same_end(
    tmp_path: Path,
) -> None:
    pages = _pages_of(24)
    key = new_cache_key()
    path = tmp_path / "killed.sqlite3"
    fresh = open_store(path, key)  # the migrations, before the child's load
    try:
        with fresh.read_session() as session:
            schema = _schema(session)
    finally:
        fresh.dispose()
    pages_path = tmp_path / "pages.pickle"  # the visits' ids are numbered per process
    pages_path.write_bytes(pickle.dumps(pages[:-1]))
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_CHILD, str(path), str(pages_path)],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "FIELDAPP_TEST_KEY": key.hex()},
        check=False,
    )
    assert child.returncode == -signal.SIGKILL
    store = open_store(path, key)
    try:
        with store.read_session() as session:
            now = _schema(session)
            assert session.execute(text("SELECT count(*) FROM visits")).scalar() == 0
            check_search_index(session)
        assert now == schema
        taken = TakenPages(store.refetchable_session)  # the next sync: a load again
        assert taken.open()
        for number, page in enumerate(pages):
            taken.take(page_of(page))
            if number == len(pages) // 2:
                taken.commit(end=False)
                assert taken.open()
        taken.commit(end=True)
        got = _cache(store)
    finally:
        store.dispose()
    usual = _usual(tmp_path / "usual.sqlite3", key, pages)
    try:
        assert got == _cache(usual)
    finally:
        usual.dispose()
