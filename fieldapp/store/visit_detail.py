"""One visit read from the cache: its dispatch data, its workflow state and its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.domain import Step, VisitState
from fieldapp.protocol import VisitStatus
from fieldapp.store.derive import StoredEvent, history, load_events, state_of
from fieldapp.store.errors import VisitNotFound
from fieldapp.store.models import DISPATCH_FIELDS, SYNC_REJECTED, OutboxRow, Visit

if TYPE_CHECKING:
    from fieldapp.protocol import VisitPublic


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


def get_visit(session: Session, visit_id: str) -> VisitDetail:
    """One visit's dispatch data and derived columns.

    Raises:
        VisitNotFound: no such visit in the cache.
    """
    visit = session.get(Visit, visit_id)
    if visit is None or visit.stub:
        raise VisitNotFound(visit_id)
    return VisitDetail(
        visit=protocol.VisitPublic.model_validate(
            {name: getattr(visit, name) for name in DISPATCH_FIELDS}
        ),
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
