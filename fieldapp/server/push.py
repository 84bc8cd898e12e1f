"""Accepting a batch of laptop events: idempotent, scoped to the caller, checked by the domain.

This module loads what a batch needs and stores what it accepts; each event is decided in
push_checks.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import BindParameter, CompoundSelect, Integer, bindparam, null, select, union_all
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, derive_state
from fieldapp.domain.team import TEAM_EVENTS
from fieldapp.protocol import EventIn, EventResult, VisitStatus
from fieldapp.server import assistants, conflicts, facts, feed, uploads
from fieldapp.server.bulk import insert_rows
from fieldapp.server.dispatch import next_working_day
from fieldapp.server.models import EventRecord, Visit
from fieldapp.server.models_supervision import Conflict
from fieldapp.server.prepared import Prepared
from fieldapp.server.push_checks import Accepted, PushBatch, StoredEvent, decide
from fieldapp.server.security import Principal

__all__ = ["next_working_day", "push_events"]


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
    batch = PushBatch(
        session=session,
        user=user,
        now=now,
        stored={row[0]: StoredEvent(*row[1:]) for row in stored},
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
    decisions: list[EventResult | Accepted] = []
    first: dict[str, EventResult | Accepted] = {}
    for incoming in events:
        if incoming.id not in first:  # else the same id twice in one batch
            first[incoming.id] = decide(batch, incoming)
        decisions.append(first[incoming.id])
    batch.reassigned.flush(session)
    accepted = [d for d in first.values() if isinstance(d, Accepted)]
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


def _derive_states(batch: PushBatch, rows: Sequence[Any]) -> None:
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
