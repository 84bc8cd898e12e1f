"""A visit left for now on the round: it waits for the technician's return (at the time
agreed, if one was), carries on when they check in again, and its open promise is listed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fieldapp.domain import EventType, Step
from fieldapp.store import Store, apply_changes_page
from fieldapp.store.attention import open_promises
from fieldapp.store.recording import record_event
from fieldapp.store.round_queries import RoundFilter, RoundQuery, round_page
from tests.domain.factories import MINIMAL, iso
from tests.store.factories import TECH, PageBuilder, server_visit

NOW = datetime(2030, 3, 12, 12, 0).astimezone()


def at(hour: float) -> datetime:
    return datetime(2030, 3, 12, int(hour), int(hour % 1 * 60)).astimezone()


def record(store: Store, kind: EventType, when: datetime, **payload: object) -> None:
    with store.session() as session, session.begin():
        record_event(session, "part", kind, {**MINIMAL[kind], **payload}, author=TECH, now=when)


def row(store: Store, now: datetime = NOW, kind: RoundFilter = RoundFilter.TODAY) -> list[Any]:
    with store.read_session() as session:
        return round_page(session, RoundQuery(now=now, filter=kind), 0, 10)


def test_a_visit_left_for_a_part_waits_for_the_agreed_return_then_carries_on(
    store: Store,
) -> None:
    visit = server_visit("part", window_start=at(8), window_end=at(8.5))  # window ended 8:30
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
    record(store, EventType.ARRIVED, at(8))
    record(store, EventType.PERMISSION_GRANTED, at(8.1))
    back = at(14)
    record(
        store,
        EventType.DEPARTED,
        at(8.4),
        reason="part_needed",
        return_at=iso(back),
        agreed_with="Priya",
    )

    [waiting] = row(store)
    assert (waiting.step, waiting.return_at) == (Step.AWAITING_RETURN.value, back)
    assert row(store, kind=RoundFilter.OVERDUE) == []  # Priya expects the technician at two
    assert [r.id for r in row(store, at(14.5), RoundFilter.OVERDUE)] == ["part"]
    with store.read_session() as session:
        [promise] = open_promises(session)
    assert (promise.promise.kind, promise.promise.due_at) == ("return_visit", back)

    record(store, EventType.ARRIVED, at(14))
    [again] = row(store)
    assert (again.step, again.return_at) == (Step.ARRIVED.value, None)
    with store.read_session() as session:
        assert open_promises(session) == []  # checking in kept it
