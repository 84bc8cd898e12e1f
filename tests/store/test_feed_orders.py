"""The same round, however the feed orders it and wherever its pages end, makes the same cache.

The server may send a round's visits first and their events pages later, or each visit with
its events right after it; a page may end anywhere, even between a visit's events, and the
pull may apply several pages in one transaction. The apply takes shortcuts for the usual
cases (a visit with no event yet, a visit whose events all come in one page): whichever it
takes, the rows, the derived columns (those a full derivation gives) and what the search
finds must be the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType
from fieldapp.protocol import Change, ChangesPage, EventPublic, VisitPublic, VisitStatus
from fieldapp.store import Store, apply_changes_page, list_visits, open_store
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.derive import DERIVED_COLUMNS, refresh_visits
from fieldapp.store.models import visits_table
from fieldapp.store.search import check_search_index
from tests.store.factories import T0, feed_event, server_visit

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
    return {"kind": "visit", "visit_id": visit.id, "visit": visit}


def _event_change(event: EventPublic) -> dict[str, Any]:
    return {"kind": "event", "visit_id": event.visit_id, "event": event}


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
    return found


def _derived(store: Store) -> dict[str, tuple[Any, ...]]:
    columns = [visits_table.c.id, *(visits_table.c[name] for name in DERIVED_COLUMNS)]
    with store.read_session() as session:
        return {row[0]: tuple(row[1:]) for row in session.execute(select(*columns))}


def _synced(
    path: Path, changes: list[Any], rng: random.Random | None, most: int = 8
) -> dict[str, Any]:
    store = open_store(path, new_cache_key())
    try:
        for transaction in _pages(changes, rng, most):
            with store.refetchable_session() as session, session.begin():
                for page in transaction:
                    apply_changes_page(session, page)
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
