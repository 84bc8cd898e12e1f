"""The pull's page fetches: the next page asked for as soon as the last one's headers are in.

A server tells beside each page of the feed where it goes on (protocol NEXT_PAGE_HEADER). The
pull asks for page N+1 when both N's headers are in and it is done with the page before N
(waiting for N, or about to): N is decoded on one of the pull's prefetch threads and applied
meanwhile, while the server renders N+1 on its own core. Before, the laptop asked only once N
was decoded and handed over, so the server's rendering and the laptop's decoding added up
along the chain of pages.

The pages are still asked for in order, and one request at most is under way at any time
(the client is one connection, and not thread-safe): a fetch started early begins only once
the page before it is read whole, and the pull's own fetches wait for an early one to end.
At most one page is asked for beyond the one the pull waits for or applies. What the pull
does with a page (its transactions, the cursor moving only on commit, a page dropped when
applying fails) is unchanged: a page fetched early is one the pull would have asked for
next, with the same cursor and size; if the page decoded says otherwise than its header
(a faulty server), the early fetch is dropped and the pull asks the usual way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The pull's prefetch threads: one decodes page N while the other fetches N+1 (the client is
# never used by both at once: see the module's docstring).
PREFETCH_THREADS = 2


@dataclass(frozen=True, slots=True)
class _Early(Generic[T]):
    cursor: int
    limit: int
    future: Future[T]


class PagesAhead(Generic[T]):
    """The fetches of one pull's pages on its prefetch pool.

    Args:
        pool: the pull's prefetch pool (PREFETCH_THREADS threads).
        fetch: fetches the page after a cursor, of a size; on a prefetch thread. It calls
            `told` as soon as the page's headers say where the feed goes on.
        page_size: the size of every page but the first (an early fetch is never a first).
    """

    def __init__(
        self, pool: ThreadPoolExecutor, fetch: Callable[[int, int], T], page_size: int
    ) -> None:
        self._pool = pool
        self._fetch = fetch
        self._page_size = page_size
        self._lock = threading.Lock()
        # The last fetch handed to the pull and the cursor it asks after (the pull holds it
        # anyway; no earlier one is kept, with its page).
        self._current: tuple[Future[T], int] | None = None
        self._early: _Early[T] | None = None  # started from a header, not handed over yet
        self._told: tuple[int, int] | None = None  # a header in: the fetch's cursor, the next
        self._waiting: int | None = None  # the cursor of the fetch the pull waits for

    def next(self, cursor: int, limit: int) -> Future[T]:
        """The fetch of the page after `cursor` of `limit` changes: the one started early if
        it is that page, else one started now (after an early fetch of another page ends)."""
        with self._lock:
            early, self._early = self._early, None
            if self._told is not None and self._told[0] != cursor:
                self._told = None  # told of a page the pull has taken
        if early is not None and (early.cursor, early.limit) != (cursor, limit):
            wait([early.future])  # dropped: the client is free once it ends
            early = None
        future = (
            early.future if early is not None else self._pool.submit(self._fetch, cursor, limit)
        )
        with self._lock:
            self._current = (future, cursor)
        return future

    def waiting(self, upcoming: Future[T]) -> None:
        """The pull is done with the page before `upcoming`'s and waits for it: the page
        after is asked for now if `upcoming`'s headers told where it is."""
        with self._lock:
            current = self._current
            self._waiting = current[1] if current is not None and current[0] is upcoming else None
            told = self._told
            if told is not None and told[0] == self._waiting:
                self._told = None
                self._start(told[1])

    def told(self, cursor: int, next_cursor: int) -> None:
        """On a prefetch thread: the headers of the page after `cursor` say more follows,
        after `next_cursor`; its fetch is asked for now if the pull waits for this page,
        else when it does (`waiting`)."""
        with self._lock:
            if cursor == self._waiting:
                self._start(next_cursor)
            else:
                self._told = (cursor, next_cursor)

    def drop(self) -> None:
        """On a prefetch thread: the page decoded says otherwise than its header; a fetch
        started early from it is dropped (waited for, so the client is free)."""
        with self._lock:
            early, self._early = self._early, None
            self._told = None
        if early is not None:
            wait([early.future])

    def _start(self, cursor: int) -> None:
        if self._early is not None:
            return
        # RuntimeError: the pull stopped meanwhile (its pool shut): nothing is asked
        with suppress(RuntimeError):
            future = self._pool.submit(self._fetch, cursor, self._page_size)
            self._early = _Early(cursor, self._page_size, future)
