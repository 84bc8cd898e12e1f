"""The customer's loop on the laptop: the visits left unsolved at the end of the day, and the
messages to their users ("on my way", "running late", where it stands), recorded as events
that the server mails when they sync (fieldapp.domain.customer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, Step
from fieldapp.protocol import VisitStatus
from fieldapp.store.models import Visit
from fieldapp.store.recording import record_event
from fieldapp.store.visit_detail import visit_state

# Where nothing is left to tell the user at the end of the day: solved, or closed another way
# (an escalation already promised the user its next update).
_SETTLED = (
    Step.COMPLETED,
    Step.CLOSED_WITHOUT_REPAIR,
    Step.DECLINED,
    Step.ESCALATED,
    Step.CANCELLED,
)


@dataclass(frozen=True, slots=True)
class Unsolved:
    """A visit due by the end of the day and not solved: what the end-of-day list shows."""

    visit_id: str
    reference: str
    customer: str
    window_start: datetime
    step: Step
    has_email: bool
    told_at: datetime | None  # the last end-of-day word to the user, if any


def unsolved_visits(session: Session, day_end: datetime) -> list[Unsolved]:
    """The round's visits whose window started before `day_end` and that are not settled
    (neither solved nor closed another way nor cancelled), by window start."""
    rows = session.execute(
        select(
            Visit.id,
            Visit.reference,
            Visit.customer_name,
            Visit.window_start,
            Visit.step,
            Visit.contact_email,
        )
        .where(
            Visit.stub.is_(False),
            Visit.status != VisitStatus.CANCELLED,
            Visit.scope_lost_reason.is_(None),
            Visit.window_start < day_end,
            Visit.step.not_in([s.value for s in _SETTLED]),
        )
        .order_by(Visit.window_start, Visit.reference)
    ).all()
    return [
        Unsolved(
            visit_id=row.id,
            reference=row.reference,
            customer=row.customer_name,
            window_start=row.window_start,
            step=Step(row.step),
            has_email="@" in row.contact_email,
            told_at=visit_state(session, row.id).user_updated_at,
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class DayEndWord:
    """What the technician tells one user at the end of the day."""

    visit_id: str
    channel: str  # fieldapp.domain.events.CONFIRM_CHANNELS
    message: str
    next_step: str


def record_day_end(
    session: Session, words: Sequence[DayEndWord], *, author: str, now: datetime
) -> list[Event]:
    """Record a day_end_update per visit, all or none (the caller owns the transaction).

    Raises:
        InvalidEvent, WorkflowViolation, VisitNotFound: as record_event, naming nothing
            written.
    """
    return [
        record_event(
            session,
            word.visit_id,
            EventType.DAY_END_UPDATE,
            {"channel": word.channel, "message": word.message, "next_step": word.next_step},
            author=author,
            now=now,
        )
        for word in words
    ]


def record_on_my_way(
    session: Session, visit_id: str, message: str, *, late_minutes: int, author: str, now: datetime
) -> Event:
    """Record "on my way" (late_minutes 0) or "running late by N minutes"."""
    payload: dict[str, object] = {"message": message}
    if late_minutes:
        payload["late_minutes"] = late_minutes
    return record_event(session, visit_id, EventType.ON_MY_WAY, payload, author=author, now=now)
