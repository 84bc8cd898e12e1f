"""What encryption at rest costs: a plain cache against the same cache under SQLCipher.

Run: .venv/bin/python benchmarks/cache_at_rest_benchmark.py [--visits N]

The cache is filled as the round benchmark fills it (round_benchmark.build_cache). Printed,
for the plain and the encrypted copy: opening it (with the reads the start checks), one
search over the whole round, the open visits list, and the file's size; and the one-time
encryption of the plain cache at first start (sqlcipher_export).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.round_benchmark import build_cache  # noqa: E402
from fieldapp.store import Store, list_visits, open_store  # noqa: E402
from fieldapp.store.cipher import new_cache_key  # noqa: E402
from fieldapp.store.rescue import check_readable  # noqa: E402

REPEAT = 7


def timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def open_checked(path: Path, key: bytes | None) -> None:
    store = open_store(path, key)
    with store.engine.connect() as connection:
        check_readable(connection)
    store.dispose()


def actions(store: Store, path: Path, key: bytes | None) -> dict[str, Callable[[], object]]:
    def search() -> object:
        with store.read_session() as session:
            return list_visits(session, search="printer")

    def open_list() -> object:
        with store.read_session() as session:
            return list_visits(session, include_closed=False)

    return {
        "open + start checks (ms)": lambda: open_checked(path, key),
        "search 'printer' (ms)": search,
        "open visits list (ms)": open_list,
    }


def compare(plain: Path, encrypted: Path, key: bytes) -> dict[str, tuple[float, float]]:
    """Best of REPEAT for each figure, plain and encrypted taken in turns (so a load that
    comes and goes on a shared machine falls on both alike)."""
    stores = (open_store(plain), open_store(encrypted, key))
    try:
        sides = (actions(stores[0], plain, None), actions(stores[1], encrypted, key))
        best: dict[str, tuple[float, float]] = {}
        for name in sides[0]:
            runs = [(timed_ms(sides[0][name]), timed_ms(sides[1][name])) for _ in range(REPEAT)]
            best[name] = (min(r[0] for r in runs), min(r[1] for r in runs))
        best["file (MB)"] = (plain.stat().st_size / 1e6, encrypted.stat().st_size / 1e6)
        return best
    finally:
        for store in stores:
            store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=20_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-at-rest-"))
    try:
        plain = folder / "plain" / "cache.sqlite3"
        plain.parent.mkdir()
        build_cache(plain, args.visits, datetime.now(UTC))
        encrypted = folder / "encrypted" / "cache.sqlite3"
        encrypted.parent.mkdir()
        shutil.copyfile(plain, encrypted)
        key = new_cache_key()
        started = time.perf_counter()
        open_store(encrypted, key).dispose()  # the first start's encryption
        migration = time.perf_counter() - started

        rows = compare(plain, encrypted, key)
        print(f"{args.visits:,} visits; best of {REPEAT}, plain and encrypted in turns")
        print(f"first start encrypting the plain cache: {migration:.2f} s")
        print("| figure | plain | encrypted | ratio |")
        print("| --- | ---: | ---: | ---: |")
        for name, (a, b) in rows.items():
            ratio = b / a if a else 0.0
            print(f"| {name} | {a:.1f} | {b:.1f} | {ratio:.2f}x |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
