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
    info = protocol.ServerInfo(
        api_version=protocol.API_VERSION,
        server_version=__version__,
        min_client_version=protocol.MIN_CLIENT_VERSION,
        server_time=now,
    )
    if _info_shape(request) >= protocol.INFO_SHAPE:
        settings: ServerSettings = request.app.state.settings
        info.latest_client_version = settings.latest_client_version or None
        info.client_download_url = settings.client_download_url or None
    return info


@router.get("/info", response_model_exclude_none=True)
def server_info(request: Request) -> protocol.ServerInfo:
    """The API version, the server version and the oldest client version accepted; for a
    client that sends X-FieldApp-Info: 2 or more, also the newest client version and where
    to get it (when the server is told them). Older laptops refuse fields they do not know,
    so they are never sent those."""
    return describe(request, datetime.now(UTC))
