"""Server capacity: technicians running the real sync loop against a `main.py server` process.

Run: .venv/bin/python benchmarks/server_capacity.py [--technicians 200] [--seconds 30]
     [--interval 0] [--workers 1] [--postgres] [--clients 4] [--visits 20] [--push-every 1]
     [--worker-cpu FRACTION] [--pg-statements TOP]

The server runs as a real process (`main.py server`, `--workers N`) on 127.0.0.1, on a
database seeded with `--technicians` technicians holding `--visits` visits each (Core bulk
inserts and the feed's own `visits_added`, as an import leaves them). The load comes from
`--clients` separate processes, each running its share of the technicians in threads, one
`requests.Session` each (keep-alive, gzip, the laptop's version headers), doing what the
laptop's sync does: log in once, then in a loop POST /sync/events with a few notes on one of
its visits (after GET /info only if the server's last info did not say it checks the
laptop's versions itself: an older server, see `--server-root`), asking for the feed's page
from its cursor beside the answer, then GET /sync/changes from the cursor reached only while
has_more (every page from a server that carries none: an older one), with
X-FieldApp-Sync-State, as the laptop asks it (fieldapp.sync.engine; docs/sync.md, "A push
sync: one request");
`--push-every N` pushes on every Nth loop only, the others being the no-op sync (one feed
request).

- closed loop (`--interval 0`, the default): each technician starts its next sync as soon as
  the last one answered: the server's capacity;
- open loop (`--interval 30`): each technician syncs every 30 s (its first at a random
  moment of the first interval): a realistic load, its latencies.

Prints sync loops and requests per second, the server's CPU per request (utime + stime of
the server process and its workers, from /proc, over the measured window: less sensitive to
other load on the machine than the latencies), p50/p99/max per endpoint, and the machine's
load. The latencies are measured by the clients, which share the machine's cores with the
server: on 2 cores they include the clients' own queueing.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import random
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import insert, text
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import machine_load, scratch_folder  # noqa: E402
from server_watch import (  # noqa: E402
    LockSampler,
    StatementStats,
    WorkerCaps,
    cpu_of,
    cpu_seconds,
    database,
    pin,
    print_statements,
    profile,
    worker_pids,
)

from fieldapp import __version__, protocol  # noqa: E402
from fieldapp.protocol import CLIENT_VERSION_HEADER, Role  # noqa: E402
from fieldapp.protocol.common import (  # noqa: E402
    KNOWLEDGE_HEADER,
    SERVER_INFO_HEADER,
    SYNC_STATE_HEADER,
)
from fieldapp.server import feed  # noqa: E402
from fieldapp.server.admin import add_user  # noqa: E402
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction  # noqa: E402
from fieldapp.server.migrate import upgrade_engine  # noqa: E402
from fieldapp.server.models import Assignment, Visit  # noqa: E402
from fieldapp.server.security import Passwords  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"
# Logins are not what is measured: a cheap argon2 keeps 1,000 of them from taking minutes.
CHEAP_ARGON2 = {"FIELDAPP_ARGON2_TIME_COST": "1", "FIELDAPP_ARGON2_MEMORY_KIB": "1024"}
APP_PAGE_SIZE = 1000  # what the laptop asks for (fieldapp.sync.engine)
EVENTS_PER_PUSH = 3


def seed(url: str, data_dir: Path, technicians: int, per_technician: int) -> None:
    settings = ServerSettings(
        data_dir=data_dir, database_url=url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    engine = make_engine(settings.database_url)
    upgrade_engine(engine)
    passwords = Passwords(settings)
    now = datetime.now(UTC)
    today = datetime.combine(now.date(), dtime(8), tzinfo=UTC)
    visits: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    owners: list[tuple[int, str]] = []
    with make_sessionmaker(engine)() as session, write_transaction(session):
        add_user(session, "boss", PASSWORD, Role.SUPERVISOR, "Boss", passwords=passwords)
        for n in range(technicians):
            name = f"tech{n:04d}"
            tech = add_user(
                session, name, PASSWORD, Role.TECHNICIAN, f"Tech {n}", passwords=passwords
            ).id
            for slot in range(per_technician):
                start = today + timedelta(days=slot // 8, minutes=45 * (slot % 8))
                visit_id = str(uuid.uuid4())
                visits.append(
                    {
                        "id": visit_id,
                        "reference": f"INC-{len(visits):07d}",
                        "customer_name": f"Customer {len(visits)}",
                        "contact_phone": "", "contact_email": "", "contact_extension": "",
                        "site": "HQ", "building": "B1", "floor": str(slot % 9),
                        "room": f"{slot}", "window_start": start,
                        "window_end": start + timedelta(minutes=60),
                        "estimated_minutes": 30, "priority": "normal", "category": "",
                        "problem": "Printer jam", "already_tried": "", "business_impact": "",
                        "skill_level": "", "incident_ref": "", "incident_summary": "",
                        "coordinator": "", "backup_technician": "", "assignee_id": tech,
                        "status": "scheduled", "created_at": now, "updated_at": now,
                    }
                )  # fmt: skip
                assignments.append(
                    {"visit_id": visit_id, "technician_id": tech, "assigned_at": now}
                )
                owners.append((tech, visit_id))
        for table, rows in ((Visit, visits), (Assignment, assignments)):
            for chunk in range(0, len(rows), 5000):
                session.execute(insert(table), rows[chunk : chunk + 5000])
        feed.visits_added(session, owners, now)
    if engine.dialect.name == "postgresql":
        # The tables' statistics, as autovacuum gathers them on a real server within a
        # minute of such a load: without them the knowledge version's past fixes were
        # planned as a scan of every visit at the technician's sites (2.4 ms a sync, all
        # 4,000 visits being at one site here) instead of the completed ones by index.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    engine.dispose()


class Technician:
    """One laptop's sync loop on its own HTTP session."""

    def __init__(self, api: str, username: str) -> None:
        self.api = api
        self.username = username
        self.http = requests.Session()
        # As the laptop's session: a keep-alive connection the server closed while idle (the
        # wait before the window) is retried, not counted as an error (pushes are idempotent).
        retry = Retry(
            total=3,
            connect=3,
            read=3,
            status=0,
            allowed_methods=None,
            respect_retry_after_header=False,  # the login gate's 503s are retried below
            raise_on_status=False,
        )
        self.http.mount("http://", HTTPAdapter(max_retries=retry))
        self.http.headers[CLIENT_VERSION_HEADER] = __version__
        self.http.headers[protocol.API_VERSION_HEADER] = str(protocol.API_VERSION)
        self.http.headers[protocol.INFO_SHAPE_HEADER] = str(protocol.INFO_SHAPE)
        self.checks = False  # the server's last info said it checks the versions itself
        self.cursor = 0
        self.visits: list[str] = []
        self.turn = 0
        self.knowledge: str | None = None  # the knowledge snapshot's version last fetched

    def login(self) -> None:
        body = {"username": self.username, "password": PASSWORD}
        while True:  # the login gate answers 503 when its queue is full: try again
            response = self.http.post(f"{self.api}/auth/login", json=body, timeout=60)
            if response.status_code != 503:
                break
            time.sleep(random.uniform(0.05, 0.3))
        response.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {response.json()['token']}"

    def sync(self, record: list[tuple[str, float, float, int]], *, push: bool = True) -> None:
        """One sync as the laptop's engine does it (fieldapp.sync.engine, docs/sync.md):
        with notes to send, GET /info (unless the server said it checks the versions), then
        push them (a few notes on one visit), asking for the feed's page after the cursor
        beside the answer; then pull the pages after it while has_more (or every page, from
        a server that carried none: an older one), asking for the sync's state beside the
        pages (SYNC_STATE_HEADER); GET /sync/knowledge only when the version told changed.
        Without notes to send (`push` False: the no-op sync) the pull is all."""
        page: dict[str, Any] | None = None
        told = None
        if push and self.visits:
            page, told = self._push(record)
        while True:
            if page is None:
                started = time.perf_counter()
                response = self.http.get(
                    f"{self.api}/sync/changes",
                    params={"cursor": self.cursor, "limit": APP_PAGE_SIZE},
                    headers={SYNC_STATE_HEADER: "1"},
                    timeout=120,
                )
                took = time.perf_counter() - started
                record.append(("feed", started, took, response.status_code))
                if response.status_code != 200:
                    return
                self._told(response)
                page = response.json()
                told = response.headers.get(KNOWLEDGE_HEADER)
            for change in page["changes"]:
                if change["kind"] == "visit" and change["visit_id"] not in self.visits:
                    self.visits.append(change["visit_id"])
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                break
            page = None
        if told is None or told != self.knowledge:
            started = time.perf_counter()
            params = {"known": self.knowledge} if self.knowledge else None
            response = self.http.get(f"{self.api}/sync/knowledge", params=params, timeout=120)
            took = time.perf_counter() - started
            record.append(("knowledge", started, took, response.status_code))
            if response.status_code == 200:
                self.knowledge = told

    def _push(
        self, record: list[tuple[str, float, float, int]]
    ) -> tuple[dict[str, Any] | None, str | None]:
        """Push a few notes; the feed's page the answer carried (None: none, as from an older
        server) and the knowledge version told beside it."""
        if not self.checks:
            started = time.perf_counter()
            # As the engine asks it: without the login (ServerClient.info, auth=False).
            response = self.http.get(
                f"{self.api}/info", headers={"Authorization": None}, timeout=60
            )
            record.append(("info", started, time.perf_counter() - started, response.status_code))
        visit_id = self.visits[self.turn % len(self.visits)]
        self.turn += 1
        now = datetime.now(UTC).isoformat()
        events = [
            {
                "id": str(uuid.uuid4()),
                "visit_id": visit_id,
                "type": "note",
                "occurred_at": now,
                "payload": {"text": f"Checked the printer ({self.turn}.{n})"},
            }
            for n in range(EVENTS_PER_PUSH)
        ]
        started = time.perf_counter()
        response = self.http.post(
            f"{self.api}/sync/events",
            json={"events": events},
            params={"cursor": self.cursor, "limit": APP_PAGE_SIZE},
            headers={SYNC_STATE_HEADER: "1"},
            timeout=120,
        )
        record.append(("push", started, time.perf_counter() - started, response.status_code))
        if response.status_code != 200:
            return None, None
        self._told(response)
        answer = response.json()
        statuses = {r["status"] for r in answer["results"]}
        if statuses != {"accepted"}:
            record.append(("push refused", started, 0.0, 0))
        return answer.get("feed"), response.headers.get(KNOWLEDGE_HEADER)

    def _told(self, response: requests.Response) -> None:
        """Note whether the info told beside an answer says the server checks the versions."""
        told = response.headers.get(SERVER_INFO_HEADER)
        self.checks = told is not None and '"checks_versions":true' in told


