"""The feed's events written with their constant columns as SQL literals (bulk.insert_many's
`literals`): every column stored as the ORM would store it, in every shape insert_many sends
(a short batch row by row, statements of many rows, a staged batch), and again for our own
event coming back through the feed. The feed's visits, whose rows bind their enum members
and bools as text and ints (feed_rows.visit_tuples), likewise."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType
from fieldapp.protocol import Level, Priority, VisitOrigin, VisitStatus
from fieldapp.protocol.feed import FeedEvent, FeedVisit, page_of
from fieldapp.store import apply_changes_page, open_store, record_event
from fieldapp.store.bulk import STAGED_ROWS, _literal
from fieldapp.store.derive import Derived, write_derived
from fieldapp.store.feed_rows import insert_stubs, upsert_events, upsert_visits
from fieldapp.store.models import SYNC_PENDING, SYNC_SYNCED, EventRow, Visit, utc_text
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit


def _json(payload: Mapping[str, Any]) -> msgspec.Raw:
    """A payload as a page carries it (the server's JSON: spaced, ASCII)."""
    return msgspec.Raw(json.dumps(payload).encode())


def _events(count: int) -> list[FeedEvent]:
    kinds = [EventType.CONFIRMED, EventType.NOTE, EventType.ARRIVED]
    return [
        FeedEvent(
            id=f"00000000-0000-4000-8000-{n:012d}",
            visit_id=f"visit-{n % 7}",
            type=kinds[n % 3],
            occurred_at=T0 + timedelta(minutes=n, microseconds=n % 2),
            payload_json=_json({"text": f"it's note {n}"} if n % 3 == 1 else MINIMAL[kinds[n % 3]]),
            author=TECH,
            server_seq=1000 + n,
            received_at=T0 + timedelta(hours=1),
        )
        for n in range(count)
    ]


def _stored(path: Path, events: list[FeedEvent], *, staged: bool) -> list[tuple[Any, ...]]:
    store = open_store(path)
    try:
        with store.session() as session, session.begin():
            insert_stubs(session, {e.visit_id for e in events})
            upsert_events(session, events, staged=staged)
        with store.read_session() as session:
            return [tuple(row) for row in session.execute(text("SELECT * FROM events ORDER BY id"))]
    finally:
        store.dispose()


@pytest.mark.parametrize("staged", [True, False])
@pytest.mark.parametrize("count", [3, 250, STAGED_ROWS + 7])
def test_feed_events_store_every_column(tmp_path: Path, count: int, *, staged: bool) -> None:
    events = _events(count)
    stored = _stored(tmp_path / "cache.sqlite3", events, staged=staged)
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
            payload_json=_json({"text": "mine"}),
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


def _feed_visits(count: int, *, sparse: bool = False) -> list[FeedVisit]:
    """Visits with every enum's every member, both bools, times in UTC and not, values and
    Nones where the feed allows them (`sparse`: Nones only)."""
    east = timezone(timedelta(hours=2))
    builder = PageBuilder()
    for n in range(count):
        start = (T0 if n % 2 else T0.astimezone(east)) + timedelta(minutes=n, microseconds=n % 3)
        builder.visit(
            server_visit(
                f"visit-{n:04d}",
                window_start=start,
                window_end=start + timedelta(hours=1),
                priority=list(Priority)[n % len(Priority)],
                impact=list(Level)[n % len(Level)],
                urgency=list(Level)[(n + 1) % len(Level)],
                vip=n % 2 == 0,
                status=list(VisitStatus)[n % len(VisitStatus)],
                cancel_reason="moved" if n % 2 and not sparse else None,
                origin=list(VisitOrigin)[n % len(VisitOrigin)],
                deadline=start + timedelta(days=1) if n % 3 and not sparse else None,
                follow_up_of=f"visit-{n - 1:04d}" if n % 4 == 1 and not sparse else None,
                created_by="sam" if n % 5 and not sparse else None,
                estimated_minutes=15 + n,
            )
        )
    visits = [change.visit for change in page_of(builder.page()).changes]
    return [visit for visit in visits if visit is not None]


def _derived(n: int, *, sparse: bool = False) -> Derived:
    back = T0.astimezone(timezone(timedelta(hours=-5))) + timedelta(days=n, microseconds=n)
    return Derived(
        step=["scheduled", "awaiting_return", "completed"][n % 3],
        pending_count=n % 4,
        rejected_count=n % 2,
        return_at=back if n % 3 == 1 and not sparse else None,
        user_answer=None if sparse else [None, "confirmed", "another_time"][n % 3],
    )


@pytest.mark.parametrize("staged", [True, False])
@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("count", [3, 250, STAGED_ROWS + 7])
def test_feed_visits_store_every_column_as_the_orm_does(
    tmp_path: Path, count: int, *, sparse: bool, staged: bool
) -> None:
    """Sparse: every optional column None in the whole batch (upsert_visits writes those as
    NULL in its statement), written over the same visits holding values."""
    visits = _feed_visits(count, sparse=sparse)
    derived = {visit.id: _derived(n, sparse=sparse) for n, visit in enumerate(visits)}
    every_column = text("SELECT * FROM visits ORDER BY id")
    fed = open_store(tmp_path / "fed.sqlite3")
    by_orm = open_store(tmp_path / "orm.sqlite3")
    try:
        if sparse:
            with fed.session() as session, session.begin():
                full = _feed_visits(count)
                upsert_visits(session, full, {v.id: _derived(n) for n, v in enumerate(full)})
        with fed.session() as session, session.begin():
            upsert_visits(session, visits, derived, staged=staged)
        with by_orm.session() as session, session.begin():
            for visit in visits:
                d = derived[visit.id]
                session.add(
                    Visit(
                        **{name: getattr(visit, name) for name in visit.__struct_fields__},
                        step=d.step,
                        pending_count=d.pending_count,
                        rejected_count=d.rejected_count,
                        return_at=d.return_at,
                        user_answer=d.user_answer,
                        scope_lost_reason=None,
                        scope_lost_message=None,
                        stub=False,
                    )
                )
        with fed.read_session() as session:
            stored = [tuple(row) for row in session.execute(every_column)]
            kinds = session.execute(
                text("SELECT DISTINCT typeof(priority), typeof(status), vip FROM visits")
            ).all()
        with by_orm.read_session() as session:
            expected = [tuple(row) for row in session.execute(every_column)]
    finally:
        fed.dispose()
        by_orm.dispose()
    assert len(stored) == count
    assert stored == expected
    # stored as the driver's adapters stored them: each enum as its text, the bool as 0/1
    assert {tuple(row) for row in kinds} == {("text", "text", 0), ("text", "text", 1)}


def test_a_payload_is_stored_as_the_page_carried_it_and_reads_the_same(tmp_path: Path) -> None:
    """The feed's payloads go to the cache as the page's JSON text (the server's: spaced,
    non-ASCII escaped, an astral character as a surrogate pair), never decoded and encoded
    again; every reader of the cache (SQLite's json_extract, the ORM) reads the same values."""
    payload = {"text": 'Zwölf Boxkämpfer 🥊 "quoted" \\ back', "n": [1, {"deep": True}]}
    carried = json.dumps(payload)
    event = FeedEvent(
        id="00000000-0000-4000-8000-000000000001",
        visit_id="visit-1",
        type=EventType.NOTE,
        occurred_at=T0,
        payload_json=msgspec.Raw(carried.encode()),
        author=TECH,
        server_seq=1,
        received_at=T0,
    )
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.session() as session, session.begin():
            insert_stubs(session, {"visit-1"})
            upsert_events(session, [event])
        with store.read_session() as session:
            stored, extracted = session.execute(
                text("SELECT payload, json_extract(payload, '$.text') FROM events")
            ).one()
            row = session.get(EventRow, event.id)
            assert row is not None
            read = row.payload
    finally:
        store.dispose()
    assert stored == carried
    assert extracted == payload["text"]
    assert read == payload == event.payload


def test_derived_columns_no_visit_has_are_written_over_the_values(tmp_path: Path) -> None:
    """write_derived sets a column none of its visits has a value for to NULL in its
    statement, not bound: over visits that held values, as over any."""
    visits = _feed_visits(250)
    full = {visit.id: _derived(n) for n, visit in enumerate(visits)}
    sparse = {visit.id: _derived(n, sparse=True) for n, visit in enumerate(visits)}
    columns = text(
        "SELECT id, step, pending_count, rejected_count, return_at, user_answer FROM visits"
    )
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.session() as session, session.begin():
            upsert_visits(session, visits, full)
        for derived in (sparse, full, sparse):
            with store.session() as session, session.begin():
                write_derived(session, derived)
            with store.read_session() as session:
                stored = {row[0]: tuple(row[1:]) for row in session.execute(columns)}
            assert stored == {
                visit_id: (
                    d.step,
                    d.pending_count,
                    d.rejected_count,
                    utc_text(d.return_at),
                    d.user_answer,
                )
                for visit_id, d in derived.items()
            }
    finally:
        store.dispose()
    assert {d.return_at for d in sparse.values()} == {None}
    assert len({d.return_at for d in full.values()}) > 1
