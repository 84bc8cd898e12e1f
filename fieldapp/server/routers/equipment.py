"""GET /equipment-out: borrowed parts and loaned equipment still out (supervisors only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from fieldapp.protocol import EquipmentKind, EquipmentOutPage
from fieldapp.server import equipment
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(tags=["supervisors"])


@router.get("/equipment-out", responses=SUPERVISOR_ERRORS)
def get_equipment_out(
    _user: Supervisor,
    session: SessionDep,
    page: Page,
    technician: Annotated[
        str | None, Query(max_length=64, description="The visits' assignee (username).")
    ] = None,
    kind: EquipmentKind | None = None,
) -> EquipmentOutPage:
    """Parts borrowed from other equipment and items lent to users that are not back yet,
    longest out first: what, whose, who holds it, since when, the visit, and for a loan its
    due date and whether it is overdue."""
    now = datetime.now(UTC)
    with session.begin():
        return equipment.list_out(session, page, now, technician=technician, kind=kind)
