"""The visits-table row the visits list and the round show, and the SELECT that reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from fieldapp.domain import Step
from fieldapp.store.models import visits_table


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
    problem: str = ""
    return_at: datetime | None = None  # the user was busy: when the technician comes back
    vip: bool = False  # the priority's explicit override (critical whatever the matrix says)
    assignee: str | None = None  # who holds it; another than the round's user: they assist
    user_answer: str | None = None  # on the confirmation page (fieldapp.store.derive)

    @property
    def conflict(self) -> bool:
        """The server took the visit away while this laptop held unsynced work on it."""
        return self.scope_lost_reason is not None


def row_select() -> Select[Any]:
    """The columns of a VisitRow from the visits table, in the order visit_row reads them."""
    c = visits_table.c
    return select(
        c.id, c.reference, c.customer_name, c.site, c.building, c.floor, c.room,
        c.window_start, c.window_end, c.priority, c.status, c.step, c.pending_count,
        c.rejected_count, c.scope_lost_reason, c.scope_lost_message, c.problem, c.return_at,
        c.vip, c.assignee, c.user_answer,
    )  # fmt: skip


def visit_row(row: Sequence[Any]) -> VisitRow:
    """A VisitRow from one row of a row_select() statement."""
    (visit_id, reference, customer, site, building, floor, room, start, end) = row[:9]
    (priority, status, step, pending, rejected, lost_reason, lost_message, problem) = row[9:17]
    return VisitRow(
        id=visit_id,
        reference=reference,
        customer_name=customer,
        site=site,
        building=building,
        floor=floor,
        room=room,
        window_start=start,
        window_end=end,
        priority=priority,
        status=status,
        step=Step(step),
        pending_count=pending,
        rejected_count=rejected,
        scope_lost_reason=lost_reason,
        scope_lost_message=lost_message,
        problem=problem,
        return_at=row[17],
        vip=bool(row[18]),
        assignee=row[19],
        user_answer=row[20],
    )
