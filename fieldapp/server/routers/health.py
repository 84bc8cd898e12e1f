"""GET /health/live and /health/ready: what a load balancer, compose or systemd asks; no login."""

from __future__ import annotations

import logging
import os
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from fieldapp.protocol import ErrorBody
from fieldapp.server.errors import ApiError
from fieldapp.server.migrate import head_revision, schema_revision
from fieldapp.server.settings import ServerSettings

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


class Live(BaseModel):
    """The process answers."""

    status: Literal["ok"] = "ok"


class Ready(BaseModel):
    """The process can serve: its database answers at the schema it expects, files can be kept."""

    status: Literal["ready"] = "ready"
    schema_revision: str


@router.get("/health/live")
def live() -> Live:
    """The process is up (it says nothing of the database: see /health/ready)."""
    return Live()


@router.get(
    "/health/ready",
    responses={
        503: {
            "model": ErrorBody,
            "description": "Not ready: the database does not answer, is not at this "
            "server's schema, or the attachments directory cannot be written.",
        }
    },
)
def ready(request: Request) -> Ready:
    """The database answers and is at this server's schema; the attachments can be written."""
    engine: Engine = request.app.state.engine
    settings: ServerSettings = request.app.state.settings
    try:
        revision = schema_revision(engine)
    except SQLAlchemyError as error:
        log.warning("readiness: the database does not answer: %s", error)
        raise ApiError(503, "not_ready", "The database does not answer.") from None
    expected = head_revision()
    if revision != expected:
        raise ApiError(
            503,
            "not_ready",
            f"The database is at schema {revision or 'none'}, this server needs {expected}: "
            "start one server (or run an admin command) to migrate it.",
        )
    directory = settings.attachment_dir
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ApiError(
            503, "not_ready", f"The attachments directory {directory} cannot be written."
        )
    return Ready(schema_revision=revision)
