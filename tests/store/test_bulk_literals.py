"""The feed's events written with their constant columns as SQL literals (bulk.insert_many's
`literals`): every column stored as the ORM would store it, in every shape insert_many sends
(a short batch row by row, statements of many rows, a staged batch), and again for our own
event coming back through the feed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType
from fieldapp.protocol.feed import FeedEvent
from fieldapp.store import apply_changes_page, open_store, record_event
from fieldapp.store.bulk import STAGED_ROWS, _literal
from fieldapp.store.feed_rows import insert_stubs, upsert_events
from fieldapp.store.models import SYNC_PENDING, SYNC_SYNCED, EventRow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit


def _events(count: int) -> list[FeedEvent]:
    kinds = [EventType.CONFIRMED, EventType.NOTE, EventType.ARRIVED]
    return [
        FeedEvent(
            id=f"00000000-0000-4000-8000-{n:012d}",
            visit_id=f"visit-{n % 7}",
            type=kinds[n % 3],
            occurred_at=T0 + timedelta(minutes=n, microseconds=n % 2),
            payload={"text": f"it's note {n}"} if n % 3 == 1 else dict(MINIMAL[kinds[n % 3]]),
            author=TECH,
            server_seq=1000 + n,
            received_at=T0 + timedelta(hours=1),
        )
        for n in range(count)
    ]


def _stored(path: Path, events: list[FeedEvent]) -> list[tuple[Any, ...]]:
    store = open_store(path)
    try:
        with store.session() as session, session.begin():
            insert_stubs(session, {e.visit_id for e in events})
            upsert_events(session, events)
        with store.read_session() as session:
            return [tuple(row) for row in session.execute(text("SELECT * FROM events ORDER BY id"))]
    finally:
        store.dispose()


@pytest.mark.parametrize("count", [3, 250, STAGED_ROWS + 7])
def test_feed_events_store_every_column(tmp_path: Path, count: int) -> None:
    events = _events(count)
    stored = _stored(tmp_path / "cache.sqlite3", events)
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.read_session() as session:
            rows = session.execute(select(EventRow).order_by(EventRow.id)).scalars().all()
            assert [
                (r.id, r.visit_id, r.type, r.occurred_at, r.payload, r.author, r.server_seq)
                for r in rows
            ] == [
                (e.id, e.visit_id, e.type, e.occurred_at, e.payload, e.author, e.server_seq)
                for e in sorted(events, key=lambda e: e.id)
            ]
            assert {(r.local_seq, r.sync_state, r.reject_code, r.reject_message) for r in rows} == {
                (None, SYNC_SYNCED, None, None)
            }
            assert {r.received_at for r in rows} == {T0 + timedelta(hours=1)}
    finally:
        store.dispose()
    assert len(stored) == count
    assert all(row[2] in {"confirmed", "note", "arrived"} for row in stored)  # text, as bound


def test_our_own_event_coming_back_is_confirmed_in_place(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.session() as session, session.begin():
            apply_changes_page(session, PageBuilder().visit(server_visit("visit-1")).page())
        with store.session() as session, session.begin():
            mine = record_event(
                session, "visit-1", EventType.NOTE, {"text": "mine"}, author=TECH, now=T0
            )
            pending = session.get(EventRow, mine.id)
            assert pending is not None
            assert pending.sync_state == SYNC_PENDING
        back = FeedEvent(
            id=mine.id,
            visit_id="visit-1",
            type=EventType.NOTE,
            occurred_at=mine.occurred_at,
            payload={"text": "mine"},
            author=TECH,
            server_seq=77,
            received_at=T0 + timedelta(seconds=5),
        )
        with store.session() as session, session.begin():
            upsert_events(session, [back])
        with store.read_session() as session:
            row = session.get(EventRow, mine.id)
            assert row is not None
            assert (row.sync_state, row.server_seq, row.local_seq) == (SYNC_SYNCED, 77, 1)
            assert row.received_at == T0 + timedelta(seconds=5)
    finally:
        store.dispose()


def test_literals_are_quoted_and_only_plain_values() -> None:
    assert _literal(None) == "NULL"
    assert _literal(7) == "7"
    assert _literal("it's") == "'it''s'"
    for value in (True, 1.5, b"x"):
        with pytest.raises(TypeError):
            _literal(value)  # type: ignore[arg-type]


def test_a_visit_of_the_feed_is_no_stub_and_has_its_scope(tmp_path: Path) -> None:
    """The visits' constant columns (feed_rows.VISIT_LITERALS) are written over what the
    cache held: a stand-in becomes the visit, a visit marked out of scope is in it again."""
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.session() as session, session.begin():
            insert_stubs(session, {"visit-1"})
            apply_changes_page(session, PageBuilder().visit(server_visit("visit-2")).page())
            session.execute(
                text(
                    "UPDATE visits SET scope_lost_reason = 'out_of_scope', "
                    "scope_lost_message = 'gone' WHERE id = 'visit-2'"
                )
            )
        columns = "SELECT id, stub, scope_lost_reason, scope_lost_message FROM visits ORDER BY id"
        with store.read_session() as session:
            before = [tuple(row) for row in session.execute(text(columns))]
        assert before == [("visit-1", 1, None, None), ("visit-2", 0, "out_of_scope", "gone")]
        page = PageBuilder().visit(server_visit("visit-1")).visit(server_visit("visit-2")).page()
        with store.session() as session, session.begin():
            apply_changes_page(session, page)
        with store.read_session() as session:
            after = [tuple(row) for row in session.execute(text(columns))]
        assert after == [("visit-1", 0, None, None), ("visit-2", 0, None, None)]
    finally:
        store.dispose()
