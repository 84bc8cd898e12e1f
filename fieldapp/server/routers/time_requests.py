"""GET /time-requests and POST /visits/{id}/time-request: users asking for another time on
the customer page, and dispatch's answer (supervisors only)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from fieldapp.protocol import ErrorBody, TimeRequestAnswer, TimeRequestPage, VisitPublic
from fieldapp.server import dispatch, time_requests
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import SettingsDep, Supervisor

router = APIRouter(tags=["supervisors"])


@router.get("/time-requests", responses=SUPERVISOR_ERRORS)
def get_time_requests(_user: Supervisor, session: SessionDep) -> TimeRequestPage:
    """The users' requests for another time waiting for an answer, oldest first: the visit,
    its window now, the times asked and the user's note."""
    with session.begin():
        return time_requests.list_requests(session)


@router.post(
    "/visits/{visit_id}/time-request",
    responses={
        **SUPERVISOR_ERRORS,
        404: {"model": ErrorBody, "description": "No such visit."},
        409: {
            "model": ErrorBody,
            "description": "No request is waiting on the visit (or it is cancelled or closed).",
        },
    },
)
def answer_time_request(
    visit_id: str,
    body: TimeRequestAnswer,
    user: Supervisor,
    session: SessionDep,
    settings: SettingsDep,
) -> VisitPublic:
    """Accept (the visit moves to `window_start`, keeping its length; its technician's feed
    brings the change) or decline a user's request; the user is mailed the answer."""
    with write_transaction(session):
        visit = time_requests.answer_request(
            session, visit_id, body, user=user, settings=settings, now=datetime.now(UTC)
        )
        return dispatch.visit_public(visit)
