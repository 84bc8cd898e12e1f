"""The care metrics' daily series for the supervisors' charts: per day of the range, in the
supervisor's time zone, completions and ratings by sign-off day and promises by due day
(definitions as in fieldapp.server.metrics)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.protocol import DailyMetricsPage, DailyPoint, Role, VisitStatus
from fieldapp.server import metrics
from fieldapp.server.models import User, Visit
from fieldapp.server.models_facts import PromiseRecord, VisitFacts
from fieldapp.server.paging import DateRange, PageParams


def daily(
    session: Session, when: DateRange, page: PageParams, technician_id: int | None
) -> tuple[list[DailyPoint], int]:
    """Per day of the page (days of the range's zone): completions and ratings by sign-off
    day, promises by due day. The rows are bucketed here: SQLite knows no time zones."""
    days = when.days
    shown = days[page.offset : page.offset + page.limit]
    if not shown:
        return [], len(days)
    window = DateRange(shown[0], shown[-1], when.zone)
    done = (
        select(VisitFacts.completed_at, VisitFacts.satisfaction)
        .join(Visit, Visit.id == VisitFacts.visit_id)
        .where(
            Visit.status != VisitStatus.CANCELLED.value,
            VisitFacts.completed_at >= window.start,
            VisitFacts.completed_at < window.end,
        )
    )
    kept = (
        select(PromiseRecord.due_at, PromiseRecord.kept_on_time)
        .join(Visit, Visit.id == PromiseRecord.visit_id)
        .where(*metrics.promise_where(window))
    )
    if technician_id is not None:
        done = done.where(Visit.assignee_id == technician_id)
        kept = kept.where(PromiseRecord.technician_id == technician_id)
    completions: dict[date, list[int | None]] = {day: [] for day in shown}
    for completed_at, satisfaction in session.execute(done):
        if completed_at is not None:  # the WHERE says so; the column type does not
            completions[window.day_of(completed_at)].append(satisfaction)
    promises: dict[date, list[bool]] = {day: [] for day in shown}
    for due_at, kept_on_time in session.execute(kept):
        promises[window.day_of(due_at)].append(bool(kept_on_time))
    points = []
    for day in shown:
        ratings = [r for r in completions[day] if r is not None]
        due, on_time = len(promises[day]), promises[day].count(True)
        points.append(
            DailyPoint(
                day=day,
                completions=len(completions[day]),
                promises_due=due,
                promises_kept_on_time=on_time,
                promises_kept_on_time_rate=metrics.rate(on_time, due),
                satisfaction_average=sum(ratings) / len(ratings) if ratings else None,
                satisfaction_count=len(ratings),
            )
        )
    return points, len(days)


def daily_page(
    session: Session, when: DateRange, page: PageParams, technician: str | None
) -> DailyMetricsPage:
    technician_id = None
    if technician is not None:
        technician_id = session.scalar(
            select(User.id).where(User.username == technician, User.role == Role.TECHNICIAN.value)
        )
        if technician_id is None:
            return DailyMetricsPage(
                date_from=when.date_from,
                date_to=when.date_to,
                technician=technician,
                days=[],
                total=0,
                offset=page.offset,
                limit=page.limit,
            )
    points, total = daily(session, when, page, technician_id)
    return DailyMetricsPage(
        date_from=when.date_from,
        date_to=when.date_to,
        technician=technician,
        days=points,
        total=total,
        offset=page.offset,
        limit=page.limit,
    )
