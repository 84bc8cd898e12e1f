"""The one way to run slow work off the UI thread and get its result back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from fieldapp.domain.errors import DomainError
from fieldapp.sync import SyncError
from fieldapp.sync.vault import CacheUnavailable

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; a signal to its own slots crosses threads as a queued call."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        owner: BackgroundRunner,
        on_done: Callable[[Any], Any],
        on_error: Callable[[Exception], Any] | None,
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self.on_job_succeeded)
        self.failed.connect(self.on_job_failed)

    @Slot(object)
    def on_job_succeeded(self, result: object) -> None:
        self._owner.forget(self)
        self._on_done(result)

    @Slot(object)
    def on_job_failed(self, error: object) -> None:
        self._owner.forget(self)
        if self._on_error is not None and isinstance(error, Exception):
            self._on_error(error)
        else:
            log.error("background work failed: %s", error)


def log_failure(fn: Callable[[], object], error: Exception) -> None:
    """Log a job's failure: a refusal that is already a sentence (the workflow's, the
    cache's, the sync's) in one line, anything else with its traceback for the support desk
    (the UI shows only a sentence)."""
    func = fn.func if isinstance(fn, partial) else fn
    name = getattr(func, "__qualname__", type(func).__name__)
    if isinstance(error, DomainError | SyncError | CacheUnavailable):
        log.info("background work %s: %s: %s", name, type(error).__name__, error)
    else:
        log.error("background work %s failed", name, exc_info=error)


class _Job(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[], T], relay: _Relay) -> None:
        super().__init__()
        # Python keeps the job alive (see BackgroundRunner._jobs); Qt must not delete it
        # behind the wrapper's back.
        self.setAutoDelete(False)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        # The worker only computes; the relay's queued signal hands the result to the UI thread.
        try:
            result = self._fn()
        except Exception as error:  # every failure must reach the UI
            log_failure(self._fn, error)
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class BackgroundRunner(QObject):
    """Runs functions on a thread pool; callbacks run on the thread that owns this object.

    The worker function must never touch a widget; it returns a value (or raises) and
    `on_done` / `on_error` get it on the UI thread.
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._jobs: dict[_Relay, _Job[Any]] = {}

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], Any],
        on_error: Callable[[Exception], Any] | None = None,
    ) -> None:
        relay = _Relay(self, on_done, on_error)
        job = _Job(fn, relay)
        self._jobs[relay] = job
        self._pool.start(job)

    def forget(self, relay: _Relay) -> None:
        self._jobs.pop(relay, None)
        relay.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every job has finished (used at shutdown and in tests)."""
        return self._pool.waitForDone(msecs)
