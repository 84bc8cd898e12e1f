"""Pushes a second from one and from two processes on PostgreSQL, and the feed counter's share.

Run: .venv/bin/python benchmarks/push_scaling.py [--seconds 20] [--processes 1 2]
     [--technicians 40] [--code DIR] [--pin 0 1]

No HTTP and no load generators: each process is a server worker's push path alone
(`push_events` in a write transaction: 3 notes on one of its technicians' visits, in a
loop) on a throwaway PostgreSQL seeded as server_capacity.py seeds it. Per push it records
the wall time, the thread's CPU time, and how long the feed counter's row was held: from
the answer of the first statement naming `seq_counter` to the end of the commit. It prints pushes a
second for each number of processes, and the share of a push's wall time under the
counter's lock: the lock alone allows 1/hold pushes a second, so with a core per process
two processes give at most min(2, 1/(hold x one process's pushes/s)) times one (Amdahl).
`--code DIR` runs another checkout's fieldapp (an A/B comparison); `--pin` keeps process
N on core N (of the list).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _code_root() -> Path:
    for n, arg in enumerate(sys.argv):
        if arg == "--code" and n + 1 < len(sys.argv):
            return Path(sys.argv[n + 1]).resolve()
    return HERE.parent


sys.path.insert(0, str(_code_root()))  # fieldapp from the checkout measured
sys.path.insert(1, str(HERE))

from bench_kit import machine_load, scratch_folder  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from fieldapp.protocol import EventIn, Role  # noqa: E402
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction  # noqa: E402
from fieldapp.server.models import User, Visit  # noqa: E402
from fieldapp.server.push import push_events  # noqa: E402
from fieldapp.server.security import Principal  # noqa: E402

EVENTS_PER_PUSH = 3


def _worker(
    url: str, mine: list[tuple[Principal, list[str]]], out: Any, start: Any, seconds: float
) -> None:
    """One process pushing for its technicians in turn until the window closes; sends back
    (wall, held, cpu) per push made inside the window."""
    engine = make_engine(url)
    held_from = threading.local()

    @event.listens_for(engine, "after_cursor_execute")
    def _first_counter_statement(*args: Any) -> None:
        # Once it has answered, the statement holds the lock (waiting for it is not holding).
        if getattr(held_from, "at", None) is None and "seq_counter" in args[2]:
            held_from.at = time.perf_counter()

    factory = make_sessionmaker(engine)
    records: list[tuple[float, float, float]] = []
    while not start.value:
        time.sleep(0.01)
    begin, end = start.value, start.value + seconds
    time.sleep(max(0.0, begin - time.perf_counter()))
    turn = 0
    with factory() as session:
        while time.perf_counter() < end:
            user, visits = mine[turn % len(mine)]
            visit_id = visits[turn // len(mine) % len(visits)]
            turn += 1
            now = datetime.now(UTC)
            events = [
                EventIn(
                    id=str(uuid.uuid4()),
                    visit_id=visit_id,
                    type="note",
                    occurred_at=now,
                    payload={"text": f"Checked the printer ({turn}.{n})"},
                )
                for n in range(EVENTS_PER_PUSH)
            ]
            held_from.at = None
            started, cpu = time.perf_counter(), time.thread_time()
            with write_transaction(session):
                results = push_events(session, user, events, now)
            done = time.perf_counter()
            assert {r.status for r in results} == {"accepted"}
            records.append(
                (done - started, done - (held_from.at or done), time.thread_time() - cpu)
            )
    engine.dispose()
    out.put(records)


def _technicians(url: str) -> list[tuple[Principal, list[str]]]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        users = session.execute(
            select(User.id, User.username, User.full_name).where(User.role == Role.TECHNICIAN.value)
        ).all()
        visits: dict[int, list[str]] = {}
        for visit_id, assignee in session.execute(select(Visit.id, Visit.assignee_id)):
            visits.setdefault(assignee, []).append(visit_id)
    engine.dispose()
    return [(Principal(i, u, f, Role.TECHNICIAN), visits[i]) for i, u, f in users]


def _run(url: str, processes: int, seconds: float, pin: list[int] | None) -> None:
    technicians = _technicians(url)
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = context.Value("d", 0.0)
    workers = [
        context.Process(target=_worker, args=(url, technicians[n::processes], out, start, seconds))
        for n in range(processes)
    ]
    for n, worker in enumerate(workers):
        worker.start()
        if pin and worker.pid:
            os.sched_setaffinity(worker.pid, {pin[n % len(pin)]})
    load_before = machine_load()
    start.value = time.perf_counter() + 1.0
    records = [r for _ in workers for r in out.get()]
    for worker in workers:
        worker.join()
    walls, held, cpus = ([r[i] for r in records] for i in range(3))
    rate = len(records) / seconds
    hold = statistics.mean(held)
    print(
        f"{processes} process(es): {rate:.1f} pushes/s; per push wall p50 "
        f"{statistics.median(walls) * 1000:.2f} ms, CPU {statistics.mean(cpus) * 1000:.2f} ms, "
        f"counter held {hold * 1000:.2f} ms (p50 {statistics.median(held) * 1000:.2f}) = "
        f"{sum(held) / sum(walls):.0%} of the wall time; the lock alone allows "
        f"{1 / max(hold, 1e-9):.0f} pushes/s ({load_before}; at end {machine_load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--technicians", type=int, default=40)
    parser.add_argument("--visits", type=int, default=20, help="visits per technician")
    parser.add_argument("--code", type=Path, help="the checkout whose fieldapp is measured")
    parser.add_argument("--pin", type=int, nargs="+", help="process N on core pin[N]")
    args = parser.parse_args()
    print(f"fieldapp from {_code_root()}")
    # Imported last: it puts this checkout first on sys.path (fieldapp is imported already).
    from server_capacity import seed
    from server_watch import database

    with (
        scratch_folder("fieldapp-push-scaling-") as work,
        database(True, work) as (url, _),
    ):
        seed(url, work / "server", args.technicians, args.visits)
        for processes in args.processes:
            _run(url, processes, args.seconds, args.pin)


if __name__ == "__main__":
    main()
