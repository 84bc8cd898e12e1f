"""Deciding each event of a push against what its batch loaded: accepted (to be stamped and
stored), a duplicate, or rejected with the code and sentence the laptop shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from fieldapp.domain import (
    Event,
    EventType,
    InvalidEvent,
    VisitState,
    WorkflowViolation,
    check_event,
    validate_payload,
)
from fieldapp.domain.workflow import fold_unchecked
from fieldapp.protocol import EventIn, EventResult
from fieldapp.server import assistants, conflicts, dispatch, facts, opened
from fieldapp.server.models import User, Visit
from fieldapp.server.security import Principal


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """What a push needs of an event already stored under an incoming id."""

    visit_id: str
    author: str
    server_seq: int
    received_at: datetime


@dataclass(slots=True)
class PushBatch:
    """What one push needs, loaded with a few Core queries up front (no ORM objects)."""

    session: Session
    user: Principal
    now: datetime
    stored: dict[str, StoredEvent]
    cancelled: dict[str, bool]  # the caller's visits named in the batch: cancelled or not
    attachments: set[str]  # of the hashes named in the batch, those the caller uploaded
    reassigned: conflicts.Reassigned
    team: assistants.TeamGate  # who may change each visit's team
    histories: dict[str, list[Event]] = field(default_factory=dict)
    states: dict[str, VisitState] = field(default_factory=dict)


@dataclass(slots=True)
class Accepted:
    """An event that passed every check, to be stamped and stored with the batch."""

    event: Event
    attachment: str | None
    server_seq: int = 0


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


def decide(batch: PushBatch, incoming: EventIn) -> EventResult | Accepted:
    """The event's rejection or duplicate result, or the event to store (not yet stamped)."""
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
    visit_id = incoming.visit_id
    if incoming.type is EventType.VISIT_OPENED:
        refused = _open_visit(batch, incoming)
        if refused is not None:
            return refused
    previous = visit_id not in batch.cancelled and visit_id in batch.reassigned
    if visit_id not in batch.cancelled and not previous:
        return _rejected(
            incoming.id,
            "visit_not_found",
            "This visit is not on your list any more (it may have been reassigned).",
        )
    try:
        payload = validate_payload(incoming.type, incoming.payload)
    except InvalidEvent as error:
        return _rejected(incoming.id, error.code, error.message)
    if previous or batch.cancelled[visit_id]:
        # Work recorded before the reassignment or cancellation reached the laptop is kept
        # for a supervisor, never dropped (fieldapp.server.conflicts).
        missing = _missing_attachment(batch, incoming, payload)
        return missing or batch.reassigned.reject(incoming, payload)
    team_refusal = batch.team.refusal(visit_id, incoming.type, payload)
    if team_refusal is not None:
        return _rejected(incoming.id, *team_refusal)
    state = batch.states[visit_id]
    event = Event(
        id=incoming.id,
        visit_id=visit_id,
        type=incoming.type,
        occurred_at=incoming.occurred_at,
        payload=payload,
        author=user.username,
    )
    try:
        check_event(state, event)
    except WorkflowViolation as error:
        return _rejected(incoming.id, error.code, error.message)
    missing = _missing_attachment(batch, incoming, payload)
    if missing is not None:
        return missing
    attachment = _attachment_named(incoming.type, payload)
    batch.histories[visit_id].append(event)
    # The batch owns its states (derived for it above): folding in place gives the state
    # apply_event would, without its deep copy or a refold of the history.
    fold_unchecked(state, event)
    if (
        incoming.type is EventType.ANYTHING_ELSE
        and payload["answer"]
        and not payload.get("handled_now")  # then its own visit, opened by the laptop
    ):
        visit = batch.session.get_one(Visit, visit_id)
        request = str(payload["request"])
        at = incoming.occurred_at
        dispatch.create_follow_up(
            batch.session, visit, request, at=at, assignee=user.username, now=batch.now
        )
    return Accepted(event, attachment)


def _open_visit(batch: PushBatch, incoming: EventIn) -> EventResult | None:
    """Create the visit a visit_opened event opens (fieldapp.server.opened), or say why not.

    Its id is the laptop's; it must be new. A visit opened from another is the caller's
    own visit's, backed by that visit's event naming it (pushed before it)."""
    session, visit_id = batch.session, incoming.visit_id
    try:
        payload = validate_payload(incoming.type, incoming.payload)
    except InvalidEvent as error:
        return _rejected(incoming.id, error.code, error.message)
    if not opened.is_client_id(visit_id):
        return _rejected(
            incoming.id, "invalid_visit_id", "A visit opened on the laptop needs a UUID as its id."
        )
    if visit_id in batch.cancelled or session.get(Visit, visit_id) is not None:
        return _rejected(
            incoming.id,
            "visit_exists",
            "A visit with this id already exists, so it cannot be opened again; open a new one.",
        )
    parent = None
    origin = payload.get("opened_from")
    if origin is not None:
        parent = session.get(Visit, origin) if len(origin) <= 36 else None
        if parent is None or parent.assignee_id != batch.user.id:
            return _rejected(
                incoming.id,
                "origin_not_found",
                "The visit this one was opened from is not on your list.",
            )
        history = batch.histories.get(parent.id)
        if history is None:
            history = facts.load_history(session, [parent.id])[parent.id]
        refusal = opened.pairing_refusal(history, str(payload["how"]), visit_id)
        if refusal is not None:
            return _rejected(incoming.id, *refusal)
    opened.create_opened_visit(
        session,
        visit_id=visit_id,
        payload=payload,
        at=incoming.occurred_at,
        assignee=session.get_one(User, batch.user.id),
        created_by=batch.user.username,
        parent=parent,
        now=batch.now,
    )
    batch.cancelled[visit_id] = False
    batch.histories[visit_id] = []
    batch.states[visit_id] = VisitState()
    batch.team.holders[visit_id] = batch.user.id  # the opener holds it (may add a colleague)
    return None


def _missing_attachment(
    batch: PushBatch, incoming: EventIn, payload: dict[str, object]
) -> EventResult | None:
    attachment = _attachment_named(incoming.type, payload)
    if attachment is not None and attachment not in batch.attachments:
        return _rejected(
            incoming.id,
            "attachment_missing",
            "The server does not have this event's attachment yet; upload it, then retry.",
            retryable=True,
        )
    return None
