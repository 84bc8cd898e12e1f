"""Writing the feed's visit and event rows: one compiled executemany of plain tuples each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from operator import attrgetter
from typing import Any

from msgspec.inspect import BoolType, EnumType, StructType, type_info
from msgspec.structs import astuple
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from fieldapp.protocol import VisitStatus
from fieldapp.protocol.feed import FeedEvent, FeedVisit, payload_texts
from fieldapp.store.bulk import as_tuples, insert_columns, insert_many
from fieldapp.store.derive import Derived, among, ids_json
from fieldapp.store.models import (
    DISPATCH_FIELDS,
    SYNC_SYNCED,
    UTCDateTime,
    events_table,
    utc_text,
    utc_texts,
    visits_table,
)

Row = tuple[Any, ...]
STUB_TIME = datetime(1970, 1, 1, tzinfo=UTC)
# What every visit of the feed stores alike: written into upsert_visits'
# statement, not bound (each of them a None or a bool, which the driver adapts: about 1,500
# instructions a value).
VISIT_LITERALS = {"scope_lost_reason": None, "scope_lost_message": None, "stub": 0}
# What every event of the feed stores alike: written into upsert_events' statement, not bound.
EVENT_LITERALS = {
    "local_seq": None,
    "sync_state": SYNC_SYNCED,
    "reject_code": None,
    "reject_message": None,
}


def insert_stub_visits(session: Session, visit_ids: Iterable[str]) -> None:
    """Stand-ins for visits known only by their events (a rescued cache, see rescue.py)."""
    insert_stubs(session, visit_ids)


def insert_stubs(session: Session, visit_ids: Iterable[str]) -> None:
    """Stand-ins for visits whose events came before the visit (see models.Visit.stub)."""
    blank: dict[str, Any] = dict.fromkeys(DISPATCH_FIELDS, "")
    blank.update(
        window_start=STUB_TIME,
        window_end=STUB_TIME,
        estimated_minutes=1,
        deadline=None,
        follow_up_of=None,
        assignee=None,
        status=VisitStatus.SCHEDULED,
        cancel_reason=None,
        updated_at=STUB_TIME,
        step="scheduled",
        pending_count=0,
        rejected_count=0,
        scope_lost_reason=None,
        scope_lost_message=None,
        stub=True,
        return_at=None,
        user_answer=None,
    )
    rows = [{**blank, "id": visit_id} for visit_id in sorted(visit_ids)]
    insert_many(session, _stubs_insert(), visits_table, as_tuples(visits_table, rows))


# The feed's statements, built once (bulk.insert_many keeps each one's compiled SQL).
@cache
def _stubs_insert() -> Insert:
    return insert(visits_table).on_conflict_do_nothing(index_elements=["id"])


@cache
def _visits_upsert() -> Insert:
    stmt = insert(visits_table)
    refreshed = [*DISPATCH_FIELDS, "step", "pending_count", "rejected_count"]
    refreshed += ["scope_lost_reason", "scope_lost_message", "stub", "return_at", "user_answer"]
    return stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={name: stmt.excluded[name] for name in refreshed if name != "id"},
    )


@cache
def _events_new() -> Insert:
    return insert(events_table).prefix_with("OR IGNORE")


@cache
def _events_upsert() -> Insert:
    stmt = insert(events_table)
    # Our own event coming back through the feed: confirmed, never stored twice.
    return stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={
            name: stmt.excluded[name]
            for name in ("server_seq", "received_at", "sync_state", "reject_code", "reject_message")
        },
    )


def upsert_visits(
    session: Session,
    visits: Iterable[FeedVisit],
    derived: Mapping[str, Derived],
    *,
    staged: bool = True,
) -> None:
    """Write the server's `visits`, each with its `derived` columns (by visit id), but
    VISIT_LITERALS' (no scope lost, not a stub), which the statement carries (`staged`:
    see bulk.insert_many).

    A column no visit of the batch has a value for (a visit's return time and the user's
    answer before its events come, a follow-up's origin, a cancellation's reason...) is
    written as NULL in the statement too, not bound: the driver binds a None only after
    looking for its adapter, about 1,500 instructions a value. Each set of such columns is
    a statement of its own, compiled once (bulk.insert_many's cache, the driver's)."""
    columns = visit_columns(visits, derived)
    count = len(columns[0]) if columns else 0
    if not count:
        return
    names = _visit_shape().names
    nulls = {i for i, column in enumerate(columns) if column[0] is None}
    nulls = {i for i in nulls if columns[i].count(None) == count}
    literals: dict[str, str | int | None] = dict(VISIT_LITERALS)
    literals.update((names[i], None) for i in sorted(nulls))
    bound = [column for i, column in enumerate(columns) if i not in nulls]
    insert_columns(session, _visits_upsert(), visits_table, bound, literals, staged=staged)


def visit_columns(
    visits: Iterable[FeedVisit], derived: Mapping[str, Derived]
) -> list[Sequence[Any]]:
    """The visits' rows as upsert_visits binds them, column by column: the table's columns
    but VISIT_LITERALS', each value in the form the driver binds without an adapter.

    Each visit's fields come out as a tuple in C (msgspec's astuple), transposed; the times
    are rendered all at once (utc_texts), an enum member is bound as its text and a bool as
    its int, what the adapters db.py registers make of them at about 1,500 instructions a
    value (five enums and a bool a visit)."""
    visits = list(visits)
    if not visits:
        return []
    shape = _visit_shape()
    fields = list(zip(*map(astuple, visits), strict=True))
    pick_derived = shape.derived
    columns: list[Sequence[Any]] = [fields[i] for i in shape.fields]
    columns += zip(*(pick_derived(derived[v.id]) for v in visits), strict=True)
    for i in shape.times:
        columns[i] = utc_texts(columns[i])
    for i in shape.enums:
        columns[i] = [member._value_ for member in columns[i]]
    for i in shape.bools:
        columns[i] = [1 if value else 0 for value in columns[i]]
    return columns


@dataclass(frozen=True, slots=True)
class _VisitShape:
    """How visit_columns makes its columns: the table's (`names`, but VISIT_LITERALS') are
    the FeedVisit's fields at `fields` (their places in the struct), then the Derived's
    columns `derived` picks; those it converts, by their place among them."""

    names: tuple[str, ...]
    fields: tuple[int, ...]
    derived: Callable[[Derived], Row]
    times: tuple[int, ...]
    enums: tuple[int, ...]
    bools: tuple[int, ...]


@cache
def _visit_shape() -> _VisitShape:
    info = type_info(FeedVisit)
    if not isinstance(info, StructType):
        raise TypeError(f"FeedVisit is not a struct: {info!r}")
    declared = [f.name for f in info.fields]
    bound = [c for c in visits_table.columns if c.name not in VISIT_LITERALS]
    order = [c.name for c in bound]
    from_visit = [name for name in order if name in declared]
    from_derived = [name for name in order if name not in declared]
    if order != from_visit + from_derived:
        raise ValueError("the visits table's derived columns are not after the feed's")
    kinds = {f.name: f.type for f in info.fields}
    return _VisitShape(
        names=tuple(order),
        fields=tuple(declared.index(name) for name in from_visit),
        derived=attrgetter(*from_derived),
        times=tuple(i for i, c in enumerate(bound) if isinstance(c.type, UTCDateTime)),
        enums=tuple(i for i, name in enumerate(order) if isinstance(kinds.get(name), EnumType)),
        bools=tuple(i for i, name in enumerate(order) if isinstance(kinds.get(name), BoolType)),
    )


def upsert_events(
    session: Session, events: Iterable[FeedEvent], *, staged: bool = True, new: bool = False
) -> None:
    """Write the feed's `events`, each payload as the JSON text the page carried (the
    cache's readers parse it: json_extract, json.loads), not decoded and encoded again.

    The rows go column by column (bulk.insert_columns), each picked in C (attrgetter); the
    type bound as its text (an enum member would go through the driver's adapter, three
    times the cost of a str); the columns but EVENT_LITERALS'.

    `new`: none of them is in the cache, nor twice among them (an initial load's first
    transaction: store/feed_load.py): an INSERT OR IGNORE, which has no conflict to meet. It
    makes SQLite keep no statement journal (the upsert can abort midway, so each of its
    statements copied every page it touched first, in case): the initial sync's 50,000
    events ~20% faster to write, with the foreign keys' checks off (db.switch_foreign_keys)."""
    events = list(events)
    insert_columns(
        session,
        _events_new() if new else _events_upsert(),
        events_table,
        [
            list(map(_ID, events)),
            list(map(_VISIT_ID, events)),
            list(map(_TYPE_TEXT, events)),
            utc_texts(map(_OCCURRED_AT, events)),
            payload_texts(events),
            list(map(_AUTHOR, events)),
            list(map(_SERVER_SEQ, events)),
            utc_texts(map(_RECEIVED_AT, events)),
        ],
        EVENT_LITERALS,
        staged=staged,
    )


