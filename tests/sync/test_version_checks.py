"""A push without /info first, on a real server and a real cache: once the server said it checks
the laptop's versions itself, work goes out at once and the push's answer tells the clock offset
and any update; a server that changed between two syncs so that it cannot work with this laptop
still gets no event, and one that no longer checks makes the laptop ask /info again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.protocol.common import SERVER_INFO_HEADER
from fieldapp.server.app import create_app
from fieldapp.store.outbox import outbox_waiting
from fieldapp.sync import SyncEngine
from fieldapp.sync.errors import (
    ClientTooOldError,
    ServerTooNewError,
    ServerTooOldError,
    SyncError,
)
from tests.support.servers import rewriting_answer, running_uvicorn
from tests.sync.harness import Server, cheap_settings
from tests.sync.test_sync_requests import Watched, watched_laptop

DOWNLOAD = "https://it.example.org/fieldapp/"
INFO_PATH = f"{protocol.API_PREFIX}/info"
PUSH_PATH = f"{protocol.API_PREFIX}/sync/events"


class Switchable:
    """The real server, which answers as one from before the servers checked versions
    while `older` is set: the laptop's API version header is not looked at, and neither /info
    nor any answer says `checks_versions` (nor carries the info beside it), nor does a push
    carry the feed's page (such a server ignores the push's `cursor`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.older = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.older or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = protocol.API_VERSION_HEADER.lower().encode()
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != api]}
        if scope["path"] == PUSH_PATH:
            scope["query_string"] = b""
        if scope["path"] == INFO_PATH:
            await self.app(scope, receive, _info_without_check(send))
            return
        dropped = SERVER_INFO_HEADER.lower().encode()

        async def without_info(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message["headers"] if k.lower() != dropped]
                message = {**message, "headers": kept}
            await send(message)

        await self.app(scope, receive, without_info)


def _info_without_check(send: Send) -> Send:
    def without_check(_start: Message, body: bytes) -> bytes:
        info = json.loads(body)
        info.pop("checks_versions", None)
        return json.dumps(info).encode()

    return rewriting_answer(send, without_check)


@pytest.fixture
def switchable(tmp_path: Path) -> Iterator[tuple[Server, Switchable]]:
    settings = cheap_settings(tmp_path / "server").model_copy(
        update={"latest_client_version": "99.1.0", "client_download_url": DOWNLOAD}
    )
    app = create_app(settings)
    wrapper = Switchable(app)
    with running_uvicorn(wrapper) as url:
        yield Server(url, app), wrapper


@pytest.fixture
def laptop(switchable: tuple[Server, Switchable], tmp_path: Path) -> Iterator[tuple[Watched, str]]:
    server, _ = switchable
    username, password = server.add_technician()
    visit_id = server.create_visit(username)
    with watched_laptop(server, tmp_path, username, password) as lap:
        lap.sync()  # the first download; the feed's info says the server checks
        yield lap, visit_id


def _waiting(laptop: Watched) -> bool:
    with laptop.store.read_session() as session:
        return outbox_waiting(session)


def test_a_push_goes_out_without_info_and_its_answer_tells_the_clock_and_the_update(
    switchable: tuple[Server, Switchable], laptop: tuple[Watched, str]
) -> None:
    server, _ = switchable
    lap, visit_id = laptop
    lap.record(visit_id, EventType.ARRIVED)
    # The push's answer carries the feed's page too (test_push_sync.py): no /sync/changes.
    assert lap.sync() == ["/sync/events", "/sync/history"]
    assert not _waiting(lap)
    assert len(server.event_ids(visit_id)) == 1
    lap.record(visit_id, EventType.NOTE)
    lap.asked.clear()
    summary = lap.engine.sync()
    assert lap.asked == ["/sync/events", "/sync/history"]
    assert summary.pushed == 1
    assert summary.server_time is not None
    assert summary.clock_offset is not None
    assert abs(summary.clock_offset.total_seconds()) < 60  # the same machine's clock
    assert summary.update is not None
    assert summary.update.version == "99.1.0"
    assert summary.update.url == DOWNLOAD


