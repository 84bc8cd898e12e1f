"""The gate every password check passes: a few hashes at once, a short queue, refusal beyond."""

from __future__ import annotations

import asyncio
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from fieldapp.server.errors import ApiError

log = logging.getLogger(__name__)

Result = TypeVar("Result")
# Weight of the newest check in the running mean that sets Retry-After.
_SMOOTHING = 0.2
# How much lower than the rest of the server the hashing threads run (a nice increment): on
# a small machine the request threads then get the CPU first, and a flood of logins slows
# the logins rather than everyone's requests.
HASHING_NICENESS = 10


def _lower_priority() -> None:
    """Lower the calling thread's CPU priority, where the OS lets a thread have its own (on
    Linux a thread's nice value is its own, and argon2's lane threads inherit it)."""
    if sys.platform == "linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)
        except OSError:  # a sandbox may forbid it; the gate still bounds the hashing
            log.warning("could not lower the priority of the password hashing threads")


class HashGate:
    """Runs password checks on `concurrency` threads of its own, off the event loop and off
    the threadpool that serves every other request.

    argon2 takes argon2_memory_kib per hash (64 MiB by default), so the number of hashes at
    once bounds the memory a login flood can take. Up to `queue` more checks wait (without a
    thread); past that a login is refused at once with 503 and a Retry-After, rather than
    queueing without end. Call `run` from the event loop only: the admission count is kept
    there, without a lock.
    """

    def __init__(self, concurrency: int, queue: int) -> None:
        self.concurrency = concurrency
        self.queue = queue
        self._executor = ThreadPoolExecutor(
            concurrency, thread_name_prefix="password-hash", initializer=_lower_priority
        )
        self._admitted = 0  # running or waiting; event loop only
        self._lock = threading.Lock()
        self._running = 0
        self._most_running = 0
        self._started = 0
        self._mean_seconds = 0.5  # until measured: argon2-cffi's default cost, about that

    @property
    def running(self) -> int:
        """Checks running now."""
        with self._lock:
            return self._running

    @property
    def most_running(self) -> int:
        """The most checks that have run at once since the server started."""
        with self._lock:
            return self._most_running

    @property
    def started(self) -> int:
        """Checks started since the server started."""
        with self._lock:
            return self._started

    @property
    def admitted(self) -> int:
        """Checks running or waiting for a thread."""
        return self._admitted

    def retry_after(self) -> int:
        """Seconds until the checks admitted now should be done, at least 1."""
        with self._lock:
            mean = self._mean_seconds
        return max(1, math.ceil(self._admitted * mean / self.concurrency))

    def refuse_if_full(self) -> None:
        """Raise the refusal `run` would raise now, if it would.

        Raises:
            ApiError: 503 server_busy when `concurrency + queue` are already in.
        """
        if self._admitted >= self.concurrency + self.queue:
            log.warning("login refused: %d password checks already admitted", self._admitted)
            raise ApiError(
                503,
                "server_busy",
                "The server is busy checking other logins; please try again in a few seconds.",
                headers={"Retry-After": str(self.retry_after())},
            )

    async def run(self, check: Callable[[], Result]) -> Result:
        """Run `check` on one of the gate's threads once one is free; its result or exception.

        Raises:
            ApiError: 503 server_busy, at once, when `concurrency + queue` are already in.
        """
        self.refuse_if_full()
        self._admitted += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self._measured, check)
        finally:
            self._admitted -= 1

    def _measured(self, check: Callable[[], Result]) -> Result:
        started = time.monotonic()
        with self._lock:
            self._running += 1
            self._started += 1
            self._most_running = max(self._most_running, self._running)
        try:
            return check()
        finally:
            elapsed = time.monotonic() - started
            with self._lock:
                self._running -= 1
                self._mean_seconds += _SMOOTHING * (elapsed - self._mean_seconds)

    def close(self) -> None:
        """Finish the checks in progress, drop the waiting ones, stop the threads."""
        self._executor.shutdown(wait=True, cancel_futures=True)
