"""The initial sync's floors, each measured in a fresh process: what no sync could beat here.

Run by sync_benchmark.py, once per floor: `python benchmarks/sync_floor.py PAGES_DIR DB MODE
[KEY_HEX]`; prints one JSON line {"wall": s, "cpu": s}.

Both floors decode the very pages the sync received with orjson (the fastest well-kept JSON
decoder) and write the visit and event rows with one executemany per table in one
transaction, the garbage collector paused as the sync pauses it, in a process that holds
nothing else: the conditions the sync itself enjoys, minus everything the app adds.
- `honest`: the rows written as the app keeps them: every field of each visit and event,
  into a cache with the app's durability (WAL, synchronous=FULL) and, given a key, its
  encryption (SQLCipher, raw key).
- `physical`: decode, then a raw executemany of the same tuples into a plain file with no
  journal and no fsync: the machine's own limit, which no durable cache reaches.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import orjson


def _rows(pages: list[bytes]) -> tuple[list[str], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    fields: list[str] = []
    visits: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    dumps = orjson.dumps
    for raw in pages:
        for change in orjson.loads(raw)["changes"]:
            kind = change["kind"]
            if kind == "visit":
                visit = change["visit"]
                if not fields:
                    fields = list(visit)
                visits.append(
                    tuple(
                        dumps(v).decode() if isinstance(v, dict | list) else v
                        for v in visit.values()
                    )
                )
            elif kind == "event":
                e = change["event"]
                events.append(
                    (
                        e["id"],
                        e["visit_id"],
                        e["type"],
                        e["occurred_at"],
                        dumps(e["payload"]).decode(),
                        e["author"],
                        e["server_seq"],
                        e["received_at"],
                    )
                )
    return fields, visits, events


def _connect(db_path: Path, mode: str, key_hex: str | None) -> Any:
    if mode == "honest" and key_hex:
        import sqlcipher3  # type: ignore[import-untyped]

        db = sqlcipher3.connect(str(db_path), isolation_level=None)
        db.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    else:
        db = sqlite3.connect(db_path, isolation_level=None)
    if mode == "honest":
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
    else:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
    return db


def floor(pages_dir: Path, db_path: Path, mode: str, key_hex: str | None) -> dict[str, float]:
    pages = [path.read_bytes() for path in sorted(pages_dir.glob("page-*.json"))]
    db = _connect(db_path, mode, key_hex)
    gc.disable()  # as the sync's apply does (fieldapp.store.bulk.paused_gc)
    wall, cpu = time.perf_counter(), time.process_time()
    fields, visits, events = _rows(pages)
    columns = ", ".join(f'"{name}"' for name in fields)
    db.execute(f"CREATE TABLE visits ({columns}, PRIMARY KEY(id))")
    db.execute(
        "CREATE TABLE events (id PRIMARY KEY, visit_id, type, occurred_at, payload, author, "
        "server_seq, received_at)"
    )
    db.execute("BEGIN")
    marks = ", ".join("?" for _ in fields)
    db.executemany(f"INSERT INTO visits VALUES ({marks})", visits)
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
    db.execute("COMMIT")
    result = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    db.close()
    return result


if __name__ == "__main__":
    pages_dir, db_path, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    key_hex = sys.argv[4] if len(sys.argv) > 4 else None
    print(json.dumps(floor(pages_dir, db_path, mode, key_hex)))
