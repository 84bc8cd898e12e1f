"""GET /info: what this server is and which clients it accepts; needs no login."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from fieldapp import __version__, protocol

router = APIRouter(tags=["info"])


@router.get("/info")
def server_info() -> protocol.ServerInfo:
    """The API version, the server version and the oldest client version accepted."""
    return protocol.ServerInfo(
        api_version=protocol.API_VERSION,
        server_version=__version__,
        min_client_version=protocol.MIN_CLIENT_VERSION,
        server_time=datetime.now(UTC),
    )
