"""Shared base of the wire schema: API constants, text field types and the strict base model."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from fieldapp.domain.fields import (
    EARLIEST_TIME,
    LATEST_TIME,
    time_out_of_range,
    unstorable_reason,
)
from fieldapp.protocol.constants import (
    API_PREFIX,
    API_VERSION,
    API_VERSION_HEADER,
    CLIENT_VERSION,
    CLIENT_VERSION_HEADER,
    FEED_SHAPE,
    FEED_SHAPE_HEADER,
    INFO_SHAPE,
    INFO_SHAPE_HEADER,
    KNOWLEDGE_HEADER,
    MAX_ATTACHMENT_BYTES,
    MAX_BODY_BYTES,
    MAX_PAGE,
    MAX_PUSH_BATCH,
    MIN_CLIENT_VERSION,
    SERVER_INFO_HEADER,
    SYNC_STATE_HEADER,
    UNCHECKED_API_VERSION,
    version_at_least,
)

# How deep a payload's objects and lists may nest: the deepest real payload is 3; a deeper
# one could only exhaust the JSON encoder's recursion when it is stored.
MAX_PAYLOAD_DEPTH = 16


def _storable(value: str) -> str:
    reason = unstorable_reason(value)
    if reason is not None:
        raise ValueError(f"must be text a database can store: it {reason}")
    return value


# pydantic's lax mode would also take a number (or a string of digits) as Unix time: a
# typo'd or truncated value must be refused, not read as some day in 1970.
_ISO_DATE_START = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_text(value: object) -> object:
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE_START.match(value)):
        return value
    raise ValueError("must be written in ISO 8601 form, e.g. 2030-03-11 or 2030-03-11T09:00:00Z")


def _in_time_range(value: datetime) -> datetime:
    if time_out_of_range(value):
        raise ValueError(
            f"must be between {EARLIEST_TIME.date().isoformat()} and "
            f"{LATEST_TIME.date().isoformat()} (UTC)"
        )
    return value


def _day_in_range(value: date) -> date:
    if not EARLIEST_TIME.date() <= value < LATEST_TIME.date():
        raise ValueError(
            f"must be between {EARLIEST_TIME.date().isoformat()} and "
            f"{LATEST_TIME.date().isoformat()}"
        )
    return value


def _storable_json(value: object, depth: int = 0) -> None:
    """Raise ValueError if a JSON value holds text a database cannot store, or nests past
    MAX_PAYLOAD_DEPTH."""
    if isinstance(value, str):
        _storable(value)
    elif isinstance(value, dict | list):
        if depth >= MAX_PAYLOAD_DEPTH:
            raise ValueError(f"must not nest deeper than {MAX_PAYLOAD_DEPTH} levels")
        if isinstance(value, dict):
            for key, item in value.items():
                _storable(key)
                _storable_json(item, depth + 1)
        else:
            for item in value:
                _storable_json(item, depth + 1)


def _storable_payload(value: dict[str, Any]) -> dict[str, Any]:
    _storable_json(value)
    return value


# Text any database can store: no NUL, no lone surrogate. Every text a request carries is
# of this type (or a pattern-restricted one), so no write can fail in the driver and no
# stored row can later fail to encode as UTF-8 in a response.
StorableText = Annotated[str, AfterValidator(_storable)]
ShortText = Annotated[StorableText, Field(max_length=500)]
LongText = Annotated[StorableText, Field(max_length=20_000)]
# A time with its offset, within [EARLIEST_TIME, LATEST_TIME): converting it to UTC or
# moving it by days never leaves the range datetime (and the databases) can hold.
Instant = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_in_time_range)]
# A calendar day in ISO form (YYYY-MM-DD), within the same years as an Instant.
Day = Annotated[date, BeforeValidator(_iso_text), AfterValidator(_day_in_range)]
# A JSON object of storable text, nested at most MAX_PAYLOAD_DEPTH deep.
StorablePayload = Annotated[dict[str, Any], AfterValidator(_storable_payload)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class WireModel(BaseModel):
    """Strict about unknown fields so a typo is an error, not silently lost data."""

    model_config = ConfigDict(extra="forbid")


class Answer(BaseModel):
    """A server's answer as a laptop reads it: fields a newer server adds are ignored, so an
    older laptop or supervisor app keeps working against a newer server (the tolerant reader).

    What a client sends stays a strict WireModel: the server refuses a field it does not know.
    The server's own typos in an answer are caught by mypy (the pydantic plugin's
    init_forbid_extra), not at run time. The feed and the push's answer are the sync's own
    data and carry their versions (FEED_SHAPE; docs/sync.md), so they stay strict."""

    model_config = ConfigDict(extra="ignore")


class ErrorBody(WireModel):
    error: str
    message: str
    details: list[dict[str, Any]] | None = None


class ServerInfo(WireModel):
    """GET /info. latest_client_version and client_download_url are sent only to a client
    that asks for INFO_SHAPE (see INFO_SHAPE_HEADER); unknown fields are ignored from then on,
    so a newer server can add more without breaking this laptop."""

    model_config = ConfigDict(extra="ignore")

    api_version: int
    server_version: str
    min_client_version: str
    server_time: datetime
    latest_client_version: str | None = None
    client_download_url: str | None = None
    # True: the server refuses requests from a laptop it cannot work with itself
    # (API_VERSION_HEADER); told to INFO_SHAPE clients only, like the fields above.
    checks_versions: bool | None = None


# The constants live in protocol.constants (no pydantic); named here too, as before.
__all__ = [
    "API_PREFIX",
    "API_VERSION",
    "API_VERSION_HEADER",
    "CLIENT_VERSION",
    "CLIENT_VERSION_HEADER",
    "FEED_SHAPE",
    "FEED_SHAPE_HEADER",
    "INFO_SHAPE",
    "INFO_SHAPE_HEADER",
    "KNOWLEDGE_HEADER",
    "MAX_ATTACHMENT_BYTES",
    "MAX_BODY_BYTES",
    "MAX_PAGE",
    "MAX_PAYLOAD_DEPTH",
    "MAX_PUSH_BATCH",
    "MIN_CLIENT_VERSION",
    "SERVER_INFO_HEADER",
    "SYNC_STATE_HEADER",
    "UNCHECKED_API_VERSION",
    "Day",
    "ErrorBody",
    "Ident",
    "Instant",
    "LongText",
    "ServerInfo",
    "Sha256",
    "ShortText",
    "StorablePayload",
    "StorableText",
    "Username",
    "WireModel",
    "version_at_least",
]
