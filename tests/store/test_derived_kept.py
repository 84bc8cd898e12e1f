"""A visit whose history keeps its order through a push's answers or the feed's echo keeps its
step without being derived again: its columns are always those a full derivation gives."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.protocol import EventIn, EventResult
from fieldapp.store import Store, apply_changes_page, record_event
from fieldapp.store.derive import DERIVED_COLUMNS, refresh_visits
from fieldapp.store.models import visits_table
from fieldapp.store.outbox import apply_push_results
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, feed_event, server_visit

STEPS = (EventType.ARRIVED, EventType.USER_BUSY, EventType.NOTE)
COLUMNS = DERIVED_COLUMNS


def _derived(store: Store) -> dict[str, tuple[Any, ...]]:
    columns = [visits_table.c.id, *(visits_table.c[name] for name in COLUMNS)]
    with store.read_session() as session:
        return {row[0]: tuple(row[1:]) for row in session.execute(select(*columns))}


def _as_derived_afresh(store: Store) -> dict[str, tuple[Any, ...]]:
    """The derived columns after deriving every visit again from all its events."""
    kept = _derived(store)
    with store.session() as session, session.begin():
        refresh_visits(session, list(kept))
    return _derived(store)


def _visit_with_pending(store: Store) -> tuple[str, list[EventIn]]:
    visit = server_visit()
    builder = PageBuilder()
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.visit(visit).page())
    sent = []
    with store.session() as session, session.begin():
        for kind in STEPS:
            event = record_event(session, visit.id, kind, MINIMAL[kind], author=TECH, now=T0)
            sent.append(
                EventIn(
                    id=event.id,
                    visit_id=visit.id,
                    type=kind,
                    occurred_at=event.occurred_at,
                    payload=event.payload,
                )
            )
    return visit.id, sent


def _answer(store: Store, sent: list[EventIn], results: list[EventResult]) -> None:
    with store.session() as session, session.begin():
        apply_push_results(session, sent, results, T0)


def _accepted(event: EventIn, seq: int) -> EventResult:
    return EventResult(id=event.id, status="accepted", server_seq=seq, received_at=T0)


def test_every_answer_leaves_the_columns_a_full_derivation_gives(store: Store) -> None:
    # All accepted in order: the history keeps its order, only the counts change.
    _, sent = _visit_with_pending(store)
    _answer(store, sent, [_accepted(e, 10 + n) for n, e in enumerate(sent)])
    assert _derived(store) == _as_derived_afresh(store)
    # The first one to be tried again while the later ones are accepted: the order changes.
    _, sent = _visit_with_pending(store)
    retry = EventResult(id=sent[0].id, status="rejected", code="busy", retryable=True)
    _answer(store, sent, [retry, _accepted(sent[1], 20), _accepted(sent[2], 21)])
    assert _derived(store) == _as_derived_afresh(store)
    # One refused for good: it leaves the history.
    visit_id, sent = _visit_with_pending(store)
    refused = EventResult(id=sent[2].id, status="rejected", code="nope", message="No.")
    _answer(store, sent, [_accepted(sent[0], 30), _accepted(sent[1], 31), refused])
    after = _derived(store)
    assert after == _as_derived_afresh(store)
    assert after[visit_id][1:3] == (0, 1)


def test_the_feed_echo_and_a_lost_answer_leave_the_columns_a_full_derivation_gives(
    store: Store,
) -> None:
    visit_id, sent = _visit_with_pending(store)
    _answer(store, sent[:1], [_accepted(sent[0], 40)])
    # The feed brings the first back (an echo) and confirms the second, whose answer was
    # lost; the third is still pending.
    builder = PageBuilder(start=100)
    for seq, event in ((40, sent[0]), (41, sent[1])):
        builder.event(feed_event(visit_id, event.type, seq, event_id=event.id))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    after = _derived(store)
    assert after == _as_derived_afresh(store)
    assert after[visit_id][1] == 1
    # A colleague's event arriving before our pending one changes the order: derived again.
    builder.event(feed_event(visit_id, EventType.ARRIVED, 42))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    assert _derived(store) == _as_derived_afresh(store)


def _events(store: Store) -> dict[str, tuple[Any, ...]]:
    with store.read_session() as session:
        rows = session.connection().exec_driver_sql("SELECT * FROM events ORDER BY id")
        return {row[0]: tuple(row) for row in rows}


def test_the_echo_of_answered_events_leaves_them_as_they_are(store: Store) -> None:
    # The usual push: every event answered, then the feed brings them back as answered.
    visit_id, sent = _visit_with_pending(store)
    received = feed_event(visit_id, EventType.NOTE, 0).received_at
    answers = [
        EventResult(id=e.id, status="accepted", server_seq=50 + n, received_at=received)
        for n, e in enumerate(sent)
    ]
    _answer(store, sent, answers)
    events, derived = _events(store), _derived(store)
    builder = PageBuilder(start=200)
    for n, event in enumerate(sent):
        builder.event(feed_event(visit_id, event.type, 50 + n, event_id=event.id))
    with store.session() as session, session.begin():
        result = apply_changes_page(session, builder.page())
    assert result.events == len(sent)
    assert _events(store) == events
    assert _derived(store) == derived == _as_derived_afresh(store)
    # An echo that differs from what the answer said (another sequence number) is written as
    # the feed has it, and a colleague's event after them in the same page is folded in.
    builder.event(feed_event(visit_id, sent[0].type, 60, event_id=sent[0].id))
    builder.event(feed_event(visit_id, sent[1].type, 51, event_id=sent[1].id))
    builder.event(feed_event(visit_id, EventType.USER_RETURNED, 61))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    after = _events(store)
    assert len(after) == len(events) + 1
    assert after[sent[1].id] == events[sent[1].id]
    with store.read_session() as session:
        seq = session.connection().exec_driver_sql(
            "SELECT server_seq FROM events WHERE id = ?", (sent[0].id,)
        )
        assert seq.scalar_one() == 60
    assert _derived(store) == _as_derived_afresh(store)
