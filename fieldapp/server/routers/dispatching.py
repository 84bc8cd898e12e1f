"""Dispatch tools beyond single visits: the move preview and the CSV/JSON import (supervisors)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from fieldapp.protocol import DispatchPreview, DispatchPreviewRequest, ErrorBody, VisitImportResult
from fieldapp.server import imports, preview
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.routers.attachments import raw_body
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(tags=["supervisors"])
_KINDS = {"text/csv": "csv", "application/csv": "csv", "application/json": "json"}


@router.post(
    "/dispatch/preview",
    responses={
        **SUPERVISOR_ERRORS,
        404: {"model": ErrorBody, "description": "No such visit."},
        409: {"model": ErrorBody, "description": "The visit is cancelled."},
    },
)
def post_preview(
    body: DispatchPreviewRequest, _user: Supervisor, session: SessionDep
) -> DispatchPreview:
    """Which of the assignee's visits that day a move to this slot would delay, and by how
    much (nothing is changed; see fieldapp/server/preview.py for the rule)."""
    with session.begin():
        return preview.preview_move(session, body)


@router.post(
    "/visits/import",
    status_code=201,
    responses={
        **SUPERVISOR_ERRORS,
        415: {"model": ErrorBody, "description": "Not text/csv or application/json."},
        422: {
            "model": ErrorBody,
            "description": "Nothing imported; names each row and field (or a repeated column).",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
            },
        }
    },
)
def post_import(
    request: Request,
    raw: Annotated[bytes, Depends(raw_body)],
    _user: Supervisor,
    session: SessionDep,
) -> VisitImportResult:
    """Create visits from a CSV (header row = VisitCreate fields, assignee by username) or
    a JSON list, all or nothing."""
    kind = _KINDS.get(request.headers.get("content-type", "").split(";")[0].strip().lower())
    if kind is None:
        raise ApiError(
            415, "unsupported_media_type", "Send the visits as text/csv or application/json."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(422, "invalid_import", "The file is not UTF-8 text.") from None
    # Parsed, checked and converted before the write transaction: the locks that every
    # push also takes are held only for the few statements that create the visits.
    checked = imports.check_rows(imports.parse_rows(text, kind, "the upload"))
    now = datetime.now(UTC)
    with session.begin():
        plan = imports.plan_import(session, checked, now)
    with write_transaction(session):
        ids = imports.create_visits(session, plan, now)
    return VisitImportResult(created=len(ids), ids=ids)
