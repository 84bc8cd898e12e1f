"""Accepting a batch of laptop events: idempotent, scoped to the caller, checked by the domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain import (
    Event,
    EventType,
    InvalidEvent,
    VisitState,
    WorkflowViolation,
    apply_event,
    check_event,
    derive_state,
    validate_payload,
)
from fieldapp.protocol import EventIn, EventResult, VisitCreate, VisitStatus
from fieldapp.server import dispatch, feed
from fieldapp.server.models import Attachment, EventRecord, Visit
from fieldapp.server.security import Principal

FOLLOW_UP_START = time(9, 0)
FOLLOW_UP_END = time(17, 0)


@dataclass(slots=True)
class _Batch:
    """What one push needs, loaded with a few queries up front."""

    session: Session
    user: Principal
    now: datetime
    stored: dict[str, EventRecord]
    visits: dict[str, Visit]
    attachments: set[str]
    states: dict[str, VisitState] = field(default_factory=dict)


def _attachment_named(event_type: EventType, payload: dict[str, object]) -> str | None:
    if event_type is EventType.ATTACHMENT_ADDED:
        return str(payload["sha256"])
    if event_type is EventType.SIGNED_OFF and "signature_sha256" in payload:
        return str(payload["signature_sha256"])
    return None


def _rejected(event_id: str, code: str, message: str, *, retryable: bool = False) -> EventResult:
    return EventResult(
        id=event_id, status="rejected", code=code, message=message, retryable=retryable
    )


def push_events(
    session: Session, user: Principal, events: Sequence[EventIn], now: datetime
) -> list[EventResult]:
    """One result per event, in order. The caller owns the write transaction: all accepted
    events of the batch commit together, and a failure before commit stores none of them.

    A handful of queries per batch, not per event: stored ids, the caller's visits, their
    events (to derive each visit's state), the attachments named; then one stamp and one
    insert of the accepted events and of their change-feed rows.
    """
    if not events:
        return []
    feed.lock_counter(session)  # first: pushes (and all other writers) run one at a time
    visit_ids = {e.visit_id for e in events}
    hashes = {
        h
        for e in events
        for h in (e.payload.get("sha256"), e.payload.get("signature_sha256"))
        if isinstance(h, str)
    }
    ids = {e.id for e in events}
    batch = _Batch(
        session=session,
        user=user,
        now=now,
        stored={
            row.id: row
            for row in session.scalars(select(EventRecord).where(EventRecord.id.in_(ids)))
        },
        visits={
            v.id: v
            for v in session.scalars(
                select(Visit).where(Visit.id.in_(visit_ids), Visit.assignee_id == user.id)
            )
        },
        attachments=set(
            session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(hashes)))
        ),
    )
    _derive_states(batch)
    decisions: list[EventResult | EventRecord] = []
    first: dict[str, EventResult | EventRecord] = {}
    for incoming in events:
        if incoming.id not in first:  # else the same id twice in one batch
            first[incoming.id] = _push_one(batch, incoming)
        decisions.append(first[incoming.id])
    accepted = [d for d in first.values() if isinstance(d, EventRecord)]
    if accepted:
        for record, seq in zip(accepted, feed.stamp(session, len(accepted)), strict=True):
            record.server_seq = seq
        session.add_all(accepted)
        session.flush()
        feed.events_added(session, user.id, accepted, now)
    results: list[EventResult] = []
    reported: set[str] = set()
    for decision in decisions:
        if isinstance(decision, EventResult):
            results.append(decision)
            continue
        status: Literal["accepted", "duplicate"] = (
            "duplicate" if decision.id in reported else "accepted"
        )
        reported.add(decision.id)
        results.append(
            EventResult(
                id=decision.id, status=status, server_seq=decision.server_seq, received_at=now
            )
        )
    return results


def _push_one(batch: _Batch, incoming: EventIn) -> EventResult | EventRecord:
    """The event's rejection or duplicate result, or its record to store (not yet stamped)."""
    user = batch.user
    existing = batch.stored.get(incoming.id)
    if existing is not None:
        if existing.author != user.username or existing.visit_id != incoming.visit_id:
            return _rejected(
                incoming.id, "id_conflict", "Another event already has this id; record it again."
            )
        return EventResult(
            id=incoming.id,
            status="duplicate",
            server_seq=existing.server_seq,
            received_at=existing.received_at,
        )
    visit = batch.visits.get(incoming.visit_id)
    if visit is None:
        return _rejected(
            incoming.id,
            "visit_not_found",
            "This visit is not on your list any more (it may have been reassigned).",
        )
    try:
        payload = validate_payload(incoming.type, incoming.payload)
    except InvalidEvent as error:
        return _rejected(incoming.id, error.code, error.message)
    state = batch.states[visit.id]
    event = Event(
        id=incoming.id,
        visit_id=visit.id,
        type=incoming.type,
        occurred_at=incoming.occurred_at,
        payload=payload,
        author=user.username,
    )
    try:
        check_event(state, event)
    except WorkflowViolation as error:
        return _rejected(incoming.id, error.code, error.message)
    attachment = _attachment_named(incoming.type, payload)
    if attachment is not None and attachment not in batch.attachments:
        return _rejected(
            incoming.id,
            "attachment_missing",
            "The server does not have this event's attachment yet; upload it, then retry.",
            retryable=True,
        )
    batch.states[visit.id] = apply_event(state, event)
    if incoming.type is EventType.ANYTHING_ELSE and payload["answer"]:
        _create_follow_up(batch, visit, str(payload["request"]), incoming.occurred_at)
    return EventRecord(
        id=incoming.id,
        visit_id=visit.id,
        type=incoming.type.value,
        occurred_at=incoming.occurred_at,
        payload=payload,
        author=user.username,
        attachment_sha256=attachment,
        received_at=batch.now,
    )


def _derive_states(batch: _Batch) -> None:
    """Each visit's state from its stored events, in server order (one query for all)."""
    history: dict[str, list[Event]] = {visit_id: [] for visit_id in batch.visits}
    records = batch.session.scalars(
        select(EventRecord)
        .where(EventRecord.visit_id.in_(history))
        .order_by(EventRecord.server_seq)
    )
    for r in records:
        history[r.visit_id].append(
            Event(
                id=r.id,
                visit_id=r.visit_id,
                type=EventType(r.type),
                occurred_at=r.occurred_at,
                payload=r.payload,
                author=r.author,
            )
        )
    for visit_id, visit in batch.visits.items():
        cancelled = visit.status == VisitStatus.CANCELLED
        batch.states[visit_id] = derive_state(history[visit_id], cancelled=cancelled)


def next_working_day(moment: datetime) -> datetime:
    """Midnight (in `moment`'s offset) of the first Monday-to-Friday day after `moment`."""
    day = moment.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=moment.tzinfo)


def _follow_up_reference(session: Session, visit: Visit) -> str:
    for n in range(1, 1000):
        candidate = f"{visit.reference[:480]}-F{n}"
        if session.scalar(select(Visit.id).where(Visit.reference == candidate)) is None:
            return candidate
    return f"{visit.reference[:400]}-F-{visit.id}"


def _create_follow_up(batch: _Batch, visit: Visit, request: str, at: datetime) -> Visit:
    session = batch.session
    day = next_working_day(at)
    data = VisitCreate(
        reference=_follow_up_reference(session, visit),
        customer_name=visit.customer_name,
        contact_phone=visit.contact_phone,
        contact_email=visit.contact_email,
        contact_extension=visit.contact_extension,
        site=visit.site,
        building=visit.building,
        floor=visit.floor,
        room=visit.room,
        window_start=day.replace(hour=FOLLOW_UP_START.hour),
        window_end=day.replace(hour=FOLLOW_UP_END.hour),
        problem=request,
        skill_level=visit.skill_level,
        coordinator=visit.coordinator,
        backup_technician=visit.backup_technician,
        follow_up_of=visit.id,
        assignee=batch.user.username,
    )
    return dispatch.create_visit(session, data, batch.now)
