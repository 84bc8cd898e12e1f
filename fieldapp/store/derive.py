"""A visit's state as the laptop sees it: server-confirmed events, then pending ones on top."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, Step, VisitState, derive_state
from fieldapp.domain.customer import ANOTHER_TIME, CONFIRMED_BY_USER
from fieldapp.domain.event_types import Recorded
from fieldapp.domain.events import RETURN_VISIT
from fieldapp.protocol import VisitStatus
from fieldapp.store.models import (
    SYNC_PENDING,
    SYNC_REJECTED,
    utc_text,
)

CHUNK = 500  # ids per IN (...) list, well below SQLite's bound-parameter limit
_AWAITING_RETURN = Step.AWAITING_RETURN  # a global: Step.X goes through EnumType.__getattr__


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with the sync bookkeeping that decides where it goes in the visit's history."""

    event: Event
    sync_state: str
    server_seq: int | None
    local_seq: int | None
    received_at: datetime | None = None
    reject_code: str | None = None
    reject_message: str | None = None

    @property
    def order_key(self) -> tuple[int, int]:
        return order_key(self.server_seq, self.local_seq)


def order_key(server_seq: int | None, local_seq: int | None) -> tuple[int, int]:
    """An event's place in its visit's history: server-confirmed events in the server's
    order, then the rest in recording order."""
    if server_seq is not None:
        return (0, server_seq)
    return (1, local_seq or 0)


@dataclass(frozen=True, slots=True)
class Outline:
    """What decides an event's place in its visit's history, without its content."""

    sync_state: str
    server_seq: int | None
    local_seq: int | None


# Visit id -> event id -> outline.
Outlines = dict[str, dict[str, Outline]]


def load_outlines(session: Session, visit_ids: Iterable[str]) -> Outlines:
    """The outlines of every stored event of the given visits (those without events are left
    out): far cheaper to read than the events, whose payloads and times are parsed."""
    found: Outlines = {}
    rows = session.connection().exec_driver_sql(
        "SELECT visit_id, id, sync_state, server_seq, local_seq FROM events "
        f"WHERE {among('visit_id')}",
        (ids_json(visit_ids),),
    )
    for visit_id, event_id, state, server_seq, local_seq in rows:
        found.setdefault(visit_id, {})[event_id] = Outline(state, server_seq, local_seq)
    return found


def history_order(outlines: Mapping[str, Outline]) -> list[str]:
    """The ids of the events that make up the visit's state, in order (as `history`)."""
    kept = [(order_key(o.server_seq, o.local_seq), i) for i, o in outlines.items()]
    kept = [(key, i) for key, i in kept if outlines[i].sync_state != SYNC_REJECTED]
    kept.sort()
    return [i for _, i in kept]


def counts_of(outlines: Mapping[str, Outline]) -> tuple[int, int]:
    """(pending, rejected) events among `outlines`."""
    states = [o.sync_state for o in outlines.values()]
    return states.count(SYNC_PENDING), states.count(SYNC_REJECTED)


def write_counts(session: Session, counts: Mapping[str, tuple[int, int]]) -> None:
    """Store the pending and rejected counts of visits whose history kept its order (their
    step and promises are what they were: the same events folded in the same order)."""
    if counts:
        session.connection().exec_driver_sql(
            "UPDATE visits SET pending_count = ?, rejected_count = ? WHERE id = ?",
            [(pending, rejected, visit_id) for visit_id, (pending, rejected) in counts.items()],
        )


class Derived(NamedTuple):
    """The derived columns of one visit (a named tuple: made for each of a round's visits,
    at a fifth of a frozen dataclass's cost)."""

    step: str
    pending_count: int
    rejected_count: int
    return_at: datetime | None = None
    user_answer: str | None = None


def user_answer_of(state: VisitState) -> str | None:
    """The user's answer on the confirmation page, as the round shows it."""
    if state.time_request is not None:
        return ANOTHER_TIME
    return CONFIRMED_BY_USER if state.user_confirmed_at is not None else None


def return_at_of(state: VisitState, step: Step | None = None) -> datetime | None:
    """When the technician agreed to come back, while the visit awaits that return
    (`step`: the state's, if the caller has it)."""
    if (state.step if step is None else step) is not _AWAITING_RETURN:
        return None
    due = [p.due_at for p in state.open_promises if p.kind == RETURN_VISIT]
    return max(due, default=None)


