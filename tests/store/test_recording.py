"""Recording events in the cache: domain rules enforced locally, event and outbox row together."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldapp.domain import EventType, InvalidEvent, Step, WorkflowViolation
from fieldapp.protocol import VisitStatus
from fieldapp.store import (
    Store,
    VisitNotFound,
    add_attachment,
    apply_changes_page,
    get_visit,
    list_visits,
    record_event,
    sync_counts,
    visit_events,
    visit_state,
)
from fieldapp.store.models import AttachmentRow, EventRow, OutboxRow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit, snapshot


def _visit(store: Store, **fields: Any) -> str:
    visit = server_visit(**fields)
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
    return visit.id


def _record(store: Store, visit_id: str, kind: EventType, **payload: Any) -> str:
    with store.session() as session, session.begin():
        event = record_event(session, visit_id, kind, payload or MINIMAL[kind], author=TECH, now=T0)
    return event.id


def _counts(store: Store) -> tuple[int, int]:
    with store.read_session() as session:
        events = session.scalar(select(func.count()).select_from(EventRow))
        outbox = session.scalar(select(func.count()).select_from(OutboxRow))
    return events or 0, outbox or 0


def test_an_event_and_its_outbox_row_are_written_together(store: Store) -> None:
    visit_id = _visit(store)
    event_id = _record(store, visit_id, EventType.ARRIVED)
    with store.read_session() as session:
        row = session.get(EventRow, event_id)
        box = session.get(OutboxRow, event_id)
        assert row is not None
        assert box is not None
        assert (row.sync_state, row.local_seq, row.author) == ("pending", 1, TECH)
        assert row.occurred_at == T0
        assert box.attempts == 0
    # Rolled back together: neither stays.
    with store.session() as session:
        session.begin()
        record_event(
            session, visit_id, EventType.NOTE, MINIMAL[EventType.NOTE], author=TECH, now=T0
        )
        session.rollback()
    assert _counts(store) == (1, 1)


def test_a_refused_event_writes_nothing(store: Store) -> None:
    visit_id = _visit(store)
    before = snapshot(store)
    with pytest.raises(WorkflowViolation) as info:
        _record(store, visit_id, EventType.DIAGNOSED)
    assert info.value.code == "permission_required"
    with pytest.raises(InvalidEvent):
        _record(store, visit_id, EventType.ARRIVED, greeting_done="yes")
    with pytest.raises(InvalidEvent), store.session() as session, session.begin():
        record_event(session, visit_id, "teleported", {}, author=TECH, now=T0)
    with pytest.raises(VisitNotFound):
        _record(store, "no-such-visit", EventType.NOTE)
    assert snapshot(store) == before


def test_permission_gate_is_enforced_on_the_laptop(store: Store) -> None:
    visit_id = _visit(store)
    _record(store, visit_id, EventType.ARRIVED)
    with pytest.raises(WorkflowViolation, match="permission"):
        _record(store, visit_id, EventType.DIAGNOSED)
    _record(store, visit_id, EventType.PERMISSION_GRANTED)
    _record(store, visit_id, EventType.DIAGNOSED)
    with store.read_session() as session:
        detail = get_visit(session, visit_id)
        assert (detail.step, detail.pending_count, detail.rejected_count) == (
            Step.DIAGNOSED,
            3,
            0,
        )
        assert visit_state(session, visit_id).diagnosed
        assert [e.stored.event.type for e in visit_events(session, visit_id)] == [
            EventType.ARRIVED,
            EventType.PERMISSION_GRANTED,
            EventType.DIAGNOSED,
        ]
        assert sync_counts(session).pending == 3


def test_a_cancelled_visit_takes_no_more_events(store: Store) -> None:
    visit_id = _visit(store, status=VisitStatus.CANCELLED, cancel_reason="User left")
    with pytest.raises(WorkflowViolation) as info:
        _record(store, visit_id, EventType.NOTE)
    assert info.value.code == "visit_cancelled"
    with store.read_session() as session:
        assert [v.step for v in list_visits(session)] == [Step.CANCELLED]
        assert list_visits(session, include_closed=False) == []


def test_attachment_is_stored_by_hash_and_recorded(store: Store, tmp_path: Path) -> None:
    visit_id = _visit(store)
    attachments = tmp_path / "attachments"
    data = b"\x89PNG fake signature bytes"
    sha = hashlib.sha256(data).hexdigest()
    source = tmp_path / "photo.png"
    source.write_bytes(data)
    with store.session() as session, session.begin():
        first = add_attachment(
            session, attachments, visit_id, data,
            filename="sig.png", media_type="image/png", kind="signature", author=TECH, now=T0,
        )  # fmt: skip
        second = add_attachment(
            session, attachments, visit_id, source,
            filename="photo.png", media_type="image/png", kind="photo", author=TECH,
            now=T0 + timedelta(minutes=1),
        )  # fmt: skip
    assert first.payload["sha256"] == second.payload["sha256"] == sha
    assert first.payload["size"] == len(data)
    stored = attachments / sha[:2] / sha
    assert stored.read_bytes() == data
    assert [p.name for p in attachments.rglob("*") if p.is_file()] == [sha]  # no temp files
    with store.read_session() as session:
        row = session.get(AttachmentRow, sha)
        assert row is not None
        assert (row.path, row.size, row.uploaded) == (f"{sha[:2]}/{sha}", len(data), False)
        assert visit_state(session, visit_id).attachments == [sha, sha]


def test_refused_attachment_leaves_no_file(store: Store, tmp_path: Path) -> None:
    visit_id = _visit(store, status=VisitStatus.CANCELLED)
    with pytest.raises(WorkflowViolation), store.session() as session, session.begin():
        add_attachment(
            session, tmp_path / "att", visit_id, b"data",
            filename="a.txt", media_type="text/plain", kind="file", author=TECH, now=T0,
        )  # fmt: skip
    assert not (tmp_path / "att").exists()
