"""CSV exports of visits and metrics for a date range (supervisors only), streamed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select

from fieldapp.protocol import ErrorBody, Role
from fieldapp.server import exports
from fieldapp.server.db import SessionDep
from fieldapp.server.errors import ApiError
from fieldapp.server.models import User
from fieldapp.server.paging import DateRange, Range
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/export", tags=["supervisors"])
Technician = Annotated[str | None, Query(max_length=64, description="A technician's username.")]
_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "CSV with a header row."}
}


def _csv(chunks: Iterator[str], name: str, when: DateRange) -> StreamingResponse:
    filename = f"{name}-{when.date_from.isoformat()}-{when.date_to.isoformat()}.csv"
    return StreamingResponse(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/visits.csv",
    response_class=StreamingResponse,
    responses={
        **SUPERVISOR_ERRORS,
        **_CSV,
        404: {"model": ErrorBody, "description": "No such technician."},
    },
)
def export_visits(
    request: Request,
    _user: Supervisor,
    session: SessionDep,
    when: Range,
    technician: Technician = None,
) -> StreamingResponse:
    """Every visit whose window starts in the range, with its derived facts."""
    technician_id = None
    if technician is not None:
        with session.begin():
            technician_id = session.scalar(
                select(User.id).where(
                    User.username == technician, User.role == Role.TECHNICIAN.value
                )
            )
        if technician_id is None:
            raise ApiError(404, "technician_not_found", "There is no such technician.")
    sessions = request.app.state.sessionmaker
    chunks = exports.visits_csv(sessions, when, technician_id, datetime.now(UTC))
    return _csv(chunks, "visits", when)


@router.get(
    "/metrics.csv", response_class=StreamingResponse, responses={**SUPERVISOR_ERRORS, **_CSV}
)
def export_metrics(
    request: Request, _user: Supervisor, when: Range, technician: Technician = None
) -> StreamingResponse:
    """The team's metrics, then one row per technician."""
    chunks = exports.metrics_csv(request.app.state.sessionmaker, when, technician)
    return _csv(chunks, "metrics", when)
