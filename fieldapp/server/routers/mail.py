"""GET /mail: the customer mail outbox and what became of each message (supervisors only)."""

from __future__ import annotations

from fastapi import APIRouter

from fieldapp.protocol import MailPage, MailStatus
from fieldapp.server import supervision
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(tags=["supervisors"])


@router.get("/mail", responses=SUPERVISOR_ERRORS)
def list_mail(
    _user: Supervisor, session: SessionDep, page: Page, status: MailStatus | None = None
) -> MailPage:
    """Messages newest first: queued (with attempts and last error), sent, or failed."""
    with session.begin():
        messages, total = supervision.list_mail(session, status, page)
    return MailPage(messages=messages, total=total, offset=page.offset, limit=page.limit)
