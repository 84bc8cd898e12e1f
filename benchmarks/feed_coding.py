"""The initial sync's feed pages on the wire as gzip and as zstd, back to back: the server's CPU
to render and compress them, the laptop's to fetch and inflate them, and the bytes sent.

Run: .venv/bin/python benchmarks/feed_coding.py [--visits 10000] [--rounds 5] [--keep DIR]

The server runs as a real process (`main.py server`, embedded SQLite) seeded as
sync_benchmark.py seeds it (--keep DIR reuses a folder seeded before). The laptop side is the
app's own client (ServerClient.feed_reply, the pages asked as the pull asks them: 1,000
changes, then the app's page size) asking with the Accept-Encoding it sends ("zstd, gzip")
or with gzip alone, alternating round by round; each round reads the whole feed. Server CPU
is its process's user + system time across the round (/proc, 10 ms ticks); laptop CPU is
this process's. The pages' decoding into structs (msgspec) is the same either way and is
left out. Each figure is printed with the one-minute load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import load_now, machine_load, scratch_folder  # noqa: E402
from sync_benchmark import PASSWORD, seed_server  # noqa: E402

from fieldapp.sync import ServerClient  # noqa: E402
from fieldapp.sync.http import accept_encoding  # noqa: E402
from fieldapp.sync.pull_fetch import FIRST_PAGE  # noqa: E402
from fieldapp.ui.connection import APP_PAGE_SIZE  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402

CODINGS = {"zstd": accept_encoding(), "gzip": "gzip"}


def process_cpu(pid: int) -> float:
    """A process's user + system CPU seconds so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_feed(client: ServerClient) -> tuple[int, int, str]:
    """Fetch every page of the feed as the pull asks for them; the pages' bytes as sent and
    as inflated, and the coding they came in."""
    cursor, limit, sent, inflated, codings = 0, FIRST_PAGE, 0, 0, set()
    while True:
        reply = client.feed_reply(cursor, limit)
        response = reply.response
        sent += int(response.headers["Content-Length"])
        inflated += len(reply.body)
        codings.add(response.headers.get("Content-Encoding", "identity"))
        assert reply.next_page is not None, "a server that tells where the feed goes on"
        if not reply.next_page.has_more:
            return sent, inflated, "/".join(sorted(codings))
        cursor, limit = reply.next_page.cursor, APP_PAGE_SIZE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each coding")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    with scratch_folder("fieldapp-coding-", args.keep) as work:
        server_dir = work / "server"
        if not (server_dir / "server.sqlite3").exists():
            print(f"seeding {args.visits} visits ...", file=sys.stderr)
            seed_server(server_dir, args.visits)
        with server_process(["--data-dir", str(server_dir)], free_port()) as server:
            run(server.base_url, server.process.pid, args.rounds)


def run(base_url: str, server_pid: int, rounds: int) -> None:
    http = requests.Session()
    client = ServerClient(base_url, session=http, timeout=(5, 120))
    client.login("kyra", PASSWORD)
    read_feed(client)  # warm: the server's caches, the client's imports
    figures: dict[str, list[tuple[float, float, float, str]]] = {name: [] for name in CODINGS}
    sizes: dict[str, tuple[int, int, str]] = {}
    for _ in range(rounds):
        for name, accept in CODINGS.items():
            http.headers["Accept-Encoding"] = accept
            server_before, cpu, wall = process_cpu(server_pid), time.process_time(), time.time()
            sizes[name] = read_feed(client)
            figures[name].append(
                (
                    process_cpu(server_pid) - server_before,
                    time.process_time() - cpu,
                    time.time() - wall,
                    load_now(),
                )
            )
    client.close()
    print(f"{machine_load()} at the end; {rounds} rounds of each, alternating")
    print(
        "| coding | sent | server CPU (median, min) | laptop CPU (median, min) | wall (median) "
        "| loads |"
    )
    print("|---|---|---|---|---|---|")
    for name, runs in figures.items():
        sent, inflated, codings = sizes[name]
        server_cpu = [run[0] * 1000 for run in runs]
        laptop_cpu = [run[1] * 1000 for run in runs]
        print(
            f"| {name} ({codings}) | {sent / 1e6:.2f} MB of {inflated / 1e6:.1f} MB "
            f"| {statistics.median(server_cpu):.0f} ms, {min(server_cpu):.0f} ms "
            f"| {statistics.median(laptop_cpu):.0f} ms, {min(laptop_cpu):.0f} ms "
            f"| {statistics.median(run[2] for run in runs) * 1000:.0f} ms "
            f"| {' '.join(run[3] for run in runs)} |"
        )


if __name__ == "__main__":
    main()
