"""Crash soak: SIGKILL cache writers many times at random moments, then check and sync everything.

The long version of tests/store/test_crash.py. Run from the repository root:

    python benchmarks/crash_soak.py --rounds 5000 --min-ms 1 --max-ms 200

Prints how the kills landed, how many events survived, and how long each part took. Exits
non-zero if a committed event was lost, the cache is damaged, an event lacks its outbox row,
or the server ends up with an event twice.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.crashkit import check_cache, run_crash_rounds
from tests.sync.harness import laptop_for, running_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000, help="writers to kill")
    parser.add_argument("--min-ms", type=float, default=5, help="shortest life of a writer")
    parser.add_argument("--max-ms", type=float, default=200, help="longest life of a writer")
    parser.add_argument("--visits", type=int, default=5, help="visits the writers record on")
    parser.add_argument("--seed", type=int, default=None, help="for a repeatable run")
    parser.add_argument(
        "--sync-every", type=int, default=0, help="sync to the server every N rounds (0: at end)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldapp-soak-") as scratch:
        base = Path(scratch)
        db_path = base / "laptop" / "cache.sqlite3"
        with running_server(base / "server") as server:
            username, password = server.add_technician()
            visits = [server.create_visit(username) for _ in range(args.visits)]
            with laptop_for(server.base_url, db_path, username, password) as laptop:
                laptop.engine.sync()
            chunk = args.sync_every or args.rounds
            committed: list[str] = []
            totals = {"rounds": 0, "before_open": 0, "writing": 0}
            started = time.perf_counter()
            pushed = 0
            stored = 0
            while totals["rounds"] < args.rounds:
                rounds = min(chunk, args.rounds - totals["rounds"])
                seed = None if args.seed is None else args.seed + totals["rounds"]
                report = run_crash_rounds(
                    db_path, username, visits, rounds=rounds,
                    min_ms=args.min_ms, max_ms=args.max_ms, seed=seed,
                )  # fmt: skip
                committed += report.committed
                totals["rounds"] += report.rounds
                totals["before_open"] += report.killed_before_open
                totals["writing"] += report.killed_while_writing
                stored = check_cache(db_path, committed)
                with laptop_for(server.base_url, db_path, username, password) as laptop:
                    summary = laptop.engine.sync()
                pushed += summary.pushed
                if summary.rejected:
                    print(f"FAIL: {summary.rejected} event(s) rejected", file=sys.stderr)
                    return 1
            elapsed = time.perf_counter() - started
            server_ids = server.event_ids()
        print(f"rounds: {totals['rounds']} in {elapsed:.1f} s")
        print(f"  killed before the cache was open: {totals['before_open']}")
        print(f"  killed while recording:           {totals['writing']}")
        print(f"events whose commit returned:       {len(committed)}")
        print(f"events in the cache:                {stored}")
        print(f"events pushed:                      {pushed}")
        print(f"events on the server:               {len(server_ids)}")
        if len(server_ids) != len(set(server_ids)) or len(server_ids) != stored:
            print("FAIL: the server does not hold each event exactly once", file=sys.stderr)
            return 1
        print("OK: nothing lost, nothing doubled, integrity_check ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
