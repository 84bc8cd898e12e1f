"""A first-come, first-served queue for a SQLite database's writers within one process.

SQLite has one writer at a time. A writer that finds the lock taken does not queue: its
busy handler sleeps and tries again, with sleeps growing to 100 ms, and whoever tries at
the moment the lock is free takes it. Under load a push could lose that race for many
seconds while pushes that came later went through (issue 11: push p50 1.4 s, max 14.6 s).
The writers of one server process therefore queue here, in arrival order, before they
begin their transaction; the busy handler is left to arbitrate between processes only
(several workers, the command-line tools).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque

from sqlalchemy.exc import OperationalError


class WriterQueue:
    """A lock handed to its waiters in the order they asked for it (a plain Lock is not:
    a thread that arrives as it is released can take it before those waiting)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self, timeout: float) -> None:
        """Wait for the turn, at most `timeout` seconds; past it, raise the OperationalError
        a busy database raises (the server answers 503, try again)."""
        with self._guard:
            if not self._held:
                self._held = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        if turn.acquire(timeout=timeout):
            return  # handed over by release(): the lock is ours
        with self._guard:
            if turn in self._waiters:
                self._waiters.remove(turn)
                raise OperationalError(
                    "BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")
                )
        # release() handed it over between the timeout and the guard: it is ours after all.

    def release(self) -> None:
        with self._guard:
            if self._waiters:
                self._waiters.popleft().release()  # still held: now by the next in line
            else:
                self._held = False
