"""The outbox side of sync: which events to push next, and recording the server's answers."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Integer, bindparam, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.store.derive import Outline, Outlines, load_outlines, refresh_after
from fieldapp.store.models import (
    SYNC_PENDING,
    SYNC_REJECTED,
    SYNC_SYNCED,
    AttachmentRow,
    EventRow,
    OutboxRow,
    UTCDateTime,
    Visit,
    events_table,
    outbox_table,
)
from fieldapp.store.search import OPEN_VISIT_SQL

if TYPE_CHECKING:
    from fieldapp.protocol import EventIn, EventResult

RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class PushTally:
    """What one batch's answers did to the outbox."""

    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    retry_later: int = 0
    unanswered: int = 0


@dataclass(frozen=True, slots=True)
class PendingAttachment:
    sha256: str
    path: str  # relative to the attachments directory
    size: int
    media_type: str


def retry_delay(attempts: int) -> timedelta:
    """Wait before trying an event again after its `attempts`-th retryable rejection."""
    delay: timedelta = RETRY_BASE * 2 ** max(attempts - 1, 0)
    return min(delay, RETRY_MAX)


@dataclass(frozen=True, slots=True)
class DueEvents:
    """The outbox events to push next, and those that can never be sent as they are."""

    events: list[EventIn]
    # Events recorded before a stricter wire check (a time outside the years the server
    # accepts, text it cannot store), each with the local refusal that settles it.
    unsendable: list[tuple[EventIn, EventResult]]
    # Some event was held back only by an event of `skip` on its visit (or its origin's):
    # it may be due once that one's answer is written down.
    waiting: bool = False


def due_events(
    session: Session, now: datetime, limit: int, skip: Collection[str] = ()
) -> DueEvents:
    """The next outbox events to push, in recording order.

    An event waiting for its retry time holds back the later events of its visit, so the
    server always sees a visit's events in the order they were recorded. `skip` names
    events already tried in this sync; they hold back their visit's later events too. An
    event the wire format refuses is returned apart, so it is refused here, visibly, rather
    than stopping every sync.
    """
    # The wire models load with the first push, not with the cache.
    from pydantic import ValidationError

    from fieldapp.protocol import EventIn, EventResult

    ev = events_table.c
    stmt = (
        select(ev.id, ev.visit_id, ev.type, ev.occurred_at, ev.payload, OutboxRow.next_attempt_at)
        .join(OutboxRow, OutboxRow.event_id == ev.id)
        .order_by(ev.local_seq)
    )
    held: set[str] = set()
    by_skip: set[str] = set()  # of `held`, the visits held by an event of `skip`
    waiting = False
    due = DueEvents([], [])
    for event_id, visit_id, kind, occurred_at, payload, next_attempt_at in session.execute(stmt):
        if event_id in skip:  # sent already: not one that waits, even behind another
            held.add(visit_id)
            by_skip.add(visit_id)
            continue
        if visit_id in held:
            waiting = waiting or visit_id in by_skip
            continue
        if next_attempt_at is not None and next_attempt_at > now:
            held.add(visit_id)
            continue
        origin = payload.get("opened_from") if kind == "visit_opened" else None
        if origin in held:
            # The server opens it only once its origin's event naming it is in: wait too.
            held.add(visit_id)
            if origin in by_skip:
                by_skip.add(visit_id)
                waiting = True
            continue
        fields = {
            "id": event_id,
            "visit_id": visit_id,
            "type": kind,
            "occurred_at": occurred_at,
            "payload": payload,
        }
        try:
            due.events.append(EventIn.model_validate(fields))
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem.get("loc", ())) or "event"
            refusal = EventResult(
                id=event_id,
                status="rejected",
                code="invalid_payload",
                message=f"This event cannot be sent as recorded ({where}: {problem['msg']}).",
            )
            due.unsendable.append((EventIn.model_construct(**fields), refusal))
            continue
        if len(due.events) >= limit:
            break
    return DueEvents(due.events, due.unsendable, waiting)


