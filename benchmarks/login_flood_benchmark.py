"""Login flood figures: the server's memory growth and a logged-in user's GET /me latency
while 40 clients send logins for unknown usernames.

Run: .venv/bin/python benchmarks/login_flood_benchmark.py [--clients 40] [--seconds 10]
     [--concurrency N] [--queue N]

The server runs as a real process (`main.py server`, uvicorn, embedded SQLite) with the
production argon2 cost (64 MiB a hash). Two floods:

- burst: the 40 logins at once, once, all from one address;
- sustained: the 40 clients each send login after login for `--seconds`, every attempt
  from a fresh address (X-Forwarded-For, which uvicorn trusts from 127.0.0.1), so the
  throttle never steps in and the hashing gate alone bounds the work;
- for comparison, the same 40 clients sending GET /info (no login at all) for `--seconds`:
  what a plain request flood alone does to the bystander.

Meanwhile a logged-in supervisor asks GET /me in a loop. The server's resident memory is
sampled from /proc every 10 ms (Linux). `--concurrency`/`--queue` set the gate's size
(FIELDAPP_LOGIN_HASH_CONCURRENCY/_QUEUE) to compare with other sizes.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.protocol import API_PREFIX, Role  # noqa: E402
from fieldapp.server.admin import add_user, admin_session  # noqa: E402
from fieldapp.server.security import Passwords  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

PASSWORD = "bench-password"
MIB = 1024 * 1024


def rss_bytes(pid: int) -> int:
    resident_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


@dataclass
class Observed:
    """What one flood did: the server's memory, the bystander's /me times, the answers."""

    baseline_rss: int = 0
    peak_rss: int = 0
    me_seconds: list[float] = field(default_factory=list)  # those asked during the flood
    statuses: Counter[int] = field(default_factory=Counter)
    elapsed: float = 0.0


def bystander(url: str, token: str, flooding: Any, done: Any, results: Any) -> None:
    """Ask GET /me every 50 ms until `done`; put the times of those asked while `flooding`.

    Runs in a process of its own, so the flood's client threads never hold its GIL.
    """
    seconds = []
    with requests.Session() as http:
        http.headers["Authorization"] = f"Bearer {token}"
        while not done.is_set():
            during = flooding.is_set()
            started = time.perf_counter()
            http.get(url, timeout=60).raise_for_status()
            if during:
                seconds.append(time.perf_counter() - started)
            time.sleep(0.05)
    results.put(seconds)


def observe(pid: int, base_url: str, token: str, flood: Callable[[], Counter[int]]) -> Observed:
    """Run `flood` while sampling the server's RSS and timing the bystander's /me."""
    seen = Observed(baseline_rss=rss_bytes(pid))
    seen.peak_rss = seen.baseline_rss
    context = multiprocessing.get_context("spawn")
    flooding, done, results = context.Event(), context.Event(), context.Queue()
    watcher = context.Process(
        target=bystander, args=(f"{base_url}{API_PREFIX}/me", token, flooding, done, results)
    )
    watcher.start()
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            seen.peak_rss = max(seen.peak_rss, rss_bytes(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    time.sleep(2)  # the bystander's process starts and logs its first answers
    flooding.set()
    started = time.perf_counter()
    seen.statuses = flood()
    seen.elapsed = time.perf_counter() - started
    done.set()
    sampling.set()
    seen.me_seconds = results.get(timeout=120)
    watcher.join()
    sampler.join()
    return seen


def login(http: requests.Session, url: str, username: str, address: str | None) -> int:
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"username": username, "password": "not-the-password"}
    return http.post(url, json=body, headers=headers, timeout=120).status_code


def burst(base_url: str, clients: int) -> Callable[[], Counter[int]]:
    url = f"{base_url}{API_PREFIX}/auth/login"

    def run() -> Counter[int]:
        gate = threading.Barrier(clients)

        def one(n: int) -> int:
            with requests.Session() as http:
                gate.wait()
                return login(http, url, f"burst-{n}", None)

        with ThreadPoolExecutor(clients) as pool:
            return Counter(pool.map(one, range(clients)))

    return run


def info(http: requests.Session, url: str, _username: str, _address: str | None) -> int:
    return http.get(url.replace("/auth/login", "/info"), timeout=120).status_code


def sustained(
    base_url: str, clients: int, seconds: float, send: Callable[..., int] = login
) -> Callable[[], Counter[int]]:
    url = f"{base_url}{API_PREFIX}/auth/login"
    names = itertools.count()

    def run() -> Counter[int]:
        deadline = time.monotonic() + seconds

        def client(_: int) -> Counter[int]:
            statuses: Counter[int] = Counter()
            with requests.Session() as http:
                while time.monotonic() < deadline:
                    n = next(names)
                    address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
                    statuses[send(http, url, f"flood-{n}", address)] += 1
            return statuses

        with ThreadPoolExecutor(clients) as pool:
            return sum(pool.map(client, range(clients)), Counter())

    return run


def idle(seconds: float) -> Callable[[], Counter[int]]:
    def run() -> Counter[int]:
        time.sleep(seconds)
        return Counter()

    return run


def row(name: str, seen: Observed, clients: int) -> str:
    growth = (seen.peak_rss - seen.baseline_rss) / MIB
    me = sorted(seen.me_seconds) or [0.0]
    p95 = me[min(len(me) - 1, round(0.95 * (len(me) - 1)))]
    answers = ", ".join(f"{count} x {status}" for status, count in sorted(seen.statuses.items()))
    return (
        f"| {name}, {clients} clients, {seen.elapsed:.1f} s | {seen.baseline_rss / MIB:.0f} MiB "
        f"| {growth:.0f} MiB | {statistics.median(me) * 1000:.0f} / {p95 * 1000:.0f} / "
        f"{me[-1] * 1000:.0f} ms | {len(seen.me_seconds)} | {answers} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, help="hashes at once (server default: 2)")
    parser.add_argument("--queue", type=int, help="logins waiting (server default: 16)")
    args = parser.parse_args()
    env = {"FIELDAPP_DATABASE_URL": ""}
    if args.concurrency is not None:
        env["FIELDAPP_LOGIN_HASH_CONCURRENCY"] = str(args.concurrency)
    if args.queue is not None:
        env["FIELDAPP_LOGIN_HASH_QUEUE"] = str(args.queue)
    with tempfile.TemporaryDirectory(prefix="fieldapp-flood-") as scratch:
        data_dir = Path(scratch) / "server"
        settings = ServerSettings(data_dir=data_dir, database_url="")
        with admin_session(settings) as session:
            add_user(
                session, "boss", PASSWORD, Role.SUPERVISOR, "Boss", passwords=Passwords(settings)
            )
        port = free_port()
        with server_process(["--data-dir", str(data_dir)], port, env) as server:
            pid = server.process.pid
            answer = requests.post(
                f"{server.base_url}{API_PREFIX}/auth/login",
                json={"username": "boss", "password": PASSWORD},
                timeout=60,
            )
            answer.raise_for_status()
            token = answer.json()["token"]
            rows = [
                row("none (control)", observe(pid, server.base_url, token, idle(args.seconds)), 0),
                row(
                    "burst",
                    observe(pid, server.base_url, token, burst(server.base_url, args.clients)),
                    args.clients,
                ),
                row(
                    "sustained",
                    observe(
                        pid,
                        server.base_url,
                        token,
                        sustained(server.base_url, args.clients, args.seconds),
                    ),
                    args.clients,
                ),
                row(
                    "for comparison: sustained GET /info, no login",
                    observe(
                        pid,
                        server.base_url,
                        token,
                        sustained(server.base_url, args.clients, args.seconds, info),
                    ),
                    args.clients,
                ),
            ]
    print(
        "| flood | server RSS before | RSS growth (peak) | /me median / p95 / worst "
        "| /me asked | login answers |"
    )
    print("|---|---|---|---|---|---|")
    for line in rows:
        print(line)
    print(f"\nload average (1, 5, 15 min) at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
