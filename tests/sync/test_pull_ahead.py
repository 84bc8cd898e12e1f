"""The next page asked for as soon as the last one's headers are in (sync/pull_ahead.py), on a
real server and real caches: the same cache as a pull that asks once each page is decoded
(an older server, which tells nothing beside its pages); the pages asked for in order, one
request under way at a time, at most one page asked beyond the one the pull is done with;
and the header itself, the page's own next_cursor and has_more."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.protocol.constants import NEXT_PAGE_HEADER
from fieldapp.server.app import create_app
from fieldapp.store import Store, open_store, record_event
from fieldapp.store.meta import CURSOR, get_cursor
from fieldapp.sync import ServerClient, SyncEngine
from fieldapp.sync.client import _next_page
from fieldapp.sync.summary import SyncProgress
from tests.domain.factories import MINIMAL
from tests.store.test_feed_orders import _cache
from tests.support.servers import running_uvicorn
from tests.sync.harness import Server, cheap_settings

PAGE = 4  # changes a page: the round below comes in a dozen pages and more
HEADER = NEXT_PAGE_HEADER.lower().encode()


@dataclass
class Watch:
    """The real server, noting the laptop's every request as it comes and goes; `older`
    drops the next page's header, as a server from before it answers."""

    app: ASGIApp
    older: bool = False
    pulled: list[int] = field(default_factory=lambda: [0])  # the laptop's last report
    asked: list[tuple[int, int]] = field(default_factory=list)  # (cursor, pulled then)
    told: list[str] = field(default_factory=list)  # the header beside each page
    # The laptop's cache, and its stored cursor each time the knowledge snapshot was asked.
    cache: Path | None = None
    knowledge: list[int] = field(default_factory=list)
    under_way: int = 0
    most_under_way: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        feed = scope["path"].endswith("/sync/changes")
        if scope["path"].endswith("/sync/knowledge") and self.cache is not None:
            with closing(sqlite3.connect(self.cache)) as cache:
                stored = cache.execute("SELECT value FROM meta WHERE key = ?", (CURSOR,))
                self.knowledge.append(int((stored.fetchone() or ("0",))[0]))
        with self.lock:
            self.under_way += 1
            self.most_under_way = max(self.most_under_way, self.under_way)
            if feed:
                query = parse_qs(scope["query_string"].decode())
                self.asked.append((int(query.get("cursor", ["0"])[0]), self.pulled[-1]))

        async def noted(message: Message) -> None:
            if feed and message["type"] == "http.response.start":
                headers = message["headers"]
                self.told.extend(v.decode() for k, v in headers if k.lower() == HEADER)
                if self.older:
                    message = {**message, "headers": [(k, v) for k, v in headers if k != HEADER]}
            if message["type"] == "http.response.body" and not message.get("more_body"):
                with self.lock:
                    self.under_way -= 1
            await send(message)

        await self.app(scope, receive, noted)

    def report(self, progress: SyncProgress) -> None:
        if progress.phase == "pull":
            self.pulled.append(progress.done)


@contextmanager
def watched(folder: Path, *, older: bool = False) -> Iterator[tuple[Server, Watch]]:
    app = create_app(cheap_settings(folder))
    watch = Watch(app, older=older)
    with running_uvicorn(watch) as url:
        yield Server(url, app), watch


def _seed(server: Server, folder: Path) -> tuple[str, str]:
    """A technician's round of 9 visits with 3 events each, pushed from a laptop of theirs."""
    username, password = server.add_technician()
    visits = [server.create_visit(username) for _ in range(9)]
    store = open_store(folder / "cache.sqlite3")
    client = ServerClient(server.base_url, timeout=(2.0, 10.0), retries=1)
    try:
        client.login(username, password)
        engine = SyncEngine(store, client)
        engine.sync()
        for visit_id in visits:
            for kind in (EventType.CONFIRMED, EventType.ARRIVED, EventType.NOTE):
                _record(store, visit_id, kind, username)
        assert engine.sync().pushed == 27
    finally:
        client.close()
        store.dispose()
    return username, password


def _record(store: Store, visit_id: str, kind: EventType, author: str) -> None:
    with store.session() as session, session.begin():
        record_event(session, visit_id, kind, MINIMAL[kind], author=author, now=datetime.now(UTC))


