"""The pull's requests: the feed's pages fetched on its prefetch threads, and what the sync
asks beside the feed's last page.

The pull (sync/pull.py) applies what these fetch. One pull's fetches run on a pool of
PREFETCH_THREADS threads: a page is decoded on one while the next is asked on the other
(sync/pull_ahead.py), and the client serves one request at a time. Once the feed's last
page is here the client is free: the sync's `beside_last` (the device history) is fetched
next on that thread, then the knowledge snapshot the last page told (`knowledge_last`),
while the page is written and committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fieldapp.clock import Clock
from fieldapp.store.bulk import paused_gc
from fieldapp.sync.client import FeedAnswer, ServerClient
from fieldapp.sync.pull_ahead import PREFETCH_THREADS, PagesAhead

# The changes a pull asks for first: the laptop has nothing to do while it waits for that
# page, so it is small (the server renders 5,000 visits in ~85 ms of CPU, 1,000 in ~15);
# the next pages, fetched while the one before is applied, are of the full page size.
# Growing them step by step instead made the laptop wait for each on a loaded machine:
# the server renders a change only about twice as fast as the laptop applies one.
FIRST_PAGE = 1000


class Emptied(Protocol):
    """A container `FeedFetches.let_go` empties (a dict, a set, a list)."""

    def clear(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page of the feed as fetched, with the laptop's clock as it was asked and as it came."""

    answer: FeedAnswer
    sent_at: datetime
    received_at: datetime


@dataclass(frozen=True, slots=True)
class CarriedPage:
    """The feed's page after `cursor` that came beside the push's last answer
    (protocol.PushFeedResponse), with the laptop's clock as the push went out and as its
    answer came back: the pull's first page, if the cursor is still where it starts."""

    cursor: int
    answer: FeedAnswer
    sent_at: datetime
    received_at: datetime


