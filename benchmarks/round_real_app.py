"""The real app at 100,000 cached visits: launch to first painted rows, keystrokes, memory.

Run (the app keeps its cache key and login in the system keyring, so a real Secret Service
must answer; tests/support/with_keyring.sh starts one):
    QT_QPA_PLATFORM=offscreen bash tests/support/with_keyring.sh \
        .venv/bin/python benchmarks/round_real_app.py [--visits N] [--keep DIR]

Unlike round_benchmark.py, whose child builds the round window itself, each launch here is
`main.py`'s own start in a fresh process: the single-instance lock, the crash reporter, the
cache key and the login token from the keyring, the encrypted cache opened and checked, the
window built, and the first sync started against a real server (`main.py server`, which has
the technician but none of the cached visits, so the sync finds nothing new). A probe set
up before the app starts only watches: it reports when the round's first rows are painted,
then types the same searches as round_benchmark.py and reads the memory.

The searches are typed twice, each in a launch of its own: at once, as the first rows are
painted (beside the first sync, which starts then and loads the HTTP client, the engine and
the wire models), as someone who starts typing straight away would; and once that sync and
the round's re-read after it are done. The checkout's modules are compiled first, as an
installed or frozen app has them (a run with PYTHONDONTWRITEBYTECODE would otherwise compile
the app's own modules at every launch: about 0.07 s).
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_kit import load_now, machine_load, scratch_folder  # noqa: E402
from round_benchmark import build_cache, measure_typing, percentile  # noqa: E402

GOAL_START_S = 1.0
GOAL_KEYSTROKE_MS = 50.0
GOAL_RSS_MB = 250.0
PASSWORD = "correct horse battery"
LAUNCHES = 5
PROFILE_ENV = "FIELDAPP_BENCH_PROFILE"  # the probe profiles the app's CPU time into this file


def probe(data_dir: str, typing: bool, settled: bool) -> int:
    """Start the real app on `data_dir` with a watcher that reports and then closes it.

    The probe imports nothing of the app's before the app does (PySide6 included: the
    order of the app's imports is part of its start); a thread waits for the app's
    QApplication and then sets the watcher up in the app's thread. A profile, if asked
    for, covers the app's whole start, imports too.
    """
    from fieldapp.cli import main as app_main  # argparse and the like: the app's own first step

    state = {"done": False}

    def the_round(app: Any) -> Any:
        from fieldapp.ui.round_window import RoundWindow  # the app has imported it

        for widget in app.topLevelWidgets():
            if isinstance(widget, RoundWindow) and widget.isVisible():
                return widget
        return None

    def watch(app: Any, poll: Any) -> None:
        window = the_round(app)
        if state["done"] or window is None or window.model.rowCount() == 0:
            return
        state["done"] = True
        poll.stop()
        window.table.viewport().repaint()  # painted, not just in the model
        # CPU time of the whole process (all its threads) so far: on a shared machine the
        # wall time also counts other processes.
        print(f"FIRST_ROWS {window.model.rowCount()} {time.process_time():.3f}", flush=True)
        if typing:
            if settled:
                settle(window)
            print("RESULTS " + json.dumps(measure_typing(window)), flush=True)
        window.close()

    def install(app: Any) -> None:  # in the app's thread
        from PySide6.QtCore import QTimer

        poll = QTimer(app)
        poll.timeout.connect(lambda: watch(app, poll))
        poll.start(1)

    def wait_for_the_app() -> None:
        while True:
            widgets = sys.modules.get("PySide6.QtWidgets")
            app = widgets.QApplication.instance() if widgets is not None else None
            if app is not None:
                from PySide6.QtCore import QTimer

                QTimer.singleShot(0, app, partial(install, app))  # runs in the app's thread
                return
            time.sleep(0.01)  # rarely: the waiting must not slow the start down

    threading.Thread(target=wait_for_the_app, daemon=True).start()
    profile = os.environ.get(PROFILE_ENV)
    if not profile:
        return app_main(["--data-dir", data_dir])
    # CPU time, not wall: on a shared machine the wall clock also counts other processes.
    profiler = cProfile.Profile(time.process_time)
    code = profiler.runcall(app_main, ["--data-dir", data_dir])
    profiler.dump_stats(profile)
    return code


def settle(window: Any) -> None:
    """Wait for the app's first sync (it starts once the first rows are painted, and loads
    the HTTP client, the engine and the wire models) and the round's re-read after it: the
    keystrokes are timed on an app that has started, not beside its first sync."""
    from PySide6.QtCore import QEventLoop, QTimer

    for signal in (window.sync_finished, window.round_loaded):
        if signal is window.sync_finished and not window.syncing:
            return
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)


def prepare(work: Path, visits: int, base_url: str) -> Path:
    """A laptop data folder as after a real login: the account and token in the keyring, an
    encrypted cache holding `visits` visits."""
    from fieldapp.paths import resolve_paths

    laptop = work / "laptop"
    paths = resolve_paths(laptop).ensure()
    print(f"filling a cache with {visits:,} visits ...", file=sys.stderr)
    seconds = build_cache(paths.cache_db, visits, datetime.now(UTC))
    print(f"filled in {seconds:.1f} s", file=sys.stderr)
    # The visits did not come from this server: its feed starts from nothing.
    with sqlite3.connect(paths.cache_db) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'cursor'")
    # The app's own headless sync logs in (token and cache key into the keyring) and
    # encrypts the plain cache, as the first start of a laptop that had one would.
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "sync", "--data-dir", str(laptop),
         "--server-url", base_url, "--username", "kyra", "--password-stdin"],
        input=PASSWORD + "\n", text=True, check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return laptop


def launch(
    laptop: Path, typing: bool, profile: Path | None = None, *, settled: bool = False
) -> tuple[float, float, dict[str, object]]:
    """One start of the real app (under cProfile into `profile` if given); (seconds from
    launch to first rows painted, the app's CPU seconds until then, results). `settled`:
    the searches are typed once the first sync is done, else at once."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if profile is not None:
        env[PROFILE_ENV] = str(profile)
    command = [sys.executable, str(Path(__file__).resolve()), "--probe", str(laptop)]
    if typing:
        command.append("--typing")
    if settled:
        command.append("--settled")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first_rows = cpu = 0.0
    results: dict[str, object] = {}
    for line in process.stdout:
        if line.startswith("FIRST_ROWS"):
            first_rows = time.perf_counter() - started
            cpu = float(line.split()[2])
        elif line.startswith("RESULTS "):
            results = json.loads(line.removeprefix("RESULTS "))
    errors = process.stderr.read()
    if process.wait(180) != 0 or not first_rows:
        raise SystemExit(f"the app failed ({process.returncode}):\n{errors}")
    return first_rows, cpu, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--typing", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--settled", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=Path, help="also profile one more launch into this file")
    args = parser.parse_args()
    if args.probe:
        raise SystemExit(probe(args.probe, args.typing, args.settled))
    with scratch_folder("fieldapp-real-app-bench-", args.keep) as work:
        run(work, args.visits, args.profile)


