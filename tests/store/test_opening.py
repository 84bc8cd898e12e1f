"""Visits opened on the laptop, offline: the local row shows in the round at once with its
visit_opened event queued after the originating visit's own; the server's row takes its
place on the next pull; a refused opening, once discarded, leaves nothing behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from fieldapp.domain import EventType, InvalidEvent, WorkflowViolation
from fieldapp.store import Store, apply_changes_page, discard_rejected_event, record_event
from fieldapp.store.models import EventRow, OutboxRow, Visit
from fieldapp.store.opening import handle_request_now, open_walk_up, opened_here, reopen
from fieldapp.store.outbox import due_events
from fieldapp.store.round_queries import list_visits
from fieldapp.store.visit_detail import get_visit, visit_state
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit

NOW = T0 + timedelta(hours=1)


def resolved_visit(store: Store, *, signed_off: bool = False) -> str:
    visit = server_visit()
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
        kinds = [EventType.ARRIVED, EventType.PERMISSION_GRANTED, EventType.DIAGNOSED]
        kinds += [EventType.RESOLVED] + ([EventType.SIGNED_OFF] if signed_off else [])
        for kind in kinds:
            record_event(session, visit.id, kind, MINIMAL[kind], author=TECH, now=T0)
    return visit.id


def test_a_walk_up_shows_in_the_round_before_any_sync(store: Store) -> None:
    with store.session() as session, session.begin():
        event = open_walk_up(
            session,
            {"customer_name": "Ana", "problem": "Second screen black.", "room": "3.15"},
            author=TECH,
            now=NOW,
        )
    with store.read_session() as session:
        rows = {row.id: row for row in list_visits(session)}
        detail = get_visit(session, event.visit_id)
        state = visit_state(session, event.visit_id)
        queued = [e.type for e in due_events(session, NOW, 100).events]
        here = opened_here(session, event.visit_id)
    assert event.visit_id in rows
    visit = detail.visit
    assert visit.reference.startswith("NEW-")
    assert (visit.origin, visit.created_by, visit.assignee) == ("walk_up", TECH, TECH)
    assert (visit.customer_name, visit.room, visit.window_start) == ("Ana", "3.15", NOW)
    assert state.opened_how == "walk_up"
    assert queued == [EventType.VISIT_OPENED]
    assert here


def test_a_walk_up_without_a_customer_writes_nothing(store: Store) -> None:
    with pytest.raises(InvalidEvent), store.session() as session, session.begin():
        open_walk_up(session, {"problem": "x"}, author=TECH, now=NOW)
    with store.read_session() as session:
        assert session.scalars(select(Visit.id)).all() == []


def test_a_request_handled_now_is_queued_after_the_answer_naming_it(store: Store) -> None:
    origin = resolved_visit(store)
    with store.session() as session, session.begin():
        answer = handle_request_now(
            session, origin, {"request": "The printer jams."}, author=TECH, now=NOW
        )
    new_id = answer.payload["new_visit_id"]
    with store.read_session() as session:
        queued = [(e.type, e.visit_id) for e in due_events(session, NOW, 100).events]
        new = get_visit(session, new_id).visit
        origin_room = get_visit(session, origin).visit.room
    assert queued[-2:] == [(EventType.ANYTHING_ELSE, origin), (EventType.VISIT_OPENED, new_id)]
    assert (new.origin, new.follow_up_of, new.problem) == (
        "anything_else",
        origin,
        "The printer jams.",
    )
    assert new.room == origin_room  # the same desk


def test_only_a_signed_off_visit_is_reopened_and_nothing_is_left_when_refused(
    store: Store,
) -> None:
    origin = resolved_visit(store)
    with pytest.raises(WorkflowViolation), store.session() as session, session.begin():
        reopen(session, origin, "Jams again.", author=TECH, now=NOW)
    with store.read_session() as session:
        assert len(session.scalars(select(Visit.id)).all()) == 1
    signed = resolved_visit(store, signed_off=True)
    window = (NOW + timedelta(days=1), NOW + timedelta(days=1, hours=1))
    with store.session() as session, session.begin():
        event = reopen(session, signed, "Jams again.", window=window, author=TECH, now=NOW)
    with store.read_session() as session:
        back = get_visit(session, event.payload["return_visit_id"]).visit
        state = visit_state(session, signed)
    assert (back.origin, back.follow_up_of, back.window_start) == ("reopened", signed, window[0])
    assert state.reopened_as == back.id


def test_the_servers_row_takes_the_place_of_the_local_one(store: Store) -> None:
    with store.session() as session, session.begin():
        event = open_walk_up(
            session, {"customer_name": "Ana", "problem": "Black screen."}, author=TECH, now=NOW
        )
    served = server_visit(
        event.visit_id, reference="W-7", customer_name="Ana", origin="walk_up", created_by=TECH
    )
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(served).page())
    with store.read_session() as session:
        visit = get_visit(session, event.visit_id)
        here = opened_here(session, event.visit_id)
    assert (visit.visit.reference, visit.visit.origin) == ("W-7", "walk_up")
    assert visit.pending_count == 1  # the opening still waits for its confirmation
    assert not here


def test_discarding_a_refused_opening_removes_the_visit_opened_here(store: Store) -> None:
    with store.session() as session, session.begin():
        event = open_walk_up(
            session, {"customer_name": "Ana", "problem": "Black screen."}, author=TECH, now=NOW
        )
        arrived = record_event(
            session,
            event.visit_id,
            EventType.ARRIVED,
            MINIMAL[EventType.ARRIVED],
            author=TECH,
            now=NOW,
        )
        for refused in (event, arrived):
            row = session.get_one(EventRow, refused.id)
            row.sync_state = "rejected"
            session.query(OutboxRow).filter(OutboxRow.event_id == refused.id).delete()
    with store.session() as session, session.begin():
        assert discard_rejected_event(session, event.id)
    with store.read_session() as session:
        assert session.get(Visit, event.visit_id) is None
        assert session.scalars(select(EventRow.id)).all() == []