def test_a_fresh_start_asks_info_before_its_first_push(
    switchable: tuple[Server, Switchable], tmp_path: Path
) -> None:
    """The engine knows only what this server said since it started: a laptop just started
    (or just pointed at a server) checks the versions before anything goes out."""
    server, _ = switchable
    username, password = server.add_technician()
    visit_id = server.create_visit(username)
    with watched_laptop(server, tmp_path, username, password) as lap:
        lap.sync()
        lap.engine = SyncEngine(lap.store, lap.engine.client)  # the app started again
        lap.record(visit_id, EventType.ARRIVED)
        assert lap.sync()[:2] == ["/info", "/sync/events"]


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"api_version": protocol.API_VERSION + 1}, ServerTooNewError),
        ({"api_version": protocol.API_VERSION - 1}, ServerTooOldError),
        ({"min_client_version": "99.0.0"}, ClientTooOldError),
    ],
)
def test_a_server_changed_since_the_last_sync_into_one_this_app_cannot_work_with_gets_nothing(
    switchable: tuple[Server, Switchable],
    laptop: tuple[Watched, str],
    change: dict[str, object],
    refusal: type[SyncError],
) -> None:
    server, _ = switchable
    lap, visit_id = laptop
    for name, value in change.items():  # the server upgraded (or downgraded) meanwhile
        setattr(server.app.state, name, value)
    lap.record(visit_id, EventType.ARRIVED)
    lap.asked.clear()
    with pytest.raises(refusal):
        lap.engine.sync()
    # Refused before it touched anything; the laptop said why in its words (/info).
    assert lap.asked == ["/sync/events", "/info"]
    assert server.event_ids(visit_id) == []
    assert _waiting(lap)
    lap.asked.clear()
    with pytest.raises(refusal):  # and next time /info says it before anything goes out
        lap.engine.sync()
    assert lap.asked == ["/info"]
    assert server.event_ids(visit_id) == []
    assert _waiting(lap)


def test_the_refusal_comes_before_the_login_and_before_the_body(
    switchable: tuple[Server, Switchable],
) -> None:
    """A request whose API version is not the server's is answered 426 whatever else it
    carries: no token, a bad one, a body that would be refused; /info still answers."""
    server, _ = switchable
    other = {protocol.API_VERSION_HEADER: str(protocol.API_VERSION + 1)}
    api = f"{server.base_url}{protocol.API_PREFIX}"
    for headers in (other, {**other, "Authorization": "Bearer nonsense"}):
        answer = requests.post(f"{api}/sync/events", data=b"{", headers=headers, timeout=30)
        assert answer.status_code == 426
        assert answer.json()["error"] == "api_version"
    info = requests.get(f"{api}/info", headers=other, timeout=30)
    assert info.status_code == 200
    assert info.json()["api_version"] == protocol.API_VERSION
    same = {protocol.API_VERSION_HEADER: str(protocol.API_VERSION)}
    assert requests.post(f"{api}/sync/events", headers=same, timeout=30).status_code == 401


def test_a_server_that_no_longer_checks_makes_the_laptop_ask_info_again(
    switchable: tuple[Server, Switchable], laptop: tuple[Watched, str]
) -> None:
    """Replaced by a server from before the check: the push that went out without /info was
    one such a server works with (every one speaks API version 1 and refuses a client below
    its minimum itself), its answer tells no info, so /info is asked at once for the clock
    and the update; the next push asks /info first again, until a server says it checks."""
    server, wrapper = switchable
    assert protocol.API_VERSION == protocol.UNCHECKED_API_VERSION
    lap, visit_id = laptop
    wrapper.older = True
    lap.record(visit_id, EventType.ARRIVED)
    lap.asked.clear()
    summary = lap.engine.sync()
    assert lap.asked[:3] == ["/sync/events", "/info", "/sync/changes"]
    assert summary.pushed == 1
    assert summary.clock_offset is not None
    assert summary.update is not None
    lap.record(visit_id, EventType.NOTE)
    assert lap.sync()[:2] == ["/info", "/sync/events"]
    wrapper.older = False  # upgraded again: /info once more, then it says it checks
    lap.record(visit_id, EventType.NOTE)
    assert lap.sync()[:2] == ["/info", "/sync/events"]
    lap.record(visit_id, EventType.NOTE)
    assert lap.sync() == ["/sync/events", "/sync/history"]
    assert len(server.event_ids(visit_id)) == 4
