"""Shared base of the wire schema: API constants, text field types and the strict base model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from fieldapp import __version__

API_PREFIX = "/api/v1"
API_VERSION = 1
CLIENT_VERSION = __version__
# The oldest laptop version whose requests the server still understands, and the header
# the laptop sends its version in.
MIN_CLIENT_VERSION = "0.1.0"
CLIENT_VERSION_HEADER = "X-FieldApp-Client"
MAX_PUSH_BATCH = 500
MAX_PAGE = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def version_at_least(version: str, minimum: str) -> bool:
    """True if dotted `version` is `minimum` or newer."""
    return _version_tuple(version) >= _version_tuple(minimum)


ShortText = Annotated[str, Field(max_length=500), AfterValidator(_no_nul)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class WireModel(BaseModel):
    """Strict about unknown fields so a typo is an error, not silently lost data."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(WireModel):
    error: str
    message: str
    details: list[dict[str, Any]] | None = None


class ServerInfo(WireModel):
    api_version: int
    server_version: str
    min_client_version: str
    server_time: datetime
