"""PostgreSQL: pushes on different visits run side by side and take the feed's counter only
to stamp; commit order stays seq order (feed.py), across threads and worker processes."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType
from fieldapp.protocol import EventIn, Role
from fieldapp.server import feed
from fieldapp.server.app import create_app
from fieldapp.server.db import write_transaction
from fieldapp.server.models import ChangeLog, EventRecord, User
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.push import push_events
from fieldapp.server.security import Principal
from tests.server.helpers import T0, Client, Live, cheap_settings, create_visit, event
from tests.server.supervision_kit import rebuild_from_events, snapshot
from tests.server.test_concurrency import run_threads
from tests.support.postgres import PostgresServer
from tests.support.servers import free_port, running_uvicorn, server_process

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_live(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[Live]:
    """A server on a PostgreSQL database of its own."""
    app = create_app(cheap_settings(tmp_path, postgres_server.create_database()))
    with running_uvicorn(app) as base_url:
        server = Live(base_url, app, app.state.settings)
        yield server
        server.close_clients()


def _principal(live: Live, username: str) -> Principal:
    with live.db() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        return Principal(user.id, user.username, user.full_name, Role(user.role))


def _notes(visit_id: str, count: int = 3, tag: str = "") -> list[dict[str, Any]]:
    return [event(visit_id, EventType.NOTE, {"text": f"note {tag}{n}"}) for n in range(count)]


def _wait_until_waiting(live: Live, wait_events: set[str], query_start: str) -> None:
    """Until another connection of the database waits for a lock (`wait_events`: advisory,
    transactionid, tuple) in a statement starting with `query_start`."""
    deadline = time.monotonic() + 60
    with live.app.state.sessionmaker() as session:
        while time.monotonic() < deadline:
            with session.begin():
                waiting = session.execute(
                    text(
                        "SELECT wait_event, query FROM pg_stat_activity WHERE "
                        "datname = current_database() AND wait_event_type = 'Lock'"
                    )
                ).all()
            if any(w in wait_events and q.startswith(query_start) for w, q in waiting):
                return
            time.sleep(0.02)
    pytest.fail(f"nobody waited for {wait_events} in {query_start!r}: {waiting}")


def _in_background(target: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(target())
        except BaseException as error:  # reported by the test's thread
            out.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def _seqs(results: list[dict[str, Any]]) -> list[int]:
    assert {r["status"] for r in results} == {"accepted"}, results
    return [r["server_seq"] for r in results]


def test_a_push_on_another_visit_waits_only_to_stamp_and_commits_after(pg_live: Live) -> None:
    supervisor = pg_live.supervisor()
    first, second = pg_live.user(), pg_live.user()
    mine, theirs = create_visit(supervisor, first), create_visit(supervisor, second)
    pusher, reader = pg_live.login(second), pg_live.login(second)
    cursor = reader.changes()["next_cursor"]
    now = datetime.now(UTC)
    with pg_live.app.state.sessionmaker() as session, write_transaction(session):
        # A push stamped and not committed yet: it holds the counter's lock.
        held = push_events(
            session, _principal(pg_live, first), [EventIn(**e) for e in _notes(mine)], now
        )
        thread, out = _in_background(lambda: pusher.push(*_notes(theirs)))
        # The other push checked its batch and wrote its derived rows beside this one: it
        # waits at its stamp, and nothing of it can be read yet.
        _wait_until_waiting(pg_live, {"transactionid", "tuple"}, "UPDATE seq_counter")
        assert reader.changes(cursor)["changes"] == []
    thread.join(timeout=60)
    assert not thread.is_alive()
    later = _seqs(out[0])
    assert min(later) > max(r.server_seq or 0 for r in held)
    assert [c["seq"] for c in reader.changes(cursor)["changes"]] == later


def test_a_push_on_the_same_visit_waits_for_the_first_and_sees_its_events(
    pg_live: Live,
) -> None:
    supervisor = pg_live.supervisor()
    username = pg_live.user()
    visit_id = create_visit(supervisor, username)
    pusher = pg_live.login(username)
    with pg_live.app.state.sessionmaker() as session, write_transaction(session):
        held = push_events(
            session,
            _principal(pg_live, username),
            [EventIn(**e) for e in _notes(visit_id, tag="a")],
            datetime.now(UTC),
        )
        thread, out = _in_background(lambda: pusher.push(*_notes(visit_id, tag="b")))
        # Before reading the visit's history: the first push's events are not committed.
        _wait_until_waiting(pg_live, {"advisory"}, "SELECT count(CASE WHEN k IS NULL")
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert min(_seqs(out[0])) > max(r.server_seq or 0 for r in held)
    with pg_live.db() as session:
        facts = session.get_one(VisitFacts, visit_id)
        assert facts.event_count == 6  # the second push counted the first one's events


def test_other_writers_wait_for_a_push_under_way(pg_live: Live) -> None:
    supervisor = pg_live.supervisor()
    username = pg_live.user()
    visit_id = create_visit(supervisor, username)
    reader = pg_live.login(username)
    cursor = reader.changes()["next_cursor"]
    with pg_live.app.state.sessionmaker() as session, write_transaction(session):
        push_events(
            session,
            _principal(pg_live, username),
            [EventIn(**e) for e in _notes(visit_id, count=1)],
            datetime.now(UTC),
        )
        thread, out = _in_background(lambda: create_visit(supervisor, username))
        _wait_until_waiting(pg_live, {"advisory"}, "SELECT pg_advisory_xact_lock(")
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert [(c["kind"], c["visit_id"]) for c in reader.changes(cursor)["changes"]] == [
        ("event", visit_id),
        ("visit", out[0]),
    ]


def test_a_push_naming_more_visits_than_it_may_lock_runs_alone(pg_live: Live) -> None:
    username = pg_live.user()
    visit_id = create_visit(pg_live.supervisor(), username)
    pusher = pg_live.login(username)
    many = [str(uuid.uuid4()) for _ in range(feed.MOST_VISIT_LOCKS + 1)]
    with pg_live.app.state.sessionmaker() as session, write_transaction(session):
        results = push_events(
            session,
            _principal(pg_live, username),
            [EventIn(**e) for v in many for e in _notes(v, count=1)],
            datetime.now(UTC),
        )
        assert {r.code for r in results} == {"visit_not_found"}
        thread, out = _in_background(lambda: pusher.push(*_notes(visit_id)))
        _wait_until_waiting(pg_live, {"advisory"}, "SELECT count(CASE WHEN k IS NULL")
    thread.join(timeout=60)
    assert not thread.is_alive()
    _seqs(out[0])


ROUNDS = 8


def test_pushes_from_threads_and_worker_processes_reach_the_reader_in_order(
    pg_live: Live, tmp_path: Path
) -> None:
    """Pushes on their own visits and on one shared visit, through this process's server
    and a two-worker `main.py server` on the same database, beside a supervisor creating
    visits: a technician following the feed sees every change once, in order, and the
    derived rows equal a rebuild from the events."""
    supervisor = pg_live.supervisor()
    username = pg_live.user()
    env = {
        "FIELDAPP_DATABASE_URL": pg_live.settings.database_url,
        "FIELDAPP_ARGON2_TIME_COST": "1",
        "FIELDAPP_ARGON2_MEMORY_KIB": "1024",
    }
    args = ["--data-dir", str(tmp_path / "workers"), "--workers", "2"]
    with server_process(args, free_port(), env, timeout=60) as workers:
        remote = workers.base_url + "/api/v1"
        pushers = [pg_live.login(username) for _ in range(3)]
        for _ in range(3):  # keep-alive: each stays with the worker it first reached
            token = pg_live.login(username).token
            pushers.append(Client(remote, username, token))
        own = [create_visit(supervisor, username) for _ in pushers]
        shared = create_visit(supervisor, username)
        puller = pg_live.login(username)
        done = threading.Event()
        seen: list[int] = []
        errors: list[BaseException] = []

        def push(index: int) -> Callable[[], None]:
            def run() -> None:
                for round_ in range(ROUNDS):
                    at = T0 + timedelta(minutes=round_)
                    visit_id = own[index] if round_ % 2 else shared
                    notes = [
                        event(visit_id, EventType.NOTE, {"text": f"{index}.{round_}.{n}"}, at=at)
                        for n in range(3)
                    ]
                    _seqs(pushers[index].push(*notes))

            return run

        def create() -> None:
            for _ in range(ROUNDS):
                create_visit(supervisor, username)

        def pull() -> None:
            cursor = 0
            while True:
                finished = done.is_set()  # read before the page: a last page after the end
                page = puller.changes(cursor, limit=7)
                seen.extend(c["seq"] for c in page["changes"])
                cursor = page["next_cursor"]
                if finished and not page["has_more"]:
                    return
                if not page["changes"]:
                    time.sleep(0.002)

        def write_all() -> None:
            try:
                run_threads([push(i) for i in range(len(pushers))] + [create], errors)
            finally:
                done.set()

        run_threads([write_all, pull], errors)
        for client in pushers[3:]:
            client.close()

    assert errors == []
    with pg_live.db() as session:
        technician = session.scalars(select(User.id).where(User.username == username)).one()
        committed = session.scalars(
            select(ChangeLog.seq).where(ChangeLog.technician_id == technician)
        ).all()
        on_shared = session.scalars(
            select(EventRecord.id).where(EventRecord.visit_id == shared)
        ).all()
    assert len(committed) == len(own) + 1 + ROUNDS + len(pushers) * ROUNDS * 3
    assert seen == sorted(committed)  # all of them, each once, in order
    assert len(on_shared) == len(pushers) * ROUNDS // 2 * 3
    pushed = snapshot(pg_live)
    rebuild_from_events(pg_live)
    assert snapshot(pg_live) == pushed


def test_the_pages_carried_by_concurrent_pushes_never_skip_a_change(pg_live: Live) -> None:
    """Pushes asking for the feed's page beside their answer (a push sync: the page read
    after the push commits, without a transaction of its own on PostgreSQL), on their own
    visits and on one shared visit, while a supervisor creates visits: every pusher that
    follows the feed by the carried pages alone (the feed asked only while has_more) sees
    every change once, in order, and each carried page holds its own push's events."""
    supervisor = pg_live.supervisor()
    username = pg_live.user()
    pushers = [pg_live.login(username) for _ in range(4)]
    own = [create_visit(supervisor, username) for _ in pushers]
    shared = create_visit(supervisor, username)
    seen: list[list[int]] = [[] for _ in pushers]
    cursors = [0] * len(pushers)
    errors: list[BaseException] = []

    def push(index: int) -> Callable[[], None]:
        def run() -> None:
            client = pushers[index]
            for round_ in range(ROUNDS):
                visit_id = own[index] if round_ % 2 else shared
                response = client.post(
                    "/sync/events",
                    json={"events": _notes(visit_id, tag=f"{index}.{round_}.")},
                    params={"cursor": cursors[index], "limit": 5},
                )
                assert response.status_code == 200, response.text
                answer = response.json()
                page = answer["feed"]
                mine = set(_seqs(answer["results"]))
                while True:
                    seen[index].extend(c["seq"] for c in page["changes"])
                    cursors[index] = page["next_cursor"]
                    if not page["has_more"]:
                        break
                    page = client.changes(cursors[index], limit=5)
                assert mine <= set(seen[index])  # the push's echo came with it

        return run

    def create() -> None:
        for _ in range(ROUNDS):
            create_visit(supervisor, username)

    run_threads([push(i) for i in range(len(pushers))] + [create], errors)
    assert errors == []
    with pg_live.db() as session:
        technician = session.scalars(select(User.id).where(User.username == username)).one()
        committed = sorted(
            session.scalars(select(ChangeLog.seq).where(ChangeLog.technician_id == technician))
        )
    for index, client in enumerate(pushers):
        rest = client.all_changes(cursors[index], limit=5)
        assert seen[index] + [c["seq"] for c in rest] == committed  # each once, in order
