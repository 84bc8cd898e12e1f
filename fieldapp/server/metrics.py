"""Care metrics as SQL aggregates over visit_facts and promises (never a fold in Python).

Definitions (the test computes each by hand):
- the visits counted are the assigned, non-cancelled visits whose window starts in the
  range, per current assignee;
- confirmed_in_advance: a `confirmed` event came before the first arrival (or the visit is
  confirmed and not reached yet); permission_recorded: a permission outcome was recorded;
  resolution_demonstrated / demonstration_impossible: among completed visits, shown working
  (and confirmed by the user) / not shown, with the reason recorded;
  first_visit_resolution: completed after a single arrival, never escalated;
- declined_by_user: the user refused the technician their machine at least once;
  closed_declined: the visit was closed on that refusal (neither completed nor escalated,
  so it is left out of first-visit resolution and the escalation rate); absent_note_left: the
  user was absent, the work could wait, a desk note was left; absent_user_returned: an
  absent user came back while the urgent work was being done;
- resolved_remotely / fixed_on_arrival / no_fault_found / no_longer_needed: the visit was
  closed with that outcome and no repair at the desk (neither completed nor escalated, so,
  like a visit closed as declined, it is left out of first-visit resolution and the
  escalation rate);
- walk_ups / handled_on_the_spot: visits the technician opened on the spot for a request
  from the next desk / for the user's "anything else? yes" handled there and then (each is
  its own visit, counted like any other); reopened: signed-off visits reopened because the
  fix failed. A reopened visit is not a first-visit resolution, and neither is its return
  visit (a second trip for the same problem);
- the care audit's rules: arrivals (every one) and those with the greeting done; late
  arrivals (the laptop asks whether the user was told only when it arrives late) and those
  where the user was told; diagnosed: visits with a diagnosis, by the source category of
  the latest; teaching offered (`taught` or `teaching_declined`) and accepted (`taught`);
  out_of_scope_requests: notes in the out-of-scope category;
- the intake rules, of each visit's latest diagnosis: asked_how_long (the diagnosis records
  how long the problem has been happening), user_showed_problem (shown_by_user), both also
  as rates of the diagnosed visits; already_tried_added: the technician's additions to what
  the user already tried; vip_visits: visits dispatched with the VIP override;
- per source category (`categories`): the same figures over the visits whose latest
  diagnosis names that category, promises by the category of their visit;
- promises (every kind, follow-up calls included) count by their due day and their maker;
  kept on time: kept (laptop time) no later than due; follow-up calls done: kept at all;
- satisfaction: the ratings given at sign-off; low_ratings: 2 or less;
- time on task (fieldapp.domain.time_on_task): trips, the visit's trips to the desk (a
  departure, a busy user or a note left ends one, the next arrival starts the next);
  visits_several_trips; finished_later_trip: signed off on a trip after the first (never a
  first-visit resolution); on_site_minutes: each technician's own time at the desk on the
  visits of the range (from visit_trips, by who was there, not by assignee), per visit
  arrived at in on_site_minutes_per_visit;
- a visit's team: visits_assisted, the visits on which the technician assists the holder
  (for the team, visits with an assistant); events_recorded, the events the technician
  recorded on the visits counted, held or assisted (each event keeps its author);
- borrowed parts and loans, on the visits counted (fieldapp.server.equipment):
  parts_borrowed, parts_disposed (broken, kept by the user or written off, with who
  agreed), parts_out (not back yet); loans_made, loans_out, loans_overdue (out past their
  due date at the time of the request).

The daily series for the charts is fieldapp.server.metrics_daily.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from fieldapp.domain.events import (
    ANYTHING_ELSE_NOW,
    NO_REPAIR_OUTCOMES,
    SOURCE_CATEGORIES,
    WALK_UP,
)
from fieldapp.domain.time_on_task import minutes
from fieldapp.protocol import (
    CareMetrics,
    CategoryMetrics,
    CategoryMetricsReport,
    MetricsReport,
    Role,
    TechnicianMetrics,
    VisitStatus,
)
from fieldapp.server import equipment, work
from fieldapp.server.facts import LOW_RATING
from fieldapp.server.models import User, Visit
from fieldapp.server.models_facts import EquipmentItem, PromiseRecord, VisitFacts, VisitTrip
from fieldapp.server.paging import DateRange, PageParams


def _count_if(condition: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


_completed = VisitFacts.completed_at.is_not(None)
_VISIT_STATS: dict[str, ColumnElement[Any]] = {
    "visits": func.count(Visit.id),
    "arrived": _count_if(VisitFacts.arrivals > 0),
    "completed": _count_if(_completed),
    "escalations": _count_if(VisitFacts.escalated_at.is_not(None)),
    "confirmed_in_advance": _count_if(VisitFacts.confirmed_in_advance),
    "permission_recorded": _count_if(VisitFacts.permission_recorded),
    "resolution_demonstrated": _count_if(and_(_completed, VisitFacts.demonstrated)),
    "demonstration_impossible": _count_if(and_(_completed, VisitFacts.demonstration_impossible)),
    "first_visit_resolution": _count_if(VisitFacts.first_visit_resolution),
    "declined_by_user": _count_if(VisitFacts.declined_by_user),
    "closed_declined": _count_if(VisitFacts.closed_declined),
    "absent_note_left": _count_if(VisitFacts.absent_note_left),
    "absent_user_returned": _count_if(VisitFacts.absent_user_returned),
    **{
        outcome: _count_if(VisitFacts.no_repair_outcome == outcome)
        for outcome in NO_REPAIR_OUTCOMES
    },
    "walk_ups": _count_if(VisitFacts.opened_how == WALK_UP),
    "handled_on_the_spot": _count_if(VisitFacts.opened_how == ANYTHING_ELSE_NOW),
    "reopened": _count_if(VisitFacts.reopened),
    "arrivals": func.coalesce(func.sum(VisitFacts.arrivals), 0),
    "arrivals_greeted": func.coalesce(func.sum(VisitFacts.arrivals_greeted), 0),
    "late_arrivals": func.coalesce(func.sum(VisitFacts.late_arrivals), 0),
    "late_arrivals_told": func.coalesce(func.sum(VisitFacts.late_arrivals_told), 0),
    "diagnosed": _count_if(VisitFacts.source_category.is_not(None)),
    **{
        f"diagnosed_{category}": _count_if(VisitFacts.source_category == category)
        for category in SOURCE_CATEGORIES
    },
    "teaching_offered": _count_if(or_(VisitFacts.taught, VisitFacts.teaching_declined)),
    "teaching_accepted": _count_if(VisitFacts.taught),
    "out_of_scope_requests": func.coalesce(func.sum(VisitFacts.out_of_scope_requests), 0),
    "trips": func.coalesce(func.sum(VisitFacts.trips), 0),
    "visits_several_trips": _count_if(VisitFacts.trips > 1),
    "finished_later_trip": _count_if(VisitFacts.finished_later_trip),
    "asked_how_long": _count_if(VisitFacts.asked_how_long),
    "user_showed_problem": _count_if(VisitFacts.user_showed_problem),
    "already_tried_added": func.coalesce(func.sum(VisitFacts.already_tried_added), 0),
    "vip_visits": _count_if(Visit.vip),
    "satisfaction_count": func.count(VisitFacts.satisfaction),
    "satisfaction_average": func.avg(VisitFacts.satisfaction),
    "low_ratings": _count_if(VisitFacts.satisfaction <= LOW_RATING),
}
_follow_up_call = PromiseRecord.kind == "follow_up_call"
_kept = PromiseRecord.kept_at.is_not(None)
_PROMISE_STATS: dict[str, ColumnElement[Any]] = {
    "promises_due": func.count(PromiseRecord.id),
    "promises_kept": _count_if(_kept),
    "promises_kept_on_time": _count_if(PromiseRecord.kept_on_time),
    "follow_up_calls_due": _count_if(_follow_up_call),
    "follow_up_calls_done": _count_if(and_(_follow_up_call, _kept)),
}


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is no whole to speak of."""
    return part / whole if whole else None


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _metrics(values: dict[str, Any]) -> CareMetrics:
    values = dict(values)
    seconds = int(values.pop("on_site_seconds", None) or 0)
    m = CareMetrics.model_validate({k: _number(v) for k, v in values.items() if v is not None})
    m.on_site_minutes = minutes(seconds)
    closed = m.completed + m.escalations
    m.confirmed_in_advance_rate = rate(m.confirmed_in_advance, m.visits)
    m.permission_recorded_rate = rate(m.permission_recorded, m.arrived)
    m.resolution_demonstrated_rate = rate(m.resolution_demonstrated, m.completed)
    m.first_visit_resolution_rate = rate(m.first_visit_resolution, closed)
    m.escalation_rate = rate(m.escalations, closed)
    m.promises_kept_on_time_rate = rate(m.promises_kept_on_time, m.promises_due)
    m.follow_up_calls_done_rate = rate(m.follow_up_calls_done, m.follow_up_calls_due)
    m.greeting_rate = rate(m.arrivals_greeted, m.arrivals)
    m.late_told_rate = rate(m.late_arrivals_told, m.late_arrivals)
    m.teaching_accepted_rate = rate(m.teaching_accepted, m.teaching_offered)
    m.on_site_minutes_per_visit = rate(m.on_site_minutes, m.arrived)
    m.asked_how_long_rate = rate(m.asked_how_long, m.diagnosed)
    m.user_showed_problem_rate = rate(m.user_showed_problem, m.diagnosed)
    return m


