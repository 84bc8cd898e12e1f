"""A SQLite server's writers take their turns in the order they asked (server.writer_queue)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from fieldapp.server import db
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.writer_queue import WriterQueue


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_waiters_are_served_in_arrival_order() -> None:
    queue = WriterQueue()
    queue.acquire(timeout=5)
    served: list[int] = []
    threads = []
    for n in range(8):
        thread = threading.Thread(target=lambda n=n: _take_turn(queue, n, served))
        thread.start()
        threads.append(thread)
        # The next one asks only once this one waits.
        _wait_for(lambda n=n: len(queue._waiters) == n + 1)
    queue.release()
    for thread in threads:
        thread.join(timeout=10)
    assert served == list(range(8))


def _take_turn(queue: WriterQueue, n: int, served: list[int]) -> None:
    queue.acquire(timeout=10)
    served.append(n)
    queue.release()


def test_a_wait_past_its_bound_is_a_busy_database_and_leaves_the_queue() -> None:
    queue = WriterQueue()
    queue.acquire(timeout=5)
    with pytest.raises(OperationalError, match="database is locked"):
        queue.acquire(timeout=0.05)
    assert not queue._waiters
    queue.release()
    queue.acquire(timeout=0.05)  # free again: taken at once
    queue.release()


def test_sqlite_write_transactions_of_one_process_commit_in_arrival_order(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    sessions = make_sessionmaker(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE turns (n INTEGER)"))
    first_in = threading.Event()
    release_first = threading.Event()

    def first() -> None:
        with sessions() as session, write_transaction(session):
            first_in.set()
            release_first.wait(10)
            session.execute(text("INSERT INTO turns VALUES (0)"))

    def later(n: int) -> None:
        with sessions() as session, write_transaction(session):
            session.execute(text("INSERT INTO turns VALUES (:n)"), {"n": n})

    threads = [threading.Thread(target=first)]
    threads[0].start()
    first_in.wait(10)
    writers = db._WRITERS[engine]
    for n in range(1, 6):
        thread = threading.Thread(target=later, args=(n,))
        thread.start()
        threads.append(thread)
        _wait_for(lambda n=n: len(writers._waiters) == n)
    release_first.set()
    for thread in threads:
        thread.join(timeout=10)
    with engine.connect() as connection:
        order = connection.execute(text("SELECT n FROM turns ORDER BY rowid")).scalars().all()
    engine.dispose()
    assert order == list(range(6))
