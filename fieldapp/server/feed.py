"""The change feed: sequence stamping under the counter row lock, appends, pages, pruning.

Why the lock: on PostgreSQL a number taken from a sequence is not committed in that order,
so a reader could see seq 9 before seq 8 commits, move its cursor past 8 and never see it.
Here every writer stamps with `UPDATE seq_counter SET value = value + n RETURNING value`
inside its transaction. The row lock that UPDATE takes is held until commit, so the next
writer can only stamp after the previous one committed (or rolled back): commit order is
seq order and a reader can never skip a committed change. On SQLite, BEGIN IMMEDIATE
serialises writers the same way.

Compaction: a newer row about the same (technician, visit) makes older ones redundant, so
they are deleted in the same transaction: a tombstone or a hand-over replaces everything
before it, a visit update replaces the previous 'visit' row. A reader never loses anything
by this (what it would have read is superseded by a row with a higher seq), a technician
never receives data of a visit that has left them, and the initial sync stays small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from fieldapp.protocol import VisitFields
from fieldapp.server.models import COUNTER_ID, ChangeLog, EventRecord, SeqCounter, User, Visit

VISIT_COLUMNS: tuple[str, ...] = (
    *VisitFields.model_fields,
    "id",
    "status",
    "cancel_reason",
    "updated_at",
)
EVENT_COLUMNS = (
    "id",
    "visit_id",
    "type",
    "occurred_at",
    "payload",
    "author",
    "server_seq",
    "received_at",
)


_LOCKED_IN = "fieldapp_counter_locked_in"


def lock_counter(session: Session) -> None:
    """Take the counter row's lock for the rest of the transaction (once per transaction).

    Call first in every write transaction that will stamp, so writers queue here rather
    than after they have read state that another writer is about to change.
    """
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_LOCKED_IN) is transaction:
        return
    session.execute(
        select(SeqCounter.value).where(SeqCounter.id == COUNTER_ID).with_for_update()
    ).scalar_one()
    session.info[_LOCKED_IN] = transaction


def stamp(session: Session, count: int) -> range:
    """Reserve `count` consecutive sequence numbers (the row stays locked until commit)."""
    value = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == COUNTER_ID)
        .values(value=SeqCounter.value + count)
        .returning(SeqCounter.value)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return range(value - count + 1, value + 1)


def _forget(session: Session, technician_id: int, visit_id: str, kinds: Sequence[str]) -> None:
    session.execute(
        delete(ChangeLog).where(
            ChangeLog.technician_id == technician_id,
            ChangeLog.visit_id == visit_id,
            ChangeLog.kind.in_(kinds),
        )
    )


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.flush()
        session.execute(insert(ChangeLog), rows)


def visit_changed(
    session: Session, technician_id: int, visit_id: str, now: datetime, *, new: bool = False
) -> None:
    """The technician's visit was created (`new`: nothing to replace) or its data changed."""
    if not new:
        _forget(session, technician_id, visit_id, ("visit", "tombstone"))
    (seq,) = stamp(session, 1)
    row = {"seq": seq, "technician_id": technician_id, "visit_id": visit_id, "kind": "visit"}
    _append(session, [{**row, "created_at": now}])


def visit_handed_over(session: Session, technician_id: int, visit_id: str, now: datetime) -> None:
    """The visit became the technician's: send it and every event it already has."""
    session.flush()
    _forget(session, technician_id, visit_id, ("visit", "event", "tombstone"))
    event_ids = session.scalars(
        select(EventRecord.id)
        .where(EventRecord.visit_id == visit_id)
        .order_by(EventRecord.server_seq)
    ).all()
    seqs = iter(stamp(session, 1 + len(event_ids)))
    base = {"technician_id": technician_id, "visit_id": visit_id, "created_at": now}
    rows = [{**base, "seq": next(seqs), "kind": "visit"}]
    rows += [{**base, "seq": next(seqs), "kind": "event", "event_id": e} for e in event_ids]
    _append(session, rows)


def tombstone(
    session: Session, *, technician_id: int, visit_id: str, reason: str, message: str, now: datetime
) -> None:
    """The visit left the technician's scope: tell the laptop to drop it, and why."""
    _forget(session, technician_id, visit_id, ("visit", "event", "tombstone"))
    (seq,) = stamp(session, 1)
    row = {"seq": seq, "technician_id": technician_id, "visit_id": visit_id}
    _append(
        session,
        [{**row, "kind": "tombstone", "reason": reason, "message": message, "created_at": now}],
    )


