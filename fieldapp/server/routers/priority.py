"""GET/PUT /priority-matrix: the impact x urgency grid every visit's priority is worked out by."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from fieldapp.protocol import PriorityMatrixIn, PriorityMatrixPublic
from fieldapp.server import intake
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import CurrentUser, Supervisor

router = APIRouter(prefix="/priority-matrix")


@router.get("", tags=["visits"])
def get_priority_matrix(_user: CurrentUser, session: SessionDep) -> PriorityMatrixPublic:
    """The matrix in force (version 0: the default nobody has changed), for anyone to read."""
    with session.begin():
        return intake.matrix_public(session)


@router.put("", tags=["supervisors"], responses=SUPERVISOR_ERRORS)
def put_priority_matrix(
    body: PriorityMatrixIn, user: Supervisor, session: SessionDep
) -> PriorityMatrixPublic:
    """Set a new version of the matrix (the older ones are kept). Every open visit gets the
    priority it now works out to; `visits_reprioritised` says how many changed. 422
    invalid_matrix when more impact or urgency would give a lower priority."""
    cells = {
        impact.value: {u.value: p.value for u, p in row.items()}
        for impact, row in body.cells.items()
    }
    with write_transaction(session):
        return intake.set_matrix(session, cells, user.id, datetime.now(UTC))
