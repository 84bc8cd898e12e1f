"""The sync endpoints' lanes (server/lanes.py) answer every request as FastAPI's routing does:
the same requests sent to a server with its lanes and to one without, on one database."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from starlette.middleware import Middleware

from fieldapp.domain import EventType
from fieldapp.protocol import PushRequest
from fieldapp.protocol.common import KNOWLEDGE_HEADER, SERVER_INFO_HEADER, SYNC_STATE_HEADER
from fieldapp.server.app import create_app
from fieldapp.server.middleware import RequestGuardMiddleware
from fieldapp.server.routers.sync import lanes
from tests.server.helpers import Client, Live, create_visit, event
from tests.support.servers import running_uvicorn

VOLATILE = {"server_time", "received_at", "server_seq", "next_cursor", "id"}
NOTE = EventType.NOTE


@pytest.fixture
def routed(live: Live) -> Iterator[Live]:
    """A second server on `live`'s database whose request guard has no lanes: every request
    goes through FastAPI's routing and parameter solving."""
    app = create_app(live.settings, prepare=False)
    guards = [m for m in app.user_middleware if m.cls is RequestGuardMiddleware]
    assert len(guards) == 1
    assert guards[0].kwargs["lanes"]
    app.user_middleware[app.user_middleware.index(guards[0])] = Middleware(
        RequestGuardMiddleware, stall_seconds=live.settings.stall_timeout_seconds, lanes={}
    )
    with running_uvicorn(app) as base_url:
        server = Live(base_url, app, live.settings)
        yield server
        server.close_clients()


def test_each_lane_is_the_route_the_document_describes(live: Live) -> None:
    paths = live.app.openapi()["paths"]
    assert len(lanes()) == 2
    for (method, path), lane in lanes().items():
        operation = paths[path][method.lower()]
        assert operation["operationId"].startswith(lane.endpoint.__name__)


