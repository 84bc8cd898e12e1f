"""The login throttle (per username and address, per address) and the bounded hashing gate."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, text

from fieldapp.server.app import create_app
from fieldapp.server.errors import ApiError
from fieldapp.server.hash_gate import HASHING_NICENESS, HashGate
from fieldapp.server.login import wait_seconds
from fieldapp.server.models_auth import LoginFailure
from tests.server.helpers import Live, cheap_settings
from tests.support.servers import running_uvicorn

FIRST_DELAY = 600
CAP = 3000
# Long enough that no test can outlive a delay by being slow.
THROTTLE = {
    "login_max_failures": 3,
    "login_address_max_failures": 5,
    "login_first_delay_seconds": FIRST_DELAY,
    "login_lockout_seconds": CAP,
    "login_failure_window_seconds": 4 * CAP,
}


@contextmanager
def serving(database_url: str, directory: Path, **overrides: Any) -> Iterator[Live]:
    app = create_app(cheap_settings(directory, database_url, **overrides))
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, app.state.settings)
        try:
            yield live
        finally:
            live.close_clients()


@pytest.fixture
def throttled(database_url: str, tmp_path: Path) -> Iterator[Live]:
    with serving(database_url, tmp_path, **THROTTLE) as live:
        yield live


def attempt(live: Live, username: str, password: str, address: str) -> requests.Response:
    """A login as if from `address` (uvicorn trusts X-Forwarded-For from 127.0.0.1, as it
    would from a reverse proxy there)."""
    return live.anonymous().post(
        "/auth/login",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": address},
    )


def test_waits_start_after_the_allowance_and_double_up_to_the_cap() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)

    def wait(failures: int, ago: int = 0) -> int:
        last = now - timedelta(seconds=ago)
        return wait_seconds(failures, last, allowed=5, first=15, cap=300, now=now)

    assert [wait(n) for n in range(4, 12)] == [0, 15, 30, 60, 120, 240, 300, 300]
    assert wait(6, ago=10) == 20
    assert wait(6, ago=30) == 0
    assert wait(10**6) == 300
    assert wait_seconds(0, None, allowed=1, first=15, cap=300, now=now) == 0


def test_an_attacker_elsewhere_cannot_lock_the_user_out(throttled: Live) -> None:
    username = throttled.user()
    right = "pw-" + username
    for _ in range(THROTTLE["login_max_failures"]):
        assert attempt(throttled, username, "guess", "203.0.113.7").status_code == 401

    at_attacker = attempt(throttled, username, right, "203.0.113.7")
    at_user = attempt(throttled, username, right, "198.51.100.20")

    assert at_attacker.status_code == 429
    assert at_attacker.json()["error"] == "too_many_attempts"
    assert 0 < int(at_attacker.headers["Retry-After"]) <= FIRST_DELAY
    assert at_user.status_code == 200
    # the user's success does not lift the attacker's delay
    assert attempt(throttled, username, right, "203.0.113.7").status_code == 429


def test_refused_attempts_are_neither_checked_nor_counted(throttled: Live) -> None:
    username = throttled.user()
    for _ in range(THROTTLE["login_max_failures"]):
        attempt(throttled, username, "guess", "203.0.113.8")
    gate: HashGate = throttled.app.state.logins.gate
    before = (throttled.count(LoginFailure, LoginFailure.username == username), gate.started)

    for _ in range(3):
        assert attempt(throttled, username, "guess", "203.0.113.8").status_code == 429

    after = (throttled.count(LoginFailure, LoginFailure.username == username), gate.started)
    assert after == before


def test_each_further_failure_doubles_the_wait(throttled: Live) -> None:
    username = throttled.user()
    address = "203.0.113.9"
    waits = []
    for _ in range(THROTTLE["login_max_failures"]):
        attempt(throttled, username, "guess", address)
    for _ in range(3):
        refused = attempt(throttled, username, "guess", address)
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        with throttled.db() as session:  # let the wait pass, then fail once more
            for failure in session.scalars(
                select(LoginFailure).where(LoginFailure.username == username)
            ):
                failure.failed_at -= timedelta(seconds=waits[-1] + 1)
        assert attempt(throttled, username, "guess", address).status_code == 401

    assert FIRST_DELAY / 2 < waits[0] <= FIRST_DELAY
    assert 2 * FIRST_DELAY - FIRST_DELAY / 2 < waits[1] <= 2 * FIRST_DELAY
    assert 4 * FIRST_DELAY - FIRST_DELAY / 2 < waits[2] <= min(CAP, 4 * FIRST_DELAY)


def test_one_address_is_throttled_across_usernames(throttled: Live) -> None:
    known = throttled.user()
    for n in range(THROTTLE["login_address_max_failures"]):
        assert attempt(throttled, f"nobody-{n}", "guess", "192.0.2.50").status_code == 401

    from_there = attempt(throttled, known, "pw-" + known, "192.0.2.50")
    from_elsewhere = attempt(throttled, known, "pw-" + known, "192.0.2.51")

    assert from_there.status_code == 429
    assert int(from_there.headers["Retry-After"]) > 0
    assert from_elsewhere.status_code == 200


def test_an_ipv6_client_counts_as_its_slash_64(throttled: Live) -> None:
    known = throttled.user()
    for n in range(THROTTLE["login_address_max_failures"]):
        host = f"2001:db8:1:2::{n + 1:x}"
        assert attempt(throttled, f"nobody6-{n}", "guess", host).status_code == 401

    same_network = attempt(throttled, known, "pw-" + known, "2001:db8:1:2:ffff::1")
    next_network = attempt(throttled, known, "pw-" + known, "2001:db8:1:3::1")

    assert same_network.status_code == 429
    assert next_network.status_code == 200


@contextmanager
def logins_blocked(live: Live) -> Iterator[None]:
    """Hold the lock a failed login needs to record itself, so checks stay in their slots."""
    with live.db() as session:
        if not live.settings.is_sqlite:  # on SQLite the write transaction holds it already
            session.execute(text("LOCK TABLE login_failures IN EXCLUSIVE MODE"))
        yield


def until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def test_a_login_flood_is_bounded_queued_then_refused(database_url: str, tmp_path: Path) -> None:
    concurrency, queue, flood = 2, 3, 9
    settings = {"login_hash_concurrency": concurrency, "login_hash_queue": queue}
    with serving(database_url, tmp_path, **settings) as live:
        gate: HashGate = live.app.state.logins.gate
        bystander = live.supervisor()  # its /me only reads
        known = live.user()
        usernames = [known] + [f"flood-{n}" for n in range(flood - 1)]
        clients = [live.anonymous() for _ in usernames]
        refusals = flood - concurrency - queue
        with ThreadPoolExecutor(flood) as pool, logins_blocked(live):
            posts: list[Future[requests.Response]] = [
                pool.submit(client.post, "/auth/login", json={"username": name, "password": "x"})
                for client, name in zip(clients, usernames, strict=True)
            ]
            until(lambda: sum(p.done() for p in posts) >= refusals, "the refusals")
            until(lambda: gate.running == concurrency, "the slots taken")
            me = bystander.get("/me")
            waiting = sum(not p.done() for p in posts)
            admitted = gate.admitted
            refused = [p.result() for p in posts if p.done()]

        assert me.status_code == 200  # answered while the logins waited
        assert waiting == admitted == concurrency + queue
        for response in refused:
            assert response.status_code == 503
            assert response.json()["error"] == "server_busy"
            assert int(response.headers["Retry-After"]) >= 1
        results = [p.result().status_code for p in posts]
        assert results.count(401) == concurrency + queue  # the known user's too: same gate
        assert gate.most_running == concurrency
        assert gate.admitted == 0


def test_the_gate_runs_checks_at_low_priority_and_refuses_past_its_bound() -> None:
    gate = HashGate(concurrency=1, queue=0)
    release = threading.Event()

    async def scenario() -> tuple[int, ApiError]:
        def own_niceness() -> int:
            return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

        niceness = await gate.run(own_niceness)
        holding = asyncio.ensure_future(gate.run(lambda: release.wait(60)))
        await asyncio.sleep(0)  # let it take the only place
        with pytest.raises(ApiError) as refused:
            await gate.run(own_niceness)
        release.set()
        assert await holding is True
        return niceness, refused.value

    try:
        niceness, refused = asyncio.run(scenario())
    finally:
        release.set()
        gate.close()

    assert niceness == min(19, os.getpriority(os.PRIO_PROCESS, 0) + HASHING_NICENESS)
    assert refused.status_code == 503
    assert refused.error == "server_busy"
    assert int(refused.headers["Retry-After"]) >= 1
    assert gate.started == 2
    assert gate.admitted == 0
