"""What a sync asks the server, on a real server and a real cache: with nothing new, the feed
alone (its answers carry the server's info and the knowledge snapshot's version); the knowledge
snapshot and the device history when they changed, not when they did not; and from a server
older than that, /info and the snapshot at every sync."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import requests
from sqlalchemy import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.protocol import Role
from fieldapp.protocol.common import KNOWLEDGE_HEADER, SERVER_INFO_HEADER
from fieldapp.server import knowledge, knowledge_version
from fieldapp.server.admin import add_user
from fieldapp.server.app import create_app
from fieldapp.server.models import User
from fieldapp.server.security import Principal
from fieldapp.store import Store, open_store, record_event
from fieldapp.store.knowledge import known_fix
from fieldapp.sync import ServerClient, SyncEngine
from tests.domain.factories import MINIMAL
from tests.support.servers import running_uvicorn
from tests.sync.harness import Server, cheap_settings

INCIDENT = "INC-4471"
# How long a request of the test may wait for its answer: a loaded CI machine, not the
# server, decides it (a GET of the knowledge snapshot timed out at 5 s in one CI run).
ANSWER_S = 60


@dataclass
class Watched:
    """A technician's laptop whose every request to the server is noted (path under /api/v1)."""

    store: Store
    engine: SyncEngine
    username: str
    asked: list[str]

    def sync(self) -> list[str]:
        """Sync once; the requests it made, in order."""
        self.asked.clear()
        self.engine.sync()
        return list(self.asked)

    def record(self, visit_id: str, kind: EventType) -> None:
        with self.store.session() as session, session.begin():
            record_event(
                session, visit_id, kind, MINIMAL[kind], author=self.username, now=datetime.now(UTC)
            )


