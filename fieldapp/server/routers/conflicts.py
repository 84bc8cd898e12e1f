"""Conflicts: events a previous assignee pushed after a reassignment (supervisors only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from fieldapp.protocol import (
    ConflictPage,
    ConflictPublic,
    ConflictResolve,
    ConflictStatus,
    ErrorBody,
)
from fieldapp.server import conflicts
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.models import User
from fieldapp.server.paging import Page, RowId
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/conflicts", tags=["supervisors"])


@router.get("", responses=SUPERVISOR_ERRORS)
def list_conflicts(
    _user: Supervisor,
    session: SessionDep,
    page: Page,
    status: ConflictStatus | None = None,
    technician: Annotated[str | None, Query(max_length=64)] = None,
) -> ConflictPage:
    """Conflicts, oldest first (accept them in this order); filter by status, technician."""
    with session.begin():
        technician_id = None
        if technician is not None:
            technician_id = session.scalar(select(User.id).where(User.username == technician))
            if technician_id is None:
                return ConflictPage(conflicts=[], total=0, offset=page.offset, limit=page.limit)
        rows, total = conflicts.list_conflicts(
            session,
            status=status,
            technician_id=technician_id,
            offset=page.offset,
            limit=page.limit,
        )
    return ConflictPage(conflicts=rows, total=total, offset=page.offset, limit=page.limit)


@router.post(
    "/{conflict_id}/resolve",
    responses={
        **SUPERVISOR_ERRORS,
        404: {"model": ErrorBody, "description": "No such conflict."},
        409: {
            "model": ErrorBody,
            "description": "Already resolved, or the workflow refuses the event now (why).",
        },
    },
)
def resolve_conflict(
    conflict_id: RowId,
    body: ConflictResolve,
    user: Supervisor,
    session: SessionDep,
) -> ConflictPublic:
    """accept: add the event to the visit's history (authored by the technician who
    recorded it; the current assignee gets it on their next sync), if the workflow still
    allows it, else 409 saying why (it stays open). dismiss: close it with the note."""
    now = datetime.now(UTC)
    with write_transaction(session):
        return conflicts.resolve_conflict(
            session,
            conflict_id,
            resolution=body.resolution,
            note=body.note,
            supervisor=user,
            now=now,
        )
