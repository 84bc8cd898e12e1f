"""The change feed's writing side: stamping under the counter row lock, appends, pruning.

Reading it (a technician's pages) is feed_pages.py; what older laptops are spared, feed_older.py.

Why the lock: on PostgreSQL a number taken from a sequence is not committed in that order,
so a reader could see seq 9 before seq 8 commits, move its cursor past 8 and never see it.
Here every writer stamps with `UPDATE seq_counter SET value = value + n RETURNING value`
inside its transaction. The row lock that UPDATE takes is held until commit, so the next
writer can only stamp after the previous one committed (or rolled back): commit order is
seq order and a reader can never skip a committed change. On SQLite, BEGIN IMMEDIATE
serialises writers the same way.

Who waits for whom (PostgreSQL): the counter's lock orders commits, and a writer also
needs the state it checks to stay put until it commits. Every writer but a push takes
the writers' gate alone and then the counter (`lock_counter`) before it reads anything:
those writers run one at a time, and no push runs beside them. A push (`lock_visits`)
shares the gate with other pushes and locks the visits its batch names instead (advisory
locks, in one order): pushes on different visits check, insert and rewrite their derived
rows side by side, and take the counter only to stamp, just before they commit (twenty-odd
statements less under the lock every writer queues on). Commit order is still seq order.

Compaction: a newer row about the same (technician, visit) makes older ones redundant, so
they are deleted in the same transaction: a tombstone or a hand-over replaces everything
before it, a visit update replaces the previous 'visit' row. A reader never loses anything
by this (what it would have read is superseded by a row with a higher seq), a technician
never receives data of a visit that has left them, and the initial sync stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from hashlib import blake2b
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    BigInteger,
    CursorResult,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from fieldapp.server.bulk import insert_rows, prepare_insert
from fieldapp.server.db import run
from fieldapp.server.models import COUNTER_ID, ChangeLog, EventRecord, SeqCounter

if TYPE_CHECKING:
    import psycopg

MOST_VISIT_LOCKS = 64  # PostgreSQL's max_locks_per_transaction, by default
_LOCKED_IN = "fieldapp_counter_locked_in"
_PUSH_IN = "fieldapp_push_in"


def lock_counter(session: Session) -> None:
    """Take the counter row's lock for the rest of the transaction (once per transaction).

    Call first in every write transaction that will stamp, so writers queue here rather
    than after they have read state that another writer is about to change. On PostgreSQL
    the writers' gate is taken alone first: no push is under way meanwhile. Within a push
    (`lock_visits`), only the counter: its visits are locked already, and it may not wait
    for the gate it shares.
    """
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_LOCKED_IN) is transaction:
        return
    if session.info.get(_PUSH_IN) is not transaction and _on_postgresql(session):
        run(session, _GATE_ALONE)
    run(session, _LOCK).scalar_one()
    session.info[_LOCKED_IN] = transaction


def lock_visits(session: Session, visit_ids: Iterable[str]) -> None:
    """A push's first statement: share the writers' gate with other pushes and lock the
    visits it names, for the rest of the transaction (PostgreSQL; on SQLite the write
    lock taken at BEGIN IMMEDIATE already serialises writers).

    A push on the same visits waits here; one on other visits does not (and, the isolation
    being READ COMMITTED, each statement after this sees what the previous push on its
    visits committed). The push then takes the counter's lock when it stamps (`stamp`), or
    earlier by `lock_counter` (creating a visit: its reference is numbered under it).
    A batch naming more than MOST_VISIT_LOCKS visits takes the gate alone instead and runs
    as every other writer does: PostgreSQL's lock table is sized for about that many locks
    a transaction.
    """
    transaction = session.get_transaction()
    session.info[_PUSH_IN] = transaction
    if not _on_postgresql(session):
        return
    keys = sorted({_key(v) for v in visit_ids})
    if len(keys) > MOST_VISIT_LOCKS:
        run(session, _GATE_ALONE)
        return
    run(session, _LOCK_KEYS, {"keys": [None, *keys]})


def _key(visit_id: str) -> int:
    """The visit's advisory lock key: 64 bits of a hash that every process computes alike
    (Python's hash() differs per process). Two visits sharing one only wait for each other."""
    return int.from_bytes(blake2b(visit_id.encode(), digest_size=8).digest(), "big", signed=True)


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# The statements every push runs, built once (db.run says why).
_LOCK = select(SeqCounter.value).where(SeqCounter.id == COUNTER_ID).with_for_update()
# The writers' gate: an advisory lock in the two-int4 key space, apart from the visits'
# bigint keys (PostgreSQL keeps the two spaces apart); the first number is b"FAPA".
_GATE = "1178685505, 1"
_GATE_ALONE = text(f"SELECT pg_advisory_xact_lock({_GATE})")
# A push's locks in one statement, in the order of the sorted subquery (an aggregate
# consumes its rows in order): the gate (the NULL, first), then the visits by key, so two
# pushes never wait for each other.
_LOCK_KEYS = text(
    f"SELECT count(CASE WHEN k IS NULL THEN pg_advisory_xact_lock_shared({_GATE}) "
    "ELSE pg_advisory_xact_lock(k) END) "
    "FROM (SELECT k FROM unnest(CAST(:keys AS BIGINT[])) AS k ORDER BY k NULLS FIRST) AS keys"
)
_STAMP = (
    update(SeqCounter)
    .where(SeqCounter.id == COUNTER_ID)
    .values(value=SeqCounter.value + bindparam("count", type_=BigInteger))
    .returning(SeqCounter.value)
)
_CHANGE_DEFAULTS = {"event_id": None, "reason": None, "message": None}


def stamp(session: Session, count: int) -> range:
    """Reserve `count` consecutive sequence numbers (the row stays locked until commit)."""
    value = run(session, _STAMP, {"count": count}).scalar_one()
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
        # One executemany needs the same keys in every row: those a row leaves out are null.
        insert_rows(session, ChangeLog, [{**_CHANGE_DEFAULTS, **row} for row in rows])


def visit_changed(
    session: Session, technician_id: int, visit_id: str, now: datetime, *, new: bool = False
) -> None:
    """The technician's visit was created (`new`: nothing to replace) or its data changed."""
    if not new:
        _forget(session, technician_id, visit_id, ("visit", "tombstone"))
    (seq,) = stamp(session, 1)
    row = {"seq": seq, "technician_id": technician_id, "visit_id": visit_id, "kind": "visit"}
    _append(session, [{**row, "created_at": now}])


_COPY_VISIT_CHANGES = "COPY change_log (seq, technician_id, visit_id, kind, created_at) FROM STDIN"


def visits_added(session: Session, visits: Sequence[tuple[int, str]], now: datetime) -> None:
    """New visits, as (technician_id, visit_id), each reaching its technician's feed; one
    stamp for all (a bulk import), nothing to replace."""
    seqs = stamp(session, len(visits))
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # Every writer waits for the counter lock while these rows are written: COPY
        # streams thousands of them in a few tens of ms, where INSERTs take a second.
        driver = cast("psycopg.Connection[Any]", connection.connection.driver_connection)
        with driver.cursor().copy(_COPY_VISIT_CHANGES) as copy:
            for seq, (technician_id, visit_id) in zip(seqs, visits, strict=True):
                copy.write_row((seq, technician_id, visit_id, "visit", now))
        return
    rows = [
        {"seq": seq, "technician_id": t, "visit_id": v, "kind": "visit", "created_at": now}
        for seq, (t, v) in zip(seqs, visits, strict=True)
    ]
    prepare_insert(connection.dialect, ChangeLog, rows).execute(connection)


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
    session: Session, technician_id: int, events: Sequence[tuple[int, str, str]], now: datetime
) -> None:
    """Accepted events, as (server_seq, visit_id, event_id): each change's seq is the event's
    own server_seq."""
    base = {"technician_id": technician_id, "kind": "event", "created_at": now}
    _append(
        session,
        [
            {**base, "seq": seq, "visit_id": visit_id, "event_id": event_id}
            for seq, visit_id, event_id in events
        ],
    )


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
