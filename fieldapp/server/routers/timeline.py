"""A visit's full timeline with authors' names, and its service report (supervisors only)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from fieldapp.protocol import ErrorBody, TimelinePage
from fieldapp.server import dispatch, supervision
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/visits", tags=["supervisors"])
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    **SUPERVISOR_ERRORS,
    404: {"model": ErrorBody, "description": "No such visit (or no report)."},
}


@router.get("/{visit_id}/timeline", responses=_NOT_FOUND)
def get_timeline(visit_id: str, user: Supervisor, session: SessionDep, page: Page) -> TimelinePage:
    """Every accepted event in server order: laptop time (occurred_at), server time
    (received_at), who recorded it (author, author_name); and the visit's trips to the desk
    with its minutes on site."""
    with session.begin():
        visit = dispatch.visit_public(dispatch.visible_visit(session, user, visit_id))
        entries, total = supervision.timeline(session, visit.id, page)
        trips, on_site = supervision.trips(session, visit.id)
    return TimelinePage(
        visit=visit,
        entries=entries,
        total=total,
        offset=page.offset,
        limit=page.limit,
        trips=trips,
        on_site_minutes=on_site,
    )


@router.get(
    "/{visit_id}/service-report",
    response_class=Response,
    responses={**_NOT_FOUND, 200: {"content": {"application/pdf": {}}, "description": "PDF"}},
)
def get_service_report(
    visit_id: str, request: Request, user: Supervisor, session: SessionDep
) -> Response:
    """The newest service report the technician's laptop made and synced for the visit."""
    with session.begin():
        visit = dispatch.visible_visit(session, user, visit_id)
        data, filename, media_type = supervision.service_report(
            session, request.app.state.blobs, visit.id
        )
    safe = "".join(c for c in filename if c.isalnum() or c in "._- ")[:120] or "report.pdf"
    return Response(
        content=data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