def _client(
    api: str,
    names: list[str],
    out: Any,
    *,
    ready: Any,
    start: Any,
    seconds: float,
    interval: float,
    push_every: int,
) -> None:
    """A load process: its technicians in threads; each counts itself `ready` once logged in
    and synced, then waits for the parent's `start` (perf_counter is the system's monotonic
    clock, the same in every process); sends back what each request took."""
    record: list[tuple[str, float, float, int]] = []
    loops = [0]
    lock = threading.Lock()

    def run(name: str) -> None:
        technician = Technician(api, name)
        technician.login()
        technician.sync([], push=False)  # the initial download, before the measured window
        mine: list[tuple[str, float, float, int]] = []
        done = 0
        with ready.get_lock():
            ready.value += 1
        while not start.value:
            time.sleep(0.05)
        start_at, stop_at = start.value, start.value + seconds
        time.sleep(max(0.0, start_at - time.perf_counter()))
        next_at = start_at + (random.uniform(0, interval) if interval else 0.0)
        while True:
            if interval:
                time.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += interval
            if time.perf_counter() >= stop_at:
                break
            technician.sync(mine, push=done % push_every == 0)
            done += 1
        with lock:
            record.extend(mine)
            loops[0] += done

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((loops[0], record))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(args: argparse.Namespace) -> None:
    with (
        scratch_folder("fieldapp-capacity-") as work,
        database(args.postgres, work, statements=bool(args.pg_statements)) as (url, postgres_pid),
    ):
        started = time.perf_counter()
        seed(url, work / "server", args.technicians, args.visits)
        print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        env = {"FIELDAPP_DATABASE_URL": url, **CHEAP_ARGON2, **dict(args.env)}
        server_args = ["--data-dir", str(work / "server"), "--workers", str(args.workers)]
        program = None
        if args.server_root is not None:  # A/B: the server of another checkout
            program = [sys.executable, str(args.server_root / "main.py")]
            env["PYTHONPATH"] = str(args.server_root)
        if args.pin_server:  # the server and its workers on these cores only
            root = args.server_root or ROOT
            program = ["taskset", "-c", args.pin_server, sys.executable, str(root / "main.py")]
        if args.pin_rest and postgres_pid is not None:  # its backends are forked later
            pin(postgres_pid, args.pin_rest)
        caps = WorkerCaps(args.worker_cpu, args.worker_cpu_period) if args.worker_cpu else None
        with (
            server_process(server_args, free_port(), env, timeout=60, program=program) as server,
            contextlib.ExitStack() as cleanup,
        ):
            if caps is not None:
                cleanup.callback(caps.remove)
                caps.cap(worker_pids(server.process.pid, args.workers))
            api = f"{server.base_url}/api/v1"
            names = [f"tech{n:04d}" for n in range(args.technicians)]
            context = multiprocessing.get_context("fork")
            out = context.Queue()
            ready, start = context.Value("i", 0), context.Value("d", 0.0)
            timing = {
                "seconds": args.seconds,
                "interval": args.interval,
                "push_every": args.push_every,
            }
            clients = [
                context.Process(
                    target=_client,
                    args=(api, names[n :: args.clients], out),
                    kwargs={"ready": ready, "start": start, **timing},
                )
                for n in range(args.clients)
            ]
            for client in clients:
                client.start()
                if args.pin_rest:
                    pin(client.pid, args.pin_rest)
            # Every technician logs in and downloads its visits before the window opens.
            while ready.value < args.technicians:
                time.sleep(0.1)
            start_at = time.perf_counter() + 1.0
            stop_at = start_at + args.seconds
            start.value = start_at
            time.sleep(max(0.0, start_at - time.perf_counter()))
            sampler = LockSampler(url) if args.postgres and args.lock_sample else None
            statements = StatementStats(url) if args.postgres and args.pg_statements else None
            if statements is not None:
                statements.reset()
            others = {"PostgreSQL": [postgres_pid] if postgres_pid else []}
            others["load generators"] = [client.pid for client in clients if client.pid]
            cpu_before, load_before = cpu_seconds(server.process.pid), machine_load()
            throttled_before = caps.throttled() if caps is not None else (0, 0, 0.0)
            others_before = {k: cpu_of(pids) for k, pids in others.items()}
            if sampler is not None:
                sampler.start()
            spy = profile(server.process.pid, args.profile, args.seconds)
            time.sleep(max(0.0, stop_at - time.perf_counter()))
            cpu_after = cpu_seconds(server.process.pid)
            throttled = caps.throttled() if caps is not None else (0, 0, 0.0)
            throttled = tuple(a - b for a, b in zip(throttled, throttled_before, strict=True))
            others_cpu = {k: cpu_of(pids) - others_before[k] for k, pids in others.items()}
            if sampler is not None:
                sampler.stop()
            statement_rows = statements.take() if statements is not None else []
            user = cpu_after[0] - cpu_before[0]
            cpu = user + cpu_after[1] - cpu_before[1]
            load_after = machine_load()
            if spy is not None:
                spy.wait()
            loops, record = 0, []
            for _ in clients:
                done, part = out.get()
                loops += done
                record.extend(part)
            for client in clients:
                client.join()
    measured = [r for r in record if start_at <= r[1] < stop_at and r[0] != "push refused"]
    refused = sum(1 for r in record if r[0] == "push refused")
    requests_done = len(measured)
    mode = f"every {args.interval:g} s" if args.interval else "closed loop"
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"\n{args.technicians} technicians, {mode}, {args.seconds:g} s, {backend}, "
        f"{args.workers} worker(s), {args.clients} client processes"
    )
    print(f"machine: at start {load_before}; at end {load_after}")
    if args.worker_cpu:
        periods, out_of_quota, waited = throttled
        period_ms = args.worker_cpu_period
        print(
            f"each worker capped at {args.worker_cpu:g} of a core (cgroup cpu quota): out of "
            f"its quota in {out_of_quota} of {periods} periods of {period_ms} ms, "
            f"{waited / args.seconds:.2f} s a second waiting for the next period"
        )
    print(
        f"sync loops {loops / args.seconds:.1f}/s, requests {requests_done / args.seconds:.1f}/s, "
        f"server CPU {cpu / args.seconds:.2f} cores, "
        f"{cpu / max(1, requests_done) * 1000:.2f} ms CPU per request, "
        f"{cpu / max(1, loops) * 1000:.2f} ms per sync loop, "
        f"{loops / max(cpu, 1e-9):.1f} loops per CPU-second "
        f"({user / max(cpu, 1e-9):.0%} of it in user space)"
    )
    print(f"{'endpoint':10} {'count':>7} {'p50':>9} {'p99':>9} {'max':>9} {'errors':>7}")
    for endpoint in ("info", "push", "feed", "knowledge"):
        rows = [r for r in measured if r[0] == endpoint]
        if not rows:
            continue
        times = [r[2] for r in rows]
        errors = sum(1 for r in rows if r[3] != 200)
        print(
            f"{endpoint:10} {len(rows):7d} {statistics.median(times) * 1000:7.1f}ms "
            f"{_percentile(times, 0.99) * 1000:7.1f}ms {max(times) * 1000:7.1f}ms {errors:7d}"
        )
    if refused:
        print(f"pushes with an event not accepted: {refused}")
    loops_done = max(1, loops)
    parts = [f"server {cpu / loops_done * 1000:.2f}"]
    parts += [f"{k} {v / loops_done * 1000:.2f}" for k, v in others_cpu.items() if others[k]]
    total = cpu + sum(others_cpu.values())
    print(
        f"CPU per sync loop: {', '.join(parts)}, all {total / loops_done * 1000:.2f} ms "
        f"({total / args.seconds:.2f} cores busy for this run)"
    )
    if statement_rows:
        print_statements(statement_rows, loops, args.pg_statements)
    if sampler is not None and sampler.samples:
        held = sampler.locked / sampler.samples
        pushes = sum(1 for r in measured if r[0] == "push")
        per_push = held * args.seconds / max(1, pushes)
        print(
            f"feed counter locked {held:.0%} of {sampler.samples} samples: "
            f"{per_push * 1000:.2f} ms per push ({pushes / args.seconds:.1f} pushes/s; "
            f"the lock alone allows {1 / max(per_push, 1e-9):.0f}/s); "
            f"connections waiting for a lock: {sampler.waiting / sampler.samples:.2f} on average"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--technicians", type=int, default=200)
    parser.add_argument("--visits", type=int, default=20, help="visits per technician")
    parser.add_argument("--seconds", type=float, default=30.0, help="the measured window")
    parser.add_argument("--interval", type=float, default=0.0, help="0: closed loop")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=4, help="load-generating processes")
    parser.add_argument(
        "--push-every",
        type=int,
        default=1,
        help="push on every Nth sync loop; the others are no-op syncs (one feed request)",
    )
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    parser.add_argument(
        "--lock-sample",
        action="store_true",
        help="PostgreSQL: sample how often the feed counter is locked (pgrowlocks)",
    )
    parser.add_argument(
        "--pg-statements",
        type=int,
        default=0,
        metavar="TOP",
        help="PostgreSQL: its statements over the window (pg_stat_statements), the TOP most",
    )
    parser.add_argument(
        "--worker-cpu",
        type=float,
        metavar="FRACTION",
        help="each server worker in a cgroup of its own capped at FRACTION of a core (root)",
    )
    parser.add_argument(
        "--worker-cpu-period",
        type=int,
        default=100,
        metavar="MS",
        help="with --worker-cpu: the cgroup's period, in ms (the quota is FRACTION of it)",
    )
    parser.add_argument("--pin-server", help="cores for the server and its workers: 1, 0-1")
    parser.add_argument("--pin-rest", help="cores for PostgreSQL and the load generators")
    parser.add_argument(
        "--server-root", type=Path, help="run the server of this checkout (an A/B comparison)"
    )
    parser.add_argument(
        "--profile", type=Path, help="py-spy's collapsed stacks of the server to this file"
    )
    parser.add_argument(
        "--env",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="an environment variable for the server (e.g. FIELDAPP_PROFILE_DIR)",
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
