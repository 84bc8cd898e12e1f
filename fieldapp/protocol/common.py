"""Shared base of the wire schema: API constants, text field types and the strict base model."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from fieldapp import __version__
from fieldapp.domain.fields import (
    EARLIEST_TIME,
    LATEST_TIME,
    time_out_of_range,
    unstorable_reason,
)

API_PREFIX = "/api/v1"
API_VERSION = 1
CLIENT_VERSION = __version__
# The oldest laptop version whose requests the server still understands, and the header
# the laptop sends its version in.
MIN_CLIENT_VERSION = "0.1.0"
CLIENT_VERSION_HEADER = "X-FieldApp-Client"
# The shape of GET /info a client reads. Laptops up to 0.1.0 send no such header and refuse
# any field they do not know, so the server adds the update fields (and any later ones)
# only for a client that sends INFO_SHAPE or more; such a client ignores fields it does
# not know.
INFO_SHAPE_HEADER = "X-FieldApp-Info"
INFO_SHAPE = 2
# The feed a laptop reads: which event types it knows beyond those of its version's release.
# 0.2.0 as released sends no such header (it reads shape 2); a laptop sending 3 knows
# device_attached. Whoever adds an event type, a visit field or a payload field after 0.2.0
# raises FEED_SHAPE and says in fieldapp.server.feed_older what the new shape adds.
FEED_SHAPE_HEADER = "X-FieldApp-Feed"
FEED_SHAPE = 3
# A laptop that sends SYNC_STATE_HEADER (any value) reads the sync's state from the feed's
# answers, so a sync with nothing new is one request: each page carries the server's info
# (SERVER_INFO_HEADER: GET /info's JSON, as that client would get it) and the feed's last
# page the knowledge snapshot's version (KNOWLEDGE_HEADER). A server that sends neither is
# older: the laptop asks /info and /sync/knowledge as before. Headers, not fields: a laptop
# refuses a page with a field it does not know, and an older one never asks.
# The API version the laptop speaks, sent with every request. A server that tells
# `checks_versions` in its info refuses (426, before it reads or writes anything) a request
# whose API version is not its own or whose client version is below its minimum, so a
# laptop that knows this of the server can push without asking /info first (docs/sync.md,
# "Versions checked by the server"). Every server that does not check (every one before
# the check came) speaks API version UNCHECKED_API_VERSION.
API_VERSION_HEADER = "X-FieldApp-Api"
UNCHECKED_API_VERSION = 1
SYNC_STATE_HEADER = "X-FieldApp-Sync-State"
SERVER_INFO_HEADER = "X-FieldApp-Server-Info"
KNOWLEDGE_HEADER = "X-FieldApp-Knowledge"
MAX_PUSH_BATCH = 500
MAX_PAGE = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


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


def _version_tuple(version: str) -> tuple[int, ...]:
    # Only ASCII digits, at most 9 of them: str.isdigit() also takes "²" (which int()
    # refuses) and int() refuses more than 4300 digits; such a part is not a version number.
    return tuple(
        int(part)
        for part in version.split(".", 8)
        if part.isascii() and part.isdigit() and len(part) <= 9
    )


def version_at_least(version: str, minimum: str) -> bool:
    """True if dotted `version` is `minimum` or newer."""
    return _version_tuple(version) >= _version_tuple(minimum)


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