def _visit_where(when: DateRange) -> list[ColumnElement[bool]]:
    return [
        Visit.status != VisitStatus.CANCELLED.value,
        Visit.assignee_id.is_not(None),
        Visit.window_start >= when.start,
        Visit.window_start < when.end,
    ]


def promise_where(when: DateRange) -> list[ColumnElement[bool]]:
    """The promises counted: those due in the range, of a maker, on a visit not cancelled."""
    return [
        Visit.status != VisitStatus.CANCELLED.value,
        PromiseRecord.technician_id.is_not(None),
        PromiseRecord.due_at >= when.start,
        PromiseRecord.due_at < when.end,
    ]


def aggregate(
    session: Session,
    when: DateRange,
    technician_ids: Sequence[int] | None,
    *,
    per: bool,
    by_category: bool = False,
    now: datetime | None = None,
) -> dict[Any, CareMetrics]:
    """Metrics over the technicians given (all if None): one per technician when `per`,
    one per source category (of the visit's latest diagnosis; undiagnosed visits left out)
    when `by_category`, else one (key None) for them together. Four GROUP BY queries: the
    visits by assignee, the promises by maker, the time at the desk by who was there,
    the parts and loans by assignee; `now` (default: the present) tells which loans are
    overdue."""
    visits = select(*(c.label(n) for n, c in _VISIT_STATS.items())).select_from(Visit)
    visits = visits.outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
    visits = visits.where(*_visit_where(when))
    promises = select(*(c.label(n) for n, c in _PROMISE_STATS.items())).select_from(PromiseRecord)
    promises = promises.join(Visit, Visit.id == PromiseRecord.visit_id)
    promises = promises.where(*promise_where(when))
    stays = select(func.coalesce(func.sum(VisitTrip.seconds), 0).label("on_site_seconds"))
    stays = stays.select_from(VisitTrip).join(Visit, Visit.id == VisitTrip.visit_id)
    stays = stays.where(*_visit_where(when), VisitTrip.technician_id.is_not(None))
    # Equipment counts: the parts and loans of the visits counted, grouped like the visits.
    stats = equipment.stats(now or datetime.now(UTC))
    kit = select(*(c.label(n) for n, c in stats.items())).select_from(EquipmentItem)
    kit = kit.join(Visit, Visit.id == EquipmentItem.visit_id).where(*_visit_where(when))
    if technician_ids is not None:
        visits = visits.where(Visit.assignee_id.in_(technician_ids))
        promises = promises.where(PromiseRecord.technician_id.in_(technician_ids))
        stays = stays.where(VisitTrip.technician_id.in_(technician_ids))
        kit = kit.where(Visit.assignee_id.in_(technician_ids))
    values: dict[Any, dict[str, Any]] = {}
    if by_category:
        category = VisitFacts.source_category
        visits = visits.where(category.is_not(None))
        visits = visits.add_columns(category.label("who")).group_by(category)
        promises = promises.join(VisitFacts, VisitFacts.visit_id == PromiseRecord.visit_id)
        promises = promises.where(category.is_not(None))
        promises = promises.add_columns(category.label("who")).group_by(category)
        stays = stays.join(VisitFacts, VisitFacts.visit_id == VisitTrip.visit_id)
        stays = stays.where(category.is_not(None))
        stays = stays.add_columns(category.label("who")).group_by(category)
        kit = kit.join(VisitFacts, VisitFacts.visit_id == EquipmentItem.visit_id)
        kit = kit.where(category.is_not(None)).add_columns(category.label("who"))
        kit = kit.group_by(category)
    elif per:
        visits = visits.add_columns(Visit.assignee_id.label("who")).group_by(Visit.assignee_id)
        who = PromiseRecord.technician_id
        promises = promises.add_columns(who.label("who")).group_by(who)
        there = VisitTrip.technician_id
        stays = stays.add_columns(there.label("who")).group_by(there)
        kit = kit.add_columns(Visit.assignee_id.label("who")).group_by(Visit.assignee_id)
    for query in (visits, promises, stays, kit):
        for row in session.execute(query).mappings():
            values.setdefault(row.get("who"), {}).update(
                {k: v for k, v in row.items() if k != "who"}
            )
    if not by_category:  # who helped on which visits (fieldapp.server.work)
        helped = work.team_figures(session, _visit_where(when), technician_ids, per=per)
        for someone, figures in helped.items():
            values.setdefault(someone, {}).update(figures)
    return {key: _metrics(v) for key, v in values.items()}


