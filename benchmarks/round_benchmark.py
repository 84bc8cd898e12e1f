"""Round window figures on a cache of 100,000 visits: cold start, search keystroke, memory.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/round_benchmark.py [--visits N]
     [--keep DIR]

The cache is filled through the store's own feed apply (pages of 5,000 visits, so the
search index triggers run as in a real sync); past visits are then mostly marked done, as
a real history would be. Cold start is timed from outside: from launching a fresh Python
process (which opens the cache, builds the window and shows it) to the moment that
process has painted the first rows of the round. The keystrokes are typed into the search
box of that same process, each timed from the key press to the repainted table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_kit import load_now, machine_load, scratch_folder  # noqa: E402

GOAL_START_S = 1.5
GOAL_KEYSTROKE_MS = 50.0
GOAL_RSS_MB = 300.0
PAGE = 5000
KEY_ENV = "FIELDAPP_BENCH_CACHE_KEY"  # the cache's key in hex, for the launched app
# What a technician types: a customer, a reference, a place, a problem; letter by letter.
TYPED = ["priya nat", "HP-004217", "north tower 3", "printer", "zoë"]

FIRST = ["Priya", "Marcus", "Hannah", "Elena", "Tom", "Grace", "Ahmed", "Olivia", "Li",
         "Jasmine", "Daniel", "Sofia", "Kwame", "Isabel", "Ben", "Amelia", "Noah", "Chloe",
         "José", "Zoë"]  # fmt: skip
LAST = ["Natarajan", "Webb", "Osei", "Vasquez", "Becker", "Liu", "Karim", "Brennan", "Wei",
        "Patel", "Fischer", "Rossi", "Mensah", "Moreno", "Carter", "Grant", "Williams",
        "Martin", "Müller", "O'Neil"]  # fmt: skip
PROBLEMS = [
    "Printer prints blank pages since this morning's update.",
    "VPN drops every few minutes on the office Wi-Fi.",
    "Outlook asks for my password every ten minutes.",
    "A red window says my PC is infected and to call a number.",
    "Second monitor flickers and goes black for a second.",
    "Laptop battery lasts under an hour.",
    "The shared drive says access denied since this morning.",
    "New starter: laptop set-up, Teams and the CRM account.",
]


def build_cache(path: Path, visits: int, now: datetime) -> float:
    """Fill a cache file with `visits` visits over two years around `now`; return seconds."""
    from sqlalchemy import text

    from fieldapp.protocol import Change, ChangesPage, ChangeVisit, Priority
    from fieldapp.store import apply_changes_page, open_store
    from fieldapp.store.round_queries import day_bounds

    rng = random.Random(2611)
    started = time.perf_counter()
    store = open_store(path)
    seq = 0
    priorities = [Priority.LOW, Priority.NORMAL, Priority.NORMAL, Priority.HIGH, Priority.CRITICAL]
    local = now.astimezone()
    for first in range(0, visits, PAGE):
        changes = []
        for number in range(first, min(visits, first + PAGE)):
            day = local + timedelta(days=rng.randint(-365, 365))
            start = day.replace(
                hour=rng.randint(8, 16), minute=rng.choice((0, 15, 30, 45)), second=0,
                microsecond=0,
            )  # fmt: skip
            seq += 1
            visit = ChangeVisit(
                id=f"bench-{number:06d}",
                reference=f"HP-{number:06d}",
                customer_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                site="Harbour Point campus",
                building=rng.choice(("North Tower", "South Tower", "Annex")),
                floor=str(rng.randint(0, 9)),
                room=f"{rng.randint(1, 40)}.{rng.randint(1, 20)}",
                window_start=start,
                window_end=start + timedelta(minutes=rng.choice((30, 45, 60))),
                priority=rng.choice(priorities),
                problem=rng.choice(PROBLEMS),
                assignee="kyra",
                status="scheduled",
                updated_at=now,
            )
            changes.append(Change(seq=seq, kind="visit", visit_id=visit.id, visit=visit))
        page = ChangesPage(changes=changes, next_cursor=seq, has_more=False, server_time=now)
        with store.session() as session, session.begin():
            apply_changes_page(session, page)
    with store.session() as session, session.begin():
        # History: nine visits in ten before today are done; the rest are overdue. Today's
        # are all still open, as at the start of a working day.
        session.execute(
            text(
                "UPDATE visits SET step = 'completed' "
                "WHERE window_end < :today AND abs(random()) % 10 != 0"
            ),
            {"today": day_bounds(now)[0].astimezone(UTC).isoformat(timespec="microseconds")},
        )
    store.dispose()
    return time.perf_counter() - started


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    current = 0.0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return current, peak


def child(cache: Path, typing: bool) -> None:
    """The app's side: open, show the round, report; then type and report."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from fieldapp.store import open_store
    from fieldapp.ui.background import BackgroundRunner
    from fieldapp.ui.round_window import RoundWindow

    app = QApplication(sys.argv)
    key = os.environ.get(KEY_ENV)
    store = open_store(cache, bytes.fromhex(key) if key else None)
    runner = BackgroundRunner()
    window = RoundWindow(store, runner, lambda: "no sync in the benchmark", use_tray=False)
    window.show()

    def wait_rows() -> None:
        loop = QEventLoop()
        window.round_loaded.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        window.round_loaded.disconnect(loop.quit)
        window.table.viewport().repaint()  # painted, not just in the model

    window.refresh()
    wait_rows()
    print(f"FIRST_ROWS {window.model.rowCount()}", flush=True)
    if not typing:
        window.close()
        store.dispose()
        return

    print("RESULTS " + json.dumps(measure_typing(window)), flush=True)
    window.close()
    runner.wait()
    store.dispose()
    del app


