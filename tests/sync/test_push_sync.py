"""A push sync is one request, on a real server and a real cache: the push's answer carries the
feed's page after the laptop's cursor, and the cache it leaves is the one the push and a
separate GET /sync/changes leave (an older server's way), with others' changes, more than a
page waiting, a full download asked, and a crash between the push's answer and its page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from sqlalchemy import text
from starlette.types import ASGIApp, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.protocol.common import KNOWLEDGE_HEADER, SERVER_INFO_HEADER, SYNC_STATE_HEADER
from fieldapp.server.app import create_app
from fieldapp.store import Store, get_cursor, open_store, record_event
from fieldapp.store.meta import set_cursor
from fieldapp.sync import ServerClient, SyncEngine, SyncSummary
from tests.domain.factories import MINIMAL
from tests.support.postgres import PostgresServer
from tests.support.servers import rewriting_answer, running_uvicorn
from tests.sync.harness import Server, cheap_settings

PUSH_PATH = f"{protocol.API_PREFIX}/sync/events"
REPO_ROOT = Path(__file__).resolve().parents[2]
ANSWER_S = 60
# What a cache holds that the two ways must leave alike (meta's times and offsets differ).
TABLES = ("visits", "events", "outbox", "attachments")


class OlderPushes:
    """The real server, answering pushes as one from before the feed's page came beside
    them while `older` is set: such a server ignores the push's `cursor` and `limit`. While
    `spoiled` is set, the page beside a push's answer holds a field no laptop knows."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.older = False
        self.spoiled = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        pushing = scope["type"] == "http" and scope["path"] == PUSH_PATH
        if self.older and pushing:
            scope = {**scope, "query_string": b""}
        if self.spoiled and pushing:  # answered plain, so the page can be spoiled
            plain = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
            scope = {**scope, "headers": plain}
            send = _spoiling(send)
        await self.app(scope, receive, send)


def _spoiling(send: Send) -> Send:
    return rewriting_answer(
        send, lambda _start, body: body.replace(b'"feed":{', b'"feed":{"colour":"blue",')
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Server, OlderPushes]]:
    """A real server on each backend, which answers as an older one while told to."""
    database_url = ""
    if request.param == "postgresql":
        postgres: PostgresServer = request.getfixturevalue("postgres_server")
        database_url = postgres.create_database()
    app = create_app(cheap_settings(tmp_path / "server", database_url))
    wrapper = OlderPushes(app)
    with running_uvicorn(wrapper) as url:
        yield Server(url, app), wrapper


