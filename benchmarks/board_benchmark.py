"""Board figure: GET /board for 50 technicians over 30 days (~20,000 visits) over HTTP.

Run: .venv/bin/python benchmarks/board_benchmark.py [--technicians 50] [--days 30]
     [--per-day 14] [--postgres] [--repeat 7]

The server runs as a real process (`main.py server`, uvicorn) on 127.0.0.1. The data is
seeded with Core bulk inserts shaped as the push path leaves it: each visit, its assignment
and, for visits already worked, its visit_facts row (past days mostly completed, some
escalated or still open, today's in progress). Prints the time of each request to its last
byte, decompressed (the first one cold, then the median and worst of the others), the
server process's CPU per request (median; gzip included), the visits (or CSV rows) in the
answer, its size and its size on the wire (gzip: requests asks for it, as the laptop's
client does), and the machine's load. The exports of visits and metrics over the same days
are timed the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import machine_load  # noqa: E402

from fieldapp.protocol import Role  # noqa: E402
from fieldapp.server.admin import add_user  # noqa: E402
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction  # noqa: E402
from fieldapp.server.migrate import upgrade_engine  # noqa: E402
from fieldapp.server.models import Assignment, Visit  # noqa: E402
from fieldapp.server.models_facts import VisitFacts  # noqa: E402
from fieldapp.server.security import Passwords  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from tests.support.postgres import running_postgres  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"


def _facts(start: datetime, now: datetime, rng: random.Random) -> dict[str, Any] | None:
    if start > now:
        return None if rng.random() < 0.7 else _row("confirmed", start, confirmed=True)
    roll = rng.random()
    if start.date() == now.date() and roll < 0.5:
        return _row("working", start, arrivals=1, permission=True, confirmed=True)
    if roll < 0.85:
        done = start + timedelta(minutes=40)
        return _row(
            "completed",
            start,
            arrivals=1,
            permission=True,
            confirmed=rng.random() < 0.8,
            completed_at=done,
            satisfaction=rng.choice([1, 2, 3, 4, 4, 5, 5, 5]),
        )
    if roll < 0.92:
        return _row("escalated", start, arrivals=1, permission=True, escalated=True)
    return None  # never reached: overdue


def _row(step: str, start: datetime, **kw: Any) -> dict[str, Any]:
    completed_at = kw.get("completed_at")
    return {
        "step": step,
        "confirmed_in_advance": kw.get("confirmed", False),
        "arrivals": kw.get("arrivals", 0),
        "permission_recorded": kw.get("permission", False),
        "demonstrated": completed_at is not None,
        "demonstration_impossible": False,
        "completed_at": completed_at,
        "completed_on": completed_at.date() if completed_at else None,
        "escalated_at": start + timedelta(minutes=30) if kw.get("escalated") else None,
        "first_visit_resolution": completed_at is not None,
        "satisfaction": kw.get("satisfaction"),
        "event_count": 6,
        "last_event_at": start,
        "last_event_received_at": start + timedelta(minutes=45),
    }


def seed(url: str, data_dir: Path, technicians: int, days: int, per_day: int) -> int:
    settings = ServerSettings(
        data_dir=data_dir, database_url=url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    engine = make_engine(settings.database_url)
    upgrade_engine(engine)
    passwords = Passwords(settings)
    rng = random.Random(7)
    now = datetime.now(UTC)
    first_day = (now - timedelta(days=days - 2)).date()
    visits, facts, assignments = [], [], []
    with make_sessionmaker(engine)() as session, write_transaction(session):
        add_user(session, "boss", PASSWORD, Role.SUPERVISOR, "Boss", passwords=passwords)
        ids = [
            add_user(
                session, f"tech{n:03d}", PASSWORD, Role.TECHNICIAN, f"Tech {n:03d}",
                passwords=passwords,
            ).id
            for n in range(technicians)
        ]  # fmt: skip
        for tech in ids:
            for day in range(days):
                base = datetime.combine(first_day + timedelta(days=day), dtime(8), tzinfo=UTC)
                for slot in range(per_day):
                    start = base + timedelta(minutes=35 * slot)
                    visit_id = str(uuid.uuid4())
                    visits.append(
                        {
                            "id": visit_id,
                            "reference": f"INC-{len(visits):07d}",
                            "customer_name": f"Customer {len(visits)}",
                            "contact_phone": "", "contact_email": "", "contact_extension": "",
                            "site": rng.choice(["HQ", "Annex", "Depot"]),
                            "building": "B1", "floor": str(slot % 9), "room": f"{slot}.{day}",
                            "window_start": start, "window_end": start + timedelta(minutes=60),
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
                    row = _facts(start, now, rng)
                    if row is not None:
                        facts.append({"visit_id": visit_id, **row})
        for table, rows in ((Visit, visits), (Assignment, assignments), (VisitFacts, facts)):
            for chunk in range(0, len(rows), 5000):
                session.execute(insert(table), rows[chunk : chunk + 5000])
    engine.dispose()
    return len(visits)


def server_cpu(pid: int) -> float:
    """The CPU seconds (user and system) the server process has used so far; 0.0 where /proc
    is missing (not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(
    session: requests.Session, url: str, params: dict[str, Any], repeat: int, pid: int
) -> list[Any]:
    """First and median/worst of the other requests (each to the last byte, decompressed),
    the median of the server's CPU per request (its process, gzip included: on a loaded
    machine, the figure to compare), the visits in the answer, its size and its size on the
    wire."""
    times, cpu, size, wire, visits = [], [], 0, 0, 0
    for _ in range(repeat):
        used = server_cpu(pid)
        started = time.perf_counter()
        response = session.get(url, params=params, timeout=60, stream=True)
        raw = response.raw.read(decode_content=False)
        gzipped = response.headers.get("Content-Encoding") == "gzip"
        body = zlib.decompress(raw, wbits=31) if gzipped else raw
        times.append(time.perf_counter() - started)
        cpu.append(server_cpu(pid) - used)
        answer = json.loads(body) if url.endswith(("/board", "/metrics", "/daily")) else None
        response.raise_for_status()
        size, wire = len(body), len(raw)
        if answer is None:  # a CSV export: its data rows
            visits = body.count(b"\n") - 1
        elif "days" in answer:  # the daily series: visits completed over its days
            visits = sum(day["completions"] for day in answer["days"])
        else:
            people = answer["technicians"]
            visits = sum(
                len(t["visits"]) if "visits" in t else t["metrics"]["visits"] for t in people
            )
    rest = times[1:] or times
    return [
        times[0],
        statistics.median(rest),
        max(rest),
        statistics.median(cpu[1:] or cpu),
        visits,
        size,
        wire,
    ]


@contextlib.contextmanager
def database(use_postgres: bool, work: Path) -> Iterator[str]:
    if not use_postgres:
        yield f"sqlite:///{work / 'server' / 'server.sqlite3'}"
        return
    with running_postgres() as server:
        yield server.create_database("board_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--technicians", type=int, default=50)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=14)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    parser.add_argument(
        "--server-root", type=Path, help="run the server of this checkout (an A/B comparison)"
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="fieldapp-board-") as scratch,
        database(args.postgres, Path(scratch)) as url,
    ):
        work = Path(scratch)
        started = time.perf_counter()
        total = seed(url, work / "server", args.technicians, args.days, args.per_day)
        print(f"seeded {total} visits in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        port = free_port()
        env = {"FIELDAPP_DATABASE_URL": url}
        program = None
        if args.server_root is not None:  # A/B: the server of another checkout
            program = [sys.executable, str(args.server_root / "main.py")]
            env["PYTHONPATH"] = str(args.server_root)
        with server_process(
            ["--data-dir", str(work / "server")], port, env, program=program
        ) as server:
            api = f"{server.base_url}/api/v1"
            http = requests.Session()
            login = http.post(f"{api}/auth/login", json={"username": "boss", "password": PASSWORD})
            login.raise_for_status()
            http.headers["Authorization"] = f"Bearer {login.json()['token']}"
            today = datetime.now(UTC).date()
            month = {
                "date_from": str(today - timedelta(days=args.days - 2)),
                "date_to": str(today + timedelta(days=1)),
            }
            cases = [
                (f"{args.days} days, all technicians", {**month, "limit": args.technicians}),
                ("today, all technicians", {"date_from": str(today), "date_to": str(today)}),
                (f"{args.days} days, overdue only", {**month, "status": "overdue"}),
                (f"{args.days} days, page of 10", {**month, "limit": 10}),
                (f"{args.days} days, metrics", None),
                (f"{args.days} days, daily series, Paris days", None),
                (f"{args.days} days, export of visits (CSV)", None),
                (f"{args.days} days, export of metrics (CSV)", None),
            ]
            endpoints = {
                f"{args.days} days, metrics": ("/metrics", month),
                f"{args.days} days, daily series, Paris days": (
                    "/metrics/daily",
                    {**month, "tz": "Europe/Paris"},
                ),
                f"{args.days} days, export of visits (CSV)": ("/export/visits.csv", month),
                f"{args.days} days, export of metrics (CSV)": ("/export/metrics.csv", month),
            }
            rows = []
            for name, params in cases:
                path, query = endpoints.get(name, ("/board", params))
                pid = server.process.pid
                rows.append([name, *timed(http, f"{api}{path}", query, args.repeat, pid)])
            http.close()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"\nGET /board over HTTP, {backend}, {total} visits, {args.technicians} technicians")
    print(f"machine: {machine_load()}")
    print(
        f"{'request':40} {'first':>8} {'median':>8} {'worst':>8} {'srv CPU':>8} {'visits':>7} "
        f"{'bytes':>10} {'on wire':>10}"
    )
    for name, first, median, worst, cpu, visits, size, wire in rows:
        print(
            f"{name:40} {first * 1000:7.0f}ms {median * 1000:7.0f}ms {worst * 1000:7.0f}ms "
            f"{cpu * 1000:6.0f}ms {visits:7d} {size:10d} {wire:10d}"
        )


if __name__ == "__main__":
    main()
