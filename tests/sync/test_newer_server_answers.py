"""A newer server's answers carry fields this app does not know: the supervisor's screens and the
technician's reads keep working (the tolerant reader, protocol.Answer), while what this app
sends stays strict: the server still refuses a field it does not know."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.types import Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.protocol import DispatchPreviewRequest
from fieldapp.server.app import create_app
from fieldapp.sync.supervisor import SupervisorClient
from tests.support.servers import rewriting_answer
from tests.sync.harness import cheap_settings, fast_client
from tests.sync.supervisor_kit import PASSWORD, Team, seeded_team

# What a later server might add to every object of an answer.
ADDED = "added_by_a_newer_server"
ADDED_VALUE = {"meaning": "a field this app has never heard of", "list": [1, 2]}
# Fields whose value is a mapping keyed by data, not an object with named fields.
MAPPINGS = frozenset({"cells", "assistants", "payload"})


def with_added_fields(value: Any, key: str = "") -> Any:
    if isinstance(value, list):
        return [with_added_fields(item) for item in value]
    if not isinstance(value, dict):
        return value
    if key in MAPPINGS:
        return value
    return {**{k: with_added_fields(v, k) for k, v in value.items()}, ADDED: ADDED_VALUE}


class NewerServer:
    """The real server, whose JSON answers gain a field in every object once `newer` is set
    (asked uncompressed, so the answer can be rewritten)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.newer = False
        self.rewritten = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.newer or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]

        def rewrite(start: Message, body: bytes) -> bytes:
            content_type = dict(start["headers"]).get(b"content-type", b"")
            if start["status"] != 200 or not content_type.startswith(b"application/json"):
                return body
            self.rewritten += 1
            return json.dumps(with_added_fields(json.loads(body))).encode()

        await self.app({**scope, "headers": headers}, receive, rewriting_answer(send, rewrite))


@pytest.fixture
def newer_team(tmp_path: Path) -> Iterator[tuple[Team, NewerServer]]:
    wrappers: list[NewerServer] = []

    def serve(app: FastAPI) -> NewerServer:
        wrappers.append(NewerServer(app))
        return wrappers[0]

    with seeded_team(tmp_path, serve) as team:
        wrappers[0].newer = True
        yield team, wrappers[0]


def test_the_supervisors_screens_read_a_newer_servers_answers(
    newer_team: tuple[Team, NewerServer],
) -> None:
    team, server = newer_team
    client: SupervisorClient = team.client
    ids = team.ids
    start, end = team.date_from, team.date_to

    assert client.me().username == "sue"
    assert {t.username for t in client.technicians().technicians} >= {"ana", "ben"}
    board = client.board(start, end)
    assert ids["done"] in {v.id for t in board.technicians for v in t.visits}
    assert client.metrics(start, end).technicians
    client.category_metrics(start, end)
    assert client.daily_metrics(start, end).days
    client.follow_ups()
    assert client.conflicts().conflicts
    assert ids["late"] in {v.id for v in client.visits(assignee="ana").visits}
    assert client.visit(ids["done"]).customer_name
    timeline = client.timeline(ids["done"])
    assert timeline.entries
    assert timeline.visit.id == ids["done"]
    assert client.priority_matrix().cells
    client.time_requests()
    assert client.assistants(ids["working"]).holder == "ben"
    upcoming = client.visit(ids["ben_upcoming"])
    preview = client.preview(
        DispatchPreviewRequest(
            assignee="ana",
            window_start=upcoming.window_start,
            window_end=upcoming.window_start + timedelta(hours=1),
            estimated_minutes=60,
        )
    )
    assert preview.assignee == "ana"
    client.mail()
    client.equipment_out()
    # Every answer above was rewritten: none of them passed untouched.
    assert server.rewritten == 18


def test_a_technicians_laptop_reads_a_newer_servers_answers(
    newer_team: tuple[Team, NewerServer],
) -> None:
    team, server = newer_team
    laptop = fast_client(team.server.base_url)
    try:
        assert laptop.login("ana", PASSWORD).user.username == "ana"
        assert laptop.info().api_version == protocol.API_VERSION
        assert any(c.visit_id == team.ids["moved"] for c in laptop.conflicts())
        laptop.knowledge(None)
        laptop.history()
    finally:
        laptop.close()
    assert server.rewritten == 5


def test_what_a_client_sends_stays_strict(tmp_path: Path) -> None:
    """Every request body in the served schema refuses unknown fields; the answers do not."""
    schema = create_app(cheap_settings(tmp_path)).openapi()
    components = schema["components"]["schemas"]
    bodies: set[str] = set()
    for path in schema["paths"].values():
        for operation in path.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref:
                    bodies.add(ref.rsplit("/", 1)[-1])
    assert bodies, "the schema names its request bodies"
    lenient = {name for name in bodies if components[name].get("additionalProperties") is not False}
    assert not lenient
    assert components["BoardPage"].get("additionalProperties") is not False
