"""Dispatch preview (the VIP case): which of a technician's visits a move would delay.

The rule, deliberately simple: the technician works the day's open visits (not cancelled,
completed or escalated; window starting on the slot's UTC day) one after another in order
of window start, each starting at its window start or when the previous one ends
(window start + estimated minutes), whichever is later. The moved visit is put in at the
slot's start, ahead of any visit starting at the same time. A visit is delayed if its
estimated start is later with the move than without it; it misses its window if it would
start at or after its window's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fieldapp.domain import Step
from fieldapp.protocol import DelayedVisit, DispatchPreview, DispatchPreviewRequest, VisitStatus
from fieldapp.server import dispatch
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Visit
from fieldapp.server.models_facts import VisitFacts

_MOVED = ""


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    start: datetime
    minutes: int


def _schedule(items: list[_Item]) -> dict[str, datetime]:
    """Estimated start of each item: in (start, moved first, id) order, back to back."""
    starts: dict[str, datetime] = {}
    free = datetime.min.replace(tzinfo=UTC)
    for item in sorted(items, key=lambda i: (i.start, i.id != _MOVED, i.id)):
        begin = max(item.start, free)
        starts[item.id] = begin
        free = begin + timedelta(minutes=item.minutes)
    return starts


def preview_move(session: Session, request: DispatchPreviewRequest) -> DispatchPreview:
    """What moving `request.visit_id` (or a new visit) to the assignee's slot would delay.

    Raises:
        ApiError: 404 visit_not_found, 409 visit_cancelled, 422 unknown_assignee /
            invalid_window / estimated_minutes missing for a new visit.
    """
    technician = dispatch.technician(session, request.assignee)
    dispatch.check_window(request.window_start, request.window_end)
    minutes = request.estimated_minutes
    if request.visit_id is not None:
        visit = session.get(Visit, request.visit_id) if len(request.visit_id) <= 36 else None
        if visit is None:
            raise ApiError(404, "visit_not_found", "There is no such visit.")
        if visit.status == VisitStatus.CANCELLED:
            raise ApiError(409, "visit_cancelled", "This visit is cancelled; it cannot be moved.")
        minutes = minutes or visit.estimated_minutes
    if minutes is None:
        raise ApiError(
            422, "invalid_request", "Give visit_id, or estimated_minutes for a new visit."
        )
    slot = request.window_start.astimezone(UTC)
    day = slot.date()
    day_start = datetime.combine(day, time(0), tzinfo=UTC)
    rows = session.execute(
        select(
            Visit.id,
            Visit.reference,
            Visit.customer_name,
            Visit.window_start,
            Visit.window_end,
            Visit.estimated_minutes,
        )
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(
            Visit.assignee_id == technician.id,
            Visit.status != VisitStatus.CANCELLED.value,
            Visit.window_start >= day_start,
            Visit.window_start < day_start + timedelta(days=1),
            Visit.id != (request.visit_id or ""),
            or_(
                VisitFacts.step.is_(None),
                VisitFacts.step.not_in(
                    [
                        Step.COMPLETED.value,
                        Step.ESCALATED.value,
                        Step.DECLINED.value,
                        Step.CLOSED_WITHOUT_REPAIR.value,
                    ]
                ),
            ),
        )
        .order_by(Visit.window_start, Visit.id)
    ).all()
    queue = [_Item(row.id, row.window_start, row.estimated_minutes) for row in rows]
    before = _schedule(queue)
    after = _schedule([*queue, _Item(_MOVED, slot, minutes)])
    delayed = []
    for row in rows:
        if after[row.id] > before[row.id]:
            delay = (after[row.id] - before[row.id]).total_seconds() / 60
            delayed.append(
                DelayedVisit(
                    visit_id=row.id,
                    reference=row.reference,
                    customer_name=row.customer_name,
                    window_start=row.window_start,
                    window_end=row.window_end,
                    estimated_minutes=row.estimated_minutes,
                    start_before=before[row.id],
                    start_after=after[row.id],
                    delay_minutes=math.ceil(delay),
                    misses_window=after[row.id] >= row.window_end,
                )
            )
    return DispatchPreview(
        assignee=technician.username,
        day=day,
        slot_start=after[_MOVED],
        slot_end=after[_MOVED] + timedelta(minutes=minutes),
        delayed=delayed,
        unaffected=len(rows) - len(delayed),
    )