_SYNCED = (
    update(events_table)
    .where(events_table.c.id == bindparam("b_id"))
    .values(
        sync_state=SYNC_SYNCED,
        reject_code=None,
        reject_message=None,
        server_seq=func.coalesce(bindparam("b_seq", type_=Integer()), events_table.c.server_seq),
        received_at=func.coalesce(
            bindparam("b_received", type_=UTCDateTime()), events_table.c.received_at
        ),
    )
)
_REJECTED = (
    update(events_table)
    .where(events_table.c.id == bindparam("b_id"), events_table.c.sync_state == SYNC_PENDING)
    .values(
        sync_state=SYNC_REJECTED,
        reject_code=bindparam("b_code"),
        reject_message=bindparam("b_message"),
    )
)
_RETRY = (
    update(outbox_table)
    .where(outbox_table.c.event_id == bindparam("b_id"))
    .values(
        attempts=bindparam("b_attempts"),
        last_error=bindparam("b_error"),
        next_attempt_at=bindparam("b_next", type_=UTCDateTime()),
    )
)
_UNQUEUE = delete(outbox_table).where(outbox_table.c.event_id == bindparam("b_id"))


def apply_push_results(
    session: Session, sent: Sequence[EventIn], results: Sequence[EventResult], now: datetime
) -> PushTally:
    """Record the server's answer for each event sent.

    accepted/duplicate: synced with the server's sequence and time, out of the outbox.
    rejected: kept with the code and message, out of the outbox (it never blocks the queue).
    rejected but retryable: stays in the outbox, tried again after a growing delay.
    An event the answer does not mention stays in the outbox untouched.
    """
    by_id = {r.id: r for r in results}
    counts = {"accepted": 0, "duplicate": 0, "rejected": 0, "retry": 0, "unanswered": 0}
    synced: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    retry: list[EventResult] = []
    touched: set[str] = set()
    for event in sent:
        result = by_id.get(event.id)
        if result is None:
            counts["unanswered"] += 1
            continue
        touched.add(event.visit_id)
        if result.status in ("accepted", "duplicate"):
            counts[result.status] += 1
            synced.append(
                {"b_id": event.id, "b_seq": result.server_seq, "b_received": result.received_at}
            )
        elif result.retryable:
            counts["retry"] += 1
            retry.append(result)
        else:
            counts["rejected"] += 1
            rejected.append(
                {
                    "b_id": event.id,
                    "b_code": result.code or "rejected",
                    "b_message": result.message or "The server refused this event.",
                }
            )
    # The usual answer (every event accepted, in order) leaves each visit's history as it
    # was: its step is not derived again from all its events (refresh_after).
    before = load_outlines(session, touched)
    connection = session.connection()
    if synced:
        connection.execute(_SYNCED, synced)
    if rejected:
        connection.execute(_REJECTED, rejected)
    settled = [{"b_id": row["b_id"]} for row in (*synced, *rejected)]
    if settled:
        connection.execute(_UNQUEUE, settled)
    if retry:
        attempts = dict(
            session.execute(
                select(outbox_table.c.event_id, outbox_table.c.attempts).where(
                    outbox_table.c.event_id.in_([r.id for r in retry])
                )
            ).all()
        )
        connection.execute(
            _RETRY,
            [
                {
                    "b_id": r.id,
                    "b_attempts": attempts.get(r.id, 0) + 1,
                    "b_error": r.message or r.code,
                    "b_next": now + retry_delay(attempts.get(r.id, 0) + 1),
                }
                for r in retry
            ],
        )
    refresh_after(session, before, _outlines_after(before, synced, rejected))
    return PushTally(
        accepted=counts["accepted"],
        duplicate=counts["duplicate"],
        rejected=counts["rejected"],
        retry_later=counts["retry"],
        unanswered=counts["unanswered"],
    )


