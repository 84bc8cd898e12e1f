"""The asset list (import and search, supervisors) and the round's device history (laptops)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from fieldapp.protocol import (
    AssetImportResult,
    AssetPage,
    ErrorBody,
    RoundHistory,
    StorableText,
)
from fieldapp.server import device_history, devices
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.paging import Page
from fieldapp.server.routers.attachments import raw_body
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor, Technician

router = APIRouter()
_KINDS = {"text/csv": "csv", "application/csv": "csv", "application/json": "json"}


@router.post(
    "/assets/import",
    tags=["supervisors"],
    responses={
        **SUPERVISOR_ERRORS,
        415: {"model": ErrorBody, "description": "Not text/csv or application/json."},
        422: {
            "model": ErrorBody,
            "description": "Nothing imported; names each row and field (or a bad header).",
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
def post_assets_import(
    request: Request,
    raw: Annotated[bytes, Depends(raw_body)],
    _user: Supervisor,
    session: SessionDep,
) -> AssetImportResult:
    """Add devices to the asset list, or replace the fields of those it has (by tag), from a
    CSV (header row of asset_tag, hostname, serial, model, owner, owner_email) or a JSON list
    of such objects; all or nothing, every bad row named."""
    kind = _KINDS.get(request.headers.get("content-type", "").split(";")[0].strip().lower())
    if kind is None:
        raise ApiError(
            415, "unsupported_media_type", "Send the asset list as text/csv or application/json."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(422, "invalid_import", "The file is not UTF-8 text.") from None
    rows = devices.parse_asset_rows(text, kind, "the upload")
    with write_transaction(session):
        return devices.import_assets(session, rows, datetime.now(UTC))


@router.get("/assets", tags=["supervisors"], responses=SUPERVISOR_ERRORS)
def get_assets(
    _user: Supervisor,
    session: SessionDep,
    page: Page,
    query: Annotated[
        StorableText,
        Query(max_length=200, description="Part of a tag, hostname, serial, model or owner."),
    ] = "",
) -> AssetPage:
    """The asset list, by tag: the devices whose fields hold `query` (any case)."""
    with session.begin():
        return devices.search_assets(session, query, page)


@router.get("/sync/history", tags=["sync"])
def get_history(user: Technician, session: SessionDep) -> RoundHistory:
    """The history of the devices and people of the caller's round (their visits from a week
    back on): each visit's device, the devices the asset list gives its user, and their
    earlier visits with diagnosis, fix, parts and promises. Bounded; the laptop replaces
    what it kept with it at each sync, to show it offline."""
    with session.begin():
        return device_history.round_history(session, user.id, datetime.now(UTC))
