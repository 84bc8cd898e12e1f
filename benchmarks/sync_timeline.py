"""Where an initial sync's wall time goes: each step of the pull on its thread, in time order.

Run: .venv/bin/python benchmarks/sync_timeline.py [--visits 10000] [--repeat 3] [--steps]

The same round, server and laptop as benchmarks/sync_benchmark.py (an encrypted cache, the
app's page size). The pull's steps are timed by wrapping them (the fetches on the prefetch
threads, the load's pages, its last commit and what the sync does after the pull), and the
collector's passes by its callbacks. For the fastest of `--repeat` syncs it prints how long
the pull's thread waited for the server at the start (before the events' pages), how long it
worked on the pages, the parts of the load's end, and the sync's tail; `--steps` prints every
step. The timing costs some microseconds a step: a few ms a sync.
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import load_now, machine_load, scratch_folder  # noqa: E402
from sync_benchmark import PASSWORD, BenchKeyring, seed_server  # noqa: E402

import fieldapp.sync.engine as engine_module  # noqa: E402
import fieldapp.sync.pull as pull_module  # noqa: E402
from fieldapp.paths import resolve_paths  # noqa: E402
from fieldapp.store import feed, open_store  # noqa: E402
from fieldapp.store.cipher import new_cache_key  # noqa: E402
from fieldapp.sync import ServerClient, SyncEngine, TokenStore, log_in, pull_fetch, pull_load  # noqa: E402
from fieldapp.ui.connection import APP_PAGE_SIZE  # noqa: E402
from tests.support.servers import free_port, server_process  # noqa: E402


@dataclass(frozen=True)
class Step:
    at: float  # seconds since the sync began
    thread: str
    name: str
    begins: bool


class Timeline:
    """The steps noted during one sync."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.origin = 0.0

    def note(self, name: str, *, begins: bool) -> None:
        thread = "pull" if threading.current_thread() is threading.main_thread() else "prefetch"
        self.steps.append(Step(time.perf_counter() - self.origin, thread, name, begins))

    def spans(self, name: str) -> list[tuple[float, float]]:
        """Each run of the step `name`: when it began and ended."""
        begun: dict[str, float] = {}
        found = []
        for step in self.steps:
            if step.name != name:
                continue
            if step.begins:
                begun[step.thread] = step.at
            elif step.thread in begun:
                found.append((begun.pop(step.thread), step.at))
        return found

    def total(self, name: str) -> float:
        return sum(end - start for start, end in self.spans(name))


TIMELINE = Timeline()


def _timed(owner: Any, attribute: str, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, attribute)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        TIMELINE.note(name, begins=True)
        try:
            return original(*args, **kwargs)
        finally:
            TIMELINE.note(name, begins=False)

    setattr(owner, attribute, timed)


def _collector_pass(phase: str, _info: dict[str, Any]) -> None:
    TIMELINE.note("collector pass", begins=phase == "start")


# What the timeline times: the owner, the attribute wrapped (a module's function is looked up
# there at each call), and the step's name. The load's commit calls SQLite's commit last: what
# remains of "the load's commit" after the two steps inside it.
TIMED: tuple[tuple[Any, str, str], ...] = (
    (pull_fetch.FeedFetches, "_fetch", "fetch a page"),
    (pull_load.TakenPages, "take", "take a page"),
    (pull_load.TakenPages, "commit", "the load's commit"),
    (feed, "build_deferred", "build the indexes"),
    (pull_load, "finish_load", "the events' index"),
    (pull_module.FeedPull, "pull", "pull"),
    *(
        (engine_module, name, name)
        for name in (
            "settle_conflicts",
            "refresh_knowledge",
            "refresh_history",
            "fetch_attachments",
        )
    ),
)


def instrument() -> None:
    """Wrap the pull's steps (TIMED) with the timeline, and note the collector's passes."""
    for owner, attribute, name in TIMED:
        _timed(owner, attribute, name)
    gc.callbacks.append(_collector_pass)


@contextmanager
def one_sync() -> Iterator[Timeline]:
    TIMELINE.steps = []
    TIMELINE.origin = time.perf_counter()
    TIMELINE.note("sync", begins=True)
    yield TIMELINE
    TIMELINE.note("sync", begins=False)


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    load: str
    steps: list[Step]


def summary(run: Run) -> list[tuple[str, float]]:
    """The phases of one sync, in ms."""
    timeline = Timeline()
    timeline.steps = run.steps
    [(_, pull_end)] = timeline.spans("pull")
    takes = timeline.spans("take a page")
    *commits_before, (commit_start, commit_end) = timeline.spans("the load's commit")
    # Between two pages taken, the pull's thread waits for the next (or commits early).
    gaps = [
        following[0]
        - taken[1]
        - sum(e - s for s, e in commits_before if taken[1] <= s < following[0])
        for taken, following in itertools.pairwise(takes)
    ]
    build, events_index = timeline.total("build the indexes"), timeline.total("the events' index")
    rows = [
        ("wall", run.wall),
        ("laptop CPU", run.cpu),
        ("the first page here (the pull's thread waits)", takes[0][0]),
        ("waiting for pages 2 and 3 (the round's visits)", sum(gaps[:2])),
        ("waiting for the pages after", sum(gaps[2:])),
        ("taking the pages (the pull's thread)", sum(e - s for s, e in takes)),
        ("commits before the last", sum(e - s for s, e in commits_before)),
        ("the last page taken -> the load's end", commit_start - takes[-1][1]),
        ("the load's end: build the indexes", build),
        ("the load's end: the events' index", events_index),
        (
            "the load's end: the rest and SQLite's commit",
            commit_end - commit_start - build - events_index,
        ),
        ("the pull's end, after the commit", pull_end - commit_end),
        ("after the pull (knowledge, history, files, the last mark)", run.wall - pull_end),
        ("collector passes", timeline.total("collector pass")),
    ]
    return [(name, seconds * 1000) for name, seconds in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", action="store_true", help="print every step of the fastest")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    instrument()
    with scratch_folder("fieldapp-timeline-", args.keep) as work:
        print(f"seeding {args.visits} visits ...", file=sys.stderr)
        seed_server(work / "server", args.visits)
        key = new_cache_key()
        runs = []
        with server_process(["--data-dir", str(work / "server")], free_port()) as server:
            for number in range(args.repeat):
                store = open_store(resolve_paths(work / f"laptop-{number}").ensure(), key)
                client = ServerClient(server.base_url, timeout=(5, 120))
                try:
                    log_in(store, client, TokenStore(BenchKeyring()), "kyra", PASSWORD)
                    engine = SyncEngine(store, client, page_size=APP_PAGE_SIZE)
                    wall, cpu = time.perf_counter(), time.process_time()
                    with one_sync() as timeline:
                        engine.sync()
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    runs.append(Run(wall, cpu, load_now(), list(timeline.steps)))
                finally:
                    client.close()
                    store.dispose()
    best = min(runs, key=lambda run: run.wall)
    print()
    print(
        f"{machine_load()} at the end; the fastest of {len(runs)} initial syncs (load {best.load})"
    )
    print("| phase | ms |")
    print("|---|---|")
    for name, value in summary(best):
        print(f"| {name} | {value:.1f} |")
    if args.steps:
        print()
        for step in best.steps:
            mark = ">" if step.begins else "<"
            print(f"{step.at * 1000:8.1f} ms  {step.thread:8s} {mark} {step.name}")


if __name__ == "__main__":
    main()
