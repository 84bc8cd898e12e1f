"""Import figures: a 5,000-row CSV visit import, and how long a technician's push waits meanwhile.

Run: .venv/bin/python benchmarks/import_benchmark.py [--rows 5000] [--repeat 3] [--no-postgres]

For each backend (SQLite file, then a throwaway PostgreSQL) the server runs as a real
process (`main.py server`) on 127.0.0.1. A supervisor posts the CSV (rows assigned round-
robin to 20 technicians); meanwhile another technician pushes one event every 50 ms, from
just before the import starts until it has answered. Printed: the import's time, and the
pushes sent during it with their worst and median answer times and HTTP statuses.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.domain import EventType  # noqa: E402
from fieldapp.protocol import Role, VisitCreate  # noqa: E402
from fieldapp.server.admin import add_user  # noqa: E402
from fieldapp.server.app import create_app  # noqa: E402
from fieldapp.server.db import write_transaction  # noqa: E402
from fieldapp.server.dispatch import create_visit  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from tests.support.postgres import running_postgres  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"
TECHNICIANS = 20
PUSH_EVERY = 0.05
T0 = datetime(2030, 3, 11, 8, 0, tzinfo=UTC)
COLUMNS = (
    "reference,customer_name,contact_phone,contact_email,site,building,floor,room,"
    "window_start,window_end,estimated_minutes,priority,category,problem,assignee"
)


def seed(url: str, data_dir: Path) -> str:
    """Users (a supervisor, the technicians, the pusher) and the pusher's visit; its id."""
    settings = ServerSettings(
        data_dir=data_dir, database_url=url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    app = create_app(settings)
    try:
        with app.state.sessionmaker() as session, write_transaction(session):
            hasher = app.state.passwords
            add_user(session, "boss", PASSWORD, Role.SUPERVISOR, "Boss", passwords=hasher)
            for n in range(TECHNICIANS):
                add_user(session, f"tech{n}", PASSWORD, Role.TECHNICIAN, passwords=hasher)
            add_user(session, "kyra", PASSWORD, Role.TECHNICIAN, "Kyra", passwords=hasher)
            visit = create_visit(
                session,
                VisitCreate(
                    reference="KYRA-1",
                    customer_name="Kyra's customer",
                    window_start=T0,
                    window_end=T0 + timedelta(hours=1),
                    assignee="kyra",
                ),
                datetime.now(UTC),
            )
            return visit.id
    finally:
        app.state.engine.dispose()


def csv_text(rows: int, run: int) -> str:
    lines = [COLUMNS]
    for n in range(rows):
        start = T0 + timedelta(days=n // 200, minutes=30 * (n % 16))
        lines.append(
            f"IMP-{run}-{n:05d},Customer {n},+33 1 23 45 {n % 100:02d},user{n}@example.com,"
            f"HQ,B{n % 3},{n % 12},R{n % 40},{start.isoformat()},"
            f"{(start + timedelta(hours=1)).isoformat()},30,normal,hardware,"
            f"Printer {n} jams on every second page,tech{n % TECHNICIANS}"
        )
    return "\n".join(lines) + "\n"


def login(api: str, username: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(f"{api}/auth/login", json={"username": username, "password": PASSWORD})
    answer.raise_for_status()
    http.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return http


class Pusher(threading.Thread):
    """Pushes one note every PUSH_EVERY seconds until stopped; records each answer."""

    def __init__(self, api: str, visit_id: str) -> None:
        super().__init__(daemon=True)
        self.http = login(api, "kyra")
        self.api = api
        self.visit_id = visit_id
        self.stop = threading.Event()
        self.answers: list[tuple[float, float, int]] = []  # sent at, seconds, status

    def run(self) -> None:
        while not self.stop.is_set():
            event = {
                "id": str(uuid.uuid4()),
                "visit_id": self.visit_id,
                "type": EventType.NOTE.value,
                "occurred_at": datetime.now(UTC).isoformat(),
                "payload": {"text": "still here"},
            }
            sent = time.perf_counter()
            answer = self.http.post(f"{self.api}/sync/events", json={"events": [event]})
            took = time.perf_counter() - sent
            ok = answer.status_code == 200 and answer.json()["results"][0]["status"] == "accepted"
            self.answers.append((sent, took, answer.status_code if ok else -answer.status_code))
            self.stop.wait(PUSH_EVERY)


@contextlib.contextmanager
def database(backend: str, work: Path) -> Iterator[str]:
    if backend == "SQLite":
        yield f"sqlite:///{work / 'server.sqlite3'}"
        return
    with running_postgres() as server:
        yield server.create_database("import_bench")


def measure(backend: str, rows: int, repeat: int) -> list[tuple[float, int, float, float, str]]:
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="fieldapp-import-") as scratch,
        database(backend, Path(scratch)) as url,
    ):
        visit_id = seed(url, Path(scratch))
        env = {"FIELDAPP_DATABASE_URL": url}
        with server_process(["--data-dir", scratch], free_port(), env) as server:
            api = f"{server.base_url}/api/v1"
            supervisor = login(api, "boss")
            for run in range(repeat):
                body = csv_text(rows, run).encode()
                pusher = Pusher(api, visit_id)
                pusher.start()
                time.sleep(0.2)  # a few pushes before, for their baseline
                started = time.perf_counter()
                answer = supervisor.post(
                    f"{api}/visits/import", data=body, headers={"Content-Type": "text/csv"}
                )
                ended = time.perf_counter()
                pusher.stop.set()
                pusher.join()
                if answer.status_code != 201 or answer.json()["created"] != rows:
                    raise RuntimeError(f"import failed: {answer.status_code} {answer.text[:300]}")
                during = [
                    (took, status)
                    for sent, took, status in pusher.answers
                    if sent + took >= started and sent <= ended
                ]
                waits = [took for took, _ in during]
                statuses = sorted({status for _, status in during})
                results.append(
                    (
                        ended - started,
                        len(during),
                        max(waits, default=0.0),
                        statistics.median(waits) if waits else 0.0,
                        ",".join(str(s) for s in statuses) or "-",
                    )
                )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    backends = ["SQLite"] + ([] if args.no_postgres else ["PostgreSQL"])
    print(f"\nPOST /visits/import of {args.rows} CSV rows, a push every {PUSH_EVERY * 1000:.0f} ms")
    print(
        f"{'backend':11} {'run':>3} {'import':>8} {'pushes':>7} {'worst push':>11} "
        f"{'median push':>12} {'statuses':>9}"
    )
    for backend in backends:
        for run, (took, pushes, worst, median, statuses) in enumerate(
            measure(backend, args.rows, args.repeat), 1
        ):
            print(
                f"{backend:11} {run:3d} {took:7.2f}s {pushes:7d} {worst * 1000:9.0f}ms "
                f"{median * 1000:10.0f}ms {statuses:>9}"
            )


if __name__ == "__main__":
    main()
