"""Applying the change feed: idempotent pages, server-owned dispatch data, tombstones, conflicts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update

from fieldapp.domain import EventType, Step, WorkflowViolation
from fieldapp.protocol import Change, ChangesPage, Priority
from fieldapp.store import (
    FeedError,
    Store,
    VisitNotFound,
    VisitOutOfScope,
    apply_changes_page,
    clear_for_refetch,
    discard_rejected_event,
    get_cursor,
    get_visit,
    list_visits,
    record_event,
    rejected_events,
    visit_events,
    visit_state,
)
from fieldapp.store.models import EventRow, OutboxRow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, feed_event, server_visit, snapshot


def _apply(store: Store, page: ChangesPage) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(session, page)


def _record(store: Store, visit_id: str, kind: EventType) -> str:
    with store.session() as session, session.begin():
        return record_event(session, visit_id, kind, MINIMAL[kind], author=TECH, now=T0).id


def test_applying_the_same_page_twice_changes_nothing(store: Store) -> None:
    first, second = server_visit(), server_visit()
    builder = PageBuilder()
    builder.visit(first).visit(second)
    builder.event(feed_event(first.id, EventType.ARRIVED, 3))
    builder.event(feed_event(first.id, EventType.PERMISSION_GRANTED, 4))
    page = builder.page()
    _apply(store, page)
    once = snapshot(store)
    _apply(store, page)
    assert snapshot(store) == once
    with store.read_session() as session:
        assert get_cursor(session) == 4
        rows = {v.id: v for v in list_visits(session)}
        assert rows[first.id].step == Step.WORKING
        assert rows[second.id].step == Step.SCHEDULED
        assert len(visit_events(session, first.id)) == 2


def test_server_wins_for_dispatch_fields_and_pending_work_stays(store: Store) -> None:
    visit = server_visit(priority=Priority.NORMAL)
    builder = PageBuilder()
    _apply(store, builder.visit(visit).page())
    _record(store, visit.id, EventType.ARRIVED)
    moved = visit.model_copy(
        update={
            "priority": Priority.HIGH,
            "window_start": visit.window_start + timedelta(hours=2),
            "updated_at": T0 + timedelta(hours=1),
        }
    )
    _apply(store, builder.visit(moved).page())
    with store.read_session() as session:
        detail = get_visit(session, visit.id)
        assert detail.visit == moved
        assert (detail.step, detail.pending_count) == (Step.ARRIVED, 1)


def test_our_pending_event_coming_back_in_the_feed_becomes_synced_once(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).page())
    event_id = _record(store, visit.id, EventType.ARRIVED)
    page = builder.event(feed_event(visit.id, EventType.ARRIVED, 2, event_id=event_id)).page()
    _apply(store, page)
    _apply(store, page)
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 1
        assert session.get(OutboxRow, event_id) is None
        row = session.get(EventRow, event_id)
        assert row is not None
        assert (row.sync_state, row.server_seq, row.local_seq) == ("synced", 2, 1)
        assert get_visit(session, visit.id).pending_count == 0


def test_state_is_server_events_then_pending_ones_without_rejected(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).event(feed_event(visit.id, EventType.ARRIVED, 2)).page())
    granted = _record(store, visit.id, EventType.PERMISSION_GRANTED)
    _record(store, visit.id, EventType.DIAGNOSED)
    with store.read_session() as session:
        assert visit_state(session, visit.id).diagnosed
    # The server refused the permission: the diagnosis no longer stands on anything.
    with store.session() as session, session.begin():
        session.execute(
            update(EventRow)
            .where(EventRow.id == granted)
            .values(sync_state="rejected", reject_code="x", reject_message="Refused.")
        )
        session.execute(delete(OutboxRow).where(OutboxRow.event_id == granted))
    _apply(store, builder.page())  # an empty page still refreshes nothing it should not
    with store.read_session() as session:
        state = visit_state(session, visit.id)
        assert state.on_site
        assert state.permission is None
        timeline = visit_events(session, visit.id)
        assert [e.stored.sync_state for e in timeline] == ["synced", "pending", "rejected"]
        assert [r.entry.stored.reject_message for r in rejected_events(session)] == ["Refused."]


def test_tombstone_removes_a_visit_without_local_work(store: Store) -> None:
    visit, other = server_visit(), server_visit()
    builder = PageBuilder()
    builder.visit(visit).visit(other).event(feed_event(visit.id, EventType.ARRIVED, 3))
    _apply(store, builder.page())
    _apply(store, builder.tombstone(visit.id, "reassigned", "Given to JB.").page())
    with store.read_session() as session:
        assert [v.id for v in list_visits(session)] == [other.id]
        assert session.scalar(select(func.count()).select_from(EventRow)) == 0


def test_tombstone_keeps_a_visit_with_pending_events_as_a_conflict(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).event(feed_event(visit.id, EventType.ARRIVED, 2)).page())
    pending = _record(store, visit.id, EventType.NOTE)
    page = builder.tombstone(visit.id, "reassigned", "Dispatch gave this visit to JB.").page()
    _apply(store, page)
    once = snapshot(store)
    _apply(store, page)
    assert snapshot(store) == once
    with store.read_session() as session:
        (row,) = list_visits(session, only_conflicts=True)
        assert row.conflict
        assert (row.scope_lost_reason, row.scope_lost_message) == (
            "reassigned",
            "Dispatch gave this visit to JB.",
        )
        assert row.pending_count == 1
        assert [e.stored.event.id for e in visit_events(session, visit.id)][-1] == pending
        assert session.get(OutboxRow, pending) is not None
    with pytest.raises(VisitOutOfScope, match="JB"):
        _record(store, visit.id, EventType.NOTE)
    # The visit comes back: the conflict clears.
    _apply(store, builder.visit(visit).page())
    with store.read_session() as session:
        assert not get_visit(session, visit.id).scope_lost_reason


def test_cancelled_tombstone_with_rejected_event_keeps_visit_cancelled(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).page())
    event_id = _record(store, visit.id, EventType.ARRIVED)
    with store.session() as session, session.begin():
        session.execute(
            update(EventRow).where(EventRow.id == event_id).values(sync_state="rejected")
        )
        session.execute(delete(OutboxRow))
    _apply(store, builder.tombstone(visit.id, "cancelled", "The user left the company.").page())
    with store.read_session() as session:
        detail = get_visit(session, visit.id)
        assert detail.step == Step.CANCELLED
        assert detail.visit.cancel_reason == "The user left the company."
        assert detail.rejected_count == 1
    with pytest.raises(WorkflowViolation, match="cancelled"):
        _record(store, visit.id, EventType.NOTE)
    # Once the technician has seen the rejection, the conflict can go.
    with store.session() as session, session.begin():
        assert discard_rejected_event(session, event_id)
    with store.read_session() as session:
        assert list_visits(session) == []


def test_tombstone_then_visit_in_one_page_revives_it(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).event(feed_event(visit.id, EventType.ARRIVED, 2)).page())
    builder.tombstone(visit.id, "reassigned", "Away.").visit(visit)
    _apply(store, builder.event(feed_event(visit.id, EventType.CONFIRMED, 5)).page())
    with store.read_session() as session:
        assert [e.stored.event.type for e in visit_events(session, visit.id)] == [
            EventType.CONFIRMED
        ]


def test_events_before_their_visit_wait_in_a_hidden_stub(store: Store) -> None:
    # The server moves an updated visit's row to the end of its feed, so a page boundary
    # can fall between a visit's events and the visit itself.
    visit = server_visit()
    builder = PageBuilder()
    builder.event(feed_event(visit.id, EventType.ARRIVED, 1))
    _apply(store, builder.event(feed_event(visit.id, EventType.PERMISSION_GRANTED, 2)).page())
    with store.read_session() as session:
        assert list_visits(session) == []
        with pytest.raises(VisitNotFound):
            get_visit(session, visit.id)
    with pytest.raises(VisitNotFound):
        _record(store, visit.id, EventType.NOTE)
    _apply(store, builder.visit(visit).page())
    with store.read_session() as session:
        (row,) = list_visits(session)
        assert (row.id, row.step) == (visit.id, Step.WORKING)
        assert get_visit(session, visit.id).visit == visit


def test_a_change_without_its_data_is_refused(store: Store) -> None:
    _apply(store, PageBuilder().visit(server_visit()).page())
    before = snapshot(store)
    page = ChangesPage(
        changes=[Change(seq=7, kind="visit", visit_id="v-x")],
        next_cursor=7,
        has_more=False,
        server_time=T0,
    )
    with pytest.raises(FeedError, match="change 7"):
        _apply(store, page)
    assert snapshot(store) == before


def test_clear_for_refetch_keeps_only_visits_with_local_work(store: Store) -> None:
    busy, idle = server_visit(), server_visit()
    builder = PageBuilder()
    _apply(
        store,
        builder.visit(busy).visit(idle).event(feed_event(idle.id, EventType.ARRIVED, 3)).page(),
    )
    _record(store, busy.id, EventType.ARRIVED)
    with store.session() as session, session.begin():
        assert clear_for_refetch(session) == [busy.id]
    with store.read_session() as session:
        assert [v.id for v in list_visits(session)] == [busy.id]
        assert get_cursor(session) == 0
        assert get_visit(session, busy.id).pending_count == 1