def server_derived(events: Iterable[Recorded], *, cancelled: bool) -> Derived:
    """The derived columns of a visit whose events are all the server's, in their order
    (nothing pending, nothing rejected)."""
    state = derive_state(events, cancelled=cancelled)
    step = state.step
    return Derived(step._value_, 0, 0, return_at_of(state, step), user_answer_of(state))


def among(column: str) -> str:
    """SQL: `column` is one of the ids in the statement's JSON parameter (`ids_json`).

    SQLite reads the list itself, and the query looks each id up in the column's index
    (EXPLAIN QUERY PLAN: SEARCH ... USING INDEX): thousands of ids cost no more Python than
    one string. An IN (...) of bound values was rendered, named and bound anew at every call
    (SQLAlchemy's expanding parameters): a tenth of an initial sync's reads."""
    return f"{column} IN (SELECT value FROM json_each(?))"


def ids_json(ids: Iterable[str]) -> str:
    """The ids as the JSON parameter `among` reads."""
    return json.dumps(list(ids))


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_event(row: RowMapping) -> StoredEvent:
    """A StoredEvent from a row of the events table."""
    return StoredEvent(
        event=Event(
            id=row["id"],
            visit_id=row["visit_id"],
            type=EventType(row["type"]),
            occurred_at=row["occurred_at"],
            payload=row["payload"],
            author=row["author"],
        ),
        sync_state=row["sync_state"],
        server_seq=row["server_seq"],
        local_seq=row["local_seq"],
        received_at=row["received_at"],
        reject_code=row["reject_code"],
        reject_message=row["reject_message"],
    )


_EVENT_COLUMNS = (
    "id, visit_id, type, occurred_at, payload, author, sync_state, server_seq, local_seq, "
    "received_at, reject_code, reject_message"
)


def load_events(session: Session, visit_ids: Iterable[str]) -> dict[str, list[StoredEvent]]:
    """Every stored event of the given visits, grouped by visit (unordered)."""
    found: dict[str, list[StoredEvent]] = {}
    parse_time = datetime.fromisoformat
    parse_json = json.loads
    # The columns as stored, converted here in one pass: SQLAlchemy's per-column result
    # processing cost more than the conversions themselves on the thousands of rows read.
    rows = session.connection().exec_driver_sql(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE {among('visit_id')}", (ids_json(visit_ids),)
    )
    for row in rows:
        values: tuple[Any, ...] = tuple(row)  # NULLs stay None
        (event_id, visit_id, kind, occurred, payload, author, state) = values[:7]
        server_seq, local_seq, received, code, message = values[7:]
        found.setdefault(visit_id, []).append(
            StoredEvent(
                event=Event(
                    id=event_id,
                    visit_id=visit_id,
                    type=EventType(kind),
                    occurred_at=parse_time(occurred),
                    payload=parse_json(payload),
                    author=author,
                ),
                sync_state=state,
                server_seq=None if server_seq is None else int(server_seq),
                local_seq=None if local_seq is None else int(local_seq),
                received_at=None if received is None else parse_time(received),
                reject_code=code,
                reject_message=message,
            )
        )
    return found


def history(events: Iterable[StoredEvent]) -> list[StoredEvent]:
    """The events that make up the visit's state, in order: rejected ones are left out."""
    kept = [e for e in events if e.sync_state != SYNC_REJECTED]
    kept.sort(key=lambda e: e.order_key)
    return kept


def state_of(events: Iterable[StoredEvent], *, cancelled: bool) -> VisitState:
    """The domain state after the server's events and the pending ones replayed on top."""
    return derive_state((e.event for e in history(events)), cancelled=cancelled)


def derived_of(events: Sequence[StoredEvent], *, cancelled: bool) -> Derived:
    state = state_of(events, cancelled=cancelled)
    step = state.step
    return Derived(
        step=step._value_,
        pending_count=sum(e.sync_state == SYNC_PENDING for e in events),
        rejected_count=sum(e.sync_state == SYNC_REJECTED for e in events),
        return_at=return_at_of(state, step),
        user_answer=user_answer_of(state),
    )