def categories(session: Session, when: DateRange, technician: str | None) -> CategoryMetricsReport:
    """Every source category's metrics over the range, for one technician or the team."""
    scope: list[int] | None = None
    if technician is not None:
        found = session.scalar(
            select(User.id).where(User.username == technician, User.role == Role.TECHNICIAN.value)
        )
        scope = [] if found is None else [found]
    per = aggregate(session, when, scope, per=False, by_category=True) if scope != [] else {}
    return CategoryMetricsReport(
        date_from=when.date_from,
        date_to=when.date_to,
        technician=technician,
        categories=[
            CategoryMetrics(category=name, metrics=per.get(name) or _metrics({}))
            for name in SOURCE_CATEGORIES
        ],
    )


def technicians_page(
    session: Session, page: PageParams, technician: str | None
) -> tuple[list[tuple[int, str, str]], int]:
    """A page of technicians (any, active or not: history stays), and how many there are."""
    where = [User.role == Role.TECHNICIAN.value]
    if technician is not None:
        where.append(User.username == technician)
    total = session.scalar(select(func.count()).select_from(User).where(*where)) or 0
    rows = session.execute(
        select(User.id, User.username, User.full_name)
        .where(*where)
        .order_by(User.full_name, User.username)
        .offset(page.offset)
        .limit(page.limit)
    ).all()
    return list(rows), total


def report(
    session: Session, when: DateRange, page: PageParams, technician: str | None
) -> MetricsReport:
    """The team's metrics (over the technicians filtered) and one page of technicians'."""
    people, total = technicians_page(session, page, technician)
    scope = None if technician is None else [person[0] for person in people]
    team = _metrics({})
    if scope != []:
        team = aggregate(session, when, scope, per=False).get(None, team)
    per = aggregate(session, when, [p[0] for p in people], per=True) if people else {}
    return MetricsReport(
        date_from=when.date_from,
        date_to=when.date_to,
        team=team,
        technicians=[
            TechnicianMetrics(
                technician=username,
                full_name=full_name,
                metrics=per.get(user_id) or _metrics({}),
            )
            for user_id, username, full_name in people
        ],
        total=total,
        offset=page.offset,
        limit=page.limit,
    )
