"""Dispatch services: create, change and cancel visits, each appending its change-feed rows.

Routers, the admin CLI and the demo seeder all go through these; the caller owns the
(write) transaction and the functions never commit.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.domain import Step
from fieldapp.protocol import (
    Level,
    Role,
    VisitCreate,
    VisitFields,
    VisitOrigin,
    VisitPublic,
    VisitStatus,
    VisitUpdate,
)
from fieldapp.server import assistants, feed, feed_pages, intake
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Assignment, User, Visit
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.security import Principal

_FIELD_NAMES = tuple(VisitFields.model_fields)
FOLLOW_UP_START = time(9, 0)
FOLLOW_UP_END = time(17, 0)


def visit_public(visit: Visit) -> VisitPublic:
    """The wire form of a visit."""
    values = {name: getattr(visit, name) for name in feed_pages.VISIT_COLUMNS}
    assignee = visit.assignee.username if visit.assignee is not None else None
    return VisitPublic.model_validate(feed_pages.visit_wire(values, assignee))


def technician(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or user.role != Role.TECHNICIAN:
        raise ApiError(
            422, "unknown_assignee", f"'{username[:64]}' is not an active technician's username."
        )
    return user


def check_window(start: datetime, end: datetime) -> None:
    if end <= start:
        raise ApiError(
            422, "invalid_window", "The visit's window must end after it starts (window_end)."
        )


def create_visit(
    session: Session,
    data: VisitCreate,
    now: datetime,
    *,
    created_by: str | None = None,
    origin: VisitOrigin = VisitOrigin.DISPATCH,
) -> Visit:
    """Create a visit (assigned if `data.assignee` is given) and tell its technician;
    `created_by` names who made it (a supervisor's or technician's username).

    Raises:
        ApiError: 409 reference_exists, 422 unknown_assignee / invalid_window / unknown
            follow_up_of.
    """
    check_window(data.window_start, data.window_end)
    feed.lock_counter(session)
    data = intake.settled(session, data)
    if session.scalar(select(Visit.id).where(Visit.reference == data.reference)) is not None:
        raise ApiError(
            409, "reference_exists", f"A visit with reference '{data.reference}' already exists."
        )
    if data.follow_up_of is not None and session.get(Visit, data.follow_up_of) is None:
        raise ApiError(422, "unknown_visit", "The visit named in follow_up_of does not exist.")
    assignee = technician(session, data.assignee) if data.assignee is not None else None
    fields: dict[str, Any] = {name: getattr(data, name) for name in _FIELD_NAMES}
    visit = Visit(
        id=str(uuid.uuid4()),
        **fields,
        assignee=assignee,
        status=VisitStatus.SCHEDULED.value,
        created_at=now,
        updated_at=now,
        created_by=created_by,
        origin=origin.value,
    )
    session.add(visit)
    session.flush()
    if assignee is not None:
        session.add(Assignment(visit_id=visit.id, technician_id=assignee.id, assigned_at=now))
        feed.visit_changed(session, assignee.id, visit.id, now)
    return visit


def create_visit_once(
    session: Session, data: VisitCreate, now: datetime, *, created_by: str | None = None
) -> Visit:
    """create_visit, except that a request repeating one already carried out (same reference,
    same fields, same assignee) answers the visit it made: a supervisor's retry after a lost
    response must not fail. A different visit under a taken reference is still 409."""
    existing = session.scalar(select(Visit).where(Visit.reference == data.reference))
    if existing is not None and existing.status != VisitStatus.CANCELLED:
        data = intake.settled(session, data)
        made = visit_public(existing)
        if all(getattr(made, name) == getattr(data, name) for name in _FIELD_NAMES) and (
            made.assignee == data.assignee
        ):
            return existing
    return create_visit(session, data, now, created_by=created_by)


def _record_assignment(
    session: Session, visit_id: str, old: User | None, new: User | None, now: datetime
) -> None:
    """Keep the assignment history: a previous assignee's late events become conflicts."""
    if old is not None:
        session.execute(
            update(Assignment)
            .where(
                Assignment.visit_id == visit_id,
                Assignment.technician_id == old.id,
                Assignment.unassigned_at.is_(None),
            )
            .values(unassigned_at=now)
            .execution_options(synchronize_session=False)
        )
    if new is not None:
        session.add(Assignment(visit_id=visit_id, technician_id=new.id, assigned_at=now))


