"""The change feed's pages as the laptop decodes them: msgspec structs checked while decoded.

protocol.ChangesPage (pydantic) stays the feed's schema: the server's pages are tested
against it and it documents the API. A page of 1,000 changes is ~1,000 visits or events of
up to 30 fields each, and building validated pydantic models of them took most of the
prefetch thread's time (0.35-0.45 s of an initial sync of 60,000 changes); msgspec decodes
the same bytes into these structs, with the same checks, about ten times faster.

The structs mirror the pydantic models field for field (names, types, defaults, limits;
tests/sync/test_feed_decoding.py holds them to it), refuse unknown fields like WireModel,
and keep the attribute names the store reads (`page.changes`, `change.visit.reference`,
`event.server_seq` ...; an event's payload is kept as its JSON text, `payload_json`, and
`payload` decodes it). Two checks are not expressed in them: text a database cannot store
(a NUL; a lone surrogate msgspec refuses by itself, in a payload too), and a payload that is
UTF-8 text and a JSON object (`payload_texts`). A NUL can only arrive escaped, so a page
holding the escape is checked by the pydantic model as well (`decode_page`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
from msgspec import Meta

from fieldapp.domain.event_types import EventType
from fieldapp.protocol.enums import Level, Priority, VisitOrigin, VisitStatus

if TYPE_CHECKING:
    from fieldapp.protocol.sync import ChangesPage

# The pydantic types' limits (common.ShortText, LongText, Ident ...), as msgspec says them.
_Short = Annotated[str, Meta(max_length=500)]
_Long = Annotated[str, Meta(max_length=20_000)]
_Aware = Annotated[datetime, Meta(tz=True)]
# protocol.EventPublic's id pattern, ^[0-9a-fA-F-]{32,36}$: msgspec checks the length, and
# `decode_page` the characters of a page's ids at once (`_check_event_ids`).
_EventId = Annotated[str, Meta(min_length=32, max_length=36)]
_EVENT_ID_PATTERN = "^[0-9a-fA-F-]{32,36}$"
_EVENT_ID_CHARACTERS = re.compile("[0-9a-fA-F-]*")
_VisitRef = Annotated[str, Meta(min_length=1, max_length=64)]


class FeedVisit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False):
    """protocol.VisitPublic as the feed sends it."""

    reference: _Short
    customer_name: _Short
    contact_phone: _Short = ""
    contact_email: _Short = ""
    contact_extension: _Short = ""
    site: _Short = ""
    building: _Short = ""
    floor: _Short = ""
    room: _Short = ""
    window_start: _Aware
    window_end: _Aware
    estimated_minutes: Annotated[int, Meta(ge=1, le=10_000)] = 30
    priority: Priority = Priority.NORMAL
    category: _Short = ""
    problem: _Long = ""
    already_tried: _Long = ""
    business_impact: _Long = ""
    deadline: _Aware | None = None
    skill_level: _Short = ""
    incident_ref: _Short = ""
    incident_summary: _Long = ""
    coordinator: _Short = ""
    backup_technician: _Short = ""
    follow_up_of: Annotated[str, Meta(max_length=64)] | None = None
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    vip: bool = False
    id: str
    assignee: str | None
    status: VisitStatus
    cancel_reason: str | None = None
    updated_at: datetime
    created_by: str | None = None
    origin: VisitOrigin = VisitOrigin.DISPATCH


class FeedEvent(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False):
    """protocol.EventPublic as the feed sends it, its payload kept as the page's JSON text.

    The cache stores a payload as JSON text and an initial sync reads few of them (the fold
    reads the payloads of the types that change the visit's state), so the decoder leaves
    each as the bytes it is (`payload_json`, checked by `decode_page`: valid UTF-8 JSON, an
    object) and `payload` decodes it when asked: decoding 50,000 payloads into dicts and
    encoding them back to text took ~45 ms of an initial sync's two threads."""

    id: _EventId
    visit_id: _VisitRef
    type: EventType
    occurred_at: _Aware
    payload_json: msgspec.Raw = msgspec.field(default=msgspec.Raw(b"{}"), name="payload")
    author: str
    server_seq: int
    received_at: datetime

    @property
    def payload(self) -> dict[str, Any]:
        """The payload, decoded (each time: keep it if you read it twice)."""
        return _PAYLOAD.decode(self.payload_json)


class FeedChange(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False):
    """protocol.Change: one entry of the feed, oldest first by `seq`."""

    seq: int
    kind: Literal["visit", "event", "tombstone"]
    visit_id: str
    visit: FeedVisit | None = None
    event: FeedEvent | None = None
    reason: str | None = None
    message: str | None = None


class FeedPage(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """protocol.ChangesPage: one page of the feed after a cursor."""

    changes: list[FeedChange]
    next_cursor: int
    has_more: bool
    must_refetch: bool = False
    server_time: datetime


_DECODER = msgspec.json.Decoder(FeedPage)
_PAYLOAD = msgspec.json.Decoder(dict[str, Any])
# JSON's only way to write a NUL in a string, looked for by a compiled pattern: about twice
# as fast as `in` over a page (8.6 against 16 ms for an initial sync's 31 MB).
_NUL_ESCAPE = re.compile(rb"\\u0000")
# Between the payloads' texts when they are joined: JSON holds no raw NUL (in a string it is
# escaped, and msgspec refuses a control character in one), so the joined text splits back.
_APART = b"\x00"
_APART_TEXT = _APART.decode()
_OBJECT_AFTER = _APART_TEXT + "{"


class PageRefused(ValueError):
    """The bytes are not a page of the feed; the message says where and why."""


def decode_page(raw: bytes) -> FeedPage:
    """A page of the feed from the server's JSON bytes.

    Raises:
        PageRefused: not JSON, not the feed's shape, or a value the schema refuses.
    """
    try:
        page = _DECODER.decode(raw)
    except msgspec.ValidationError as error:
        raise PageRefused(str(error)) from None
    except msgspec.DecodeError as error:
        raise PageRefused(f"not JSON the feed can hold: {error}") from None
    events = [change.event for change in page.changes if change.event is not None]
    _check_event_ids(page, events)
    payload_texts(events)
    if _NUL_ESCAPE.search(raw) is not None:
        # Rare: let the pydantic model say whether the NUL is in text it refuses (loaded
        # only then: the cache and the app's start use these structs without pydantic).
        from pydantic import ValidationError

        from fieldapp.protocol.sync import ChangesPage

        try:
            ChangesPage.model_validate_json(raw)
        except ValidationError as error:
            first = error.errors(include_input=False, include_url=False)[0]
            where = ".".join(str(part) for part in first.get("loc", ()))
            raise PageRefused(f"{first.get('msg', '')} - at `$.{where}`") from None
    return page


def _check_event_ids(page: FeedPage, events: Sequence[FeedEvent]) -> None:
    """The characters of the events' ids, all at once: a pattern checked by msgspec is a
    regex search per id (50,000 in an initial sync, ~25 ms of the prefetch thread).

    Raises:
        PageRefused: an id holds a character the pattern refuses, said as msgspec says it.
    """
    if _EVENT_ID_CHARACTERS.fullmatch("".join([event.id for event in events])) is not None:
        return
    for number, change in enumerate(page.changes):
        if change.event is not None and not _EVENT_ID_CHARACTERS.fullmatch(change.event.id):
            raise PageRefused(
                f"Expected `str` matching regex {_EVENT_ID_PATTERN!r} - at "
                f"`$.changes[{number}].event.id`"
            )


def payload_texts(events: Sequence[FeedEvent]) -> list[str]:
    """The events' payloads, in order, as the JSON text the page carried.

    All at once in C (joined, decoded, split): about a tenth of the cost of decoding each
    one. msgspec checked the bytes it left as they are as JSON, not as UTF-8.

    Raises:
        PageRefused: a payload is not UTF-8 text or not a JSON object.
    """
    if not events:
        return []
    try:
        joined = _APART.join([event.payload_json for event in events]).decode()
    except UnicodeDecodeError as error:
        raise PageRefused(f"an event's payload is not UTF-8 text: {error}") from None
    if joined[0] != "{" or joined.count(_OBJECT_AFTER) != len(events) - 1:
        raise PageRefused("an event's payload is not a JSON object - at `$.changes[*].event`")
    return joined.split(_APART_TEXT)


class _PushParts(msgspec.Struct, forbid_unknown_fields=True):
    """protocol.PushFeedResponse, its values left as the bytes they are."""

    results: msgspec.Raw
    server_time: msgspec.Raw
    feed: msgspec.Raw = msgspec.Raw(b"")


_PUSH_PARTS = msgspec.json.Decoder(_PushParts)


def split_push_answer(raw: bytes) -> tuple[bytes, bytes | None]:
    """A push's answer (protocol.PushFeedResponse's JSON) as the protocol.PushResponse's
    JSON bytes and the feed's page carried beside it (None: none carried), so the page is
    decoded as every page is (`decode_page`) and the results by their model. An answer of
    another shape is returned whole, for the push's model to say what is wrong with it."""
    try:
        parts = _PUSH_PARTS.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return raw, None
    results, server_time = bytes(parts.results), bytes(parts.server_time)
    pushed = b"".join((b'{"results":', results, b',"server_time":', server_time, b"}"))
    feed = bytes(parts.feed)
    return pushed, (feed if feed and feed != b"null" else None)


def page_of(page: ChangesPage) -> FeedPage:
    """The same page as structs (for a page built as pydantic models, e.g. in a test), its
    payloads as pydantic writes them."""
    return decode_page(page.model_dump_json().encode())
