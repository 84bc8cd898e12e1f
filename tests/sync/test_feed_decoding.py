"""The feed's pages decoded into structs (protocol/feed.py) read what protocol.ChangesPage reads
and refuse what it refuses: the same fields, the same values, the same refusals."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from pydantic import BaseModel, ValidationError

from fieldapp.domain import EventType
from fieldapp.protocol import Change, ChangesPage, EventPublic, VisitPublic
from fieldapp.protocol.feed import (
    FeedChange,
    FeedEvent,
    FeedPage,
    FeedVisit,
    PageRefused,
    decode_page,
    page_of,
)
from tests.store.factories import PageBuilder, feed_event, server_visit
from tests.sync.harness import Laptop, Server

PAIRS = [
    (FeedVisit, VisitPublic),
    (FeedEvent, EventPublic),
    (FeedChange, Change),
    (FeedPage, ChangesPage),
]


def _shape(struct: type[msgspec.Struct]) -> dict[str, object]:
    shape: dict[str, object] = {}
    for f in msgspec.structs.fields(struct):
        if f.required:
            shape[f.encode_name] = "required"
        else:
            default = f.default_factory() if f.default is msgspec.NODEFAULT else f.default
            if isinstance(default, msgspec.Raw):  # a payload kept as its JSON text
                default = msgspec.json.decode(default)
            shape[f.encode_name] = default
    return shape


def _values(page: FeedPage) -> Any:
    """The page's values as JSON would carry them, each payload decoded: the decoder keeps a
    payload as the text the page carried, which pydantic may write otherwise."""
    return msgspec.json.decode(msgspec.json.encode(page))


def _model_shape(model: type[BaseModel]) -> dict[str, object]:
    return {
        name: "required" if info.is_required() else info.get_default(call_default_factory=True)
        for name, info in model.model_fields.items()
    }


@pytest.mark.parametrize(("struct", "model"), PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_each_struct_has_the_models_fields_and_defaults(
    struct: type[msgspec.Struct], model: type[BaseModel]
) -> None:
    """A field added to the wire model must be added to the struct too (or the feed's
    pages would be refused as carrying an unknown field)."""
    assert _shape(struct) == _model_shape(model)


def _page() -> ChangesPage:
    visit = server_visit(deadline=server_visit().window_end, vip=True, follow_up_of="visit-0")
    builder = PageBuilder().visit(visit)
    builder.event(feed_event(visit.id, EventType.ARRIVED, 7, payload={"greeting_done": True}))
    builder.event(
        feed_event(visit.id, EventType.NOTE, 8, payload={"text": "Zwölf Boxkämpfer 🥊", "n": [1]})
    )
    builder.tombstone("visit-gone", "reassigned", "Given to JB.")
    return builder.page(has_more=True)


def test_a_page_decodes_to_the_same_values_as_the_model() -> None:
    page = _page()
    raw = page.model_dump_json().encode()
    decoded = decode_page(raw)
    assert _values(decoded) == _values(page_of(ChangesPage.model_validate_json(raw)))
    visit = decoded.changes[0].visit
    assert visit is not None
    sent = page.changes[0].visit
    assert sent is not None
    assert msgspec.structs.asdict(visit) == sent.model_dump()
    event = decoded.changes[2].event
    assert event is not None
    assert event.payload == {"text": "Zwölf Boxkämpfer 🥊", "n": [1]}
    assert event.type is EventType.NOTE


def test_real_pages_decode_as_the_model_reads_them(server: Server, laptop: Laptop) -> None:
    visits = [server.create_visit(laptop.username) for _ in range(3)]
    laptop.engine.sync()
    laptop.record(visits[0], EventType.ARRIVED)
    laptop.record(visits[1], EventType.NOTE, {"text": "Ünïcödé ✓"})
    laptop.engine.sync()
    server.cancel(visits[2])
    raw = laptop.client.call("GET", "/sync/changes", params={"cursor": 0, "limit": 100}).content
    decoded = decode_page(raw)
    assert {c.kind for c in decoded.changes} == {"visit", "event", "tombstone"}
    assert _values(decoded) == _values(page_of(ChangesPage.model_validate_json(raw)))


def _page_json() -> dict[str, Any]:
    page: dict[str, Any] = json.loads(_page().model_dump_json())
    return page


def _with(path: tuple[Any, ...], value: object) -> bytes:
    """The sample page with the value at `path` replaced (or, for value DELETE, removed)."""
    page = _page_json()
    *inner, last = path
    target = page
    for key in inner:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return json.dumps(page, ensure_ascii=False).encode()


DELETE = object()
VISIT = ("changes", 0, "visit")
EVENT = ("changes", 1, "event")

REFUSED = {
    "unknown page field": (("padding",), "x"),
    "unknown visit field": ((*VISIT, "colour"), "blue"),
    "unknown event field": ((*EVENT, "colour"), "blue"),
    "missing reference": ((*VISIT, "reference"), DELETE),
    "missing assignee": ((*VISIT, "assignee"), DELETE),
    "missing server_seq": ((*EVENT, "server_seq"), DELETE),
    "missing server_time": (("server_time",), DELETE),
    "naive window": ((*VISIT, "window_start"), "2025-03-10T09:00:00"),
    "not a time": ((*VISIT, "updated_at"), "yesterday"),
    "naive occurred_at": ((*EVENT, "occurred_at"), "2025-03-10T09:00:00"),
    "reference too long": ((*VISIT, "reference"), "x" * 501),
    "problem too long": ((*VISIT, "problem"), "x" * 20_001),
    "NUL in reference": ((*VISIT, "reference"), "INC\x00"),
    "NUL in problem": ((*VISIT, "problem"), "bad\x00text"),
    "estimate zero": ((*VISIT, "estimated_minutes"), 0),
    "estimate too big": ((*VISIT, "estimated_minutes"), 10_001),
    "unknown status": ((*VISIT, "status"), "paused"),
    "unknown priority": ((*VISIT, "priority"), "urgent"),
    "unknown origin": ((*VISIT, "origin"), "mars"),
    "unknown event type": ((*EVENT, "type"), "teleported"),
    "bad event id": ((*EVENT, "id"), "not-an-id!"),
    "event id of a UUID's length, not hex": ((*EVENT, "id"), "g" * 32),
    "event id with a space": ((*EVENT, "id"), "0123456789abcdef 0123456789abcde"),
    "event id too short": ((*EVENT, "id"), "a" * 31),
    "event id too long": ((*EVENT, "id"), "a" * 37),
    "empty visit_id": ((*EVENT, "visit_id"), ""),
    "payload not an object": ((*EVENT, "payload"), [1, 2]),
    "payload a text": ((*EVENT, "payload"), '{"text": "hi"}'),
    "payload null": ((*EVENT, "payload"), None),
    "unknown kind": (("changes", 0, "kind"), "rumour"),
    "seq as text": (("changes", 0, "seq"), "one"),
    "has_more as text": (("has_more",), "maybe"),
    "changes not a list": (("changes",), "none"),
    "visit as a list": ((*VISIT,), [1]),
}
KEPT = {
    "NUL in a payload": ((*EVENT, "payload"), {"text": "a\x00b"}),
    "NUL in cancel_reason": ((*VISIT, "cancel_reason"), "a\x00b"),
    "no deadline": ((*VISIT, "deadline"), None),
    "naive updated_at": ((*VISIT, "updated_at"), "2025-03-10T09:00:00"),
    "default estimate": ((*VISIT, "estimated_minutes"), DELETE),
    "default payload": ((*EVENT, "payload"), DELETE),
    "astral text": ((*VISIT, "problem"), "🖨️ prints blank 🥊"),
    "event id in capitals": ((*EVENT, "id"), "0123ABCD-4567-89EF-0123-456789ABCDEF"),
    "event id without dashes": ((*EVENT, "id"), "0123456789abcdef0123456789abcdef"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_what_the_model_refuses_the_decoder_refuses(case: str) -> None:
    raw = _with(*REFUSED[case])
    with pytest.raises(ValidationError):
        ChangesPage.model_validate_json(raw)
    with pytest.raises(PageRefused) as info:
        decode_page(raw)
    assert str(info.value)  # it says what is wrong


@pytest.mark.parametrize("case", KEPT)
def test_what_the_model_reads_the_decoder_reads_alike(case: str) -> None:
    raw = _with(*KEPT[case])
    assert _values(decode_page(raw)) == _values(page_of(ChangesPage.model_validate_json(raw)))


@pytest.mark.parametrize("text", [b'"\\ud800"', b'"\\udc00 x"', b'"\xff"', b'"caf\xe9"'], ids=str)
def test_a_payload_text_the_model_refuses_the_decoder_refuses(text: bytes) -> None:
    """A payload is kept as the bytes the page carried: not decoded, it is still checked
    (a lone surrogate, bytes that are not UTF-8)."""
    raw = _with((*EVENT, "payload"), {"text": "PLACE", "n": 1}).replace(b'"PLACE"', text)
    with pytest.raises(ValidationError):
        ChangesPage.model_validate_json(raw)
    with pytest.raises(PageRefused):
        decode_page(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"<html>Bad gateway</html>",
        b'{"changes": [{"seq": 1, "kind": "vis',
        b"",
        b'{"changes": [], "next_cursor": 1, "has_more": false, "server_time": "\\ud800"}',
        b'{"changes": [], "next_cursor": 1, "has_more": false, "server_time": "\xff"}',
    ],
    ids=["html", "truncated", "empty", "lone-surrogate", "bad-utf8"],
)
def test_bytes_that_are_not_a_page_are_refused(raw: bytes) -> None:
    with pytest.raises(PageRefused):
        decode_page(raw)


def test_an_event_id_of_other_characters_is_refused_where_it_is() -> None:
    # The page's ids are checked at once; the one refused is named as msgspec names it.
    with pytest.raises(PageRefused, match=r"regex .* - at `\$\.changes\[1\]\.event\.id`"):
        decode_page(_with((*EVENT, "id"), "g" * 32))
