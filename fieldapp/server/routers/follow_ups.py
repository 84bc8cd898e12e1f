"""Follow-up items (ratings of 2 or less): list and close (supervisors only)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from fieldapp.protocol import ErrorBody, FollowUpClose, FollowUpPage, FollowUpPublic, FollowUpStatus
from fieldapp.server import supervision
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.paging import Page, RowId
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/follow-ups", tags=["supervisors"])


@router.get("", responses=SUPERVISOR_ERRORS)
def list_follow_ups(
    _user: Supervisor, session: SessionDep, page: Page, status: FollowUpStatus | None = None
) -> FollowUpPage:
    """Follow-up items, oldest first; `status` open or closed (default: both)."""
    with session.begin():
        items, total = supervision.list_follow_ups(session, status, page)
    return FollowUpPage(items=items, total=total, offset=page.offset, limit=page.limit)


@router.post(
    "/{item_id}/close",
    responses={
        **SUPERVISOR_ERRORS,
        404: {"model": ErrorBody, "description": "No such item."},
        409: {"model": ErrorBody, "description": "Already closed."},
    },
)
def close_follow_up(
    item_id: RowId, body: FollowUpClose, user: Supervisor, session: SessionDep
) -> FollowUpPublic:
    """Close an item with a note; who and when are recorded."""
    with write_transaction(session):
        return supervision.close_follow_up(session, item_id, body.note, user, datetime.now(UTC))
