"""Sync figures: initial sync of 10,000 visits x 5 events beside its floors; no-op sync; push.

Run: .venv/bin/python benchmarks/sync_benchmark.py [--visits 10000] [--repeat 3] [--plain]
     [--page-size N] [--keep DIR]

The server runs as a real process on 127.0.0.1; the laptop side runs here, as in the app: the
app's page size, an encrypted cache (unless --plain), each initial sync on a fresh laptop.
The floors (benchmarks/sync_floor.py) decode the very pages the sync received and write the
same rows, each in a fresh process with the collector paused as the sync pauses it. Every
figure is printed with the one-minute load average at the time it was taken; the scratch
folder is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import load_now, machine_load, scratch_folder  # noqa: E402

from fieldapp.domain import EventType  # noqa: E402
from fieldapp.paths import resolve_paths  # noqa: E402
from fieldapp.protocol import EventIn, Role, VisitCreate  # noqa: E402
from fieldapp.server.admin import add_user  # noqa: E402
from fieldapp.server.app import create_app  # noqa: E402
from fieldapp.server.db import write_transaction  # noqa: E402
from fieldapp.server.dispatch import create_visit  # noqa: E402
from fieldapp.server.push import push_events  # noqa: E402
from fieldapp.server.security import Principal  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from fieldapp.store import open_store  # noqa: E402
from fieldapp.store.cipher import new_cache_key  # noqa: E402
from fieldapp.store.recording import record_event  # noqa: E402
from fieldapp.sync import ServerClient, SyncEngine, TokenStore, log_in  # noqa: E402
from fieldapp.ui.connection import APP_PAGE_SIZE  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"
T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
STEPS: list[tuple[EventType, dict[str, object]]] = [
    (EventType.CONFIRMED, {"channel": "email", "message": "Confirmed for tomorrow 8:00"}),
    (EventType.ARRIVED, {"greeting_done": True}),
    (
        EventType.PERMISSION_GRANTED,
        {"granted_by": "User", "explanation": "Check the driver", "expected_minutes": 20},
    ),
    (
        EventType.DIAGNOSED,
        {"user_perspective": "Slow", "source_category": "software", "findings": "Old driver"},
    ),
    (EventType.NOTE, {"text": "Printer on floor 3 needs toner soon"}),
]


def seed_server(data_dir: Path, visits: int) -> None:
    settings = ServerSettings(data_dir=data_dir, argon2_time_cost=1, argon2_memory_kib=1024)
    app = create_app(settings)
    sessions = app.state.sessionmaker
    with sessions() as session, write_transaction(session):
        user = add_user(
            session, "kyra", PASSWORD, Role.TECHNICIAN, "Kyra", passwords=app.state.passwords
        )
        principal = Principal(user.id, user.username, user.full_name, Role.TECHNICIAN)
        ids = []
        for n in range(visits):
            start = T0 + timedelta(minutes=15 * (n % 40), days=n // 40)
            visit = create_visit(
                session,
                VisitCreate(
                    reference=f"INC-{n:06d}",
                    customer_name=f"Customer {n}",
                    site="HQ",
                    building=f"B{n % 3}",
                    floor=str(n % 12),
                    room=f"Desk {n % 90}",
                    window_start=start,
                    window_end=start + timedelta(minutes=45),
                    problem="The printer prints blank pages since this morning's update.",
                    already_tried="Turned it off and on again.",
                    assignee="kyra",
                ),
                T0,
            )
            ids.append(visit.id)
    batch: list[EventIn] = []
    for visit_id in ids:
        for offset, (kind, payload) in enumerate(STEPS):
            batch.append(
                EventIn(
                    id=str(uuid.uuid4()),
                    visit_id=visit_id,
                    type=kind,
                    occurred_at=T0 + timedelta(minutes=offset),
                    payload=payload,
                )
            )
            if len(batch) == 500:
                with sessions() as session, write_transaction(session):
                    push_events(session, principal, batch, T0)
                batch = []
    if batch:
        with sessions() as session, write_transaction(session):
            push_events(session, principal, batch, T0)
    app.state.engine.dispose()


def fetch_raw_pages(base_url: str, token: str, limit: int) -> list[bytes]:
    pages: list[bytes] = []
    cursor = 0
    with requests.Session() as http:
        http.headers["Authorization"] = f"Bearer {token}"
        while True:
            answer = http.get(
                f"{base_url}/api/v1/sync/changes",
                params={"cursor": cursor, "limit": limit},
                timeout=60,
            )
            answer.raise_for_status()
            pages.append(answer.content)
            body = answer.json()
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return pages


class BenchKeyring:
    """The keyring's three calls in memory: the token store needs somewhere to keep a token."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


