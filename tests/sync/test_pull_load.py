"""An initial load written in long transactions, each visit's row once, makes the same cache.

The pull writes an initial sync's pages into a transaction it keeps open across pages
(sync/pull_load.py), a visit's row when its events come or when the transaction commits:
however the feed orders the round, wherever its pages end and whenever the commits come,
the cache must be the one the row-by-row path makes; a transaction that finds something
written beside the pull since the last commit, or a cache not empty, ends the load.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.protocol import ChangesPage
from fieldapp.protocol.feed import page_of
from fieldapp.store import Store, apply_changes_page, open_store, record_event
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.db import switch_foreign_keys
from fieldapp.store.derive import refresh_visits
from fieldapp.store.feed_load import LOADING, finish_load
from fieldapp.store.meta import get_cursor, get_meta
from fieldapp.sync.pull_load import TakenPages, holds_tombstone
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH
from tests.store.test_feed_orders import (
    _cache,
    _derived,
    _event_change,
    _events_first,
    _interleaved,
    _pages,
    _round,
    _visits_first,
)


def _all_pages(changes: list[Any], rng: random.Random) -> list[ChangesPage]:
    return [page for transaction in _pages(changes, rng, 12) for page in transaction]


def _usual(path: Path, pages: list[ChangesPage], beside: int | None = None) -> dict[str, Any]:
    """The cache the row-by-row path makes (an event recorded after page `beside`)."""
    store = open_store(path, new_cache_key())
    try:
        for number, page in enumerate(pages):
            with store.refetchable_session() as session, session.begin():
                apply_changes_page(session, page)
            if number == beside:
                _record_beside(store, page)
        return _checked(store)
    finally:
        store.dispose()


def _record_beside(store: Store, page: ChangesPage) -> None:
    """An event recorded on the first visit `page` or the pages before it brought."""
    with store.read_session() as session:
        visit_id = session.execute(text("SELECT min(id) FROM visits WHERE stub = 0")).scalar()
    assert visit_id is not None
    with store.session() as session, session.begin():
        event = record_event(
            session, visit_id, EventType.NOTE, MINIMAL[EventType.NOTE], author=TECH, now=T0
        )
        # The same id in both caches compared (it is random): its outbox row follows it.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        for table, column in (("events", "id"), ("outbox", "event_id")):
            session.execute(
                text(f"UPDATE {table} SET {column} = :fixed WHERE {column} = :id"),
                {"fixed": "00000000-0000-4000-8000-000000000001", "id": event.id},
            )


def _checked(store: Store) -> dict[str, Any]:
    with store.read_session() as session:  # every event's visit is there
        assert not session.execute(text("PRAGMA foreign_key_check")).all()
    derived = _derived(store)
    with store.session() as session, session.begin():
        refresh_visits(session, list(derived))
    assert _derived(store) == derived  # what a full derivation gives
    return _cache(store)


def _taken(
    path: Path, pages: list[ChangesPage], rng: random.Random, beside: int | None = None
) -> dict[str, Any]:
    """The cache the pull's load makes, committing after random pages (an event recorded
    beside it right after the commit following page `beside`)."""
    store = open_store(path, new_cache_key())
    try:
        # One connection for the whole pull, as the pull holds it: the load's first
        # transaction runs there without the foreign keys' checks (db.switch_foreign_keys).
        with store.refetchable_sessions() as sessions:
            taken: TakenPages | None = TakenPages(sessions)
            for number, page in enumerate(pages):
                if taken is not None and taken.session is None and not taken.open():
                    taken = None
                if taken is None:
                    with sessions() as session, session.begin():
                        apply_changes_page(session, page)
                    continue
                assert not holds_tombstone(page_of(page))
                taken.take(page_of(page), idle=rng.random() < 0.5)
                last = number == len(pages) - 1
                if last or number == beside or rng.random() < 0.3:
                    taken.commit(end=last)
                    if last:
                        taken = None
                if number == beside:
                    _record_beside(store, page)
            assert taken is None or beside is not None
            with sessions() as session:  # checked again once the load's first transaction ended
                assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with store.read_session() as session:
            assert get_meta(session, LOADING) is None  # its index is back
            assert get_cursor(session) == pages[-1].next_cursor
        return _checked(store)
    finally:
        store.dispose()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pages_taken_and_written_at_any_point_make_the_usual_cache(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    visits, events = _round(rng)
    for name, order in (
        ("visits-first", _visits_first(visits, events)),
        ("interleaved", _interleaved(visits, events)),
        ("events-first", _events_first(visits, events)),
    ):
        pages = _all_pages(order, rng)
        expected = _usual(tmp_path / f"{name}-usual.sqlite3", pages)
        assert _taken(tmp_path / f"{name}-taken.sqlite3", pages, rng) == expected, name


def test_an_event_recorded_beside_the_load_sends_the_rest_the_usual_way(tmp_path: Path) -> None:
    rng = random.Random(5)
    visits, events = _round(rng)
    pages = _all_pages(_visits_first(visits, events), rng)
    beside = len(pages) // 3
    expected = _usual(tmp_path / "usual.sqlite3", pages, beside)
    assert _taken(tmp_path / "taken.sqlite3", pages, rng, beside) == expected


def test_a_load_into_a_cache_that_is_not_empty_is_the_usual_way(tmp_path: Path) -> None:
    rng = random.Random(8)
    visits, events = _round(rng, size=12)
    pages = _all_pages(_visits_first(visits, events), rng)
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        with store.refetchable_session() as session, session.begin():
            apply_changes_page(session, pages[0])  # written before the load's first page
        taken = TakenPages(store.refetchable_session)
        assert not taken.open()
        assert not taken.started
        for page in pages[1:]:
            with store.refetchable_session() as session, session.begin():
                apply_changes_page(session, page)
        got = _checked(store)
    finally:
        store.dispose()
    assert got == _usual(tmp_path / "usual.sqlite3", pages)


def test_an_abandoned_load_leaves_the_last_commit(tmp_path: Path) -> None:
    # A page this app cannot apply, a refetch, a crash: the open transaction goes back,
    # what the load committed stays whole, and the next sync goes on from its cursor.
    rng = random.Random(9)
    visits, events = _round(rng, size=30)
    pages = _all_pages(_visits_first(visits, events), rng)
    half = len(pages) // 2
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        taken = TakenPages(store.refetchable_session)
        assert taken.open()
        for page in pages[:half]:
            taken.take(page_of(page), idle=rng.random() < 0.5)
        taken.commit(end=False)
        assert taken.open()
        for page in pages[half:-1]:
            taken.take(page_of(page), idle=rng.random() < 0.5)
        taken.abandon()
        with store.read_session() as session:
            assert get_cursor(session) == pages[half - 1].next_cursor
        with store.session() as session, session.begin():
            assert finish_load(session)  # as the pull's end does
        for page in pages[half:]:
            with store.refetchable_session() as session, session.begin():
                apply_changes_page(session, page)
        got = _checked(store)
    finally:
        store.dispose()
    assert got == _usual(tmp_path / "usual.sqlite3", pages)


def test_the_load_hands_over_what_it_held_only_when_it_ends(tmp_path: Path) -> None:
    # Its memory (every event of the round) is freed elsewhere while the last commit
    # writes; a commit the load goes on after keeps it, as the next pages need it.
    rng = random.Random(10)
    visits, events = _round(rng, size=20)
    pages = _all_pages(_interleaved(visits, events), rng)
    handed: list[Any] = []
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        taken = TakenPages(store.refetchable_session, handed.append)
        assert taken.open()
        for page in pages[:-1]:
            taken.take(page_of(page))
        taken.commit(end=False)
        assert not handed
        assert taken.load.events
        assert taken.open()
        taken.take(page_of(pages[-1]))
        taken.commit(end=True)
        [(statuses, by_visit, _)] = handed
        assert statuses == {v.id: str(v.status) for v in visits}
        assert sum(len(of_visit) for of_visit in by_visit.values()) == sum(
            map(len, events.values())
        )
        assert not taken.load.events
        assert not taken.load.statuses
        got = _checked(store)
    finally:
        store.dispose()
    assert got == _usual(tmp_path / "usual.sqlite3", pages)


def _checks_foreign_keys(session: Session) -> bool:
    return bool(session.execute(text("PRAGMA foreign_keys")).scalar())


def test_only_the_loads_first_transaction_goes_without_the_foreign_keys_checks(
    tmp_path: Path,
) -> None:
    rng = random.Random(11)
    visits, events = _round(rng, size=12)
    pages = _all_pages(_visits_first(visits, events), rng)
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        with store.refetchable_sessions() as sessions:
            taken = TakenPages(sessions)
            assert taken.open()
            assert taken.session is not None
            assert not _checks_foreign_keys(taken.session)
            taken.take(page_of(pages[0]))
            taken.commit(end=False)
            with sessions() as session:
                assert _checks_foreign_keys(session)
            assert taken.open()  # the load's second transaction: checked
            assert taken.session is not None
            assert _checks_foreign_keys(taken.session)
            taken.abandon()
        # A first transaction abandoned, or one whose load ends at once, switches them back.
        empty = open_store(tmp_path / "empty.sqlite3", new_cache_key())
        try:
            with empty.refetchable_sessions() as sessions:
                taken = TakenPages(sessions)
                assert taken.open()
                taken.abandon()
                with sessions() as session:
                    assert _checks_foreign_keys(session)
        finally:
            empty.dispose()
        with store.refetchable_sessions() as sessions:  # not empty now: the usual way
            taken = TakenPages(sessions)
            assert not taken.open()
            with sessions() as session:
                assert _checks_foreign_keys(session)
    finally:
        store.dispose()


def test_a_connection_left_unchecked_goes_back_to_the_pool_checked(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        with store.refetchable_sessions() as sessions:
            session = sessions()
            assert switch_foreign_keys(session, on=False)
            with sessions() as inside:
                assert not _checks_foreign_keys(inside)
        for _ in range(3):  # whichever pooled connection comes next
            with store.refetchable_session() as session:
                assert _checks_foreign_keys(session)
            with store.session() as session:
                assert _checks_foreign_keys(session)
    finally:
        store.dispose()


def test_an_event_sent_twice_within_the_first_transaction_is_written_as_last_sent(
    tmp_path: Path,
) -> None:
    # The first transaction inserts its events without an upsert's conflict clause, unless
    # one came before: then the later one is written over it, as row by row does.
    rng = random.Random(12)
    visits, events = _round(rng, size=8)
    with_events = [v for v in visits if events[v.id]]
    first = events[with_events[0].id][0]
    again = first.model_copy(update={"server_seq": first.server_seq + 1000})
    changes = [*_visits_first(visits, events), _event_change(again)]
    pages = _all_pages(changes, rng)
    expected = _usual(tmp_path / "usual.sqlite3", pages)
    store = open_store(tmp_path / "taken.sqlite3", new_cache_key())
    try:
        with store.refetchable_sessions() as sessions:
            taken = TakenPages(sessions)
            assert taken.open()
            for page in pages:
                taken.take(page_of(page), idle=rng.random() < 0.5)
            taken.commit(end=True)
        with store.read_session() as session:
            seq = session.execute(
                text("SELECT server_seq FROM events WHERE id = :id"), {"id": first.id}
            ).scalar()
        assert seq == again.server_seq
        got = _checked(store)
    finally:
        store.dispose()
    assert got == expected
