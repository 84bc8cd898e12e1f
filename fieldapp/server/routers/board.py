"""GET /board: the supervisors' team board (supervisors only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from fieldapp.protocol import BoardPage, BoardStatus, ErrorBody
from fieldapp.server import board
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page, Range
from fieldapp.server.security import Supervisor

router = APIRouter(tags=["supervisors"])
SUPERVISOR_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "Not logged in."},
    403: {"model": ErrorBody, "description": "Only supervisors."},
}


@router.get("/board", response_model=BoardPage, responses=SUPERVISOR_ERRORS)
def get_board(
    *,
    _user: Supervisor,
    session: SessionDep,
    page: Page,
    when: Range,
    technician: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[list[BoardStatus] | None, Query()] = None,
    site: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    """Per technician (paginated over technicians): the visits in the range with their
    step and board status, the counts, and the last contact ("unsynced since").

    `status` (repeatable; default all but cancelled) filters the visits listed; the counts
    cover all the technician's visits in the range and site.
    """
    now = datetime.now(UTC)
    with session.begin():
        answer = board.read_board(
            session,
            when=when,
            page=page,
            now=now,
            technician=technician,
            statuses=status or (),
            site=site,
        )
    # Already JSON (a 30-day board of 50 technicians: ~8 MB, ~1.2 MB gzipped on the wire).
    return Response(answer, media_type="application/json")