def _visit_for_change(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise ApiError(404, "visit_not_found", "There is no such visit.")
    if visit.status == VisitStatus.CANCELLED:
        raise ApiError(409, "visit_cancelled", "This visit is cancelled; it cannot be changed.")
    return visit


def update_visit(
    session: Session, visit_id: str, change: VisitUpdate, now: datetime, *, by: str = ""
) -> Visit:
    """Assign, reassign, unassign (explicit null assignee), reschedule or re-prioritise.

    A reassignment sends the old technician a tombstone and the new one the visit with all
    its events; any other change sends the technician the updated visit. The tombstone's
    message names the new holder and `by` (the supervisor who moved it), in words any
    laptop shows as they are.
    """
    feed.lock_counter(session)
    visit = _visit_for_change(session, visit_id)
    given = change.model_fields_set
    for name in _NOT_NULL:
        if name in given and getattr(change, name) is None:
            raise ApiError(422, "invalid_request", f"The field '{name}' cannot be null.")
    start = change.window_start or visit.window_start
    end = change.window_end or visit.window_end
    check_window(start, end)
    changed = False
    if given & {"impact", "urgency", "vip", "priority"}:
        change = _with_priority(session, visit, change)
    for name in ("window_start", "window_end", "estimated_minutes", *_PRIORITY_FIELDS):
        value = getattr(change, name)
        if value is not None and value != getattr(visit, name):
            setattr(visit, name, value)
            changed = True
    old = visit.assignee
    new = old
    if "assignee" in given:
        new = technician(session, change.assignee) if change.assignee is not None else None
    if new is not None and old is not None and new.id == old.id:
        new = old
    if new is not old:
        visit.assignee = new
        changed = True
    if not changed:
        return visit
    visit.updated_at = now
    session.flush()
    helping = set(assistants.current_assistants(session, [visit.id]).get(visit.id, ()))
    for technician_id in sorted(helping - {old.id if old else 0, new.id if new else 0}):
        feed.visit_changed(session, technician_id, visit.id, now)  # the assistants see it too
    if new is not old and old is not None and old.id in helping:
        # The old holder was on the team as an assistant too: the visit stays on their list.
        _record_assignment(session, visit.id, old, new, now)
        feed.visit_changed(session, old.id, visit.id, now)
        if new is not None:
            feed.visit_handed_over(session, new.id, visit.id, now)
    elif new is not old:
        _record_assignment(session, visit.id, old, new, now)
        if old is not None:
            who = by or "Dispatch"
            if new is not None:
                reason, message = "reassigned", f"Now with {_name(new)}, reassigned by {who}."
            else:
                reason, message = "unassigned", f"{who} took this visit off your list."
            feed.tombstone(
                session,
                technician_id=old.id,
                visit_id=visit.id,
                reason=reason,
                message=message,
                now=now,
            )
        if new is not None:
            feed.visit_handed_over(session, new.id, visit.id, now)
    elif new is not None:
        feed.visit_changed(session, new.id, visit.id, now)
    return visit


_PRIORITY_FIELDS = ("impact", "urgency", "vip", "priority")
_NOT_NULL = ("window_start", "window_end", "estimated_minutes", *_PRIORITY_FIELDS)


def _with_priority(session: Session, visit: Visit, change: VisitUpdate) -> VisitUpdate:
    """`change` with the priority the visit's (changed) impact, urgency and VIP give."""
    impact = change.impact.value if change.impact is not None else visit.impact
    urgency = change.urgency.value if change.urgency is not None else visit.urgency
    vip = change.vip if change.vip is not None else visit.vip
    typed = change.priority.value if change.priority is not None else None
    matrix = intake.current_matrix(session)
    priority = intake.worked_out(matrix, impact, urgency, vip, typed)
    return change.model_copy(update={"priority": priority})


def _name(user: User) -> str:
    return user.full_name or user.username


def cancel_visit(session: Session, visit_id: str, reason: str, now: datetime) -> Visit:
    """Cancel a visit; its technician gets a tombstone saying why. Repeating the same
    cancellation (same reason) answers the cancelled visit; anything else on a cancelled
    visit is 409 visit_cancelled."""
    feed.lock_counter(session)
    visit = session.get(Visit, visit_id)
    if (
        visit is not None
        and visit.status == VisitStatus.CANCELLED
        and visit.cancel_reason == reason
    ):
        return visit  # a retry of this very cancellation: already done
    visit = _visit_for_change(session, visit_id)
    visit.status = VisitStatus.CANCELLED.value
    visit.cancel_reason = reason
    visit.updated_at = now
    session.flush()
    session.execute(
        update(VisitFacts)
        .where(VisitFacts.visit_id == visit.id)
        .values(step=Step.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )
    team = assistants.current_assistants(session, [visit.id]).get(visit.id, [])
    if visit.assignee is not None:
        team.insert(0, visit.assignee.id)
    for technician_id in dict.fromkeys(team):  # the holder and everyone assisting
        message = f"Dispatch cancelled this visit: {reason}"
        feed.tombstone(
            session,
            technician_id=technician_id,
            visit_id=visit.id,
            reason="cancelled",
            message=message,
            now=now,
        )
    return visit


def visible_visit(session: Session, user: Principal, visit_id: str) -> Visit:
    """The visit if `user` may see it (supervisors: all; technicians: those they hold or
    assist on), else 404."""
    visit = session.get(Visit, visit_id) if len(visit_id) <= 36 else None
    if visit is None or not (
        user.is_supervisor
        or visit.assignee_id == user.id
        or user.id in assistants.current_assistants(session, [visit.id]).get(visit.id, ())
    ):
        raise ApiError(404, "visit_not_found", "There is no such visit on your list.")
    return visit


def next_working_day(moment: datetime) -> datetime:
    """Midnight (in `moment`'s offset) of the first Monday-to-Friday day after `moment`."""
    day = moment.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=moment.tzinfo)


def _follow_up_reference(session: Session, visit: Visit) -> str:
    for n in range(1, 1000):
        candidate = f"{visit.reference[:480]}-F{n}"
        if session.scalar(select(Visit.id).where(Visit.reference == candidate)) is None:
            return candidate
    return f"{visit.reference[:400]}-F-{visit.id}"


def create_follow_up(
    session: Session,
    visit: Visit,
    request: str,
    *,
    at: datetime,
    assignee: str | None,
    now: datetime,
) -> Visit:
    """The linked visit an "anything else? yes" asks for: next working day, same desk."""
    feed.lock_counter(session)  # its reference is numbered under it (a push has not yet)
    day = next_working_day(at)
    data = VisitCreate(
        reference=_follow_up_reference(session, visit),
        customer_name=visit.customer_name,
        contact_phone=visit.contact_phone,
        contact_email=visit.contact_email,
        contact_extension=visit.contact_extension,
        site=visit.site,
        building=visit.building,
        floor=visit.floor,
        room=visit.room,
        window_start=day.replace(hour=FOLLOW_UP_START.hour),
        window_end=day.replace(hour=FOLLOW_UP_END.hour),
        problem=request,
        skill_level=visit.skill_level,
        coordinator=visit.coordinator,
        backup_technician=visit.backup_technician,
        follow_up_of=visit.id,
        impact=Level(visit.impact),
        urgency=Level(visit.urgency),
        vip=visit.vip,
        assignee=assignee,
    )
    return create_visit(session, data, now, created_by=assignee, origin=VisitOrigin.FOLLOW_UP)
