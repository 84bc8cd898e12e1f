"""What benchmarks/server_capacity.py watches beside its load: the server's and PostgreSQL's
CPU from /proc, the workers (pinned, or each capped in a cgroup of its own), PostgreSQL's row
locks and statements, and py-spy's samples."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.postgres import running_postgres


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(utime, stime) of `pid` and all its descendants (the workers), from /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[float, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            text = (entry / "stat").read_text()
            fields = text[text.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            stats[int(entry.name)] = (int(fields[11]) / tick, int(fields[12]) / tick)
    user, system, todo = 0.0, 0.0, [pid]
    while todo:
        current = todo.pop()
        user += stats.get(current, (0.0, 0.0))[0]
        system += stats.get(current, (0.0, 0.0))[1]
        todo.extend(children.get(current, []))
    return user, system


def cpu_of(pids: list[int]) -> float:
    """utime + stime of the processes and their descendants."""
    return sum(sum(cpu_seconds(pid)) for pid in pids)


def pin(pid: int, cpus: str) -> None:
    """Keep `pid` (and what it forks from now on) on the cores `cpus` ("0", "0,1", "0-1")."""
    wanted: set[int] = set()
    for part in cpus.split(","):
        first, _, last = part.partition("-")
        wanted.update(range(int(first), int(last or first) + 1))
    os.sched_setaffinity(pid, wanted)


# pg_stat_statements loaded at the cluster's start (--pg-statements), planning timed too.
STATEMENT_STATS = {
    "shared_preload_libraries": "'pg_stat_statements'",
    "pg_stat_statements.track_planning": "on",
}


@contextlib.contextmanager
def database(
    use_postgres: bool, work: Path, *, statements: bool = False
) -> Iterator[tuple[str, int | None]]:
    """The database's URL, and the PostgreSQL server's pid (its CPU is counted too)."""
    if not use_postgres:
        yield f"sqlite:///{work / 'server' / 'server.sqlite3'}", None
        return
    with running_postgres(STATEMENT_STATS if statements else None) as server:
        pid = int((server.datadir / "postmaster.pid").read_text().split()[0])
        yield server.create_database("capacity_bench"), pid


class LockSampler:
    """How often the feed counter's row is locked (pgrowlocks: a writer between its stamp,
    or its lock_counter, and its commit) and how many connections wait for a lock, sampled
    from a connection of its own every `period` seconds over the window (PostgreSQL)."""

    def __init__(self, url: str, period: float = 0.005) -> None:
        import psycopg  # the server's driver; only the PostgreSQL runs need it

        conninfo = url.replace("postgresql+psycopg://", "postgresql://")
        self.connection = psycopg.connect(conninfo, autocommit=True)
        self.connection.execute("CREATE EXTENSION IF NOT EXISTS pgrowlocks")
        self.period = period
        self.samples = self.locked = self.waiting = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.connection.close()

    def _run(self) -> None:
        query = (
            "SELECT (SELECT count(*) FROM pgrowlocks('seq_counter')), (SELECT count(*) FROM "
            "pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')"
        )
        while not self._stop.is_set():
            row = self.connection.execute(query).fetchone()
            assert row is not None
            self.samples += 1
            self.locked += bool(row[0])
            self.waiting += row[1]
            time.sleep(self.period)


class StatementStats:
    """PostgreSQL's own count and time of each statement over the window
    (pg_stat_statements: calls, execution and planning time, by normalised text)."""

    def __init__(self, url: str) -> None:
        import psycopg  # the server's driver; only the PostgreSQL runs need it

        conninfo = url.replace("postgresql+psycopg://", "postgresql://")
        self.connection = psycopg.connect(conninfo, autocommit=True)
        self.connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def reset(self) -> None:
        self.connection.execute("SELECT pg_stat_statements_reset()")

    def take(self) -> list[tuple[str, int, float, float, float]]:
        """(statement, calls, ms executing, ms planning, slowest ms executing) since the
        reset, the most first."""
        rows = self.connection.execute(
            "SELECT query, calls, total_exec_time, total_plan_time, max_exec_time "
            "FROM pg_stat_statements "
            "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND query NOT LIKE '%pg_stat_statements%' "
            "ORDER BY total_exec_time + total_plan_time DESC"
        ).fetchall()
        self.connection.close()
        return [(str(r[0]), int(r[1]), float(r[2]), float(r[3]), float(r[4])) for r in rows]


def print_statements(
    rows: list[tuple[str, int, float, float, float]], loops: int, top: int
) -> None:
    loops = max(1, loops)
    calls = sum(row[1] for row in rows)
    spent = sum(row[2] + row[3] for row in rows)
    print(
        f"PostgreSQL's statements (pg_stat_statements): {calls / loops:.1f} a sync loop, "
        f"{spent / loops * 1000:.0f} us of execution and planning a loop"
    )
    print(
        f"{'calls/loop':>10} {'us/loop':>8} {'us/call':>8} {'planning':>8} {'slowest':>8}"
        "  statement (times: execution and planning, waits for locks and cores included)"
    )
    for query, count, executing, planning, slowest in rows[:top]:
        text = " ".join(query.split())
        text = text if len(text) <= 150 else text[:147] + "..."
        took, per = (executing + planning) * 1000, max(1, count)
        print(
            f"{count / loops:10.2f} {took / loops:8.1f} {took / per:8.1f} "
            f"{planning * 1000 / per:8.1f} {slowest * 1000:8.0f}  {text}"
        )


class WorkerCaps:
    """Each of the server's workers in a cgroup of its own (cgroup v1's cpu controller,
    needs root) capped at `fraction` of a core: in each period (cpu.cfs_period_us, 100 ms
    by default as the kernel's) the worker may run `fraction` of it (cpu.cfs_quota_us).
    With each worker's CPU its own, the workers, not the machine's cores shared with
    PostgreSQL and the load generators, bound the loops a second: what a second worker
    adds where each has a core (`--worker-cpu`). A worker out of its quota stops until the
    next period, whatever locks its requests hold: a shorter period shortens those stops."""

    ROOT = Path("/sys/fs/cgroup/cpu")

    def __init__(self, fraction: float, period_ms: int = 100) -> None:
        if not 0 < fraction <= 1:
            raise SystemExit(f"--worker-cpu takes a fraction of a core (0 < F <= 1): {fraction}")
        if not (self.ROOT / "cgroup.procs").exists() or not os.access(self.ROOT, os.W_OK):
            raise SystemExit(
                f"--worker-cpu needs cgroup v1's cpu controller, writable, at {self.ROOT} "
                "(run as root)"
            )
        if not 1 <= period_ms <= 1000:
            raise SystemExit(f"--worker-cpu-period takes 1 to 1000 ms: {period_ms}")
        self.fraction = fraction
        self.period_us = period_ms * 1000
        self.groups: list[Path] = []

    def cap(self, pids: list[int]) -> None:
        quota = str(int(self.fraction * self.period_us))
        for pid in pids:
            group = self.ROOT / f"fieldapp-capacity-{os.getpid()}-{pid}"
            group.mkdir()
            self.groups.append(group)
            (group / "cpu.cfs_period_us").write_text(str(self.period_us))
            (group / "cpu.cfs_quota_us").write_text(quota)
            (group / "cgroup.procs").write_text(str(pid))  # the process and all its threads

    def throttled(self) -> tuple[int, int, float]:
        """Over the groups: periods, periods in which a worker ran out of its quota, and
        the seconds it then waited (cpu.stat)."""
        periods = throttled = 0
        waited = 0.0
        for group in self.groups:
            stat = dict(line.split() for line in (group / "cpu.stat").read_text().splitlines())
            periods += int(stat["nr_periods"])
            throttled += int(stat["nr_throttled"])
            waited += int(stat["throttled_time"]) / 1e9
        return periods, throttled, waited

    def remove(self) -> None:
        """Move what is left in the groups back to the root group, and remove them."""
        for group in self.groups:
            with contextlib.suppress(OSError):
                for pid in (group / "cgroup.procs").read_text().split():
                    with contextlib.suppress(OSError):  # exited meanwhile
                        (self.ROOT / "cgroup.procs").write_text(pid)
                group.rmdir()
        self.groups = []


def worker_pids(server_pid: int, workers: int) -> list[int]:
    """The processes serving requests: the server itself with one worker, else the
    workers uvicorn's supervisor started (its children, the multiprocessing helpers left
    out)."""
    if workers == 1:
        return [server_pid]
    deadline = time.monotonic() + 60
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                text = (entry / "stat").read_text()
                parent = int(text[text.rindex(")") + 2 :].split()[1])
                command = (entry / "cmdline").read_bytes()
                if parent == server_pid and b"resource_tracker" not in command:
                    found.append(int(entry.name))
        if len(found) == workers:
            return found
        if time.monotonic() > deadline:
            raise SystemExit(f"expected {workers} worker processes, found {found}")
        time.sleep(0.2)


def profile(pid: int, path: Path | None, seconds: float) -> subprocess.Popen[bytes] | None:
    """py-spy (if installed) sampling the server and its workers over the window, written
    as collapsed stacks (one line a stack, its sample count last) to `path`."""
    if path is None:
        return None
    beside = Path(sys.executable).with_name("py-spy")
    command = [str(beside) if beside.exists() else "py-spy", "record", "--pid", str(pid)]
    command += ["--subprocesses", "--nonblocking", "--gil", "--format", "raw"]
    command += ["--rate", "250", "--duration", str(int(seconds)), "--output", str(path)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)