def measure_typing(window: Any) -> dict[str, object]:
    """Type the searches into a shown round window, on Today and on All, each keystroke timed
    from the key press to the table repainted; then scroll ten pages into All. The figures."""
    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from fieldapp.store.round_queries import RoundFilter

    def wait_rows() -> None:
        loop = QEventLoop()
        window.round_loaded.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        window.round_loaded.disconnect(loop.quit)
        window.table.viewport().repaint()  # painted, not just in the model

    results: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}  # the process's CPU time per keystroke (all threads)
    for kind in (RoundFilter.TODAY, RoundFilter.ALL):
        window.set_filter(kind)
        wait_rows()
        times: list[float] = []
        cpu_times: list[float] = []
        for text in TYPED:
            if window.search.text():
                window.search.clear()
                wait_rows()
            window.search.setFocus()
            for char in text:
                started = time.perf_counter()
                started_cpu = time.process_time()
                for kind_of_event in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    key = QKeyEvent(kind_of_event, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(window.search, key)
                wait_rows()
                times.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - started_cpu) * 1000)
        results[kind.value] = times
        cpu[kind.value] = cpu_times
    if window.search.text():
        window.search.clear()
        wait_rows()
    for _ in range(10):  # scroll through ten more pages of "All"
        window.table.scrollToBottom()
        loop = QEventLoop()
        window.model.rowsInserted.connect(loop.quit)
        QTimer.singleShot(2000, loop.quit)
        loop.exec()
    current, peak = rss_mb()
    return {
        "keystrokes": results,
        "keystrokes_cpu": cpu,
        "rows_loaded": window.model.rowCount(),
        "rss_mb": current,
        "peak_rss_mb": peak,
    }


def launch(cache: Path, typing: bool) -> tuple[float, dict[str, object]]:
    """Run the child; return (seconds from launch to first rows painted, its results)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(cache)]
    if typing:
        command.append("--typing")
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # Qt's offscreen plugin chatters; shown only on failure
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first_rows = 0.0
    results: dict[str, object] = {}
    for line in process.stdout:
        if line.startswith("FIRST_ROWS"):
            first_rows = time.perf_counter() - started
        elif line.startswith("RESULTS "):
            results = json.loads(line.removeprefix("RESULTS "))
    errors = process.stderr.read()
    if process.wait(120) != 0:
        raise SystemExit(f"the window process failed ({process.returncode}):\n{errors}")
    return first_rows, results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--typing", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--encrypted", action="store_true", help="encrypt the cache first, as the app keeps it"
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, args.typing)
        return

    with scratch_folder("fieldapp-round-bench-", args.keep) as work:
        run(work, args)


def run(work: Path, args: argparse.Namespace) -> None:
    cache = work / "cache.sqlite3"
    if not cache.exists():
        print(f"filling a cache with {args.visits:,} visits ...", file=sys.stderr)
        seconds = build_cache(cache, args.visits, datetime.now(UTC))
        print(f"filled in {seconds:.1f} s ({cache.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)
    if args.encrypted:
        from fieldapp.store import open_store
        from fieldapp.store.cipher import new_cache_key

        key = new_cache_key()
        open_store(cache, key).dispose()  # the plain cache encrypted, as at a first start
        os.environ[KEY_ENV] = key.hex()  # the children open it with this key
    starts = [launch(cache, typing=False)[0] for _ in range(5)]
    start_load = load_now()
    _, results = launch(cache, typing=True)
    typing_load = load_now()
    keystrokes: dict[str, list[float]] = results["keystrokes"]  # type: ignore[assignment]
    every = [t for times in keystrokes.values() for t in times]

    print()
    print(f"{machine_load()} at the end")
    print(f"| figure ({args.visits:,} cached visits) | goal | measured | load (1 min) |")
    print("|---|---|---|---|")
    print(
        f"| cold start to the first rows painted (median of 5 launches; slowest) "
        f"| < {GOAL_START_S} s | {statistics.median(starts):.2f} s; {max(starts):.2f} s "
        f"| {start_load} |"
    )
    for kind, times in keystrokes.items():
        print(
            f"| search keystroke to repainted table, {kind} tab ({len(times)} keys: "
            f"median; 95th percentile) | < {GOAL_KEYSTROKE_MS:.0f} ms "
            f"| {statistics.median(times):.1f} ms; {percentile(times, 0.95):.1f} ms "
            f"| {typing_load} |"
        )
    print(
        f"| slowest keystroke of all {len(every)} | < {GOAL_KEYSTROKE_MS:.0f} ms "
        f"| {max(every):.1f} ms | {typing_load} |"
    )
    print(
        f"| resident memory after searching and scrolling {results['rows_loaded']} rows "
        f"(peak) | < {GOAL_RSS_MB:.0f} MB | {results['rss_mb']:.0f} MB "
        f"({results['peak_rss_mb']:.0f} MB) | {typing_load} |"
    )


if __name__ == "__main__":
    main()
