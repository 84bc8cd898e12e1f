"""A visit's assisting technicians: supervisors read, add and remove them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path

from fieldapp.protocol import AssistantAdd, ErrorBody, VisitTeam
from fieldapp.server import assistants
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/visits", tags=["supervisors"])
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "No such visit."},
}
_CHANGE: dict[int | str, dict[str, object]] = {
    **SUPERVISOR_ERRORS,
    **_NOT_FOUND,
    409: {
        "model": ErrorBody,
        "description": "The visit is cancelled or closed, or the technician holds it already.",
    },
}
Username = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]


@router.get("/{visit_id}/assistants", responses={**SUPERVISOR_ERRORS, **_NOT_FOUND})
def get_assistants(visit_id: str, _user: Supervisor, session: SessionDep) -> VisitTeam:
    """The visit's holder and the technicians assisting on it, in the order they joined."""
    with session.begin():
        return assistants.team_public(session, assistants.visit_or_404(session, visit_id))


@router.post("/{visit_id}/assistants", responses=_CHANGE)
def post_assistant(
    visit_id: str, body: AssistantAdd, user: Supervisor, session: SessionDep
) -> VisitTeam:
    """Add a technician to the visit's team: it reaches their round, and they record on it
    like its holder. Adding one already on the team changes nothing."""
    with write_transaction(session):
        return assistants.add_assistant(
            session,
            visit_id=visit_id,
            username=body.username,
            reason=body.reason,
            supervisor=user,
            now=datetime.now(UTC),
        )


@router.delete("/{visit_id}/assistants/{username}", responses=_CHANGE)
def delete_assistant(
    visit_id: str, username: Username, user: Supervisor, session: SessionDep
) -> VisitTeam:
    """Take a technician off the visit's team: their laptop drops the visit (what they
    still push about it is kept as a conflict). One not on the team changes nothing."""
    with write_transaction(session):
        return assistants.remove_assistant(
            session, visit_id=visit_id, username=username, supervisor=user, now=datetime.now(UTC)
        )