@contextmanager
def watched_laptop(server: Server, folder: Path, username: str, password: str) -> Iterator[Watched]:
    asked: list[str] = []
    http = requests.Session()

    def note(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        asked.append(urlparse(response.url).path.removeprefix(protocol.API_PREFIX))

    http.hooks["response"].append(note)
    store = open_store(folder / "cache.sqlite3")
    client = ServerClient(server.base_url, session=http, timeout=(2.0, 10.0), retries=1)
    try:
        client.login(username, password)
        yield Watched(store, SyncEngine(store, client), username, asked)
    finally:
        client.close()
        http.close()
        store.dispose()


def _supervisor(server: Server) -> Principal:
    with server.db() as session:
        add_user(
            session, "sam", "pw-sam", "supervisor", "Sam Lee", passwords=server.app.state.passwords
        )
        user_id = session.scalar(select(User.id).where(User.username == "sam"))
    assert user_id is not None
    return Principal(user_id, "sam", "Sam Lee", Role.SUPERVISOR)


def _set_known_fix(server: Server, sam: Principal, text: str) -> None:
    with server.db() as session:
        knowledge.set_known_fix(session, INCIDENT, text, sam, datetime.now(UTC))


def _known_fix(laptop: Watched) -> str | None:
    with laptop.store.read_session() as session:
        found = known_fix(session, INCIDENT)
    return None if found is None else found.known_fix


def test_a_sync_with_nothing_new_is_one_request_and_the_rest_is_asked_when_it_changed(
    server: Server, tmp_path: Path
) -> None:
    sam = _supervisor(server)
    username, password = server.add_technician()
    visit_id = server.create_visit(username, site="HQ", incident_ref=INCIDENT)
    with watched_laptop(server, tmp_path, username, password) as laptop:
        first = laptop.sync()
        assert first == ["/sync/changes", "/sync/history", "/sync/knowledge"]

        assert laptop.sync() == ["/sync/changes"]
        summary = laptop.engine.sync()  # the server's info came with the feed's answer
        assert summary.server_time is not None
        assert summary.clock_offset is not None

        # A known fix set for the incident changes the snapshot: the feed says so.
        _set_known_fix(server, sam, "Pull the tape.")
        assert laptop.sync() == ["/sync/changes", "/sync/knowledge"]
        assert _known_fix(laptop) == "Pull the tape."
        assert laptop.sync() == ["/sync/changes"]
        _set_known_fix(server, sam, "")
        assert laptop.sync() == ["/sync/changes", "/sync/knowledge"]
        assert _known_fix(laptop) is None

        # A change to the round brings the history again (device history: docs/sync.md).
        server.reschedule(visit_id, datetime(2030, 3, 12, 9, 0, tzinfo=UTC))
        assert laptop.sync() == ["/sync/changes", "/sync/history"]
        assert laptop.sync() == ["/sync/changes"]

        # Work to send: the server said beside the feed that it checks the laptop's versions
        # itself, so the push goes out without /info (test_version_checks.py), and its answer
        # carries the feed's page after it (test_push_sync.py).
        laptop.record(visit_id, EventType.ARRIVED)
        sending = laptop.sync()
        assert sending == ["/sync/events", "/sync/history"]
        assert laptop.sync() == ["/sync/changes"]


def test_the_knowledge_version_beside_the_feed_is_the_snapshots(
    server: Server, tmp_path: Path
) -> None:
    """The version on the feed's last page is the one GET /sync/knowledge answers, through
    every change that moves it (the server keeps the technician's sites between syncs)."""
    sam = _supervisor(server)
    username, password = server.add_technician()
    server.create_visit(username, site="HQ", incident_ref=INCIDENT)
    token = requests.post(
        f"{server.base_url}{protocol.API_PREFIX}/auth/login",
        json={"username": username, "password": password},
        timeout=ANSWER_S,
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", protocol.common.SYNC_STATE_HEADER: "1"}

    def told() -> tuple[str, str]:
        feed = requests.get(
            f"{server.base_url}{protocol.API_PREFIX}/sync/changes",
            headers=headers,
            timeout=ANSWER_S,
        )
        snapshot = requests.get(
            f"{server.base_url}{protocol.API_PREFIX}/sync/knowledge",
            headers=headers,
            timeout=ANSWER_S,
        ).json()
        info = protocol.ServerInfo.model_validate_json(feed.headers[SERVER_INFO_HEADER])
        assert info.api_version == protocol.API_VERSION
        return feed.headers[KNOWLEDGE_HEADER], snapshot["version"]

    versions = [told()]
    _set_known_fix(server, sam, "Pull the tape.")
    versions.append(told())
    server.create_visit(username, site="Annex", incident_ref="INC-9")  # a site of theirs more
    versions.append(told())
    for beside_feed, snapshot in versions:
        assert beside_feed == snapshot
    assert len({v for v, _ in versions}) == 3
    # A laptop that does not ask (any older one) gets the page as before, without them.
    plain = requests.get(
        f"{server.base_url}{protocol.API_PREFIX}/sync/changes",
        headers={"Authorization": f"Bearer {token}"},
        timeout=ANSWER_S,
    )
    assert SERVER_INFO_HEADER not in plain.headers
    assert KNOWLEDGE_HEADER not in plain.headers


class OlderServer:
    """The real server as it answered before the sync's state came beside the feed: the same
    answers, without those headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        dropped = {SERVER_INFO_HEADER.lower().encode(), KNOWLEDGE_HEADER.lower().encode()}

        async def without_state(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message["headers"] if k.lower() not in dropped]
                message = {**message, "headers": kept}
            await send(message)

        await self.app(scope, receive, without_state)


def test_from_an_older_server_the_laptop_asks_info_and_knowledge_as_before(
    tmp_path: Path,
) -> None:
    app = create_app(cheap_settings(tmp_path / "server"))
    with running_uvicorn(OlderServer(app)) as url:
        server = Server(url, app)
        sam = _supervisor(server)
        username, password = server.add_technician()
        server.create_visit(username, site="HQ", incident_ref=INCIDENT)
        with watched_laptop(server, tmp_path, username, password) as laptop:
            laptop.sync()
            # /info once the feed's first answer did not tell it, before it is applied.
            assert laptop.sync() == ["/sync/changes", "/info", "/sync/knowledge"]
            _set_known_fix(server, sam, "Pull the tape.")
            assert laptop.sync() == ["/sync/changes", "/info", "/sync/knowledge"]
            assert _known_fix(laptop) == "Pull the tape."


def test_the_knowledge_version_follows_the_technicians_visits_between_their_pushes(
    server: Server,
) -> None:
    """The server keeps a technician's sites between syncs while only event rows come after
    the one it read them at (their own pushes add such rows at every push sync): a visit
    added or taken away between pushes still changes the version told beside the feed, and
    the same visits give the same version again."""
    username, password = server.add_technician()
    first = server.create_visit(username, site="HQ", incident_ref=INCIDENT)
    api = f"{server.base_url}{protocol.API_PREFIX}"
    token = requests.post(
        f"{api}/auth/login", json={"username": username, "password": password}, timeout=ANSWER_S
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", protocol.common.SYNC_STATE_HEADER: "1"}

    def push_note() -> None:
        event = {
            "id": str(uuid.uuid4()),
            "visit_id": first,
            "type": "note",
            "occurred_at": datetime.now(UTC).isoformat(),
            "payload": {"text": "Checked the cable."},
        }
        answer = requests.post(
            f"{api}/sync/events", json={"events": [event]}, headers=headers, timeout=ANSWER_S
        )
        assert answer.json()["results"][0]["status"] == "accepted"

    def told() -> str:
        """The version beside the feed, checked against the snapshot's and against one
        worked out with nothing kept (the server's table of sites emptied)."""
        feed = requests.get(f"{api}/sync/changes", headers=headers, timeout=ANSWER_S)
        snapshot = requests.get(f"{api}/sync/knowledge", headers=headers, timeout=ANSWER_S)
        assert feed.headers[KNOWLEDGE_HEADER] == snapshot.json()["version"]
        knowledge_version._KNOWN.clear()
        afresh = requests.get(f"{api}/sync/knowledge", headers=headers, timeout=ANSWER_S)
        assert afresh.json()["version"] == snapshot.json()["version"]
        return feed.headers[KNOWLEDGE_HEADER]

    alone = told()
    push_note()
    assert told() == alone  # events change no site
    push_note()
    annex = server.create_visit(username, site="Annex", incident_ref="INC-9")
    with_annex = told()
    assert with_annex != alone
    push_note()
    assert told() == with_annex
    push_note()
    server.reassign(annex, None)  # taken away: a tombstone after the pushes' rows
    assert told() == alone
    push_note()
    other = server.create_visit(username, site="Annex", incident_ref="INC-9")
    push_note()
    assert told() == with_annex
    push_note()
    server.cancel(other)  # still theirs, cancelled: a visit row after the pushes' rows
    push_note()
    told()
