"""Upload memory: the server's RSS growth while six technicians each upload a 49 MB file at once.

Run: .venv/bin/python benchmarks/upload_memory_benchmark.py [--parallel 6] [--mb 49] [--postgres]

The server runs as a real process (`main.py server`, SQLite unless --postgres) on
127.0.0.1; its resident set size is read from /proc every 10 ms (Linux) from before the
uploads start until the last one has answered, then again while the same files are
downloaded in parallel. Growth = peak RSS during the transfers - RSS just before them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.protocol import Role  # noqa: E402
from fieldapp.server.admin import add_user  # noqa: E402
from fieldapp.server.app import create_app  # noqa: E402
from fieldapp.server.db import write_transaction  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from tests.support.postgres import running_postgres  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"
MB = 1024 * 1024


def rss(pid: int) -> int:
    """The process's resident set size in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc status")


class Sampler(threading.Thread):
    """Records the peak RSS of `pid` until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = rss(pid)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, rss(self.pid))
            self.stop.wait(0.01)


def seed(url: str, data_dir: Path, technicians: int) -> None:
    settings = ServerSettings(
        data_dir=data_dir, database_url=url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    app = create_app(settings)
    try:
        with app.state.sessionmaker() as session, write_transaction(session):
            for n in range(technicians):
                add_user(
                    session, f"tech{n}", PASSWORD, Role.TECHNICIAN, passwords=app.state.passwords
                )
    finally:
        app.state.engine.dispose()


def login(api: str, username: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(f"{api}/auth/login", json={"username": username, "password": PASSWORD})
    answer.raise_for_status()
    http.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return http


def write_file(path: Path, size: int) -> str:
    """A file of `size` random bytes; its SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        left = size
        while left:
            chunk = os.urandom(min(left, MB))
            digest.update(chunk)
            handle.write(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def measured(pid: int, work: Callable[[], None]) -> tuple[int, int, float]:
    """RSS before `work`, peak RSS during it, and how long it took."""
    before = rss(pid)
    sampler = Sampler(pid)
    sampler.start()
    started = time.perf_counter()
    work()
    took = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    return before, sampler.peak, took


@contextlib.contextmanager
def database(use_postgres: bool, work: Path) -> Iterator[str]:
    if not use_postgres:
        yield f"sqlite:///{work / 'server.sqlite3'}"
        return
    with running_postgres() as server:
        yield server.create_database("upload_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parallel", type=int, default=6)
    parser.add_argument("--mb", type=int, default=49)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    args = parser.parse_args()
    size = args.mb * 1000 * 1000
    with (
        tempfile.TemporaryDirectory(prefix="fieldapp-upload-") as scratch,
        database(args.postgres, Path(scratch)) as url,
    ):
        work = Path(scratch)
        seed(url, work / "server", args.parallel)
        files = []
        for n in range(args.parallel):
            path = work / f"photo-{n}.bin"
            files.append((path, write_file(path, size)))
        env = {"FIELDAPP_DATABASE_URL": url}
        with server_process(["--data-dir", str(work / "server")], free_port(), env) as server:
            api = f"{server.base_url}/api/v1"
            clients = [login(api, f"tech{n}") for n in range(args.parallel)]
            pid = server.process.pid

            def upload(n: int) -> None:
                path, sha = files[n]
                with path.open("rb") as body:
                    answer = clients[n].put(
                        f"{api}/attachments/{sha}",
                        data=body,
                        headers={"Content-Type": "application/octet-stream"},
                    )
                if answer.status_code != 201:
                    raise RuntimeError(f"upload {n}: {answer.status_code} {answer.text[:200]}")

            def download(n: int) -> None:
                sha = files[n][1]
                digest = hashlib.sha256()
                with clients[n].get(f"{api}/attachments/{sha}", stream=True) as answer:
                    answer.raise_for_status()
                    for chunk in answer.iter_content(MB):
                        digest.update(chunk)
                if digest.hexdigest() != sha:
                    raise RuntimeError(f"download {n}: other bytes came back")

            def in_parallel(task: Callable[[int], None]) -> Callable[[], None]:
                def run() -> None:
                    with ThreadPoolExecutor(args.parallel) as pool:
                        list(pool.map(task, range(args.parallel)))

                return run

            rows = [
                ("upload", *measured(pid, in_parallel(upload))),
                ("download", *measured(pid, in_parallel(download))),
            ]
    total = args.parallel * size
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"\n{args.parallel} parallel transfers of {args.mb} MB ({total / MB:.0f} MiB in all), "
        f"server RSS, {backend}"
    )
    print(f"{'transfer':9} {'before':>9} {'peak':>9} {'growth':>9} {'x total':>8} {'time':>7}")
    for name, before, peak, took in rows:
        growth = peak - before
        print(
            f"{name:9} {before / MB:6.0f}MiB {peak / MB:6.0f}MiB {growth / MB:6.0f}MiB "
            f"{growth / total:8.2f} {took:6.1f}s"
        )


if __name__ == "__main__":
    main()