_ID, _VISIT_ID, _AUTHOR = attrgetter("id"), attrgetter("visit_id"), attrgetter("author")
_TYPE_TEXT, _SERVER_SEQ = attrgetter("type._value_"), attrgetter("server_seq")
_OCCURRED_AT, _RECEIVED_AT = attrgetter("occurred_at"), attrgetter("received_at")


def already_held(session: Session, events: Iterable[FeedEvent]) -> set[str]:
    """The ids of `events` the cache holds exactly as `upsert_events` would leave them:
    synced, with the same server sequence and time, no rejection. Our own events coming
    back through the feed after a push (the push's answers noted them so): writing them
    again, or deriving their visits again, would change nothing."""
    wanted = {e.id: (e.server_seq, e.received_at) for e in events}
    if not wanted:
        return set()
    rows = session.connection().exec_driver_sql(
        "SELECT id, server_seq, received_at FROM events "
        f"WHERE {among('id')} AND sync_state = ? AND reject_code IS NULL "
        "AND reject_message IS NULL AND server_seq IS NOT NULL",
        (ids_json(wanted), SYNC_SYNCED),
    )
    texts: dict[datetime, str | None] = {}
    held: set[str] = set()
    for event_id, server_seq, received_at in rows:
        seq, when = wanted[event_id]
        if seq != server_seq:
            continue
        text = texts.get(when)
        if text is None:
            text = texts[when] = utc_text(when)
        if text == received_at:
            held.add(event_id)
    return held