def _initial_sync(
    server: Server, watch: Watch, folder: Path, login: tuple[str, str]
) -> dict[str, Any]:
    """A fresh laptop's first sync in pages of PAGE changes: its cache, and what the server
    saw of it."""
    store = open_store(folder / "cache.sqlite3")
    client = ServerClient(server.base_url, timeout=(2.0, 10.0), retries=1)
    try:
        client.login(*login)
        engine = SyncEngine(store, client, page_size=PAGE)
        watch.asked.clear()
        watch.told.clear()
        watch.most_under_way = 0
        watch.knowledge.clear()
        watch.cache = folder / "cache.sqlite3"
        summary = engine.sync(watch.report)
        assert summary.pulled >= 36
        first = _cache(store)
        first["asked"], first["told"] = list(watch.asked), list(watch.told)
        first["most_under_way"] = watch.most_under_way
        with store.read_session() as session:
            first["knowledge"] = (list(watch.knowledge), get_cursor(session))
        return first
    finally:
        client.close()
        store.dispose()


def test_pages_asked_for_ahead_make_the_same_cache_in_order_one_request_at_a_time(
    tmp_path: Path,
) -> None:
    caches: dict[bool, dict[str, Any]] = {}
    with watched(tmp_path / "server") as (server, watch):
        login = _seed(server, tmp_path / "seeding")
        for older in (False, True):
            watch.older = older
            caches[older] = _initial_sync(server, watch, tmp_path / f"laptop-{older}", login)
    ahead, before = caches[False], caches[True]
    # Every page told where the feed goes on; the older server's too, but the laptop never saw it.
    assert len(ahead["told"]) == len(ahead["asked"]) >= 9
    assert ahead["told"][-1].endswith(" last")
    for cache in (ahead, before):
        asked = [cursor for cursor, _ in cache["asked"]]
        # In order: each page asked after the cursor the page before ended at (the header
        # is the page's own: test_the_next_page_header_is_the_pages_own).
        assert asked == [0] + [int(told.split()[0]) for told in ahead["told"][:-1]]
        assert cache["most_under_way"] == 1
        # At most one page asked for beyond the one the pull is done with: page n is asked
        # once the pages before n - 1 are applied.
        for number, (_, pulled) in enumerate(cache["asked"]):
            assert pulled >= PAGE * (number - 1), (number, cache["asked"])
    for name in ("visits", "events", "outbox", "search", "schema"):
        assert ahead[name] == before[name], name
    # The knowledge snapshot (a first sync needs it) is asked once, beside the feed's last
    # page (FeedFetches.knowledge_last), on both servers. Whether it reaches the server before
    # the pull has committed that page is a race between two threads (it waits for the
    # device history's fetch first): it is what the overlap buys when the commit is long,
    # measured in docs/performance.md, not a property a test can hold on a busy machine.
    for cache in (ahead, before):
        stored_then, stored_at_last = cache["knowledge"]
        assert len(stored_then) == 1
        assert stored_then[0] <= stored_at_last


def test_the_next_page_header_is_the_pages_own(tmp_path: Path) -> None:
    with watched(tmp_path / "server") as (server, _watch):
        username, password = _seed(server, tmp_path / "seeding")
        api = f"{server.base_url}{protocol.API_PREFIX}"
        token = requests.post(
            f"{api}/auth/login", json={"username": username, "password": password}, timeout=60
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        cursor, pages = 0, 0
        while True:
            answer = requests.get(
                f"{api}/sync/changes",
                params={"cursor": cursor, "limit": 5},
                headers=headers,
                timeout=60,
            )
            page = answer.json()
            more = "more" if page["has_more"] else "last"
            assert answer.headers[NEXT_PAGE_HEADER] == f"{page['next_cursor']} {more}"
            pages += 1
            if not page["has_more"]:
                break
            cursor = page["next_cursor"]
        assert pages >= 7
        # A cursor from another database: a must-refetch answer, which tells nothing of a
        # next page.
        refetch = requests.get(
            f"{api}/sync/changes", params={"cursor": 10**9}, headers=headers, timeout=60
        )
        assert refetch.json()["must_refetch"] is True
        assert NEXT_PAGE_HEADER not in refetch.headers


@pytest.mark.parametrize("told", ["12", "x more", "12 maybe", "-1 more", "1" * 30 + " more"])
def test_an_unreadable_next_page_header_is_as_none(told: str) -> None:
    response = requests.Response()
    response.headers[NEXT_PAGE_HEADER] = told
    assert _next_page(response) is None
