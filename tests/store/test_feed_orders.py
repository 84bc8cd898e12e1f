"""The same round, however the feed orders it and wherever its pages end, makes the same cache.

The server may send a round's visits first and their events pages later, or each visit with
its events right after it; a page may end anywhere, even between a visit's events, and the
pull may apply several pages in one transaction. The apply takes shortcuts for the usual
cases (a visit with no event yet, a visit whose events all come in one page): whichever it
takes, the rows, the derived columns (those a full derivation gives) and what the search
finds must be the same. So must an initial sync's load into an empty cache
(store/feed_load.py), which folds from memory and builds the events' index by visit last,
and a load killed mid-way must leave a cache that reopens whole and syncs to the same end.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType
from fieldapp.protocol import Change, ChangesPage, EventPublic, VisitPublic, VisitStatus
from fieldapp.store import Store, apply_changes_page, bulk, list_visits, open_store, record_event
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.derive import DERIVED_COLUMNS, refresh_visits
from fieldapp.store.feed import apply_loaded_page
from fieldapp.store.feed_load import LOADING, InitialLoad, finish_load, start_load, still_alone
from fieldapp.store.meta import get_cursor, get_meta
from fieldapp.store.models import visits_table
from fieldapp.store.search import check_search_index
from tests.store.factories import MINIMAL, T0, TECH, PageBuilder, feed_event, server_visit

# Kinds that move a visit through its steps, make promises, and record the user's answers.
KINDS = (
    EventType.CONFIRMED,
    EventType.ARRIVED,
    EventType.PERMISSION_GRANTED,
    EventType.USER_BUSY,
    EventType.DIAGNOSED,
    EventType.RESOLVED,
    EventType.SIGNED_OFF,
    EventType.PROMISE_MADE,
    EventType.DEPARTED,
    EventType.USER_REPLIED,
    EventType.NOTE,
)
SEARCHES = ("Customer", "INC-0", "HQ", "pop", "4.1", "Customer 3", "nothing-like-this")


def _round(
    rng: random.Random, size: int = 40
) -> tuple[list[VisitPublic], dict[str, list[EventPublic]]]:
    visits: list[VisitPublic] = []
    events: dict[str, list[EventPublic]] = {}
    seq = 0
    for number in range(size):
        status = VisitStatus.CANCELLED if number % 9 == 4 else VisitStatus.SCHEDULED
        visit = server_visit(status=status, problem=f"Printer {number} pop-ups")
        visits.append(visit)
        history = []
        for kind in rng.sample(KINDS, rng.randrange(0, 7)):
            seq += 1
            history.append(feed_event(visit.id, kind, seq))
        events[visit.id] = history
    return visits, events


def _visit_change(visit: VisitPublic) -> dict[str, Any]:
    return {"kind": "visit", "visit_id": visit.id, "visit": visit.model_dump()}


def _event_change(event: EventPublic) -> dict[str, Any]:
    return {"kind": "event", "visit_id": event.visit_id, "event": event.model_dump()}


def _visits_first(visits: list[VisitPublic], events: dict[str, list[EventPublic]]) -> list[Any]:
    """Today's server: the visits, then their events; a few rows again after (updated)."""
    order = [_visit_change(v) for v in visits]
    order += [_event_change(e) for v in visits for e in events[v.id]]
    order += [_visit_change(v) for v in visits[::7]]
    return order


def _interleaved(visits: list[VisitPublic], events: dict[str, list[EventPublic]]) -> list[Any]:
    """Each visit with its events right after it."""
    return [c for v in visits for c in (_visit_change(v), *map(_event_change, events[v.id]))]


def _events_first(visits: list[VisitPublic], events: dict[str, list[EventPublic]]) -> list[Any]:
    """A visit updated after its events: its row comes after them (a stub meanwhile)."""
    return [c for v in visits for c in (*map(_event_change, events[v.id]), _visit_change(v))]


def _pages(
    changes: list[Any], rng: random.Random | None, most: int = 8
) -> Iterator[list[ChangesPage]]:
    """The changes in pages of 1 to `most` changes, grouped in transactions of 1 to 3 pages
    (no `rng`: all in one page)."""
    pages: list[ChangesPage] = []
    start = 0
    while start < len(changes):
        end = len(changes) if rng is None else min(len(changes), start + rng.randrange(1, most + 1))
        part = [Change(seq=n + 1, **changes[n]) for n in range(start, end)]
        pages.append(
            ChangesPage(changes=part, next_cursor=end, has_more=end < len(changes), server_time=T0)
        )
        start = end
    while pages:
        size = 1 if rng is None else rng.randrange(1, 4)
        yield pages[:size]
        pages = pages[size:]


