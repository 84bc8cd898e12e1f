"""What needs attention across the cache: events unsynced or refused, promises not kept yet."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fieldapp.domain import Promise
from fieldapp.protocol import VisitStatus
from fieldapp.store.derive import load_events, state_of, stored_event
from fieldapp.store.models import (
    SYNC_PENDING,
    SYNC_REJECTED,
    SYNC_SYNCED,
    EventRow,
    Visit,
    events_table,
)
from fieldapp.store.search import PROMISE_EVENT_SQL
from fieldapp.store.visit_detail import TimelineEntry


@dataclass(frozen=True, slots=True)
class RejectedEvent:
    """A rejected event, with the visit it belongs to, for the 'needs attention' list."""

    entry: TimelineEntry
    visit_reference: str
    customer_name: str


@dataclass(frozen=True, slots=True)
class SyncCounts:
    pending: int
    rejected: int


@dataclass(frozen=True, slots=True)
class OpenPromise:
    visit_id: str
    visit_reference: str
    promise: Promise
    customer_name: str = ""


def sync_counts(session: Session) -> SyncCounts:
    """How many events wait to be pushed, and how many the server refused."""
    counts = dict(
        session.execute(
            select(EventRow.sync_state, func.count())
            .where(EventRow.sync_state != SYNC_SYNCED)  # the partial index ix_events_unsynced
            .group_by(EventRow.sync_state)
        ).all()
    )
    return SyncCounts(pending=counts.get(SYNC_PENDING, 0), rejected=counts.get(SYNC_REJECTED, 0))


def rejected_events(session: Session) -> list[RejectedEvent]:
    """Every event the server refused, with its reason, oldest recorded first."""
    stmt = (
        select(events_table, Visit.reference, Visit.customer_name)
        .join(Visit, Visit.id == events_table.c.visit_id)
        .where(events_table.c.sync_state == SYNC_REJECTED, events_table.c.sync_state != SYNC_SYNCED)
        .order_by(events_table.c.local_seq)
    )
    return [
        RejectedEvent(
            entry=TimelineEntry(stored=stored_event(row)),
            visit_reference=row["reference"],
            customer_name=row["customer_name"],
        )
        for row in session.execute(stmt).mappings()
    ]


def open_promises(session: Session) -> list[OpenPromise]:
    """Promises not kept yet on the visits in the cache, soonest due first.

    Only visits holding an event that can make a promise (user busy, sign-off with a
    follow-up call, escalation, promise made, a departure with a return time) are
    replayed; the partial index ix_events_promises finds them without reading every event
    of the cache.
    """
    candidates = select(events_table.c.visit_id).where(text(PROMISE_EVENT_SQL)).distinct()
    visits = {
        visit_id: (reference, customer, status)
        for visit_id, reference, customer, status in session.execute(
            select(Visit.id, Visit.reference, Visit.customer_name, Visit.status).where(
                Visit.stub.is_(False), Visit.id.in_(candidates)
            )
        )
    }
    events = load_events(session, visits)
    found: list[OpenPromise] = []
    for visit_id, stored in events.items():
        reference, customer, status = visits[visit_id]
        state = state_of(stored, cancelled=status == VisitStatus.CANCELLED)
        found.extend(OpenPromise(visit_id, reference, p, customer) for p in state.open_promises)
    found.sort(key=lambda p: p.promise.due_at)
    return found
