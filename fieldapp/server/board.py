"""The supervisors' team board: each technician's visits in a date range, where they stand.

A few queries whatever the size: a page of technicians, the listed visits joined to their
derived facts (which give the counts per technician and board status when every status but
cancelled is listed, as by default; else the counts are a GROUP BY of their own), the
unassigned visits' count. A visit's board status is a CASE over its status, its step and
the clock: cancelled > completed > escalated > overdue (window ended, still open) > in
progress (the technician arrived) > upcoming.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, String, case, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from fieldapp.domain import Step
from fieldapp.domain.events import RETURN_VISIT
from fieldapp.protocol import (
    BoardCounts,
    BoardPage,
    BoardStatus,
    BoardTechnician,
    VisitStatus,
)
from fieldapp.server.db import run
from fieldapp.server.models import User, Visit
from fieldapp.server.models_facts import PromiseRecord, VisitFacts
from fieldapp.server.paging import DateRange, PageParams
from fieldapp.server.team import active_technician

IN_PROGRESS_STEPS = tuple(
    s.value
    for s in (
        Step.ARRIVED,
        Step.AWAITING_RETURN,
        Step.WORKING,
        Step.DIAGNOSED,
        Step.CHOOSING,
        Step.RESOLVED,
    )
)
OPEN_STATUSES = tuple(s for s in BoardStatus if s is not BoardStatus.CANCELLED)
_OPEN = frozenset(OPEN_STATUSES)
_ALL_STATUSES = frozenset(BoardStatus)


# When the technician agreed to come back, for a visit whose user was busy: the due time of
# its open return-visit promise (the subquery runs only for visits awaiting their return).
agreed_return_at = case(
    (
        VisitFacts.step == Step.AWAITING_RETURN.value,
        select(func.max(PromiseRecord.due_at))
        .where(
            PromiseRecord.visit_id == Visit.id,
            PromiseRecord.kind == RETURN_VISIT,
            PromiseRecord.kept_at.is_(None),
        )
        .correlate(Visit)
        .scalar_subquery(),
    ),
    else_=None,
)


def board_status(now: datetime) -> ColumnElement[str]:
    """The SQL expression of a visit's BoardStatus (visits outer-joined to visit_facts).

    A visit the user asked the technician to come back to later is in progress, not overdue,
    until the agreed time, even past its window.
    """
    return case(
        (Visit.status == VisitStatus.CANCELLED.value, literal(BoardStatus.CANCELLED.value)),
        (VisitFacts.step == Step.COMPLETED.value, literal(BoardStatus.COMPLETED.value)),
        (VisitFacts.step == Step.ESCALATED.value, literal(BoardStatus.ESCALATED.value)),
        (VisitFacts.step == Step.DECLINED.value, literal(BoardStatus.DECLINED.value)),
        (
            VisitFacts.step == Step.CLOSED_WITHOUT_REPAIR.value,
            literal(BoardStatus.NO_REPAIR.value),
        ),
        (agreed_return_at > now, literal(BoardStatus.IN_PROGRESS.value)),
        (Visit.window_end <= now, literal(BoardStatus.OVERDUE.value)),
        (VisitFacts.step.in_(IN_PROGRESS_STEPS), literal(BoardStatus.IN_PROGRESS.value)),
        else_=literal(BoardStatus.UPCOMING.value),
    )


def _in_range(when: DateRange, site: str | None) -> list[ColumnElement[bool]]:
    where = [Visit.window_start >= when.start, Visit.window_start < when.end]
    if site is not None:
        where.append(Visit.site == site)
    return where


def _counts(
    session: Session, ids: Sequence[int], where: list[ColumnElement[bool]], now: datetime
) -> dict[int, BoardCounts]:
    per_visit = (
        select(Visit.assignee_id.label("technician_id"), board_status(now).label("status"))
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(Visit.assignee_id.in_(ids), *where)
        .subquery()
    )
    rows = session.execute(
        select(per_visit.c.technician_id, per_visit.c.status, func.count()).group_by(
            per_visit.c.technician_id, per_visit.c.status
        )
    )
    counts = {technician_id: BoardCounts() for technician_id in ids}
    for technician_id, status, number in rows:
        if status == BoardStatus.CANCELLED:
            continue
        tally = counts[technician_id]
        setattr(tally, status, number)
        tally.total += number
    return counts


# The instants are read as the driver gives them (type_coerce: no per-value processing) and
# converted once per distinct value (_Instants): a 30-day board repeats its window times.
_VISIT_COLUMNS = (
    Visit.assignee_id,
    Visit.id,
    Visit.reference,
    Visit.customer_name,
    Visit.site,
    Visit.building,
    Visit.floor,
    Visit.room,
    type_coerce(Visit.window_start, String),
    type_coerce(Visit.window_end, String),
    Visit.estimated_minutes,
    Visit.priority,
    VisitFacts.step,
    type_coerce(VisitFacts.last_event_received_at, String),
    type_coerce(agreed_return_at, String),
    Visit.vip,
)


class _Instants(dict[object, str]):
    """Stored instants in their wire form (UTC, ISO 8601, "Z" as pydantic writes it), each
    distinct value converted once."""

    def __missing__(self, raw: object) -> str:
        if isinstance(raw, datetime):  # PostgreSQL
            value = raw
        elif isinstance(raw, str):  # SQLite keeps UTC as naive text
            value = datetime.fromisoformat(raw)
        else:
            raise TypeError(f"not a stored instant: {type(raw).__name__}")
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        text = self[raw] = value.isoformat().replace("+00:00", "Z")
        return text


def _listed(
    session: Session,
    ids: Sequence[int],
    where: list[ColumnElement[bool]],
    now: datetime,
    wanted: frozenset[BoardStatus],
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, BoardCounts]]:
    """Each technician's visits of `wanted` statuses as protocol.BoardVisit JSON-ready dicts
    (their fields in the model's order), and the counts of the visits listed that are not
    cancelled (all the counts when `wanted` holds every open status)."""
    status = board_status(now)
    if wanted == _OPEN:  # the default: the CASE's first branch, as a plain condition
        where = [*where, Visit.status != VisitStatus.CANCELLED.value]
    elif wanted != _ALL_STATUSES:
        where = [*where, status.in_([s.value for s in wanted])]
    rows = run(
        session,
        select(*_VISIT_COLUMNS, status)
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(Visit.assignee_id.in_(ids), *where)
        .order_by(Visit.assignee_id, Visit.window_start, Visit.id),
    )
    listed: dict[int, list[dict[str, Any]]] = {technician_id: [] for technician_id in ids}
    tallies: dict[int, dict[str, int]] = {technician_id: {} for technician_id in ids}
    instants = _Instants()
    scheduled = Step.SCHEDULED.value
    cancelled = BoardStatus.CANCELLED.value
    for (
        technician_id, visit_id, reference, customer_name, site, building, floor, room,
        window_start, window_end, estimated_minutes, priority, step, received_at, return_at,
        vip, board,
    ) in rows:  # fmt: skip
        listed[technician_id].append(
            {
                "id": visit_id,
                "reference": reference,
                "customer_name": customer_name,
                "site": site,
                "building": building,
                "floor": floor,
                "room": room,
                "window_start": instants[window_start],
                "window_end": instants[window_end],
                "estimated_minutes": estimated_minutes,
                "priority": priority,
                "step": step or scheduled,
                "status": board,
                "last_event_received_at": None if received_at is None else instants[received_at],
                "return_at": None if return_at is None else instants[return_at],
                "vip": bool(vip),
            }
        )
        if board != cancelled:
            tally = tallies[technician_id]
            tally[board] = tally.get(board, 0) + 1
    counts = {
        technician_id: BoardCounts(total=sum(tally.values()), **tally)
        for technician_id, tally in tallies.items()
    }
    return listed, counts


def read_board(
    session: Session,
    *,
    when: DateRange,
    page: PageParams,
    now: datetime,
    technician: str | None = None,
    statuses: Sequence[BoardStatus] = (),
    site: str | None = None,
) -> bytes:
    """One page of the board (technicians by full name, then username), as the JSON of a
    protocol.BoardPage.

    The counts cover every visit of the technician in the range (and site); `statuses`
    (default: all but cancelled) narrows only the visits listed.

    The visits (20,000 on a 30-day board of 50 technicians) go to JSON as plain dicts
    from the rows, not through 20,000 validated pydantic objects: their values come typed
    from the database; tests/server check answers against BoardPage.
    """
    technicians = active_technician()
    if technician is not None:
        technicians.append(User.username == technician)
    total = session.scalar(select(func.count()).select_from(User).where(*technicians)) or 0
    people = session.execute(
        select(User.id, User.username, User.full_name, User.last_seen_at)
        .where(*technicians)
        .order_by(User.full_name, User.username)
        .offset(page.offset)
        .limit(page.limit)
    ).all()
    ids = [person.id for person in people]
    where = _in_range(when, site)
    wanted = frozenset(statuses or _OPEN)
    listed, counts = _listed(session, ids, where, now, wanted) if ids else ({}, {})
    if not wanted >= _OPEN:  # the visits listed are not all those counted
        counts = _counts(session, ids, where, now) if ids else {}
    unassigned = (
        session.scalar(
            select(func.count())
            .select_from(Visit)
            .where(
                Visit.assignee_id.is_(None),
                Visit.status != VisitStatus.CANCELLED.value,
                *where,
            )
        )
        or 0
    )
    answer = BoardPage(
        date_from=when.date_from,
        date_to=when.date_to,
        technicians=[
            BoardTechnician(
                technician=person.username,
                full_name=person.full_name,
                last_contact_at=person.last_seen_at,
                counts=counts[person.id],
                visits=[],
            )
            for person in people
        ],
        total=total,
        offset=page.offset,
        limit=page.limit,
        unassigned=unassigned,
        server_time=now,
    ).model_dump(mode="json")
    for person, rendered in zip(people, answer["technicians"], strict=True):
        rendered["visits"] = listed[person.id]
    return orjson.dumps(answer)
