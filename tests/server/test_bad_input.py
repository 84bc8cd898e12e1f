"""Bad input of every kind gets a 4xx JSON error with a message, never a 500, and stores nothing."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.server.app import create_app
from fieldapp.server.models import ChangeLog, EventRecord, Visit
from fieldapp.server.models_auth import LoginFailure
from tests.server.helpers import Client, Live, cheap_settings, create_visit, event, visit_body
from tests.support.servers import running_uvicorn


def snapshot(live: Live) -> tuple[int, ...]:
    return tuple(live.count(m) for m in (Visit, EventRecord, ChangeLog, LoginFailure))


def assert_json_error(response: requests.Response, *statuses: int) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = protocol.ErrorBody.model_validate(response.json())
    assert body.error
    assert len(body.message) > 10
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _never_the_last_resort(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail if any request of the test reached the 500 handler (it logs at ERROR)."""
    caplog.set_level(logging.ERROR)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


@pytest.fixture
def actors(live: Live) -> tuple[Client, Client, str]:
    supervisor = live.supervisor()
    tech = live.technician()
    return supervisor, tech, create_visit(supervisor, tech.username)


def test_malformed_json(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, _ = actors
    before = snapshot(live)
    headers = {"Content-Type": "application/json"}

    responses = [
        tech.post("/sync/events", data=b'{"events": [', headers=headers),
        supervisor.post("/visits", data=b"{'single': 'quotes'}", headers=headers),
        live.anonymous().post("/auth/login", data=b"\xff\xfe garbage", headers=headers),
        tech.post("/sync/events", data=b"[]", headers=headers),
        tech.post("/sync/events", data=b"not json at all"),
    ]

    for response in responses:
        assert_json_error(response, 400, 422)
    assert assert_json_error(responses[0], 400)["error"] == "malformed_json"
    assert snapshot(live) == before


def test_wrong_types_and_unknown_event_type(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    good = event(visit_id, EventType.CONFIRMED)
    bad_events = [
        {**good, "type": "teleported"},
        {**good, "occurred_at": "yesterday"},
        {**good, "occurred_at": "2030-01-01T10:00:00"},  # no time zone
        {**good, "payload": ["not", "an", "object"]},
        {**good, "id": 12345},
        {**good, "extra_field": True},
    ]

    for bad in bad_events:
        body = assert_json_error(tech.post("/sync/events", json={"events": [good, bad]}), 422)
        assert body["error"] == "invalid_request"
        assert "events.1" in body["message"]
        assert body["details"][0]["loc"][:3] == ["body", "events", 1]
    bad_visits = [
        visit_body(estimated_minutes="lots"),
        visit_body(window_start="tomorrow"),
        visit_body(priority="vip"),
        {**visit_body(), "reference": None},
        visit_body(window_end="2000-01-01T00:00:00+00:00"),  # ends before it starts
        visit_body(assignee="nobody-at-all"),
    ]
    for bad in bad_visits:
        assert_json_error(supervisor.post("/visits", json=bad), 422)
    assert snapshot(live) == before


def test_nul_characters(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    nul_note = event(visit_id, EventType.NOTE, {"text": "a\x00b"})
    nul_visit_id = event(f"{visit_id}\x00", EventType.CONFIRMED)

    responses = [
        tech.post("/sync/events", json={"events": [nul_note]}),
        tech.post("/sync/events", json={"events": [nul_visit_id]}),
        supervisor.post("/visits", json=visit_body(customer_name="Bad\x00Name")),
        live.anonymous().post("/auth/login", json={"username": "ky\x00ra", "password": "x"}),
        tech.get(f"/visits/{visit_id}%00"),
        tech.get("/sync/changes", params={"cursor": "1\x00"}),
        supervisor.get("/visits", params={"assignee": "a\x00"}),
    ]

    for response in responses:
        assert_json_error(response, 422)
    # an escaped backslash before u0000 is text, not a NUL: accepted as a note
    literal = event(visit_id, EventType.NOTE, {"text": "path C:\\u0000 is literal"})
    assert tech.push(literal)[0]["status"] == "accepted"
    assert snapshot(live)[1] == before[1] + 1


def test_huge_strings(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    huge = "x" * 1_000_000

    visit = supervisor.post("/visits", json=visit_body(customer_name=huge))
    push = tech.post(
        "/sync/events", json={"events": [event(visit_id, EventType.NOTE, {"text": huge})]}
    )
    login = live.anonymous().post("/auth/login", json={"username": huge, "password": huge})
    path = tech.get(f"/visits/{'v' * 5000}")

    assert_json_error(visit, 422)
    assert push.status_code == 200
    assert push.json()["results"][0]["code"] == "invalid_payload"
    assert huge not in push.text
    assert_json_error(login, 422)
    assert "xxxxxxxxxx" not in login.text  # neither the username nor the password echoed
    assert_json_error(path, 404)
    assert snapshot(live) == before


def test_oversized_body_is_refused(live: Live, actors: tuple[Client, Client, str]) -> None:
    _, tech, visit_id = actors
    before = snapshot(live)
    padding = "y" * protocol.MAX_BODY_BYTES
    body = {"events": [event(visit_id, EventType.NOTE, {"text": padding})]}

    declared = tech.post("/sync/events", json=body)

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        yield b'{"events": [{"text": "'
        for _ in range(protocol.MAX_BODY_BYTES // 65536 + 2):
            yield b"z" * 65536

    streamed = tech.post(
        "/sync/events", data=chunks(), headers={"Content-Type": "application/json"}
    )

    assert_json_error(declared, 413)
    assert_json_error(streamed, 413)
    assert snapshot(live) == before


def test_lying_content_length_is_refused(live: Live) -> None:
    parts = urlsplit(live.base_url)
    request = (
        f"POST {protocol.API_PREFIX}/auth/login HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Content-Type: application/json\r\nContent-Length: lots\r\nConnection: close\r\n\r\n{}"
    ).encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        answer = sock.recv(65536)

    assert answer.split(b" ", 2)[1] in (b"400", b"422")


def test_events_for_unknown_visits_are_rejected_not_stored(
    live: Live, actors: tuple[Client, Client, str]
) -> None:
    _, tech, _ = actors
    before = snapshot(live)

    results = tech.push(
        event("00000000-0000-4000-8000-000000000000", EventType.CONFIRMED),
        event("not-a-visit", EventType.ARRIVED),
    )

    assert [r["code"] for r in results] == ["visit_not_found"] * 2
    assert snapshot(live) == before


def test_dispatch_errors(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, _, visit_id = actors
    reference = supervisor.get(f"/visits/{visit_id}").json()["reference"]
    before = snapshot(live)

    duplicate = supervisor.post("/visits", json=visit_body(reference=reference))
    unknown = supervisor.patch("/visits/nope", json={"priority": "high"})
    to_supervisor = supervisor.patch(f"/visits/{visit_id}", json={"assignee": supervisor.username})
    null_window = supervisor.patch(f"/visits/{visit_id}", json={"window_start": None})
    empty_reason = supervisor.post(f"/visits/{visit_id}/cancel", json={})

    assert assert_json_error(duplicate, 409)["error"] == "reference_exists"
    assert assert_json_error(unknown, 404)["error"] == "visit_not_found"
    assert assert_json_error(to_supervisor, 422)["error"] == "unknown_assignee"
    assert_json_error(null_window, 422)
    assert_json_error(empty_reason, 422)
    assert snapshot(live) == before
    assert supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "No."}).ok
    again = supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Other."})
    assert assert_json_error(again, 409)["error"] == "visit_cancelled"


def test_unknown_routes_and_methods(live: Live, actors: tuple[Client, Client, str]) -> None:
    _, tech, _ = actors

    assert_json_error(tech.get("/no-such-thing"), 404)
    assert_json_error(tech.request("DELETE", "/sync/changes"), 405)
    assert_json_error(tech.get("/sync/changes", params={"cursor": -1}), 422)
    assert_json_error(tech.get("/sync/changes", params={"cursor": "abc"}), 422)
    assert_json_error(tech.get("/visits", params={"status": "deleted"}), 422)


def test_last_resort_handler_answers_json_without_internals(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(cheap_settings(tmp_path, f"sqlite:///{tmp_path / 'boom.sqlite3'}"))

    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    app.add_api_route("/boom", boom)
    with running_uvicorn(app) as base_url, requests.Session() as http:
        response = http.get(base_url + "/boom", timeout=10)

    assert response.status_code == 500
    assert response.json()["error"] == "internal_error"
    assert "secret" not in response.text
    assert "RuntimeError" not in response.text
    caplog.clear()  # the expected ERROR log lines of this test