class Watched:
    """A laptop's cache and engine whose every request to the server is noted."""

    def __init__(self, server: Server, path: Path, username: str, page_size: int) -> None:
        self.asked: list[str] = []
        self.http = requests.Session()
        self.http.hooks["response"].append(self._note)
        self.store = open_store(path)
        self.client = ServerClient(server.base_url, session=self.http, timeout=(2.0, 10.0))
        self.client.login(username, "pw-" + username)
        self.engine = SyncEngine(self.store, self.client, page_size=page_size)
        self.username = username

    def _note(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        self.asked.append(urlparse(response.url).path.removeprefix(protocol.API_PREFIX))

    def sync(self) -> tuple[list[str], SyncSummary]:
        self.asked.clear()
        summary = self.engine.sync()
        return list(self.asked), summary

    def record(self, visit_id: str, kind: EventType) -> str:
        with self.store.session() as session, session.begin():
            event = record_event(
                session, visit_id, kind, MINIMAL[kind], author=self.username, now=datetime.now(UTC)
            )
        return event.id

    def close(self) -> None:
        self.client.close()
        self.http.close()
        self.store.dispose()


@contextmanager
def watched(server: Server, path: Path, username: str, page_size: int) -> Iterator[Watched]:
    laptop = Watched(server, path, username, page_size)
    try:
        yield laptop
    finally:
        laptop.close()


def cache(store: Store) -> dict[str, Any]:
    """The cache's rows that the sync's way must not change, and its cursor."""
    with store.read_session() as session:
        rows = {
            name: sorted(tuple(row) for row in session.execute(text(f"SELECT * FROM {name}")))
            for name in TABLES
        }
        rows["cursor"] = get_cursor(session)
    return rows


def _round(server: Server, username: str) -> list[str]:
    return [server.create_visit(username) for _ in range(3)]


def _others_change(server: Server, username: str, visits: list[str], count: int) -> None:
    """What arrives while the laptop is offline: new visits, one rescheduled, one taken away."""
    for _ in range(count):
        server.create_visit(username)
    server.reschedule(visits[1], datetime(2030, 3, 12, 9, 0, tzinfo=UTC))
    server.reassign(visits[2], None)  # a tombstone


def _copy(laptop: Watched, folder: Path) -> Path:
    """A copy of the laptop's cache file, as it is now."""
    laptop.store.dispose()  # its connections closed (opened again when next used): the
    copy = folder / "copy.sqlite3"  # file holds every commit
    shutil.copyfile(laptop.store.db_path, copy)
    return copy


@pytest.mark.parametrize(
    ("page_size", "new_visits"),
    [
        pytest.param(protocol.MAX_PAGE, 2, id="one-page"),
        pytest.param(3, 4, id="more-than-a-page"),
    ],
)
def test_a_push_sync_is_one_request_and_leaves_the_cache_two_requests_leave(
    served: tuple[Server, OlderPushes], tmp_path: Path, page_size: int, new_visits: int
) -> None:
    server, wrapper = served
    username, _ = server.add_technician()
    visits = _round(server, username)
    with watched(server, tmp_path / "a" / "cache.sqlite3", username, page_size) as one:
        one.sync()
        one.record(visits[0], EventType.ARRIVED)
        one.record(visits[0], EventType.NOTE)
        one.record(visits[2], EventType.NOTE)  # taken away before it is sent: a conflict
        _others_change(server, username, visits, new_visits)
        copy = _copy(one, tmp_path)

        asked, summary = one.sync()
        changes = new_visits + 4  # the echo (2), the new visits, one moved, one taken away
        # The pages after the carried one, fetched from its cursor while more wait; beside
        # them the device history (the round changed) and the conflict's decision.
        fetched = -(-changes // page_size) - 1
        assert asked[0] == "/sync/events"
        assert Counter(asked[1:]) == Counter(
            {"/sync/changes": fetched, "/sync/history": 1, "/sync/conflicts": 1}
        )
        assert (summary.pushed, summary.rejected) == (2, 1)
        assert summary.pulled == changes

        with watched(server, copy, username, page_size) as two:
            wrapper.older = True  # the way of a server that carries no page
            asked_two, summary_two = two.sync()  # a laptop just started: /info first
            assert asked_two[:3] == ["/info", "/sync/events", "/sync/changes"]
            assert summary_two.pulled == summary.pulled
            assert summary_two.news == summary.news
            assert summary_two.conflicts == summary.conflicts
            assert cache(two.store) == cache(one.store)
        wrapper.older = False
        asked, again = one.sync()  # nothing left to pull (the conflict is asked about)
        assert (asked.count("/sync/changes"), again.pulled) == (1, 0)


def test_a_page_asking_for_a_full_download_is_followed_as_from_the_feed(
    served: tuple[Server, OlderPushes], tmp_path: Path
) -> None:
    """A cursor the server cannot serve: the carried page says must_refetch, and the laptop
    downloads afresh, keeping its work, as when the feed says it."""
    server, wrapper = served
    username, _ = server.add_technician()
    visits = _round(server, username)
    with watched(server, tmp_path / "a" / "cache.sqlite3", username, protocol.MAX_PAGE) as one:
        one.sync()
        one.record(visits[0], EventType.ARRIVED)
        _others_change(server, username, visits, 1)
        with one.store.session() as session, session.begin():
            set_cursor(session, 10**9)  # as after the tombstone horizon passed it by
        copy = _copy(one, tmp_path)
        asked, summary = one.sync()
        assert asked[:2] == ["/sync/events", "/sync/changes"]  # from cursor 0
        assert summary.refetched
        assert summary.pushed == 1
        with watched(server, copy, username, protocol.MAX_PAGE) as two:
            wrapper.older = True
            assert two.sync()[1].refetched
            assert cache(two.store) == cache(one.store)


def test_the_carried_page_is_the_feeds_page_and_only_when_asked(
    served: tuple[Server, OlderPushes],
) -> None:
    """The server renders the carried page as GET /sync/changes renders it from the same
    cursor, with the knowledge version beside the feed's last page; a push that does not ask
    (any older laptop) gets the push's answer as before, which its strict model reads."""
    server, _ = served
    username, password = server.add_technician()
    visit = server.create_visit(username)
    api = f"{server.base_url}{protocol.API_PREFIX}"
    token = requests.post(
        f"{api}/auth/login", json={"username": username, "password": password}, timeout=ANSWER_S
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", SYNC_STATE_HEADER: "1"}

    def push(params: dict[str, int] | None) -> requests.Response:
        event = {
            "id": str(uuid.uuid4()),
            "visit_id": visit,
            "type": "note",
            "occurred_at": datetime.now(UTC).isoformat(),
            "payload": {"text": "Checked the cable."},
        }
        answer = requests.post(
            f"{api}/sync/events",
            json={"events": [event]},
            params=params,
            headers=headers,
            timeout=ANSWER_S,
        )
        assert answer.status_code == 200, answer.text
        return answer

    plain = push(None)
    assert set(plain.json()) == {"results", "server_time"}
    protocol.PushResponse.model_validate_json(plain.content)
    assert KNOWLEDGE_HEADER not in plain.headers

    carried = push({"cursor": 0, "limit": 1000})
    body = protocol.PushFeedResponse.model_validate_json(carried.content)
    assert body.results[0].status == "accepted"
    assert body.feed is not None
    feed = requests.get(
        f"{api}/sync/changes",
        params={"cursor": 0, "limit": 1000},
        headers=headers,
        timeout=ANSWER_S,
    )
    page = protocol.ChangesPage.model_validate_json(feed.content)
    assert body.feed.model_dump(exclude={"server_time"}) == page.model_dump(exclude={"server_time"})
    assert [c.kind for c in page.changes] == ["visit", "event", "event"]  # both pushes
    assert carried.headers[KNOWLEDGE_HEADER] == feed.headers[KNOWLEDGE_HEADER]
    assert SERVER_INFO_HEADER in carried.headers

    first = push({"cursor": 0, "limit": 1})  # a page of one: the feed goes on after it
    body = protocol.PushFeedResponse.model_validate_json(first.content)
    assert body.feed is not None
    assert body.feed.has_more
    assert len(body.feed.changes) == 1
    assert KNOWLEDGE_HEADER not in first.headers  # told beside the feed's last page only

    refused = requests.post(
        f"{api}/sync/events",
        json={"events": []},
        params={"cursor": -1},
        headers=headers,
        timeout=ANSWER_S,
    )
    assert refused.status_code == 422


def test_a_page_the_laptop_cannot_read_is_asked_for_again_and_the_push_is_kept(
    served: tuple[Server, OlderPushes], tmp_path: Path
) -> None:
    """A carried page the laptop refuses (here a field it does not know) is dropped: the
    push's answer is written down and the pull fetches the page from the feed instead."""
    server, wrapper = served
    username, _ = server.add_technician()
    visits = _round(server, username)
    with watched(server, tmp_path / "a" / "cache.sqlite3", username, protocol.MAX_PAGE) as one:
        one.sync()
        recorded = one.record(visits[0], EventType.ARRIVED)
        _others_change(server, username, visits, 1)
        copy = _copy(one, tmp_path)
        wrapper.spoiled = True
        asked, summary = one.sync()
        assert asked[:2] == ["/sync/events", "/sync/changes"]
        assert (summary.pushed, summary.pulled) == (1, 4)
        assert server.event_ids() == [recorded]
        wrapper.spoiled = False
        with watched(server, copy, username, protocol.MAX_PAGE) as two:
            wrapper.older = True
            two.sync()
            assert cache(two.store) == cache(one.store)


def test_a_crash_between_the_push_answer_and_its_page_loses_nothing(
    served: tuple[Server, OlderPushes], tmp_path: Path
) -> None:
    """The laptop dies once the push's answer is written down, as it applies the page that
    came with it: the outbox is settled, the cursor is where it was, and the next sync
    fetches the page again from there; the cache ends as the two requests' way leaves it."""
    server, wrapper = served
    username, password = server.add_technician()
    visits = _round(server, username)
    path = tmp_path / "a" / "cache.sqlite3"
    with watched(server, path, username, protocol.MAX_PAGE) as one:
        one.sync()
        one.record(visits[0], EventType.ARRIVED)
        one.record(visits[1], EventType.NOTE)
        _others_change(server, username, visits, 2)
        copy = _copy(one, tmp_path)
        with one.store.read_session() as session:
            cursor = get_cursor(session)
        one.store.dispose()
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.sync.carried_crash_child",
                server.base_url,
                username,
                password,
                str(path),
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert child.returncode == 17, child.stderr.decode()[-2000:]
        # It died applying the page its push brought: it never asked the feed (the device
        # history may have been asked beside it meanwhile).
        asked_by_child = child.stdout.decode().split()
        assert asked_by_child[:3] == ["/auth/login", "/info", "/sync/events"]
        assert "/sync/changes" not in asked_by_child
        one.store = open_store(path)
        one.engine = SyncEngine(one.store, one.client)
        with one.store.read_session() as session:
            assert get_cursor(session) == cursor  # the carried page was not applied
            outbox = session.execute(text("SELECT count(*) FROM outbox")).scalar()
        assert outbox == 0  # the push's answer was written down
        assert len(server.event_ids()) == 2

        asked, summary = one.sync()
        assert asked == ["/sync/changes", "/sync/history"]
        assert summary.pulled == 2 + 2 + 2  # the echo, the new visits, one moved, one taken
        with watched(server, copy, username, protocol.MAX_PAGE) as two:
            wrapper.older = True
            two.sync()
            assert cache(two.store) == cache(one.store)
