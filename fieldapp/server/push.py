"""Accepting a batch of laptop events: idempotent, scoped to the caller, checked by the domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import BindParameter, CompoundSelect, Integer, bindparam, null, select, union_all
from sqlalchemy.orm import Session

from fieldapp.domain import (
    Event,
    EventType,
    InvalidEvent,
    VisitState,
    WorkflowViolation,
    check_event,
    derive_state,
    validate_payload,
)
from fieldapp.domain.team import TEAM_EVENTS
from fieldapp.domain.workflow import fold_unchecked
from fieldapp.protocol import EventIn, EventResult, VisitStatus
from fieldapp.server import assistants, conflicts, dispatch, facts, feed, opened, uploads
from fieldapp.server.bulk import insert_rows
from fieldapp.server.dispatch import next_working_day
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.models_supervision import Conflict
from fieldapp.server.prepared import Prepared
from fieldapp.server.security import Principal

__all__ = ["next_working_day", "push_events"]


@dataclass(frozen=True, slots=True)
class _Stored:
    """What a push needs of an event already stored under an incoming id."""

    visit_id: str
    author: str
    server_seq: int
    received_at: datetime


@dataclass(slots=True)
class _Batch:
    """What one push needs, loaded with a few Core queries up front (no ORM objects)."""

    session: Session
    user: Principal
    now: datetime
    stored: dict[str, _Stored]
    cancelled: dict[str, bool]  # the caller's visits named in the batch: cancelled or not
    attachments: set[str]  # of the hashes named in the batch, those the caller uploaded
    reassigned: conflicts.Reassigned
    team: assistants.TeamGate  # who may change each visit's team
    histories: dict[str, list[Event]] = field(default_factory=dict)
    states: dict[str, VisitState] = field(default_factory=dict)


@dataclass(slots=True)
class _Accepted:
    """An event that passed every check, to be stamped and stored with the batch."""

    event: Event
    attachment: str | None
    server_seq: int = 0


# The statements of every push, built once (db.run says why), run on the driver's cursor
# (prepared.py says why).
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
# The batch's ids already stored, and those kept as open conflicts (a row with NULLs but
# the id: facts.rewrite_derived settles them, and runs no UPDATE when there are none).
_STORED: CompoundSelect[Any] = union_all(
    select(
        EventRecord.id,
        EventRecord.visit_id,
        EventRecord.author,
        EventRecord.server_seq,
        EventRecord.received_at,
    ).where(EventRecord.id.in_(_IDS)),
    select(
        Conflict.event_id,
        null().label("visit_id"),
        null().label("author"),
        null().label("server_seq"),
        null().label("received_at"),
    ).where(Conflict.event_id.in_(_IDS), Conflict.status == "open"),
)
# The caller's visits (those they hold and those they assist on: the same rules apply),
# each with its events in server order, in one statement: a visit without events has one
# row whose event columns are NULL. Last, whether anyone assists on it: the team is read
# again only for those (most visits have none).
_VISITS = (
    select(
        Visit.id,
        Visit.status,
        Visit.assignee_id,
        EventRecord.id,
        EventRecord.type,
        EventRecord.occurred_at,
        EventRecord.payload,
        EventRecord.author,
        assistants.has_assistants(),
    )
    .outerjoin(EventRecord, EventRecord.visit_id == Visit.id)
    .where(Visit.id.in_(_IDS), assistants.on_team(bindparam("user_id", type_=Integer)))
    .order_by(Visit.id, EventRecord.server_seq)  # as the events' index has them
)
_STORED_ROWS = Prepared(_STORED)
_VISIT_ROWS = Prepared(_VISITS)


def _origins(events: Sequence[EventIn]) -> set[str]:
    """The visits the batch's opened visits are opened from (whose histories it reads)."""
    return {
        str(e.payload["opened_from"])
        for e in events
        if e.type is EventType.VISIT_OPENED and isinstance(e.payload.get("opened_from"), str)
    }


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
    events (to derive each visit's state), the attachments named; the derived rows; then,
    last, one stamp and one executemany each for the accepted events and for their
    change-feed rows: the counter's lock (feed.py) is held from the stamp to the commit.
    """
    if not events:
        return []
    visit_ids = {e.visit_id for e in events}
    # First: a push on the same visits (or a visit this batch opens from) waits here.
    feed.lock_visits(session, visit_ids | _origins(events))
    hashes = {
        h
        for e in events
        for h in (e.payload.get("sha256"), e.payload.get("signature_sha256"))
        if isinstance(h, str)
    }
    ids = {e.id for e in events}
    if session.new or session.dirty or session.deleted:
        session.flush()  # as db.run does: the reads below see what this transaction wrote
    connection = session.connection()
    found = _STORED_ROWS.rows(connection, {"ids": list(ids)})
    stored = [row for row in found if row[1] is not None]
    open_conflicts = {row[0] for row in found if row[1] is None}
    rows = _VISIT_ROWS.rows(connection, {"ids": list(visit_ids), "user_id": user.id})
    cancelled = {row[0]: row[1] == VisitStatus.CANCELLED for row in rows}
    batch = _Batch(
        session=session,
        user=user,
        now=now,
        stored={row[0]: _Stored(*row[1:]) for row in stored},
        cancelled=cancelled,
        # Only the caller's own uploads count: naming someone else's hash must neither
        # grant access to it nor tell whether it exists (both get attachment_missing).
        attachments=uploads.uploaded_by(session, user.id, hashes),
        reassigned=conflicts.load_reassigned(
            session,
            user,
            visit_ids - cancelled.keys(),
            ids - {row[0] for row in stored},
            now,
            held_cancelled={visit_id for visit_id, gone in cancelled.items() if gone},
        ),
        team=assistants.load_gate(
            session,
            user,
            {row[0]: row[2] for row in rows},
            [e.payload for e in events if e.type in TEAM_EVENTS],
        ),
    )
    _derive_states(batch, rows)
    decisions: list[EventResult | _Accepted] = []
    first: dict[str, EventResult | _Accepted] = {}
    for incoming in events:
        if incoming.id not in first:  # else the same id twice in one batch
            first[incoming.id] = _push_one(batch, incoming)
        decisions.append(first[incoming.id])
    batch.reassigned.flush(session)
    accepted = [d for d in first.values() if isinstance(d, _Accepted)]
    if accepted:
        # What needs no seq comes first, under the visits' locks only: the derived rows and
        # who else on each visit's team gets the events.
        facts.rewrite_derived(
            session,
            [a.event for a in accepted],
            batch.histories,
            batch.states,
            now,
            known_ids={user.username: user.id},
            open_conflicts=open_conflicts,
        )
        team = assistants.team_members(
            session,
            {a.event.visit_id for a in accepted},
            batch.team.holders,
            {row[0]: bool(row[8]) for row in rows},
        )
        # Then the counter's lock, held to the commit: the stamp and the rows carrying it.
        for record, seq in zip(accepted, feed.stamp(session, len(accepted)), strict=True):
            record.server_seq = seq
        session.flush()  # a follow-up visit created above is inserted before its events' rows
        insert_rows(
            session,
            EventRecord,
            [
                {
                    "id": a.event.id,
                    "visit_id": a.event.visit_id,
                    "type": a.event.type.value,
                    "occurred_at": a.event.occurred_at,
                    "payload": a.event.payload,
                    "author": a.event.author,
                    "attachment_sha256": a.attachment,
                    "server_seq": a.server_seq,
                    "received_at": now,
                }
                for a in accepted
            ],
        )
        changes = [(a.server_seq, a.event.visit_id, a.event.id) for a in accepted]
        feed.events_added(session, user.id, changes, now)
        # The rest of each visit's team gets them too; then the batch's team changes apply.
        assistants.share_events(session, user.id, changes, now, members=team)
        assistants.apply_team_events(session, [a.event for a in accepted], now)
        facts.record_follow_ups(session, [a.event for a in accepted], now)
    results: list[EventResult] = []
    reported: set[str] = set()
    for decision in decisions:
        if isinstance(decision, EventResult):
            results.append(decision)
            continue
        event_id = decision.event.id
        status: Literal["accepted", "duplicate"] = (
            "duplicate" if event_id in reported else "accepted"
        )
        reported.add(event_id)
        results.append(
            EventResult(id=event_id, status=status, server_seq=decision.server_seq, received_at=now)
        )
    return results


def _push_one(batch: _Batch, incoming: EventIn) -> EventResult | _Accepted:
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
    return _Accepted(event, attachment)


def _open_visit(batch: _Batch, incoming: EventIn) -> EventResult | None:
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
    batch: _Batch, incoming: EventIn, payload: dict[str, object]
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


def _derive_states(batch: _Batch, rows: Sequence[Any]) -> None:
    """Each visit's history and state from the caller's visits' rows (_VISITS)."""
    history: dict[str, list[Event]] = {visit_id: [] for visit_id in batch.cancelled}
    batch.histories = history
    for visit_id, _, _, event_id, type_, occurred_at, payload, author, _ in rows:
        if event_id is not None:
            history[visit_id].append(
                Event(
                    id=event_id,
                    visit_id=visit_id,
                    type=EventType(type_),
                    occurred_at=occurred_at,
                    payload=payload,
                    author=author,
                )
            )
    for visit_id, cancelled in batch.cancelled.items():
        batch.states[visit_id] = derive_state(history[visit_id], cancelled=cancelled)