def _shape(value: Any) -> Any:
    """A JSON answer with what differs between two requests (times, sequence numbers, ids)
    replaced by its type, and a push's feed page by its keys (the second push's page holds
    the first one's events)."""
    if isinstance(value, dict) and isinstance(value.get("feed"), dict):
        value = value | {"feed": sorted(value["feed"])}
    if isinstance(value, dict):
        return {k: type(v).__name__ if k in VOLATILE else _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def _answer(response: requests.Response) -> tuple[Any, ...]:
    headers = ("www-authenticate", "cache-control", "content-type", "content-encoding")
    try:
        body: Any = _shape(response.json())
    except ValueError:
        body = response.text
    return (response.status_code, body, *(response.headers.get(h) for h in headers))


def _both(
    live: Live, routed: Live, method: str, path: str, token: str | None, **kwargs: Any
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    answers = []
    for server in (live, routed):
        client = Client(server.api, token=token)
        try:
            answers.append(_answer(client.request(method, path, **kwargs)))
        finally:
            client.close()
    return answers[0], answers[1]


@pytest.fixture
def tech(live: Live) -> tuple[Client, str]:
    supervisor, technician = live.supervisor(), live.technician()
    return technician, create_visit(supervisor, technician.username)


def _note(visit_id: str) -> dict[str, Any]:
    return event(visit_id, NOTE, {"text": "Checked the printer"}, event_id=str(uuid.uuid4()))


FEED_QUERIES = [
    "",
    "?cursor=0",
    "?cursor=0&limit=1",
    "?limit=5&cursor=1",
    "?cursor=%31",  # FastAPI reads 1
    "?cursor=1&cursor=2",
    "?cursor=-1",
    "?cursor=abc",
    "?cursor=",
    "?cursor",
    f"?cursor={2**62}",
    f"?cursor={2**62 + 1}",
    "?cursor=99999999999999999999",
    "?limit=0",
    "?limit=1.5",
    "?cursor=0&other=1",
    "?cursor=0&",
]


@pytest.mark.parametrize("query", FEED_QUERIES)
def test_the_feed_answers_as_routed(
    live: Live, routed: Live, tech: tuple[Client, str], query: str
) -> None:
    technician, _ = tech
    laned, plain = _both(live, routed, "GET", f"/sync/changes{query}", technician.token)
    assert laned == plain


@pytest.mark.parametrize("query", FEED_QUERIES)
def test_a_push_answers_as_routed(
    live: Live, routed: Live, tech: tuple[Client, str], query: str
) -> None:
    technician, visit_id = tech
    answers = [
        _answer(technician.post(f"/sync/events{query}", json={"events": [_note(visit_id)]})),
        _answer(
            Client(routed.api, token=technician.token).post(
                f"/sync/events{query}", json={"events": [_note(visit_id)]}
            )
        ),
    ]
    assert answers[0] == answers[1]


BODIES: list[tuple[str, bytes | None, str | None]] = [
    # (what, body: None for the note's own, content type: None for none)
    ("valid", None, "application/json"),
    ("charset", None, "application/json; charset=utf-8"),
    ("no content type", None, None),
    ("text", None, "text/plain"),
    ("vendor json", None, "application/vnd.fieldapp+json"),
    ("empty", b"", "application/json"),
    ("not json", b'{"events": [', "application/json"),
    ("trailing", b'{"events": []} x', "application/json"),
    ("bom", b'\xef\xbb\xbf{"events": []}', "application/json"),
    ("utf-16", '{"events": []}'.encode("utf-16"), "application/json"),
    ("latin-1", b'{"events": [], "\xe9": 1}', "application/json"),
    ("array", b"[]", "application/json"),
    ("null", b"null", "application/json"),
    ("no events", b"{}", "application/json"),
    ("extra field", b'{"events": [], "more": 1}', "application/json"),
    ("events not a list", b'{"events": {}}', "application/json"),
    ("too many", json.dumps({"events": [{}] * 501}).encode(), "application/json"),
]


def _body(what: bytes | None, visit_id: str, **payload: Any) -> bytes:
    if what is not None:
        return what
    note = _note(visit_id)
    note["payload"] = payload or note["payload"]
    return json.dumps({"events": [note]}).encode()


@pytest.mark.parametrize(("what", "body", "content_type"), BODIES, ids=[b[0] for b in BODIES])
def test_a_push_body_is_refused_or_taken_as_routed(
    live: Live,
    routed: Live,
    tech: tuple[Client, str],
    *,
    what: str,
    body: bytes | None,
    content_type: str | None,
) -> None:
    technician, visit_id = tech
    headers = {"Content-Type": content_type} if content_type else {}
    answers = []
    for server in (live, routed):  # a new note each time: both are accepted
        client = Client(server.api, token=technician.token)
        sent = _body(body, visit_id)
        answers.append(_answer(client.post("/sync/events", data=sent, headers=headers)))
        client.close()
    assert answers[0] == answers[1], what


PAYLOADS: list[tuple[str, str]] = [
    ("lone surrogate", '"\\ud800"'),
    ("escaped NUL", '"a\\u0000"'),
    ("NaN", "NaN"),
    ("infinity", "1e400"),
    ("big integer", "123456789012345678901234567890"),
    ("control character", '"a\tb"'),
    ("deep", "[" * 40 + "]" * 40),
    ("pair", '"\\ud83d\\ude00"'),
]


@pytest.mark.parametrize(("what", "text"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_a_payload_is_refused_or_taken_as_routed(
    live: Live, routed: Live, tech: tuple[Client, str], what: str, text: str
) -> None:
    technician, visit_id = tech
    answers = []
    for server in (live, routed):
        note = json.dumps(_note(visit_id)).replace('"Checked the printer"', text)
        client = Client(server.api, token=technician.token)
        answers.append(
            _answer(
                client.post(
                    "/sync/events",
                    data=f'{{"events": [{note}]}}'.encode("utf-8", "surrogatepass"),
                    headers={"Content-Type": "application/json"},
                )
            )
        )
        client.close()
    assert answers[0] == answers[1], what


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic abc", "bearer {token}", "BEARER  {token} ", "x"],
)
@pytest.mark.parametrize("path", ["/sync/changes?cursor=0", "/sync/events?cursor=0"])
def test_the_bearer_token_is_read_as_routed(
    live: Live, routed: Live, tech: tuple[Client, str], authorization: str | None, path: str
) -> None:
    technician, visit_id = tech
    answers = []
    for server in (live, routed):
        headers = {}
        if authorization is not None:
            headers["Authorization"] = authorization.format(token=technician.token)
        method = "POST" if "events" in path else "GET"
        body = {"events": [_note(visit_id)]} if method == "POST" else None
        answers.append(
            _answer(requests.request(method, server.api + path, json=body, headers=headers))
        )
    assert answers[0] == answers[1]


def test_refusals_by_the_endpoint_are_answered_as_routed(live: Live, routed: Live) -> None:
    """A supervisor's token (403), an unknown one and a revoked one (401), each with a bad
    query or body too (the token's answer comes first), and a visit of someone else."""
    supervisor, other = live.supervisor(), live.technician()
    revoked = live.technician()
    assert revoked.post("/auth/logout").status_code == 204
    foreign = create_visit(supervisor, other.username)
    for token in (supervisor.token, "unknown-token", revoked.token):
        for method, path, body in [
            ("GET", "/sync/changes?cursor=0", None),
            ("GET", "/sync/changes?cursor=-1", None),
            ("POST", "/sync/events?cursor=0", {"events": [_note(foreign)]}),
            ("POST", "/sync/events", {"events": "none"}),
        ]:
            laned, plain = _both(live, routed, method, path, token, json=body)
            assert laned == plain, (token, method, path)
            assert laned[0] in (401, 403)
    technician = live.technician()
    laned, plain = _both(
        live, routed, "POST", "/sync/events", technician.token, json={"events": [_note(foreign)]}
    )
    assert laned == plain
    assert laned[1]["results"][0]["status"] == "rejected"


def test_a_push_sync_answers_as_routed(live: Live, routed: Live, tech: tuple[Client, str]) -> None:
    """The push carrying the feed's page, with the sync's state beside it, gzipped."""
    technician, visit_id = tech
    headers = {SYNC_STATE_HEADER: "1", "Accept-Encoding": "gzip"}
    answers = []
    for server in (live, routed):  # the second push's page holds the first one's notes too
        client = Client(server.api, token=technician.token)
        notes = {"events": [_note(visit_id) for _ in range(40)]}  # an answer worth gzipping
        response = client.post("/sync/events?cursor=0&limit=1000", json=notes, headers=headers)
        assert SERVER_INFO_HEADER in response.headers
        assert KNOWLEDGE_HEADER in response.headers
        answers.append(_answer(response))
        client.close()
    assert answers[0][0] == 200
    assert answers[0][5] == "gzip"
    assert answers[0] == answers[1]


JSON_TEXT = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\ud800\x00"))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(payload=st.dictionaries(JSON_TEXT, JSON_VALUES, max_size=4), ascii_only=st.booleans())
def test_a_body_validated_from_its_bytes_is_the_body_fastapi_reads(
    payload: dict[str, Any], ascii_only: bool
) -> None:
    """What the push's lane takes (pydantic from the bytes) is what FastAPI reads from them
    (json.loads, then pydantic's Python mode); whatever the lane refuses, FastAPI answers."""
    note = _note("visit-1") | {"payload": payload}
    body = json.dumps({"events": [note]}, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    try:
        taken = PushRequest.model_validate_json(body)
    except ValidationError:
        return
    assert _shape(taken.model_dump()) == _shape(
        PushRequest.model_validate(json.loads(body)).model_dump()
    )
