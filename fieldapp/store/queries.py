"""Read-only queries the UI and CLI use: visit rows, a visit's timeline, state and sync counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldapp.domain import Promise, Step, VisitState
from fieldapp.protocol import VisitPublic, VisitStatus
from fieldapp.store.derive import StoredEvent, history, load_events, state_of, stored_event
from fieldapp.store.errors import VisitNotFound
from fieldapp.store.models import (
    DISPATCH_FIELDS,
    SYNC_PENDING,
    SYNC_REJECTED,
    SYNC_SYNCED,
    EventRow,
    OutboxRow,
    Visit,
    events_table,
)


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One line of the visits table."""

    id: str
    reference: str
    customer_name: str
    site: str
    building: str
    floor: str
    room: str
    window_start: datetime
    window_end: datetime
    priority: str
    status: str
    step: Step
    pending_count: int
    rejected_count: int
    scope_lost_reason: str | None
    scope_lost_message: str | None

    @property
    def conflict(self) -> bool:
        """The server took the visit away while this laptop held unsynced work on it."""
        return self.scope_lost_reason is not None


@dataclass(frozen=True, slots=True)
class VisitDetail:
    """A visit's dispatch data as the server sent it, with its derived columns."""

    visit: VisitPublic
    step: Step
    pending_count: int
    rejected_count: int
    scope_lost_reason: str | None
    scope_lost_message: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event of a visit's timeline with where it stands in sync.

    `sync_state` is pending, synced (confirmed by the server) or rejected (with the
    server's `reject_code` and `reject_message`); a pending event the server asked to retry
    carries its `retry_reason`.
    """

    stored: StoredEvent
    attempts: int = 0
    retry_reason: str | None = None


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


def list_visits(
    session: Session,
    *,
    search: str | None = None,
    include_closed: bool = True,
    only_conflicts: bool = False,
) -> list[VisitRow]:
    """Visits in the cache, soonest window first.

    Args:
        search: text to look for in reference, customer, site, building or room.
        include_closed: False leaves out completed, escalated and cancelled visits.
        only_conflicts: only visits kept as conflicts after the server took them away.
    """
    stmt = select(Visit).where(Visit.stub.is_(False)).order_by(Visit.window_start, Visit.reference)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(
            or_(
                *(
                    column.ilike(like)
                    for column in (
                        Visit.reference,
                        Visit.customer_name,
                        Visit.site,
                        Visit.building,
                        Visit.room,
                    )
                )
            )
        )
    if not include_closed:
        closed = (Step.COMPLETED, Step.ESCALATED, Step.CANCELLED)
        stmt = stmt.where(Visit.step.not_in([str(s) for s in closed]))
    if only_conflicts:
        stmt = stmt.where(Visit.scope_lost_reason.is_not(None))
    return [
        VisitRow(
            id=v.id,
            reference=v.reference,
            customer_name=v.customer_name,
            site=v.site,
            building=v.building,
            floor=v.floor,
            room=v.room,
            window_start=v.window_start,
            window_end=v.window_end,
            priority=v.priority,
            status=v.status,
            step=Step(v.step),
            pending_count=v.pending_count,
            rejected_count=v.rejected_count,
            scope_lost_reason=v.scope_lost_reason,
            scope_lost_message=v.scope_lost_message,
        )
        for v in session.scalars(stmt)
    ]


def get_visit(session: Session, visit_id: str) -> VisitDetail:
    """One visit's dispatch data and derived columns.

    Raises:
        VisitNotFound: no such visit in the cache.
    """
    visit = session.get(Visit, visit_id)
    if visit is None or visit.stub:
        raise VisitNotFound(visit_id)
    return VisitDetail(
        visit=VisitPublic.model_validate({name: getattr(visit, name) for name in DISPATCH_FIELDS}),
        step=Step(visit.step),
        pending_count=visit.pending_count,
        rejected_count=visit.rejected_count,
        scope_lost_reason=visit.scope_lost_reason,
        scope_lost_message=visit.scope_lost_message,
    )


def visit_state(session: Session, visit_id: str) -> VisitState:
    """The visit's workflow state: server events, then pending ones replayed on top.

    Raises:
        VisitNotFound: no such visit in the cache.
    """
    status = session.scalar(select(Visit.status).where(Visit.id == visit_id, Visit.stub.is_(False)))
    if status is None:
        raise VisitNotFound(visit_id)
    events = load_events(session, [visit_id]).get(visit_id, [])
    return state_of(events, cancelled=status == VisitStatus.CANCELLED)


def visit_events(session: Session, visit_id: str) -> list[TimelineEntry]:
    """The visit's timeline in history order, rejected events after the ones that count."""
    events = load_events(session, [visit_id]).get(visit_id, [])
    kept = history(events)
    rejected = sorted(
        (e for e in events if e.sync_state == SYNC_REJECTED), key=lambda e: e.local_seq or 0
    )
    outbox = {
        row.event_id: row
        for row in session.scalars(
            select(OutboxRow).where(OutboxRow.event_id.in_([e.event.id for e in events]))
        )
    }
    entries = []
    for stored in [*kept, *rejected]:
        box = outbox.get(stored.event.id)
        entries.append(
            TimelineEntry(
                stored=stored,
                attempts=box.attempts if box else 0,
                retry_reason=box.last_error if box else None,
            )
        )
    return entries


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
    """Promises not kept yet on the visits in the cache, soonest due first."""
    visits = {
        visit_id: (reference, status)
        for visit_id, reference, status in session.execute(
            select(Visit.id, Visit.reference, Visit.status).where(Visit.stub.is_(False))
        )
    }
    events = load_events(session, visits)
    found: list[OpenPromise] = []
    for visit_id, stored in events.items():
        reference, status = visits[visit_id]
        state = state_of(stored, cancelled=status == VisitStatus.CANCELLED)
        found.extend(OpenPromise(visit_id, reference, p) for p in state.open_promises)
    found.sort(key=lambda p: p.promise.due_at)
    return found
