"""The sync's receiving side: every page of the change feed, each stored with its cursor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

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
from fieldapp.sync.pull_fetch import CarriedPage, FeedFetches, Fetched
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
    # The initial load under way (the cache was empty: sync/pull_load.py), until it ends.
    load: TakenPages | None = None
    loading: bool = False  # the pull began as an initial load: its end makes sure it is done
    # The pull's transactions, one connection for all (Store.refetchable_sessions).
    sessions: sessionmaker[Session] | None = None


@dataclass(frozen=True, slots=True)
class _Begun:
    """A pull started (its prefetch threads running): its state, where it reads from and
    the fetch of its first page."""

    pull: _Pull
    cursor: int
    upcoming: Future[Fetched]


def _fetched(upcoming: Future[Fetched]) -> FeedAnswer | None:
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
    told (None: not told) and `wrote` whether anything was written to the cache. `fetches`
    makes the pull's requests (sync/pull_fetch.py): the caller sets there what it wants
    fetched beside the feed's last page. `carried` (set before `start` or `pull`) is a first
    page the push brought (`first_ask` says which to ask for): it is applied as a fetched
    one, and only fetched pages follow it.
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
        self.push_rest = push_rest
        self.meet = meet
        self.knowledge: str | None = None
        self.wrote = False
        self._begun: _Begun | None = None
        self.fetches = FeedFetches(client, clock, page_size)
        self.carried: CarriedPage | None = None

    def first_ask(self) -> tuple[int, int]:
        """The cursor and the size of the page the pull would fetch first now: what a push
        asks to carry (CarriedPage)."""
        with self.store.read_session() as session:
            cursor = get_cursor(session)
            rereading = reread_from(session)
        return (cursor if rereading is None else rereading), self.fetches.first_size()

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
            self.fetches.shut(cancel=True)

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
        self.fetches.open()
        carried, self.carried = self.carried, None
        if carried is None or carried.cursor != cursor:
            return _Begun(pull, cursor, self.fetches.next(cursor))
        return _Begun(pull, cursor, self.fetches.carried(carried))

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
        with paused_gc(), self.fetches:
            try:
                with self.store.refetchable_sessions() as pull.sessions:
                    if pull.loading:
                        pull.load = TakenPages(pull.sessions, self.fetches.let_go)
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
        pull, cursor, upcoming = begun.pull, begun.cursor, begun.upcoming
        kept: set[str] | None = None  # visits kept through a refetch, until seen again
        first = upcoming.result()
        self.meet(first.answer.info, first.sent_at, first.received_at)
        while True:
            report(SyncProgress("pull", summary.pulled, None))
            self.fetches.waiting(upcoming)  # done with the page before: the next may be asked
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
                cursor = 0
                self.fetches.restart()
                upcoming = self.fetches.next(cursor)
                continue
            step = self._apply_ready if pull.load is None else self._take
            cursor, following = step(answer, cursor, upcoming, pull=pull, summary=summary)
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
        upcoming: Future[Fetched],
        *,
        pull: _Pull,
        summary: SyncSummary,
    ) -> tuple[int, Future[Fetched] | None]:
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
                        upcoming = self.fetches.next(page.next_cursor)
                    else:  # the feed's last page: what the sync asks beside it is fetched
                        self.fetches.last_page(answer.knowledge)  # while it is applied
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
        upcoming: Future[Fetched],
        *,
        pull: _Pull,
        summary: SyncSummary,
    ) -> tuple[int, Future[Fetched] | None]:
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
            return self._apply_ready(answer, cursor, upcoming, pull=pull, summary=summary)
        following = self.fetches.next(page.next_cursor) if page.has_more else None
        if following is None:  # the feed's last page: what the sync asks beside it is
            self.fetches.last_page(answer.knowledge)  # fetched while it is written
        self.wrote = True
        try:
            # the next page not here yet: what the load holds is written meanwhile
            taken.take(page, idle=following is not None and not following.done())
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