def _outlines_after(
    before: Outlines, synced: list[dict[str, object]], rejected: list[dict[str, object]]
) -> Outlines:
    """The outlines of `before` as _SYNCED and _REJECTED leave them: worked out, not read
    again (a push's answers touch only the sync state and server sequence of its events)."""
    after = {visit_id: dict(events) for visit_id, events in before.items()}
    where = {event_id: visit_id for visit_id, events in before.items() for event_id in events}
    for row in synced:
        event_id = str(row["b_id"])
        visit_id = where.get(event_id)
        if visit_id is not None:
            old = after[visit_id][event_id]
            seq = row["b_seq"]
            server_seq = seq if isinstance(seq, int) else old.server_seq
            after[visit_id][event_id] = Outline(SYNC_SYNCED, server_seq, old.local_seq)
    for row in rejected:
        event_id = str(row["b_id"])
        visit_id = where.get(event_id)
        if visit_id is not None and after[visit_id][event_id].sync_state == SYNC_PENDING:
            old = after[visit_id][event_id]
            after[visit_id][event_id] = Outline(SYNC_REJECTED, old.server_seq, old.local_seq)
    return after


def outbox_waiting(session: Session) -> bool:
    """Whether the outbox holds any event (due now or later): a sync has something to send."""
    return bool(session.scalar(select(outbox_table.c.event_id).limit(1)) is not None)


def pending_attachments(session: Session) -> list[PendingAttachment]:
    """Attachments not uploaded yet that a pending event names (attachment or signature)."""
    named = (
        select(EventRow.id)
        .where(
            EventRow.sync_state == SYNC_PENDING,
            or_(
                func.json_extract(EventRow.payload, "$.sha256") == AttachmentRow.sha256,
                func.json_extract(EventRow.payload, "$.signature_sha256") == AttachmentRow.sha256,
            ),
        )
        .exists()
    )
    rows = session.execute(
        select(
            AttachmentRow.sha256, AttachmentRow.path, AttachmentRow.size, AttachmentRow.media_type
        )
        .where(AttachmentRow.uploaded.is_(False), named)
        .order_by(AttachmentRow.created_at)
    )
    return [PendingAttachment(sha, path, size, media) for sha, path, size, media in rows]


@dataclass(frozen=True, slots=True)
class MissingAttachment:
    """A file an event on this laptop names, attached on another laptop: only the server has it."""

    sha256: str
    filename: str
    media_type: str
    size: int


def missing_attachments(session: Session) -> list[MissingAttachment]:
    """Files attached elsewhere to the visits still open here, soonest visit first: what the
    technician may open on the round, offline."""
    sha = func.json_extract(EventRow.payload, "$.sha256")
    kept = select(AttachmentRow.sha256).where(AttachmentRow.sha256 == sha).exists()
    rows = session.execute(
        select(
            sha,
            func.json_extract(EventRow.payload, "$.filename"),
            func.json_extract(EventRow.payload, "$.media_type"),
            func.json_extract(EventRow.payload, "$.size"),
        )
        .join(Visit, Visit.id == EventRow.visit_id)
        .where(
            EventRow.type == EventType.ATTACHMENT_ADDED.value,
            text(OPEN_VISIT_SQL),
            ~kept,
        )
        .order_by(Visit.window_start, EventRow.occurred_at)
    )
    found: dict[str, MissingAttachment] = {}
    for sha256, filename, media_type, size in rows:
        found.setdefault(str(sha256), MissingAttachment(str(sha256), filename, media_type, size))
    return list(found.values())


def mark_uploaded(session: Session, sha256: str) -> None:
    session.execute(
        update(AttachmentRow).where(AttachmentRow.sha256 == sha256).values(uploaded=True)
    )


def outbox_size(session: Session) -> int:
    """How many events wait in the outbox."""
    return session.scalar(select(func.count()).select_from(OutboxRow)) or 0