def events_added(
    session: Session, technician_id: int, events: Sequence[EventRecord], now: datetime
) -> None:
    """Accepted events; each change's seq is the event's own server_seq."""
    base = {"technician_id": technician_id, "kind": "event", "created_at": now}
    _append(
        session,
        [{**base, "seq": e.server_seq, "visit_id": e.visit_id, "event_id": e.id} for e in events],
    )


# --- reading -------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def visit_wire(values: Mapping[str, Any], assignee: str | None) -> dict[str, Any]:
    """A protocol.VisitPublic as a JSON-ready dict, from column values keyed by field name."""
    out = {name: values[name] for name in VISIT_COLUMNS}
    for name in ("window_start", "window_end", "deadline", "updated_at"):
        out[name] = _iso(out[name])
    out["assignee"] = assignee
    return out


def event_wire(values: Mapping[str, Any]) -> dict[str, Any]:
    """A protocol.EventPublic as a JSON-ready dict."""
    out = {name: values[name] for name in EVENT_COLUMNS}
    out["occurred_at"] = _iso(out["occurred_at"])
    out["received_at"] = _iso(out["received_at"])
    return out


def read_changes(
    session: Session, technician_id: int, cursor: int, limit: int, now: datetime
) -> dict[str, Any]:
    """One page of the technician's feed after `cursor`, as a protocol.ChangesPage dict.

    One query for the page (visits and events joined in), one for the counter. The counter
    is read after the page: if a prune committed in between, its new horizon is seen and
    the page is discarded, so a pruned tombstone is never silently missed.
    """
    visit_cols = [getattr(Visit, name).label(f"v_{name}") for name in VISIT_COLUMNS]
    event_cols = [getattr(EventRecord, name).label(f"e_{name}") for name in EVENT_COLUMNS]
    query = (
        select(
            ChangeLog.seq,
            ChangeLog.kind,
            ChangeLog.visit_id,
            ChangeLog.reason,
            ChangeLog.message,
            User.username.label("v_assignee"),
            *visit_cols,
            *event_cols,
        )
        .select_from(ChangeLog)
        .outerjoin(Visit, and_(ChangeLog.kind == "visit", Visit.id == ChangeLog.visit_id))
        .outerjoin(User, User.id == Visit.assignee_id)
        .outerjoin(EventRecord, EventRecord.id == ChangeLog.event_id)
        .where(ChangeLog.technician_id == technician_id, ChangeLog.seq > cursor)
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    )
    rows = session.connection().execute(query).mappings().all()
    counter = session.get_one(SeqCounter, COUNTER_ID, populate_existing=True)
    page: dict[str, Any] = {"server_time": now.isoformat(), "must_refetch": False}
    if cursor > counter.value or 0 < cursor < counter.horizon_seq:
        return {**page, "changes": [], "next_cursor": 0, "has_more": False, "must_refetch": True}
    changes = []
    for row in rows[:limit]:
        change: dict[str, Any] = {
            "seq": row["seq"],
            "kind": row["kind"],
            "visit_id": row["visit_id"],
            "visit": None,
            "event": None,
            "reason": row["reason"],
            "message": row["message"],
        }
        if row["kind"] == "visit":
            values = {name: row[f"v_{name}"] for name in VISIT_COLUMNS}
            change["visit"] = visit_wire(values, row["v_assignee"])
        elif row["kind"] == "event":
            change["event"] = event_wire({name: row[f"e_{name}"] for name in EVENT_COLUMNS})
        changes.append(change)
    next_cursor = changes[-1]["seq"] if changes else cursor
    return {**page, "changes": changes, "next_cursor": next_cursor, "has_more": len(rows) > limit}


def prune_feed(session: Session, now: datetime, *, horizon_days: int = 30) -> int:
    """Delete tombstones older than the horizon; cursors below them must re-fetch after this.

    Returns how many tombstones were deleted. The caller owns the (write) transaction.
    """
    lock_counter(session)
    cutoff = now - timedelta(days=horizon_days)
    old = (ChangeLog.kind == "tombstone", ChangeLog.created_at < cutoff)
    newest = session.scalar(select(func.max(ChangeLog.seq)).where(*old))
    if newest is None:
        return 0
    result = session.execute(delete(ChangeLog).where(*old))
    deleted = cast(CursorResult[Any], result).rowcount
    session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == COUNTER_ID, SeqCounter.horizon_seq < newest)
        .values(horizon_seq=newest)
        .execution_options(synchronize_session=False)
    )
    return int(deleted)