def seed_server(server_dir: Path) -> None:
    from fieldapp.protocol import Role
    from fieldapp.server.admin import add_user
    from fieldapp.server.app import create_app
    from fieldapp.server.db import write_transaction
    from fieldapp.server.settings import ServerSettings

    app = create_app(ServerSettings(data_dir=server_dir))
    with app.state.sessionmaker() as session, write_transaction(session):
        add_user(session, "kyra", PASSWORD, Role.TECHNICIAN, "Kyra", passwords=app.state.passwords)
    app.state.engine.dispose()


def run(work: Path, visits: int, profile: Path | None = None) -> None:
    from tests.support.servers import free_port, server_process

    compileall.compile_dir(ROOT / "fieldapp", quiet=1)  # as installed: see the docstring
    seed_server(work / "server")
    port = free_port()
    with server_process(["--data-dir", str(work / "server")], port) as server:
        laptop = prepare(work, visits, server.base_url)
        launches = [launch(laptop, typing=False) for _ in range(LAUNCHES)]
        start_load = load_now()
        typed: dict[str, tuple[dict[str, object], str]] = {}
        for when, settled in (("at once", False), ("after the first sync", True)):
            _, _, results = launch(laptop, typing=True, settled=settled)
            typed[when] = (results, load_now())
        if profile is not None:
            launch(laptop, typing=False, profile=profile)
    starts = [seconds for seconds, _, _ in launches]
    start_cpu = [cpu for _, cpu, _ in launches]
    print()
    print(f"{machine_load()} at the end")
    print(f"| figure, the real app ({visits:,} cached visits, encrypted) | goal | measured "
          "| load (1 min) |")  # fmt: skip
    print("|---|---|---|---|")
    print(
        f"| launch to the first rows painted (median of {LAUNCHES}; slowest) "
        f"| < {GOAL_START_S} s | {statistics.median(starts):.2f} s; {max(starts):.2f} s "
        f"| {start_load} |"
    )
    print(
        f"| the app's CPU time until then (median; most) | | "
        f"{statistics.median(start_cpu):.2f} s; {max(start_cpu):.2f} s | {start_load} |"
    )
    for when, (results, typing_load) in typed.items():
        print_keystrokes(when, results, typing_load)
    results, typing_load = typed["at once"]
    print(
        f"| resident memory after searching and scrolling {results['rows_loaded']} rows "
        f"(peak) | < {GOAL_RSS_MB:.0f} MB | {results['rss_mb']:.0f} MB "
        f"({results['peak_rss_mb']:.0f} MB) | {typing_load} |"
    )


def print_keystrokes(when: str, results: dict[str, object], typing_load: str) -> None:
    """The keystroke rows of one typing launch (`when`: typed at once, or after the sync)."""
    keystrokes: dict[str, list[float]] = results["keystrokes"]  # type: ignore[assignment]
    keystrokes_cpu: dict[str, list[float]] = results["keystrokes_cpu"]  # type: ignore[assignment]
    every = [t for times in keystrokes.values() for t in times]
    for kind, times in keystrokes.items():
        print(
            f"| typed {when}: search keystroke to repainted table, {kind} tab ({len(times)} "
            f"keys: median; 95th percentile) | < {GOAL_KEYSTROKE_MS:.0f} ms | "
            f"{statistics.median(times):.1f} ms; {percentile(times, 0.95):.1f} ms "
            f"| {typing_load} |"
        )
        spent = keystrokes_cpu[kind]
        print(
            f"| typed {when}: its CPU time, {kind} tab (median; 95th percentile; most) | | "
            f"{statistics.median(spent):.1f} ms; {percentile(spent, 0.95):.1f} ms; "
            f"{max(spent):.1f} ms | {typing_load} |"
        )
    print(
        f"| typed {when}: slowest keystroke of all {len(every)} | < {GOAL_KEYSTROKE_MS:.0f} ms "
        f"| {max(every):.1f} ms | {typing_load} |"
    )


if __name__ == "__main__":
    main()
