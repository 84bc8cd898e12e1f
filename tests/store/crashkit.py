"""Drives crash_child: SIGKILL writers at random moments, then checks what the cache kept."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import text

from fieldapp.store import open_store
from tests.store.crash_child import KEY_ENV

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrashReport:
    """What the rounds did: ids whose commit returned, and where the kills landed."""

    rounds: int = 0
    committed: list[str] = field(default_factory=list)
    killed_before_open: int = 0
    killed_while_writing: int = 0
    aimed_while_writing: int = 0


class _Zygote:
    def __init__(
        self,
        db_path: Path,
        author: str,
        visit_ids: list[str],
        stderr: IO[bytes],
        key: bytes | None,
    ):
        command = [sys.executable, "-m", "tests.store.crash_child", str(db_path), author]
        env = dict(os.environ)
        if key is not None:
            env[KEY_ENV] = key.hex()
        self.process = subprocess.Popen(
            [*command, *visit_ids],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin = self.process.stdin
        self.stdout = self.process.stdout
        try:
            self.expect("ready")
        except BaseException:
            self.close()  # a child that never started must not leak its process and pipes
            raise

    def line(self) -> str:
        raw = self.stdout.readline()
        if not raw:
            raise RuntimeError("the crash zygote exited unexpectedly")
        return raw.decode().rstrip("\n")

    def expect(self, word: str) -> None:
        got = self.line()
        if got != word:
            raise RuntimeError(f"expected {word!r} from the crash zygote, got {got!r}")

    def send(self, command: str) -> None:
        self.stdin.write(command.encode() + b"\n")
        self.stdin.flush()

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.send("quit")
                self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.stdin.close()
            self.stdout.close()


def _round(
    zygote: _Zygote, rng: random.Random, delay: float, report: CrashReport, *, after_open: bool
) -> None:
    """One writer, killed `delay` after its fork, or after it said it opened the cache.

    Counting from the fork leaves where the kill lands to the machine's speed (on a loaded
    machine most land before the cache is open); counting from "open" makes sure the round
    kills a writer that is recording, whatever the load.
    """
    zygote.send(f"go {rng.randrange(2**31)}")
    opened = False
    pid = None
    while pid is None or (after_open and not opened):
        line = zygote.line()
        if line.startswith("child "):
            pid = int(line.split()[1])
        elif line == "open":
            opened = True
        elif line.startswith("id "):
            report.committed.append(line.split()[1])
        elif line.startswith("exit "):
            raise RuntimeError(f"a writer ended before it was killed ({line}); see stderr")
    if after_open:
        report.aimed_while_writing += 1
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    while True:
        line = zygote.line()
        if line == "open":
            opened = True
        elif line.startswith("id "):
            report.committed.append(line.split()[1])
        elif line.startswith("exit "):
            status = int(line.split()[1])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                raise RuntimeError(f"a writer ended by itself (status {status}); see stderr")
            break
    report.rounds += 1
    if opened:
        report.killed_while_writing += 1
    else:
        report.killed_before_open += 1


def run_crash_rounds(
    db_path: Path,
    author: str,
    visit_ids: list[str],
    *,
    rounds: int,
    min_ms: float = 5,
    max_ms: float = 80,
    seed: int | None = None,
    after_open_share: float = 0.0,
    key: bytes | None = None,
) -> CrashReport:
    """Fork `rounds` writers on the cache at `db_path`, each SIGKILLed after a random delay.

    The delay runs from the fork, except for a random `after_open_share` of the rounds,
    where it runs from the moment the writer has opened the cache (so it dies recording).
    """
    rng = random.Random(seed)
    report = CrashReport()
    with tempfile.TemporaryFile() as stderr:
        zygote: _Zygote | None = None
        try:
            zygote = _Zygote(db_path, author, visit_ids, stderr, key)
            for _ in range(rounds):
                delay = rng.uniform(min_ms, max_ms) / 1000
                _round(zygote, rng, delay, report, after_open=rng.random() < after_open_share)
        except RuntimeError as error:
            stderr.seek(0)
            raise RuntimeError(f"{error}\n{stderr.read().decode(errors='replace')}") from None
        finally:
            if zygote is not None:
                zygote.close()
    return report


def check_cache(db_path: Path, committed: list[str], key: bytes | None = None) -> int:
    """Assert the cache survived: intact, every committed id kept, one outbox row per event.

    Returns the number of events in the cache.
    """
    store = open_store(db_path, key)
    try:
        with store.read_session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            stored = set(session.execute(text("SELECT id FROM events")).scalars())
            missing = set(committed) - stored
            assert not missing, f"{len(missing)} committed event(s) lost, e.g. {min(missing)}"
            orphans = session.execute(
                text(
                    "SELECT count(*) FROM events e LEFT JOIN outbox o ON o.event_id = e.id "
                    "WHERE e.sync_state = 'pending' AND o.event_id IS NULL"
                )
            ).scalar()
            assert orphans == 0, f"{orphans} pending event(s) without an outbox row"
            boxes = session.execute(text("SELECT count(*) FROM outbox")).scalar()
            pending = session.execute(
                text("SELECT count(*) FROM events WHERE sync_state = 'pending'")
            ).scalar()
            assert boxes == pending, f"{boxes} outbox rows for {pending} pending events"
            seqs = list(
                session.execute(
                    text("SELECT local_seq FROM events WHERE local_seq IS NOT NULL ORDER BY 1")
                ).scalars()
            )
            assert seqs == list(range(1, len(seqs) + 1)), "local_seq has gaps or repeats"
            counts = session.execute(text("SELECT sum(pending_count) FROM visits")).scalar()
            assert counts == pending, "derived pending counts disagree with the events"
            return len(stored)
    finally:
        store.dispose()