class FeedFetches:
    """One pull's requests to the server, on its prefetch threads.

    Args:
        client: the server client, logged in.
        clock: the laptop's clock.
        page_size: changes asked for per page (the server may cap it).

    The sync sets `beside_last` (fetched once the feed's last page is here, its result in
    `beside`; None: nothing) and `knowledge_last` (told the knowledge snapshot's version
    the last page told, it gives the snapshot's fetch, or None: not needed; its result in
    `knowledge_beside`).
    """

    def __init__(self, client: ServerClient, clock: Clock, page_size: int) -> None:
        self.client = client
        self.clock = clock
        self.page_size = page_size
        self.beside_last: Callable[[], object] | None = None
        self.beside: Future[object] | None = None
        self.knowledge_last: Callable[[str | None], Callable[[], object] | None] | None = None
        self.knowledge_beside: Future[object] | None = None
        self._asked = 0  # the changes the last fetch asked for (0: none yet; see FIRST_PAGE)
        self._pool: ThreadPoolExecutor | None = None
        self._ahead: PagesAhead[Fetched] | None = None

    def first_size(self) -> int:
        """The size of the page a pull asks for first."""
        return min(self.page_size, FIRST_PAGE)

    def open(self) -> None:
        """Start the prefetch threads of a pull (`shut` ends them)."""
        pool = ThreadPoolExecutor(PREFETCH_THREADS, thread_name_prefix="fieldapp-prefetch")
        self._pool = pool
        self._ahead = PagesAhead(pool, self._fetch, self.page_size)
        self._asked = 0

    def __enter__(self) -> FeedFetches:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shut(cancel=False)  # the pull's end: what was asked is waited for

    def shut(self, *, cancel: bool) -> None:
        """End the pull's prefetch threads once their fetches are done (`cancel`: the ones
        not started yet are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)

    def next(self, cursor: int) -> Future[Fetched]:
        """Start fetching the page after `cursor` (FIRST_PAGE says how large), unless its
        fetch began already (sync/pull_ahead.py)."""
        self._asked = self.page_size if self._asked else self.first_size()
        assert self._ahead is not None  # made by open()
        return self._ahead.next(cursor, self._asked)

    def restart(self) -> None:
        """The feed is read again from its start (a full download): its first page is small."""
        self._asked = 0

    def waiting(self, upcoming: Future[Fetched]) -> None:
        """The pull is done with the page before `upcoming`'s and waits for it."""
        if self._ahead is not None:
            self._ahead.waiting(upcoming)

    def carried(self, carried: CarriedPage) -> Future[Fetched]:
        """The push brought the first page: it stands for the first fetch, so every page
        after it (has_more), a full download (must_refetch) and what is fetched beside the
        last page go as they would from a fetched one."""
        self._asked = self.first_size()
        upcoming: Future[Fetched] = Future()
        upcoming.set_result(Fetched(carried.answer, carried.sent_at, carried.received_at))
        page = carried.answer.page
        if not page.has_more and not page.must_refetch:
            self._fetch_beside()  # as _fetch does: the client is free
        return upcoming

    def last_page(self, knowledge: str | None) -> None:
        """The feed's last page is being applied: what the sync asks beside it is fetched
        meanwhile (`beside_last` if not already, then the snapshot `knowledge` calls for)."""
        self._fetch_beside()
        self._fetch_knowledge(knowledge)

    def let_go(self, held: Iterable[Emptied]) -> None:
        """Empty each of `held` on a prefetch thread, after what is asked there (here if
        the pull's threads are shut): what they hold is freed on that thread."""
        held = tuple(held)
        if self._pool is not None:
            with suppress(RuntimeError):  # shut: emptied here
                self._pool.submit(_empty, held)
                return
        _empty(held)

    def _fetch(self, cursor: int, limit: int) -> Fetched:
        """Fetch the page after `cursor`; where the feed goes on, if the server tells it
        beside the page, is handed to `PagesAhead` before the page is decoded."""
        ahead = self._ahead
        assert ahead is not None  # made by open(), before any fetch
        sent_at = self.clock()
        with paused_gc():  # tens of thousands of objects per page; see paused_gc
            reply = self.client.feed_reply(cursor, limit)
            received_at = self.clock()
            told = reply.next_page
            if told is not None and told.has_more:
                ahead.told(cursor, told.cursor)
            elif told is not None and self.beside_last is not None:
                self._fetch_beside()  # the last page: the client is free
            answer = reply.answer()
        page = answer.page
        if told is not None and (told.cursor, told.has_more) != (page.next_cursor, page.has_more):
            ahead.drop()  # a faulty server: the page as decoded is what counts
        if not page.has_more and not page.must_refetch and self.beside_last is not None:
            self._fetch_beside()  # next on this thread, while the page is applied
        return Fetched(answer, sent_at, received_at)

    def _fetch_beside(self) -> None:
        """Start fetching `beside_last` once (the feed's last page is here: the client is
        free), on the prefetch thread; the main thread asks only after that page's fetch
        is done, so the two never start it both."""
        if self.beside is None and self.beside_last is not None and self._pool is not None:
            # RuntimeError: the pull stopped meanwhile (its pool shut): nothing is asked
            with suppress(RuntimeError):
                self.beside = self._pool.submit(self.beside_last)

    def _fetch_knowledge(self, told: str | None) -> None:
        """Start fetching the knowledge snapshot the feed's last page told, if the caller
        wants it (`knowledge_last`), on the prefetch thread once `beside`'s fetch is done
        (one request at a time); on the main thread, after the server's info was met."""
        if self.knowledge_beside is not None or self.knowledge_last is None:
            return
        fetch = self.knowledge_last(told)
        if fetch is not None and self._pool is not None:
            # RuntimeError: the pull stopped meanwhile (its pool shut): nothing is asked
            with suppress(RuntimeError):
                self.knowledge_beside = self._pool.submit(_after, self.beside, fetch)


def _after(first: Future[object] | None, then: Callable[[], object]) -> object:
    """`then()` once `first` is done (the client takes one request at a time)."""
    if first is not None:
        wait([first])
    return then()


def _empty(held: Iterable[Emptied]) -> None:
    for container in held:
        container.clear()
