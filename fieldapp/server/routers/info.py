"""GET /info: what this server is and which clients it accepts; needs no login."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request

from fieldapp import __version__, protocol
from fieldapp.server.settings import ServerSettings

router = APIRouter(tags=["info"])


def _info_shape(request: Request) -> int:
    shape = request.headers.get(protocol.INFO_SHAPE_HEADER, "")
    return int(shape) if shape.isascii() and shape.isdigit() and len(shape) < 4 else 1


def describe(request: Request, now: datetime) -> protocol.ServerInfo:
    """This server as GET /info tells it to the client making `request`."""
    state = request.app.state
    info = protocol.ServerInfo(
        api_version=state.api_version,
        server_version=__version__,
        min_client_version=state.min_client_version,
        server_time=now,
    )
    if _info_shape(request) >= protocol.INFO_SHAPE:
        settings: ServerSettings = state.settings
        info.latest_client_version = settings.latest_client_version or None
        info.client_download_url = settings.client_download_url or None
        # middleware.RequestGuardMiddleware refuses what the laptop's check would refuse.
        info.checks_versions = True
    return info


# `async`: it reads nothing that blocks, and a plain `def` costs a thread hand-off.
@router.get("/info", response_model_exclude_none=True)
async def server_info(request: Request) -> protocol.ServerInfo:
    """The API version, the server version and the oldest client version accepted; for a
    client that sends X-FieldApp-Info: 2 or more, also the newest client version and where
    to get it (when the server is told them), and `checks_versions` (the server refuses a
    request whose X-FieldApp-Api or X-FieldApp-Client it cannot work with). Older laptops
    refuse fields they do not know, so they are never sent those."""
    return describe(request, datetime.now(UTC))
