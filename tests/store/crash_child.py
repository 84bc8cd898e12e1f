"""Crash-test child: a zygote that forks writers recording events until they are SIGKILLed.

Run as ``python -m tests.store.crash_child DB_PATH AUTHOR VISIT_ID...`` from the repository
root. It imports everything once, prints ``ready``, then for each ``go SEED`` line on stdin
forks a writer and prints ``child PID``; the writer opens the cache, prints ``open``, and
records NOTE events in transactions of 1-3 events, printing ``id EVENT_ID`` for each event
only after its transaction's commit returned. When the writer dies the zygote prints
``exit STATUS``. ``quit`` ends the zygote. Forking from a warm process keeps each round to
milliseconds, so hundreds of kills fit in a normal test run.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from fieldapp.domain import EventType
from fieldapp.store import open_store, record_event

KEY_ENV = "FIELDAPP_CRASH_CACHE_KEY"  # the cache's key in hex, as the keyring keeps it


def _say(text: str) -> None:
    os.write(1, text.encode())  # one write per message: lines never interleave


def _writer(db_path: Path, author: str, visit_ids: list[str], seed: int) -> None:
    rng = random.Random(seed)
    key = os.environ.get(KEY_ENV)
    store = open_store(db_path, bytes.fromhex(key) if key else None)
    _say("open\n")
    number = 0
    while True:
        with store.session() as session, session.begin():
            ids = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                number += 1
                event = record_event(
                    session,
                    rng.choice(visit_ids),
                    EventType.NOTE,
                    {"text": f"note {seed}-{number}"},
                    author=author,
                    now=datetime.now(UTC),
                )
                ids.append(event.id)
        _say("".join(f"id {event_id}\n" for event_id in ids))


def main(argv: list[str]) -> int:
    db_path, author, *visit_ids = argv
    _say("ready\n")
    for line in sys.stdin:
        command = line.split()
        if not command or command[0] == "quit":
            break
        pid = os.fork()
        if pid == 0:
            try:
                _writer(Path(db_path), author, visit_ids, int(command[1]))
            except BaseException as error:  # a writer must never run the zygote's loop
                sys.stderr.write(f"writer failed: {error!r}\n")
                sys.stderr.flush()
            finally:
                os._exit(70)
        _say(f"child {pid}\n")
        _, status = os.waitpid(pid, 0)
        _say(f"exit {status}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
