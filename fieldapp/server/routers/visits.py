"""Visits: technicians read their own; supervisors read all and dispatch them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from fieldapp.protocol import (
    ErrorBody,
    EventPublic,
    Instant,
    VisitCancel,
    VisitCreate,
    VisitPage,
    VisitPublic,
    VisitReopen,
    VisitStatus,
    VisitUpdate,
)
from fieldapp.server import assistants, dispatch, feed_pages, opened
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.security import CurrentUser, SettingsDep, Supervisor

router = APIRouter(prefix="/visits", tags=["visits"])
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "No such visit (or not yours)."}
}
_DISPATCH: dict[int | str, dict[str, object]] = {
    **_NOT_FOUND,
    403: {"model": ErrorBody, "description": "Only supervisors dispatch."},
    409: {"model": ErrorBody, "description": "Reference taken, or the visit is cancelled."},
}


@router.get("")
def list_visits(
    *,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int | None, Query(ge=1)] = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    unassigned: bool = False,
    status: VisitStatus | None = None,
    starts_from: Annotated[Instant | None, Query()] = None,
    starts_before: Annotated[Instant | None, Query()] = None,
) -> VisitPage:
    """Visits by window start; technicians see only their own, supervisors all.

    Filters: `assignee` (a username) or `unassigned`, `status`, and the window start in
    [`starts_from`, `starts_before`) (times with their offset).
    """
    if assignee is not None and unassigned:
        raise ApiError(422, "invalid_request", "Ask for an assignee or for unassigned visits.")
    if starts_from and starts_before and starts_before <= starts_from:
        raise ApiError(422, "invalid_range", "starts_before must be after starts_from.")
    page_size = min(limit or settings.max_page, settings.max_page)
    conditions = []
    if not user.is_supervisor:
        conditions.append(assistants.on_team(user.id))  # held or assisted
    if assignee is not None:
        conditions.append(Visit.assignee.has(User.username == assignee))
    if unassigned:
        conditions.append(Visit.assignee_id.is_(None))
    if status is not None:
        conditions.append(Visit.status == status.value)
    if starts_from is not None:
        conditions.append(Visit.window_start >= starts_from)
    if starts_before is not None:
        conditions.append(Visit.window_start < starts_before)
    with session.begin():
        total = session.scalar(select(func.count()).select_from(Visit).where(*conditions)) or 0
        visits = session.scalars(
            select(Visit)
            .where(*conditions)
            .order_by(Visit.window_start, Visit.id)
            .offset(offset)
            .limit(page_size)
        ).all()
        public = [dispatch.visit_public(v) for v in visits]
        helping = {}
        if user.is_supervisor:
            helping = assistants.usernames_assisting(session, [v.id for v in visits])
    return VisitPage(visits=public, total=total, offset=offset, limit=page_size, assistants=helping)


@router.get("/{visit_id}", responses=_NOT_FOUND)
def get_visit(visit_id: str, user: CurrentUser, session: SessionDep) -> VisitPublic:
    """One visit."""
    with session.begin():
        return dispatch.visit_public(dispatch.visible_visit(session, user, visit_id))


@router.get("/{visit_id}/events", responses=_NOT_FOUND)
def get_visit_events(visit_id: str, user: CurrentUser, session: SessionDep) -> list[EventPublic]:
    """The visit's accepted events, in server order (the full timeline)."""
    with session.begin():
        visit = dispatch.visible_visit(session, user, visit_id)
        records = session.scalars(
            select(EventRecord)
            .where(EventRecord.visit_id == visit.id)
            .order_by(EventRecord.server_seq)
        ).all()
        values = [{n: getattr(r, n) for n in feed_pages.EVENT_COLUMNS} for r in records]
    return [EventPublic.model_validate(feed_pages.event_wire(v)) for v in values]


@router.post("", status_code=201, responses=_DISPATCH)
def post_visit(body: VisitCreate, user: Supervisor, session: SessionDep) -> VisitPublic:
    """Create a visit, assigned to a technician or not yet."""
    with write_transaction(session):
        made = dispatch.create_visit_once(
            session, body, datetime.now(UTC), created_by=user.username
        )
        return dispatch.visit_public(made)


@router.patch("/{visit_id}", responses=_DISPATCH)
def patch_visit(
    visit_id: str, body: VisitUpdate, user: Supervisor, session: SessionDep
) -> VisitPublic:
    """Assign, reassign (null assignee: unassign), reschedule or change priority."""
    with write_transaction(session):
        by = user.full_name or user.username  # named in the old holder's tombstone
        visit = dispatch.update_visit(session, visit_id, body, datetime.now(UTC), by=by)
        return dispatch.visit_public(visit)


@router.post("/{visit_id}/cancel", responses=_DISPATCH)
def cancel_visit(
    visit_id: str, body: VisitCancel, _user: Supervisor, session: SessionDep
) -> VisitPublic:
    """Cancel a visit; its technician's laptop gets a tombstone with the reason."""
    with write_transaction(session):
        visit = dispatch.cancel_visit(session, visit_id, body.reason, datetime.now(UTC))
        return dispatch.visit_public(visit)


@router.post(
    "/{visit_id}/reopen",
    status_code=201,
    responses={
        **_NOT_FOUND,
        403: {"model": ErrorBody, "description": "Only supervisors reopen visits this way."},
        409: {
            "model": ErrorBody,
            "description": "The visit is cancelled, not signed off, or already reopened.",
        },
    },
)
def reopen_visit(
    visit_id: str, body: VisitReopen, user: Supervisor, session: SessionDep
) -> VisitPublic:
    """The fix failed after sign-off: reopen the visit as a linked return visit (answered),
    for its technician or the one named; both get the two events a laptop would record."""
    with write_transaction(session):
        made = opened.reopen_visit(session, visit_id, body, user, datetime.now(UTC))
        return dispatch.visit_public(made)
