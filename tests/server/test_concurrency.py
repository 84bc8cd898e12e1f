"""Concurrent writers while a technician pulls: every committed change is seen exactly once,
and pushes on one visit each count the others' events."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.server.models import ChangeLog, User
from fieldapp.server.models_facts import VisitFacts
from tests.server.helpers import T0, Live, create_visit, event

WRITER_ROUNDS = 12


def run_threads(targets: list[Callable[[], None]], errors: list[BaseException]) -> None:
    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        return run

    threads = [threading.Thread(target=guarded(t)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)


def test_puller_sees_every_change_of_concurrent_writers(live: Live) -> None:
    username = live.user()
    supervisors = [live.supervisor() for _ in range(3)]
    pushers = [live.login(username) for _ in range(5)]
    puller = live.login(username)
    # The last two pushers share the third one's visit: pushes on one visit take turns.
    visits = [create_visit(supervisors[0], username) for _ in range(3)]
    visits += [visits[2], visits[2]]
    writers_done = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def create_visits(index: int) -> Callable[[], None]:
        def run() -> None:
            for _ in range(WRITER_ROUNDS):
                create_visit(supervisors[index], username)

        return run

    def push_notes(index: int) -> Callable[[], None]:
        def run() -> None:
            for round_ in range(WRITER_ROUNDS):
                at = T0 + timedelta(minutes=round_)
                notes = [
                    event(visits[index], EventType.NOTE, {"text": f"note {round_}.{i}"}, at=at)
                    for i in range(3)
                ]
                results = pushers[index].push(*notes)
                assert {r["status"] for r in results} == {"accepted"}

        return run

    def pull() -> None:
        cursor = 0
        while True:
            done = writers_done.is_set()  # read before the page: a last page after the end
            page = puller.changes(cursor, limit=5)
            seen.extend(c["seq"] for c in page["changes"])
            cursor = page["next_cursor"]
            if done and not page["has_more"]:
                return
            if not page["changes"]:
                time.sleep(0.002)

    def write_all() -> None:
        try:
            run_threads(
                [create_visits(i) for i in range(3)] + [push_notes(i) for i in range(len(pushers))],
                errors,
            )
        finally:
            writers_done.set()

    run_threads([write_all, pull], errors)

    assert errors == []
    with live.db() as session:
        technician = session.scalars(select(User.id).where(User.username == username)).one()
        committed = session.scalars(
            select(ChangeLog.seq).where(ChangeLog.technician_id == technician)
        ).all()
        shared = session.get_one(VisitFacts, visits[2])
    expected = 3 + 3 * WRITER_ROUNDS + len(pushers) * WRITER_ROUNDS * 3
    assert len(committed) == expected
    assert seen == sorted(committed)  # all of them, each once, in order
    assert shared.event_count == 3 * WRITER_ROUNDS * 3  # each push counted the others'
