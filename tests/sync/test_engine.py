"""Sync against a real server: pull, push, rejections that never block, duplicates, conflicts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, update

from fieldapp import protocol
from fieldapp.domain import EventType, Step
from fieldapp.store import (
    add_attachment,
    get_visit,
    list_visits,
    rejected_events,
    sync_counts,
    visit_events,
)
from fieldapp.store.meta import get_clock_offset, get_last_sync_at
from fieldapp.store.models import AttachmentRow, EventRow, OutboxRow
from fieldapp.sync import SyncEngine
from tests.sync.harness import WINDOW, Laptop, Server


def _outbox(laptop: Laptop) -> int:
    with laptop.store.read_session() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


def test_pull_then_push_round_trip(server: Server, laptop: Laptop) -> None:
    first = server.create_visit(laptop.username)
    second = server.create_visit(laptop.username)
    server.create_visit(None)  # nobody's: never reaches the laptop
    summary = laptop.engine.sync()
    assert summary.pulled == 2
    with laptop.store.read_session() as session:
        assert {v.id for v in list_visits(session)} == {first, second}
        assert get_last_sync_at(session) is not None
        assert get_clock_offset(session) is not None
    assert summary.clock_offset is not None
    assert abs(summary.clock_offset) < timedelta(seconds=5)

    ids = [laptop.record(first, kind) for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED)]
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.duplicate, summary.rejected) == (2, 0, 0)
    assert server.event_ids(first) == ids
    assert _outbox(laptop) == 0
    with laptop.store.read_session() as session:
        timeline = visit_events(session, first)
        assert [e.stored.event.id for e in timeline] == ids
        assert all(e.stored.sync_state == "synced" for e in timeline)
        assert all(e.stored.server_seq is not None for e in timeline)
        detail = get_visit(session, first)
        assert (detail.step, detail.pending_count) == (Step.WORKING, 0)
    # Our own events come back through the feed: confirmed, never stored twice.
    laptop.engine.sync()
    with laptop.store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 2


def test_dispatch_changes_come_down_and_server_wins(server: Server, laptop: Laptop) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    laptop.record(visit, EventType.ARRIVED)
    server.reschedule(visit, WINDOW + timedelta(days=1))
    laptop.engine.sync()
    with laptop.store.read_session() as session:
        detail = get_visit(session, visit)
        assert detail.visit.window_start == WINDOW + timedelta(days=1)
        assert detail.step == Step.ARRIVED


def test_a_rejected_event_is_kept_and_does_not_block_the_others(
    server: Server, laptop: Laptop
) -> None:
    cancelled = server.create_visit(laptop.username)
    fine = server.create_visit(laptop.username)
    laptop.engine.sync()
    server.cancel(cancelled, "The user left the company.")
    # Offline: the laptop does not know yet.
    refused = laptop.record(cancelled, EventType.ARRIVED)
    accepted = [laptop.record(fine, EventType.ARRIVED), laptop.record(fine, EventType.NOTE)]
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.rejected) == (2, 1)
    assert server.event_ids(fine) == accepted
    assert server.event_ids(cancelled) == []
    with laptop.store.read_session() as session:
        (rejected,) = rejected_events(session)
        assert rejected.entry.stored.event.id == refused
        # kept by the server too, for a supervisor (tests/sync/test_conflicts.py)
        assert rejected.entry.stored.reject_code == "visit_cancelled_kept"
        assert rejected.entry.stored.reject_message
        # The tombstone that followed keeps the visit, as a conflict, because of it.
        detail = get_visit(session, cancelled)
        assert detail.scope_lost_reason == "cancelled"
        assert detail.step == Step.CANCELLED
        assert detail.rejected_count == 1
        assert sync_counts(session).pending == 0
    assert summary.conflicts == [cancelled]


def test_re_pushing_a_confirmed_event_is_a_duplicate(server: Server, laptop: Laptop) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    event_id = laptop.record(visit, EventType.ARRIVED)
    laptop.engine.sync()
    # As if the laptop had crashed after the server stored the event but before it noted so.
    with laptop.store.session() as session, session.begin():
        session.execute(
            update(EventRow)
            .where(EventRow.id == event_id)
            .values(sync_state="pending", server_seq=None, received_at=None)
        )
        session.execute(insert(OutboxRow).values(event_id=event_id, attempts=0))
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.duplicate) == (0, 1)
    assert server.event_ids() == [event_id]
    assert _outbox(laptop) == 0


def test_big_events_are_split_to_fit_the_request_limit(server: Server, laptop: Laptop) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    big = {"text": "é" * 20_000, "answer_given": "ü" * 20_000}  # ~80 KB of UTF-8 each
    count = 2 * protocol.MAX_BODY_BYTES // (160 * 1024) + 10
    ids = [laptop.record(visit, EventType.NOTE, big) for _ in range(count)]
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.rejected) == (count, 0)
    assert server.event_ids(visit) == ids


class _Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def test_retryable_rejection_backs_off_and_holds_back_its_visit(
    server: Server, laptop: Laptop
) -> None:
    visit = server.create_visit(laptop.username)
    clock = _Clock()
    engine = SyncEngine(laptop.store, laptop.client, clock=clock)
    engine.sync()
    with laptop.store.session() as session, session.begin():
        photo = add_attachment(
            session, laptop.store.attachments_dir, visit, b"photo bytes",
            filename="desk.jpg", media_type="image/jpeg", kind="photo",
            author=laptop.username, now=clock.now,
        ).id  # fmt: skip
        # As if the upload had been noted but never reached the server.
        session.execute(update(AttachmentRow).values(uploaded=True))
    summary = engine.sync()
    assert (summary.retry_later, summary.pushed) == (1, 0)
    with laptop.store.read_session() as session:
        box = session.get(OutboxRow, photo)
        assert box is not None
        assert box.attempts == 1
        assert box.next_attempt_at == clock.now + timedelta(seconds=30)
        assert box.last_error is not None
        (entry,) = visit_events(session, visit)
        assert entry.retry_reason == box.last_error
    later = laptop.record(visit, EventType.NOTE)
    summary = engine.sync()  # not due yet: the photo waits, and the note waits behind it
    assert (summary.pushed, summary.retry_later) == (0, 0)
    assert _outbox(laptop) == 2
    with laptop.store.session() as session, session.begin():
        session.execute(update(AttachmentRow).values(uploaded=False))
    clock.now += timedelta(seconds=31)
    summary = engine.sync()
    assert (summary.uploaded, summary.pushed) == (1, 2)
    assert server.event_ids(visit) == [photo, later]


def test_an_event_the_wire_format_refuses_is_kept_as_rejected_and_the_rest_go(
    server: Server, laptop: Laptop
) -> None:
    """A cache written before the server's stricter checks may hold an event no server takes
    (here a time past 2199, from a laptop whose clock was far off): it must not stop every
    sync."""
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    arrived = laptop.record(visit, EventType.ARRIVED)
    granted = laptop.record(visit, EventType.PERMISSION_GRANTED)
    with laptop.store.session() as session, session.begin():
        # As an older version could have stored it: straight into the cache, past the domain.
        session.execute(
            update(EventRow)
            .where(EventRow.id == granted)
            .values(occurred_at=datetime(2250, 1, 1, tzinfo=UTC))
        )
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.rejected) == (1, 1)
    assert server.event_ids(visit) == [arrived]
    with laptop.store.read_session() as session:
        (refused,) = rejected_events(session)
        stored = refused.entry.stored
        assert stored.event.id == granted
        assert stored.reject_code == "invalid_payload"
        assert "cannot be sent as recorded" in (stored.reject_message or "")
        assert sync_counts(session).pending == 0
    again = laptop.engine.sync()
    assert (again.pushed, again.rejected) == (0, 0)


def test_batches_go_out_while_the_last_answers_are_written_each_visit_in_order(
    server: Server, laptop: Laptop
) -> None:
    """The next batch is sent while the last one's answers are written down: each visit's
    events still reach the server in the order they were recorded, all in one sync, and the
    round's columns are what a full derivation gives."""
    visits = [server.create_visit(laptop.username) for _ in range(3)]
    laptop.engine.sync()
    recorded: dict[str, list[str]] = {visit: [] for visit in visits}
    kinds = (EventType.ARRIVED, EventType.PERMISSION_GRANTED, *[EventType.NOTE] * 4)
    for kind in kinds:
        for visit in visits:  # interleaved, so a visit's events span several batches
            recorded[visit].append(laptop.record(visit, kind))
    engine = SyncEngine(laptop.store, laptop.client, push_batch=4)
    summary = engine.sync()
    assert (summary.pushed, summary.duplicate, summary.rejected) == (len(kinds) * 3, 0, 0)
    for visit in visits:
        assert server.event_ids(visit) == recorded[visit]
    assert _outbox(laptop) == 0
    with laptop.store.read_session() as session:
        for visit in visits:
            detail = get_visit(session, visit)
            assert (detail.step, detail.pending_count) == (Step.WORKING, 0)
    assert engine.sync().pushed == 0


def test_the_echo_comes_in_the_same_sync_fetched_while_the_last_answer_is_written(
    server: Server, laptop: Laptop
) -> None:
    """The feed's first page is fetched while the push's last answer is written down: our
    own events come back in the same sync, and the next sync has nothing to pull."""
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    recorded = [laptop.record(visit, kind) for kind in (EventType.ARRIVED, EventType.NOTE)]
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.pulled) == (2, 2)
    assert server.event_ids(visit) == recorded
    with laptop.store.read_session() as session:
        states = session.execute(select(EventRow.sync_state, EventRow.server_seq)).all()
        assert {state for state, _ in states} == {"synced"}
        assert all(seq is not None for _, seq in states)
    again = laptop.engine.sync()
    assert (again.pushed, again.pulled) == (0, 0)
