"""The feed's pages on the wire, on a real server and real caches: the laptop asks for zstd
first and the server sends its pages so; the cache they build is the one a laptop taking gzip
only builds; a zstd page that cannot be inflated stops the sync with a sentence, keeps what
came whole before it, and the next sync ends where a clean one does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.server.app import create_app
from fieldapp.store import Store
from fieldapp.sync import MalformedResponseError, SyncEngine
from tests.support.servers import rewriting_answer, running_uvicorn
from tests.sync.harness import Laptop, Server, cheap_settings, laptop_for

FEED_PATH = f"{protocol.API_PREFIX}/sync/changes"
VISITS = 12
PAGE = 4  # changes a page: several pages, each over the size worth compressing
Garble = Callable[[bytes], bytes]


class Wire:
    """The real server, each feed request's Accept-Encoding and answer's Content-Encoding
    noted. While `gzip_only` is set, a feed request is answered as if it took gzip only;
    while `garble` is set, the body of the feed answer numbered `garble[0]` (from 0) is
    replaced by `garble[1]` of it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip_only = False
        self.garble: tuple[int, Garble] | None = None
        self.asked: list[str] = []
        self.codings: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != FEED_PATH:
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        accept = dict(scope["headers"]).get(b"accept-encoding", b"")
        self.asked.append(accept.decode())
        if self.gzip_only:
            accept = b"gzip"
        scope = {**scope, "headers": [*headers, (b"accept-encoding", accept)]}
        number = len(self.codings)
        self.codings.append("")
        garble = self.garble[1] if self.garble and self.garble[0] == number else None
        await self.app(scope, receive, self._noting(send, number, garble))

    def _noting(self, send: Send, number: int, garble: Garble | None) -> Send:
        passed = send if garble is None else rewriting_answer(send, lambda _, body: garble(body))

        async def noted(message: Message) -> None:
            if message["type"] == "http.response.start":
                coding = dict(message["headers"]).get(b"content-encoding", b"")
                self.codings[number] = coding.decode()
            await passed(message)

        return noted


@contextmanager
def wired(folder: Path) -> Iterator[tuple[Server, Wire]]:
    app = create_app(cheap_settings(folder / "server"))
    wire = Wire(app)
    with running_uvicorn(wire) as url:
        yield Server(url, app), wire


@contextmanager
def laptop(server: Server, path: Path, login: tuple[str, str]) -> Iterator[Laptop]:
    with laptop_for(server.base_url, path, *login) as lap:
        lap.engine = SyncEngine(lap.store, lap.client, page_size=PAGE)
        yield lap


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.read_session() as session:
        return {
            name: sorted(tuple(row) for row in session.execute(text(f"SELECT * FROM {name}")))
            for name in ("visits", "events")
        }


def _seeded(server: Server) -> tuple[str, str]:
    login = server.add_technician()
    for _ in range(VISITS):
        server.create_visit(login[0])
    return login


def test_the_feed_comes_as_zstd_and_builds_the_cache_gzip_builds(tmp_path: Path) -> None:
    with wired(tmp_path) as (server, wire):
        login = _seeded(server)
        with laptop(server, tmp_path / "zstd.sqlite3", login) as zstd_laptop:
            assert zstd_laptop.engine.sync().pulled == VISITS
            zstd_rows = _rows(zstd_laptop.store)
        assert set(wire.asked) == {"zstd, gzip"}
        assert wire.codings.count("zstd") >= VISITS // PAGE  # every full page
        assert set(wire.codings) <= {"zstd", ""}  # a small last page goes plain

        wire.gzip_only, wire.codings = True, []
        with laptop(server, tmp_path / "gzip.sqlite3", login) as gzip_laptop:
            assert gzip_laptop.engine.sync().pulled == VISITS
            gzip_rows = _rows(gzip_laptop.store)
        assert wire.codings.count("gzip") >= VISITS // PAGE
        assert set(wire.codings) <= {"gzip", ""}

    assert len(zstd_rows["visits"]) == VISITS
    assert zstd_rows == gzip_rows


def _not_zstd(body: bytes) -> bytes:
    return b"\x00\x00\x00\x00" + body[4:]  # the frame's magic number broken


def _cut_frame(body: bytes) -> bytes:
    return body[: len(body) // 2]  # a whole answer, of half a frame


@pytest.mark.parametrize(
    "garble", [pytest.param(_not_zstd, id="not-zstd"), pytest.param(_cut_frame, id="cut-frame")]
)
def test_a_page_that_cannot_be_inflated_stops_the_sync_and_damages_nothing(
    tmp_path: Path, garble: Garble
) -> None:
    with wired(tmp_path) as (server, wire):
        login = _seeded(server)
        with laptop(server, tmp_path / "clean.sqlite3", login) as clean:
            clean.engine.sync()
            clean_rows = _rows(clean.store)

        wire.garble, wire.codings = (1, garble), []  # the second page of the next sync
        with laptop(server, tmp_path / "cache.sqlite3", login) as lap:
            with pytest.raises(MalformedResponseError) as info:
                lap.engine.sync()
            assert wire.codings[1] == "zstd"
            assert "garbled; nothing was changed" in info.value.message
            assert "Traceback" not in str(info.value)
            kept = _rows(lap.store)
            with lap.store.read_session() as session:
                assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"

            wire.garble = None
            assert lap.engine.sync().pulled == VISITS - len(kept["visits"])
            assert _rows(lap.store) == clean_rows

    # What the failed sync kept is whole pages of what a clean sync has, the first at most.
    assert len(kept["visits"]) in (0, PAGE)
    assert set(kept["visits"]) <= set(clean_rows["visits"])