def _cache(store: Store) -> dict[str, Any]:
    with store.read_session() as session:
        found: dict[str, Any] = {
            table: sorted(tuple(row) for row in session.execute(text(f"SELECT * FROM {table}")))
            for table in ("visits", "events", "outbox")
        }
        found["search"] = {
            typed: sorted(row.id for row in list_visits(session, search=typed))
            for typed in SEARCHES
        }
        check_search_index(session)
        found["schema"] = sorted(
            tuple(row) for row in session.execute(text("SELECT type, name, sql FROM sqlite_master"))
        )
    return found


def _derived(store: Store) -> dict[str, tuple[Any, ...]]:
    columns = [visits_table.c.id, *(visits_table.c[name] for name in DERIVED_COLUMNS)]
    with store.read_session() as session:
        return {row[0]: tuple(row[1:]) for row in session.execute(select(*columns))}


def _synced(
    path: Path,
    changes: list[Any],
    rng: random.Random | None,
    most: int = 8,
    *,
    loaded: bool = False,
) -> dict[str, Any]:
    """The cache the changes make, applied row by row or (`loaded`) as the pull's initial
    load into an empty cache does (store/feed_load.py)."""
    store = open_store(path, new_cache_key())
    load: InitialLoad | None = None
    try:
        for number, transaction in enumerate(_pages(changes, rng, most)):
            with store.refetchable_session() as session, session.begin():
                if loaded and number == 0:
                    load = start_load(session)
                    assert load is not None
                for page in transaction:
                    if load is None or apply_loaded_page(session, page, load) is None:
                        apply_changes_page(session, page)
                if load is not None and not transaction[-1].has_more:
                    assert finish_load(session)
        derived = _derived(store)
        with store.session() as session, session.begin():
            refresh_visits(session, list(derived))
        assert _derived(store) == derived  # what a full derivation gives
        return _cache(store)
    finally:
        store.dispose()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_and_any_page_boundary_make_the_same_cache(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    visits, events = _round(rng)
    # The reference: each visit with its events, all in one page.
    expected = _synced(tmp_path / "whole.sqlite3", _interleaved(visits, events), None)
    for name, order in (
        ("visits-first", _visits_first(visits, events)),
        ("interleaved", _interleaved(visits, events)),
        ("events-first", _events_first(visits, events)),
    ):
        got = _synced(tmp_path / f"{name}.sqlite3", order, rng)
        assert got == expected, name
        got = _synced(tmp_path / f"{name}-loaded.sqlite3", order, rng, loaded=True)
        assert got == expected, f"{name}, loaded"
    assert expected["search"]["Customer"]  # the search does find the synced visits
    assert len(expected["events"]) == sum(len(history) for history in events.values())


def test_a_round_of_hundreds_in_large_pages_makes_the_same_cache(tmp_path: Path) -> None:
    # Pages of hundreds of changes: the derived columns of a page's visits are written many
    # to a statement (derive.DERIVED_PER_STATEMENT), and the rest in one more.
    rng = random.Random(7)
    visits, events = _round(rng, size=260)
    expected = _synced(tmp_path / "whole.sqlite3", _interleaved(visits, events), None)
    got = _synced(tmp_path / "visits-first.sqlite3", _visits_first(visits, events), rng, 600)
    assert got == expected
    loaded = _synced(
        tmp_path / "loaded.sqlite3", _visits_first(visits, events), rng, 600, loaded=True
    )
    assert loaded == expected


# A process applying an initial load's first transactions and then killed (SIGKILL), before
# the load's last transaction builds the events' index again.
_KILLED_CHILD = """
import os, signal, sys
from pathlib import Path
from tests.store.test_feed_orders import _load_then_die
_load_then_die(Path(sys.argv[1]), bytes.fromhex(os.environ["FIELDAPP_TEST_KEY"]), Path(sys.argv[2]))
"""


def _killed_round() -> tuple[list[Any], list[list[ChangesPage]]]:
    rng = random.Random(11)
    visits, events = _round(rng, size=60)
    changes = _visits_first(visits, events)
    return changes, list(_pages(changes, rng, 30))


def _load_then_die(path: Path, key: bytes, round_path: Path) -> None:
    """Apply the pickled transactions as an initial load, then die as a killed process."""
    store = open_store(path, key)
    load: InitialLoad | None = None
    for number, transaction in enumerate(pickle.loads(round_path.read_bytes())):
        with store.refetchable_session() as session, session.begin():
            if number == 0:
                load = start_load(session)
            assert load is not None
            for page in transaction:
                assert apply_loaded_page(session, page, load) is not None
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_load_killed_midway_leaves_a_whole_cache_the_next_sync_completes(
    tmp_path: Path,
) -> None:
    changes, transactions = _killed_round()
    expected = _synced(tmp_path / "whole.sqlite3", changes, None)
    key = new_cache_key()
    path = tmp_path / "killed.sqlite3"
    open_store(path, key).dispose()  # the migrations, before the child's load
    round_path = tmp_path / "round.pickle"  # the visits' ids are numbered per process
    round_path.write_bytes(pickle.dumps(transactions[:3]))
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_CHILD, str(path), str(round_path)],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "FIELDAPP_TEST_KEY": key.hex()},
        check=False,
    )
    assert child.returncode == -signal.SIGKILL
    store = open_store(path, key)  # finds the load's note and builds the index again
    try:
        with store.read_session() as session:
            assert get_meta(session, LOADING) is None
            cursor = get_cursor(session)
        assert cursor == transactions[2][-1].next_cursor  # three transactions committed
        for transaction in transactions[3:]:  # the next sync goes on the usual way
            with store.refetchable_session() as session, session.begin():
                for page in transaction:
                    apply_changes_page(session, page)
    finally:
        store.dispose()
    assert _cache_of(path, key) == expected


