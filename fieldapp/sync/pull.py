"""The sync's receiving side: every page of the change feed, each stored with its cursor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from fieldapp import protocol
from fieldapp.clock import Clock
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol.feed import FeedPage
from fieldapp.store import Store, apply_changes_page, clear_for_refetch, get_cursor
from fieldapp.store.bulk import paused_gc
from fieldapp.store.errors import FeedError, LocalStorageError
from fieldapp.store.feed_load import finish_load
from fieldapp.store.feed_scope import mark_scope_lost
from fieldapp.store.reread import after_reread_page, reread_from
from fieldapp.sync.client import FeedAnswer, MeetServer, ServerClient
from fieldapp.sync.errors import MalformedResponseError
from fieldapp.sync.pull_ahead import PREFETCH_THREADS, PagesAhead
from fieldapp.sync.pull_load import TakenPages, holds_tombstone
from fieldapp.sync.summary import ProgressCallback, SyncProgress, SyncSummary

log = logging.getLogger(__name__)

# The most changes one transaction of the pull applies (pages already fetched join the
# first's): the server's largest page, which a background writer waits for at worst.
GROUP_CHANGES = protocol.MAX_PAGE
# The same on an initial sync (the cache was empty): four of the server's largest pages.
# Every commit re-encrypts the index pages it touched, and the indexes keyed by random UUIDs
# are touched all over at every page: 12 commits cost about a sixth of applying the 60,000
# changes of a 10,000-visit round, 3 commits half that. A writer beside it (nothing to write
# on until the first visits are in) waits for four pages at worst, about half a second.
INITIAL_GROUP_CHANGES = 4 * protocol.MAX_PAGE
# The changes a pull asks for first: the laptop has nothing to do while it waits for that
# page, so it is small (the server renders 5,000 visits in ~85 ms of CPU, 1,000 in ~15);
# the next pages, fetched while the one before is applied, are of the full page size.
# Growing them step by step instead made the laptop wait for each on a loaded machine:
# the server renders a change only about twice as fast as the laptop applies one.
FIRST_PAGE = 1000
NOT_FORWARD_MESSAGE = QT_TRANSLATE_NOOP(
    "SyncError", "The server's change feed does not move forward; sync stopped."
)
NOT_LISTED_REASON = "not_listed"
NOT_LISTED_MESSAGE = (
    "The server no longer lists this visit for you; your unsent work on it is kept here."
)


@dataclass(slots=True)
class _Pull:
    """What one pull keeps between its transactions."""

    first: bool  # the cache was empty: every visit is new, no news to tell
    stored: int  # the cursor before the pull: re-read pages up to it tell nothing
    rereading: bool  # the feed is read again after a cache migration (reread.py)
    refetching: bool = False  # the server asked for a full download
    seen: set[str] = field(default_factory=set)  # visits the last transaction brought
    asked: int = 0  # the changes the last fetch asked for (0: none yet; see FIRST_PAGE)
    # The initial load under way (the cache was empty: sync/pull_load.py), until it ends.
    load: TakenPages | None = None
    loading: bool = False  # the pull began as an initial load: its end makes sure it is done
    # The pull's transactions, one connection for all (Store.refetchable_sessions).
    sessions: sessionmaker[Session] | None = None
    # Its page fetches, the next asked for as soon as the last one's headers are in.
    ahead: PagesAhead[_Fetched] | None = None


@dataclass(frozen=True, slots=True)
class _Fetched:
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


@dataclass(frozen=True, slots=True)
class _Begun:
    """A pull started: its prefetch thread, its state, where it reads from and the fetch of
    its first page."""

    prefetch: ThreadPoolExecutor
    pull: _Pull
    cursor: int
    upcoming: Future[_Fetched]


def _fetched(upcoming: Future[_Fetched]) -> FeedAnswer | None:
    """The answer `upcoming` fetched, if it is here, fetched well, and has changes to apply."""
    if not upcoming.done() or upcoming.exception() is not None:
        return None
    answer = upcoming.result().answer
    return None if answer.page.must_refetch else answer


class FeedPull:
    """Applies the change feed to the cache.

    Args:
        store: the open cache.
        client: the server client, logged in.
        clock: the laptop's clock.
        page_size: changes asked for per page (the server may cap it).
        push_rest: sends what is left in the outbox, before a full download clears the
            cache of what came from the server.
        meet: told the server's info from the feed's first answer, before anything is
            applied (it raises if this app and the server cannot work together).

    After `pull`, `knowledge` is the knowledge snapshot's version the feed's last page
    told (None: not told), `wrote` whether anything was written to the cache, and
    `beside` the fetch of `beside_last` (None: not started), `knowledge_beside` the fetch
    `knowledge_last` gave for the feed's last page (None: none). `carried` (set before `start`
    or `pull`) is a first page the push brought (`first_ask` says which to ask for): it is
    applied as a fetched one, and only fetched pages follow it.
    """

    def __init__(
        self,
        store: Store,
        client: ServerClient,
        clock: Clock,
        page_size: int,
        *,
        push_rest: Callable[[SyncSummary, ProgressCallback], None],
        meet: MeetServer,
    ) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.page_size = page_size
        self.push_rest = push_rest
        self.meet = meet
        self.knowledge: str | None = None
        self.wrote = False
        self._begun: _Begun | None = None
        # Fetched on the prefetch thread once the feed's last page is here (set by the
        # caller before `start` or `pull`), its result in `beside`: the client is free then.
        self.beside_last: Callable[[], object] | None = None
        self.beside: Future[object] | None = None
        # Told the knowledge snapshot's version beside the feed's last page (set by the
        # caller), the fetch of the snapshot (None: not needed), which the prefetch thread
        # runs after `beside`'s while the last page is written and committed.
        self.knowledge_last: Callable[[str | None], Callable[[], object] | None] | None = None
        self.knowledge_beside: Future[object] | None = None
        self.carried: CarriedPage | None = None

    def _fetch(
        self, prefetch: ThreadPoolExecutor, ahead: PagesAhead[_Fetched], cursor: int, limit: int
    ) -> _Fetched:
        """Fetch the page after `cursor`; where the feed goes on, if the server tells it
        beside the page, is handed to `ahead` before the page is decoded (sync/pull_ahead.py)."""
        sent_at = self.clock()
        with paused_gc():  # tens of thousands of objects per page; see paused_gc
            reply = self.client.feed_reply(cursor, limit)
            received_at = self.clock()
            told = reply.next_page
            if told is not None and told.has_more:
                ahead.told(cursor, told.cursor)
            elif told is not None and self.beside_last is not None:
                self._fetch_beside(prefetch)  # the last page: the client is free
            answer = reply.answer()
        page = answer.page
        if told is not None and (told.cursor, told.has_more) != (page.next_cursor, page.has_more):
            ahead.drop()  # a faulty server: the page as decoded is what counts
        if not page.has_more and not page.must_refetch and self.beside_last is not None:
            self._fetch_beside(prefetch)  # next on this thread, while the page is applied
        return _Fetched(answer, sent_at, received_at)

    def _fetch_beside(self, prefetch: ThreadPoolExecutor) -> None:
        """Start fetching `beside_last` once (the feed's last page is here: the client is
        free), on the prefetch thread; the main thread asks only after that page's fetch
        is done, so the two never start it both."""
        if self.beside is None and self.beside_last is not None:
            # RuntimeError: the pull stopped meanwhile (its pool shut): nothing is asked
            with suppress(RuntimeError):
                self.beside = prefetch.submit(self.beside_last)

    def _fetch_knowledge(self, prefetch: ThreadPoolExecutor, told: str | None) -> None:
        """Start fetching the knowledge snapshot the feed's last page told, if the caller
        wants it (`knowledge_last`), on the prefetch thread once `beside`'s fetch is done
        (one request at a time); on the main thread, after the server's info was met."""
        if self.knowledge_beside is not None or self.knowledge_last is None:
            return
        fetch = self.knowledge_last(told)
        if fetch is not None:
            # RuntimeError: the pull stopped meanwhile (its pool shut): nothing is asked
            with suppress(RuntimeError):
                self.knowledge_beside = prefetch.submit(_after, self.beside, fetch)

    def _next(self, prefetch: ThreadPoolExecutor, pull: _Pull, cursor: int) -> Future[_Fetched]:
        """Start fetching the page after `cursor` (FIRST_PAGE says how large), unless its
        fetch began already (sync/pull_ahead.py)."""
        pull.asked = min(self.page_size, FIRST_PAGE if pull.asked == 0 else self.page_size)
        assert pull.ahead is not None  # made with the pull (_begin)
        return pull.ahead.next(cursor, pull.asked)

    def first_ask(self) -> tuple[int, int]:
        """The cursor and the size of the page the pull would fetch first now: what a push
        asks to carry (CarriedPage)."""
        with self.store.read_session() as session:
            cursor = get_cursor(session)
            rereading = reread_from(session)
        return (cursor if rereading is None else rereading), min(self.page_size, FIRST_PAGE)

    def start(self) -> None:
        """Start fetching the feed's first page now, before `pull` applies it: the engine
        calls it while the push's last answer is written down, which changes neither the
        cursor nor uses the client, so the server renders the page meanwhile."""
        if self._begun is None:
            self._begun = self._begin()

    def close(self) -> None:
        """Let go of a first page `start` fetched that `pull` never applied (the push
        stopped): it is dropped, as a prefetched page is when applying fails."""
        begun, self._begun = self._begun, None
        if begun is not None:
            begun.prefetch.shutdown(wait=True, cancel_futures=True)

    def _begin(self) -> _Begun:
        with self.store.read_session() as session:
            cursor = get_cursor(session)
            rereading = reread_from(session)  # once, after a cache migration
        pull = _Pull(
            first=cursor == 0,  # the whole round arrives: no news to tell
            stored=cursor,  # a re-read tells nothing of what this cache already had
            rereading=rereading is not None,
            loading=cursor == 0 and rereading is None,
        )
        cursor = cursor if rereading is None else rereading
        prefetch = ThreadPoolExecutor(PREFETCH_THREADS, thread_name_prefix="fieldapp-prefetch")
        ahead: PagesAhead[_Fetched] = PagesAhead(
            prefetch,
            lambda after, limit: self._fetch(prefetch, ahead, after, limit),
            self.page_size,
        )
        pull.ahead = ahead
        carried, self.carried = self.carried, None
        if carried is None or carried.cursor != cursor:
            return _Begun(prefetch, pull, cursor, self._next(prefetch, pull, cursor))
        # The push brought the first page: it stands for the first fetch, so every page
        # after it (has_more), a full download (must_refetch) and what is fetched beside the
        # last page go as they would from a fetched one.
        pull.asked = min(self.page_size, FIRST_PAGE)
        upcoming: Future[_Fetched] = Future()
        upcoming.set_result(_Fetched(carried.answer, carried.sent_at, carried.received_at))
        page = carried.answer.page
        if not page.has_more and not page.must_refetch:
            self._fetch_beside(prefetch)  # as _fetch does: the client is free
        return _Begun(prefetch, pull, cursor, upcoming)

    def pull(self, summary: SyncSummary, report: ProgressCallback) -> None:
        """Apply every page of the feed, each with its cursor in one transaction.

        While a page is being applied the next one is already being fetched (the server
        renders it meanwhile); a prefetched page is simply dropped if applying fails. Pages
        already fetched when one is applied join its transaction, up to GROUP_CHANGES
        changes (INITIAL_GROUP_CHANGES on a first sync; see _apply_ready). On an empty cache
        the pages go into long transactions instead, each visit's row written once
        (sync/pull_load.py).
        """
        begun = self._begun or self._begin()
        self._begun = None
        pull = begun.pull
        # The collector stays off for the whole pull, not page by page: re-enabled between
        # pages, it ran a collection over the next page's freshly decoded objects each time
        # (a sixth of an initial sync), and the prefetch thread's pause ended mid-apply.
        with paused_gc(), begun.prefetch:
            try:
                with self.store.refetchable_sessions() as pull.sessions:
                    if pull.loading:
                        pull.load = TakenPages(pull.sessions)
                    kept = self._pull_pages(summary, report, begun)
            finally:
                if pull.load is not None:  # stopped early: its open transaction goes back
                    pull.load.abandon()
                if pull.loading:  # and the cache gets its index back now
                    self._finish_load()
        if kept:
            with self.store.session() as session, session.begin():
                mark_scope_lost(session, kept, NOT_LISTED_REASON, NOT_LISTED_MESSAGE)
            summary.conflicts.extend(sorted(kept))
            self.wrote = True

    def _finish_load(self) -> None:
        try:
            with self.store.session() as session, session.begin():
                finish_load(session)
        except LocalStorageError:  # the next opening of the cache finishes it (repair_load)
            log.exception("could not finish the initial load")

    def _pull_pages(
        self,
        summary: SyncSummary,
        report: ProgressCallback,
        begun: _Begun,
    ) -> set[str] | None:
        """The pull's loop over the pages, from the fetch of the first that `begun` holds;
        returns the visits kept through a refetch."""
        prefetch, pull, cursor, upcoming = begun.prefetch, begun.pull, begun.cursor, begun.upcoming
        kept: set[str] | None = None  # visits kept through a refetch, until seen again
        first = upcoming.result()
        self.meet(first.answer.info, first.sent_at, first.received_at)
        while True:
            report(SyncProgress("pull", summary.pulled, None))
            if pull.ahead is not None:  # done with the page before: the next may be asked
                pull.ahead.waiting(upcoming)
            try:
                if pull.load is not None:  # its transaction commits rather than wait long
                    pull.load.wait_for(upcoming)
                answer = upcoming.result().answer
            except Exception:
                if pull.load is not None:  # what came before it is kept
                    pull.load.commit(end=False)
                raise
            page = answer.page
            summary.server_time = page.server_time
            if page.must_refetch:
                if kept is not None or cursor == 0:
                    raise MalformedResponseError(
                        QT_TRANSLATE_NOOP(
                            "SyncError",
                            "The server keeps asking for a full download; sync stopped. "
                            "Please tell IT.",
                        ),
                        detail=f"must_refetch at cursor {cursor}",
                    )
                if pull.load is not None:
                    pull.load.abandon()  # its pages are the round the server starts again
                if pull.loading:
                    self._finish_load()
                pull.load, pull.loading = None, False
                kept = self._start_refetch(summary, report)
                pull.refetching = True
                cursor = pull.asked = 0
                upcoming = self._next(prefetch, pull, cursor)
                continue
            step = self._apply_ready if pull.load is None else self._take
            cursor, following = step(
                answer, cursor, upcoming, prefetch=prefetch, pull=pull, summary=summary
            )
            if kept is not None:
                kept.difference_update(pull.seen)
            if following is None:
                break
            upcoming = following
        return kept

    def _apply_ready(
        self,
        answer: FeedAnswer,
        cursor: int,
        upcoming: Future[_Fetched],
        *,
        prefetch: ThreadPoolExecutor,
        pull: _Pull,
        summary: SyncSummary,
    ) -> tuple[int, Future[_Fetched] | None]:
        """Apply `page`, and the pages after it already fetched, in one transaction.

        Each page's cursor is stored with it, so the transaction holds consecutive pages and
        the cursor of the last: what a crash takes back, the next sync fetches again. A
        transaction per page of 1,000 changes rewrote the visits' and events' indexes at
        every commit (their keys are random UUIDs: each page touches most of their pages),
        which grew with the cache. A page not fetched yet is not waited for (the write lock
        is held meanwhile); nor is a failed fetch, a must-refetch answer or a page that does
        not move forward, which the caller meets after this transaction commits. A page this
        app cannot apply takes back its transaction's earlier pages with it (fetched again).

        The feed's last page with nothing on it, at the cursor already stored (the usual
        answer of a sync with nothing new), writes nothing.

        Returns the cursor reached and the fetch of the next page (None: the feed is through).
        """
        pull.seen = set()
        most = INITIAL_GROUP_CHANGES if pull.first and not pull.refetching else GROUP_CHANGES
        page = answer.page
        if not page.changes and not page.has_more and page.next_cursor == pull.stored == cursor:
            self.knowledge = answer.knowledge
            return cursor, None
        self.wrote = True
        try:
            sessions = pull.sessions or self.store.refetchable_session
            with sessions() as session, session.begin():
                changes = 0
                while True:
                    if page.has_more:
                        _check_forward(page, cursor)
                        upcoming = self._next(prefetch, pull, page.next_cursor)
                    else:  # the feed's last page: what the sync asks beside it is fetched
                        self._fetch_beside(prefetch)  # while it is applied (if not already)
                        self._fetch_knowledge(prefetch, answer.knowledge)
                    tell = not pull.first and not pull.refetching and page.next_cursor > pull.stored
                    self._apply(session, page, summary, tell=tell, pull=pull)
                    pull.seen.update(change.visit_id for change in page.changes)
                    changes += len(page.changes)
                    if not page.has_more:
                        self.knowledge = answer.knowledge
                        return page.next_cursor, None
                    cursor = page.next_cursor
                    ready = _fetched(upcoming)
                    if (
                        ready is None
                        or changes + len(ready.page.changes) > most
                        or (ready.page.has_more and ready.page.next_cursor <= cursor)  # alone
                    ):
                        return cursor, upcoming
                    answer, page = ready, ready.page
                    summary.server_time = page.server_time
        except FeedError as error:
            raise _cannot_apply(error) from None

    def _apply(
        self,
        session: Session,
        page: FeedPage,
        summary: SyncSummary,
        *,
        tell: bool,
        pull: _Pull,
    ) -> None:
        cursor_before = get_cursor(session)
        result = apply_changes_page(session, page)
        if pull.rereading:
            after_reread_page(session, page, cursor_before)
        summary.pulled += len(page.changes)
        summary.conflicts.extend(result.conflicts)
        if tell:
            summary.news.extend(result.news)

    def _take(
        self,
        answer: FeedAnswer,
        cursor: int,
        upcoming: Future[_Fetched],
        *,
        prefetch: ThreadPoolExecutor,
        pull: _Pull,
        summary: SyncSummary,
    ) -> tuple[int, Future[_Fetched] | None]:
        """Write one page of an initial load in the load's open transaction (sync/pull_load.py),
        committing when it is due; a page with a tombstone, or a cache found not empty or
        written beside the pull, ends the load, and the page is applied the usual way.
        Returns as `_apply_ready`."""
        taken = pull.load
        assert taken is not None
        page = answer.page
        if page.has_more:
            _check_forward(page, cursor)
        if holds_tombstone(page):
            self._end_load(pull, commit=True)
        elif taken.session is None and not taken.open():
            self._end_load(pull, commit=False)  # open() built the index again
        if pull.load is None:  # the usual way from here
            return self._apply_ready(
                answer, cursor, upcoming, prefetch=prefetch, pull=pull, summary=summary
            )
        following = self._next(prefetch, pull, page.next_cursor) if page.has_more else None
        if following is None:  # the feed's last page: what the sync asks beside it is
            self._fetch_beside(prefetch)  # fetched while it is written (if not already)
            self._fetch_knowledge(prefetch, answer.knowledge)
        self.wrote = True
        try:
            taken.take(page)
        except FeedError as error:
            raise _cannot_apply(error) from None  # pull() rolls the load's transaction back
        summary.pulled += len(page.changes)
        if following is None:
            self._end_load(pull, commit=True)
            self.knowledge = answer.knowledge
            return page.next_cursor, None
        if taken.due():
            taken.commit(end=False)
        return page.next_cursor, following

    @staticmethod
    def _end_load(pull: _Pull, *, commit: bool) -> None:
        """The initial load is over: what it took is committed (`commit`) and its index
        built; the pull goes on the usual way."""
        if pull.load is not None and commit:
            pull.load.commit(end=True)
        pull.load, pull.loading = None, False

    def _start_refetch(self, summary: SyncSummary, report: ProgressCallback) -> set[str]:
        """The cursor is past the server's horizon: push what is left, then start afresh."""
        log.info("the server asked for a full download")
        self.push_rest(summary, report)
        with self.store.session() as session, session.begin():
            kept = clear_for_refetch(session)
        self.wrote = True
        summary.refetched = True
        return set(kept)


def _after(first: Future[object] | None, then: Callable[[], object]) -> object:
    """`then()` once `first` is done (the client takes one request at a time)."""
    if first is not None:
        wait([first])
    return then()


def _check_forward(page: FeedPage, cursor: int) -> None:
    """A page that says more follows must move the cursor forward, or the pull would loop."""
    if page.next_cursor <= cursor:
        raise MalformedResponseError(
            NOT_FORWARD_MESSAGE, detail=f"has_more with next_cursor {page.next_cursor} <= {cursor}"
        )


def _cannot_apply(error: FeedError) -> MalformedResponseError:
    return MalformedResponseError(
        QT_TRANSLATE_NOOP(
            "SyncError",
            "The server sent changes this app cannot apply; nothing was changed.",
        ),
        detail=str(error),
    )
