"""GET /technicians: the active technicians supervisors dispatch to (supervisors only)."""

from __future__ import annotations

from fastapi import APIRouter

from fieldapp.protocol import TechnicianPage
from fieldapp.server import team
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(tags=["supervisors"])


@router.get("/technicians", responses=SUPERVISOR_ERRORS)
def get_technicians(*, _user: Supervisor, session: SessionDep, page: Page) -> TechnicianPage:
    """Active technicians by full name, then username, with their last contact."""
    with session.begin():
        return team.list_technicians(session, page)
