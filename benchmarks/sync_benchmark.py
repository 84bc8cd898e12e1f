"""Sync figures: initial sync of 10,000 visits x 5 events beside its floor; no-op sync; push.

Run: .venv/bin/python benchmarks/sync_benchmark.py [--visits 10000] [--keep DIR]

The server runs as a real process on 127.0.0.1; the laptop side runs here, as in the app.
The floor decodes the very same JSON pages and executemany's the same rows into SQLite in
one transaction: what no sync can beat on this machine.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
from fieldapp.store.recording import record_event  # noqa: E402
from fieldapp.sync import ServerClient, SyncEngine, TokenStore, log_in  # noqa: E402
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


def floor_seconds(pages: list[bytes], db_path: Path) -> float:
    """Decode the same pages and executemany the same rows into SQLite in one transaction."""
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    visit_fields: list[str] | None = None
    started = time.perf_counter()
    visit_rows: list[tuple[object, ...]] = []
    event_rows: list[tuple[object, ...]] = []
    for raw in pages:
        page = json.loads(raw)
        for change in page["changes"]:
            if change["kind"] == "visit":
                visit = change["visit"]
                if visit_fields is None:
                    visit_fields = list(visit)
                    columns = ", ".join(f'"{f}"' for f in visit_fields)
                    db.execute(f"CREATE TABLE visits ({columns}, PRIMARY KEY(id))")
                    db.execute(
                        "CREATE TABLE events (id PRIMARY KEY, visit_id, type, occurred_at, "
                        "payload, author, server_seq, received_at)"
                    )
                visit_rows.append(
                    tuple(
                        json.dumps(v) if isinstance(v, dict | list) else v for v in visit.values()
                    )
                )
            elif change["kind"] == "event":
                e = change["event"]
                event_rows.append(
                    (
                        e["id"],
                        e["visit_id"],
                        e["type"],
                        e["occurred_at"],
                        json.dumps(e["payload"]),
                        e["author"],
                        e["server_seq"],
                        e["received_at"],
                    )
                )
    assert visit_fields is not None
    db.execute("BEGIN")
    marks = ", ".join("?" for _ in visit_fields)
    db.executemany(f"INSERT OR REPLACE INTO visits VALUES ({marks})", visit_rows)
    db.executemany("INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event_rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--push", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    server_dir = work / "server"
    print(f"seeding {args.visits} visits x {len(STEPS)} events ...", file=sys.stderr)
    started = time.perf_counter()
    seed_server(server_dir, args.visits)
    print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    class BenchKeyring:
        def __init__(self) -> None:
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.saved.pop((service, username), None)

    port = free_port()
    with server_process(["--data-dir", str(server_dir)], port) as server:
        paths = resolve_paths(work / "laptop").ensure()
        store = open_store(paths)
        client = ServerClient(server.base_url, timeout=(5, 120))
        tokens = TokenStore(BenchKeyring())
        answer = log_in(store, client, tokens, "kyra", PASSWORD)
        engine = SyncEngine(store, client)

        started = time.perf_counter()
        summary = engine.sync()
        initial = time.perf_counter() - started
        assert summary.pulled >= args.visits * (1 + len(STEPS)), summary

        pages = fetch_raw_pages(server.base_url, answer.token, engine.page_size)
        floor = floor_seconds(pages, work / "floor.sqlite3")

        noop = []
        for _ in range(20):
            started = time.perf_counter()
            engine.sync()
            noop.append(time.perf_counter() - started)

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
        started = time.perf_counter()
        pushed = engine.sync()
        push_time = time.perf_counter() - started
        assert pushed.pushed == args.push, pushed
        client.close()
        store.dispose()

    changes = args.visits * (1 + len(STEPS))
    print()
    print("| figure | measured | goal |")
    print("|---|---|---|")
    print(f"| initial sync, {args.visits:,} visits x {len(STEPS)} events ({changes:,} changes) "
          f"| {initial:.2f} s | within 3x of the floor |")  # fmt: skip
    print(f"| floor: decode the same JSON + executemany into SQLite | {floor:.2f} s | |")
    print(f"| ratio initial / floor | {initial / floor:.2f}x | <= 3x |")
    print(f"| no-op incremental sync (median of 20) | {statistics.median(noop) * 1000:.1f} ms "
          f"| < 30 ms |")  # fmt: skip
    print(f"| push of {args.push:,} events (one sync: push + echo) | {push_time * 1000:.0f} ms "
          f"| < 1 s |")  # fmt: skip


if __name__ == "__main__":
    main()