def fresh_floor(pages_dir: Path, db_path: Path, mode: str, key: bytes | None) -> dict[str, float]:
    """One floor, in its own fresh process (benchmarks/sync_floor.py)."""
    db_path.unlink(missing_ok=True)
    command = [sys.executable, str(ROOT / "benchmarks" / "sync_floor.py"), str(pages_dir)]
    command += [str(db_path), mode] + ([key.hex()] if key else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def initial_sync(base_url: str, laptop: Path, page_size: int, key: bytes | None) -> Measured:
    """Log a fresh laptop in and time its first sync (wall, and this process's CPU)."""
    store = open_store(resolve_paths(laptop).ensure(), key)
    client = ServerClient(base_url, timeout=(5, 120))
    try:
        log_in(store, client, TokenStore(BenchKeyring()), "kyra", PASSWORD)
        engine = SyncEngine(store, client, page_size=page_size)
        wall, cpu = time.perf_counter(), time.process_time()
        summary = engine.sync()
        measured = Measured(time.perf_counter() - wall, time.process_time() - cpu, load_now())
        assert summary.pulled > 0, summary
        return measured
    finally:
        client.close()
        store.dispose()


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float
    load: str


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--push", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3, help="initial syncs and floor runs")
    parser.add_argument(
        "--page-size", type=int, default=APP_PAGE_SIZE, help="changes per page (the app's)"
    )
    parser.add_argument("--plain", action="store_true", help="a plain cache (the app encrypts)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    with scratch_folder("fieldapp-bench-", args.keep) as work:
        run(work, args)


def run(work: Path, args: argparse.Namespace) -> None:
    server_dir = work / "server"
    key = None if args.plain else new_cache_key()
    print(f"seeding {args.visits} visits x {len(STEPS)} events ...", file=sys.stderr)
    started = time.perf_counter()
    seed_server(server_dir, args.visits)
    print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    port = free_port()
    with server_process(["--data-dir", str(server_dir)], port) as server:
        syncs = [
            initial_sync(server.base_url, work / f"laptop-{n}", args.page_size, key)
            for n in range(args.repeat)
        ]
        paths = resolve_paths(work / "laptop-0")
        store = open_store(paths, key)
        client = ServerClient(server.base_url, timeout=(5, 120))
        answer = log_in(store, client, TokenStore(BenchKeyring()), "kyra", PASSWORD)
        engine = SyncEngine(store, client, page_size=args.page_size)
        engine.sync()

        pages_dir = work / "pages"
        pages_dir.mkdir()
        for number, page in enumerate(
            fetch_raw_pages(server.base_url, answer.token, args.page_size)
        ):
            (pages_dir / f"page-{number:05d}.json").write_bytes(page)

        noop, noop_cpu = [], []
        for _ in range(20):
            started, cpu = time.perf_counter(), time.process_time()
            engine.sync()
            noop.append(time.perf_counter() - started)
            noop_cpu.append(time.process_time() - cpu)
        noop_load = load_now()

        with store.session() as session, session.begin():
            visit_ids = [
                row[0]
                for row in session.execute(
                    text("SELECT id FROM visits LIMIT :n"),
                    {"n": args.push},
                )
            ]
        now = datetime.now(UTC)
        for n in range(args.push):
            with store.session() as session, session.begin():
                record_event(
                    session,
                    visit_ids[n % len(visit_ids)],
                    EventType.NOTE,
                    {"text": f"Note {n}"},
                    author="kyra",
                    now=now,
                )
        started, cpu = time.perf_counter(), time.process_time()
        pushed = engine.sync()
        push_time = time.perf_counter() - started
        push_cpu = time.process_time() - cpu
        push_load = load_now()
        assert pushed.pushed == args.push, pushed
        client.close()
        store.dispose()

    floors: dict[str, list[Measured]] = {"honest": [], "physical": []}
    for _ in range(args.repeat):
        for mode, runs in floors.items():
            figures = fresh_floor(pages_dir, work / f"floor-{mode}.sqlite3", mode, key)
            runs.append(Measured(figures["wall"], figures["cpu"], load_now()))

    best = min(syncs, key=lambda m: m.wall)
    honest = min(floors["honest"], key=lambda m: m.wall)
    physical = min(floors["physical"], key=lambda m: m.wall)
    changes = args.visits * (1 + len(STEPS))
    cache = "plain" if args.plain else "encrypted"
    print()
    print(f"{machine_load()} at the end; pages of {args.page_size:,} changes; {cache} cache")
    print("| figure | wall | laptop CPU | goal | load (1 min) |")
    print("|---|---|---|---|---|")
    print(
        f"| initial sync, {args.visits:,} visits x {len(STEPS)} events ({changes:,} changes), "
        f"best of {len(syncs)} (median wall {statistics.median(m.wall for m in syncs):.2f} s) "
        f"| {best.wall:.2f} s | {best.cpu:.2f} s | within 2x of the honest floor | {best.load} |"
    )
    print(
        f"| honest floor: fresh process, orjson, {cache} cache, WAL + full fsync, one "
        f"transaction (best of {len(floors['honest'])}) | {honest.wall:.2f} s "
        f"| {honest.cpu:.2f} s | | {honest.load} |"
    )
    print(
        f"| physical floor: fresh process, orjson, raw executemany, no journal, no fsync "
        f"| {physical.wall:.2f} s | {physical.cpu:.2f} s | | {physical.load} |"
    )
    print(
        f"| ratio initial sync / honest floor | {best.wall / honest.wall:.2f}x "
        f"| {best.cpu / honest.cpu:.2f}x | <= 2x | |"
    )
    print(
        f"| ratio initial sync / physical floor | {best.wall / physical.wall:.2f}x "
        f"| {best.cpu / physical.cpu:.2f}x | | |"
    )
    print(
        f"| no-op incremental sync (median of 20) | {statistics.median(noop) * 1000:.1f} ms "
        f"| {statistics.median(noop_cpu) * 1000:.1f} ms | < 20 ms | {noop_load} |"
    )
    print(
        f"| push of {args.push:,} events (one sync: push + echo) | {push_time * 1000:.0f} ms "
        f"| {push_cpu * 1000:.0f} ms | < 0.5 s | {push_load} |"
    )


if __name__ == "__main__":
    main()