def _cache_of(path: Path, key: bytes) -> dict[str, Any]:
    store = open_store(path, key)
    try:
        return _cache(store)
    finally:
        store.dispose()


def test_a_load_ends_on_an_event_written_beside_it_or_a_tombstone(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        visit = server_visit()
        pages = PageBuilder()
        with store.refetchable_session() as session, session.begin():
            load = start_load(session)
            assert load is not None
            assert apply_loaded_page(session, pages.visit(visit).page(has_more=True), load)
        with store.read_session() as session:
            assert still_alone(session, load)
        with store.session() as session, session.begin():  # recorded between two pages
            record_event(
                session, visit.id, EventType.NOTE, MINIMAL[EventType.NOTE], author=TECH, now=T0
            )
        with store.read_session() as session:
            assert not still_alone(session, load)  # the pull reads it back from here on
        tombstone = pages.tombstone(visit.id, "out_of_scope", "gone").page()
        with store.refetchable_session() as session, session.begin():
            assert apply_loaded_page(session, tombstone, load) is None  # left to the usual way
            assert finish_load(session)
            assert get_meta(session, LOADING) is None
            assert session.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'ix_events_visit_order'")
            ).scalar()
    finally:
        store.dispose()


@pytest.mark.parametrize("loaded", [False, True])
def test_rows_staged_in_a_temporary_table_make_the_same_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loaded: bool
) -> None:
    # Many rows at once go through a temporary table and one INSERT ... SELECT
    # (bulk.STAGED_ROWS); fewer through multi-row VALUES. Either way, the same cache, the
    # temporary table gone.
    rng = random.Random(13)
    visits, events = _round(rng, size=120)
    changes = _visits_first(visits, events)
    monkeypatch.setattr(bulk, "STAGED_ROWS", 10**9)
    expected = _synced(tmp_path / "values.sqlite3", changes, rng, 300, loaded=loaded)
    monkeypatch.setattr(bulk, "STAGED_ROWS", 2)
    staged = _synced(tmp_path / "staged.sqlite3", changes, rng, 300, loaded=loaded)
    assert staged == expected
    store = open_store(tmp_path / "check.sqlite3", new_cache_key())
    try:
        with store.refetchable_session() as session, session.begin():
            apply_changes_page(session, next(_pages(changes, None))[0])
            temporary = session.execute(text("SELECT name FROM sqlite_temp_master")).all()
        assert temporary == []
    finally:
        store.dispose()