def load_statuses(session: Session, visit_ids: Iterable[str]) -> dict[str, str]:
    """Visit id -> dispatch status, for the visits that exist."""
    rows = session.connection().exec_driver_sql(
        f"SELECT id, status FROM visits WHERE {among('id')}", (ids_json(visit_ids),)
    )
    return dict(rows.all())  # a list of pairs (the result itself has keys(): its columns)


def write_derived(session: Session, derived: Mapping[str, Derived]) -> None:
    """Store the derived columns of many visits: plain tuples (the feed writes thousands:
    Core's per-row parameter processing cost as much as SQLite), DERIVED_PER_STATEMENT
    visits an UPDATE ... FROM (VALUES ...) statement, about a third cheaper than a
    statement per visit (each run of a statement has its own overhead). A column none of
    the visits has a value for (most often the return time and the user's answer) is set
    to NULL by the statement, not bound: the driver binds a None only after looking for
    its adapter, about 1,500 instructions a value."""
    if not derived:
        return
    rows = [
        (visit_id, step, pending, rejected, utc_text(return_at), answer)
        for visit_id, (step, pending, rejected, return_at, answer) in derived.items()
    ]
    nulls = tuple(
        name
        for n, name in enumerate(DERIVED_COLUMNS, start=1)
        if rows[0][n] is None and all(row[n] is None for row in rows)
    )
    if nulls:
        kept = [0, *(n for n, name in enumerate(DERIVED_COLUMNS, start=1) if name not in nulls)]
        rows = list(map(itemgetter(*kept), rows))
    connection = session.connection()
    whole = len(rows) - len(rows) % DERIVED_PER_STATEMENT
    if whole:
        connection.exec_driver_sql(
            _write_derived(DERIVED_PER_STATEMENT, nulls),
            [
                tuple(chain.from_iterable(rows[start : start + DERIVED_PER_STATEMENT]))
                for start in range(0, whole, DERIVED_PER_STATEMENT)
            ],
        )
    if whole < len(rows):
        rest = rows[whole:]
        connection.exec_driver_sql(
            _write_derived(len(rest), nulls), tuple(chain.from_iterable(rest))
        )


# The derived columns, in Derived's order (write_derived binds them so).
DERIVED_COLUMNS = Derived._fields
DERIVED_PER_STATEMENT = 100


@cache
def _write_derived(visits: int, nulls: tuple[str, ...] = ()) -> str:
    """UPDATE the derived columns of `visits` visits, each given as (id, *DERIVED_COLUMNS)
    but those `nulls` names, which are set to NULL."""
    bound = [name for name in DERIVED_COLUMNS if name not in nulls]
    one = "(" + ", ".join("?" * (1 + len(bound))) + ")"
    columns = ", ".join(
        [
            *(f"{name} = given.column{n}" for n, name in enumerate(bound, start=2)),
            *(f"{name} = NULL" for name in nulls),
        ]
    )
    return (
        f"UPDATE visits SET {columns} FROM (VALUES {', '.join([one] * visits)}) AS given "
        "WHERE visits.id = given.column1"
    )


def refresh_after(session: Session, before: Outlines, after: Outlines | None = None) -> None:
    """Store the derived columns of the visits of `before` (their outlines before a change to
    their events' sync state): a visit whose history holds the same events in the same order
    gets its new counts only, the others are derived again from their events. `after`: the
    outlines after the change, when the caller knows them (else they are read)."""
    if after is None:
        after = load_outlines(session, before)
    counts: dict[str, tuple[int, int]] = {}
    again: list[str] = []
    for visit_id, earlier in before.items():
        now = after.get(visit_id, {})
        if history_order(earlier) == history_order(now):
            if counts_of(earlier) != counts_of(now):
                counts[visit_id] = counts_of(now)
        else:
            again.append(visit_id)
    write_counts(session, counts)
    refresh_visits(session, again)


def refresh_visits(session: Session, visit_ids: Iterable[str]) -> None:
    """Recompute and store the derived columns of the given visits from their events."""
    statuses = load_statuses(session, visit_ids)
    events = load_events(session, statuses)
    write_derived(
        session,
        {
            visit_id: derived_of(
                events.get(visit_id, []), cancelled=status == VisitStatus.CANCELLED
            )
            for visit_id, status in statuses.items()
        },
    )
