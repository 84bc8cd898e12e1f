"""An initial sync's pages written in long transactions, each visit's row once (see
store/feed_load.py).

On an empty cache the pull needs nothing back from the cache to apply a page, so it keeps one
transaction open across pages while they come (`TakenPages`): each page is written as it is
taken, while the server renders the next, and the transaction commits, with the cursor of
its last page, when the feed is through, when LOAD_CHANGES changes are in it, or when it has
been open LOAD_SECONDS (the pull also commits rather than wait for a page past that). The
rows of visits none of whose events came yet wait in memory until their events come or the
transaction commits (`feed.write_loaded`): written with their events, each row is written
once. But when the next page is not here yet (`take`'s `idle`: the server sends a round's
visits first and renders them for some 200 ms, their events' pages later), they are written
at once: the laptop would only wait, and writing a visit's derived columns again with its
events (an UPDATE of five columns) costs less than its whole row written then. Each commit
re-encrypts the index pages it touched (the events' ids are random): a 10,000-visit round
is one commit instead of eight.

Unlike the usual path, the load holds the write lock while it waits for a page, at most
LOAD_SECONDS: a writer beside it (a visit opened while the round comes in; nothing else
can be written on an empty round) waits that long at worst. Each committed transaction is
whole: rows, derived columns and cursor; what a crash or a page this app cannot apply takes
back is the open transaction's pages, which the next sync fetches again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.protocol.feed import FeedPage
from fieldapp.store.db import switch_foreign_keys
from fieldapp.store.drafts import clear_orphaned_drafts
from fieldapp.store.feed import take_loaded_page, write_loaded
from fieldapp.store.feed_load import InitialLoad, finish_load, start_load, still_alone
from fieldapp.store.meta import set_cursor
from fieldapp.sync.pull_fetch import Emptied

# The most changes one transaction of the load holds: about a second's work on the
# development machine, and about 30 MB of the cache's pages, within the feed's page cache
# (store.db.FEED_CACHE_KIB). A 10,000-visit round (60,000 changes) is one transaction.
LOAD_CHANGES = 12 * protocol.MAX_PAGE
# The longest a transaction of the load stays open (what a writer beside it waits at worst,
# and how often the round shows up on a slow network).
LOAD_SECONDS = 2.0


@dataclass(slots=True)
class TakenPages:
    """An initial load under way: its state and its open transaction (None: none open)."""

    sessions: Callable[[], Session]
    # Takes the containers of what the load held in memory once it is over, to empty them
    # on another thread while the last commit writes (FeedFetches.let_go); by default they
    # are freed here, with the load.
    let_go: Callable[[Iterable[Emptied]], None] = lambda _held: None
    load: InitialLoad = field(default_factory=InitialLoad)
    started: bool = False  # the cache's load began (start_load): its index is left out
    session: Session | None = None
    opened: float = 0.0  # when the open transaction began (monotonic)
    changes: int = 0  # the changes taken in the open transaction
    cursor: int | None = None  # the cursor of the last page taken in it
    through: bool = False  # the feed's last page was taken
    unchecked: bool = False  # the open transaction runs without the foreign keys' checks

    def open(self) -> bool:
        """Begin a transaction for the next pages. False: the load ends here, the cache
        being not empty (the first transaction) or written beside the pull since the last
        commit; its index is built again (committed), and the pages go the usual way."""
        session = self.sessions()
        # The first transaction writes without the foreign keys' checks: every event it
        # writes comes after its visit or a stand-in for it (feed.write_loaded), and with the
        # checks SQLite kept a statement journal for each 200-row statement
        # (db.switch_foreign_keys). They are back on when the transaction ends (_close).
        self.unchecked = not self.started and switch_foreign_keys(session, on=False)
        try:
            session.begin()
            if self.started:
                alone = still_alone(session, self.load)
            else:
                self.started = alone = start_load(session, self.load) is not None
            if not alone:
                finish_load(session)
                session.commit()
                self._close(session)
                return False
        except BaseException:
            self._close(session)  # rolls back
            raise
        self.session, self.opened, self.changes, self.cursor = session, time.monotonic(), 0, None
        return True

    def _close(self, session: Session) -> None:
        """Close `session` (what did not commit goes back), the foreign keys' checks on."""
        session.close()
        if self.unchecked:
            self.unchecked = False
            switch_foreign_keys(session, on=True)

    def take(self, page: FeedPage, *, idle: bool = False) -> None:
        """Take `page` (one without a tombstone: see `holds_tombstone`) into the open
        transaction; `idle`: the next page is not here yet, so the visits held for their
        events are written now, while the laptop would otherwise wait (see the module's
        docstring).

        Raises:
            FeedError: the page cannot be applied.
        """
        if self.session is None:
            raise ValueError("no transaction open for the load")
        if take_loaded_page(page, self.load) is None:
            raise ValueError("a page with a tombstone is not taken into a load")
        write_loaded(self.session, self.load, everything=False, visits_now=idle)
        self.changes += len(page.changes)
        self.cursor = page.next_cursor
        self.through = not page.has_more

    def due(self) -> bool:
        """Whether the open transaction should commit now."""
        return self.session is not None and (
            self.changes >= LOAD_CHANGES or self.waited() >= LOAD_SECONDS
        )

    def wait_for(self, upcoming: Future[Any]) -> None:
        """Wait for the page `upcoming` fetches; the open transaction commits rather than
        wait for it past LOAD_SECONDS (a writer beside the load waits that long at worst)."""
        if self.session is not None and not upcoming.done():
            wait([upcoming], timeout=max(0.0, LOAD_SECONDS - self.waited()))
            if not upcoming.done():
                self.commit(end=False)

    def waited(self) -> float:
        """How long the open transaction has been open."""
        return time.monotonic() - self.opened

    def commit(self, *, end: bool) -> None:
        """Write what is left and commit, with the cursor of the last page taken; `end`: the
        load ends with it (its index built: in a transaction of its own if none is open)."""
        session = self.session
        if session is None:
            if not (end and self.started):
                return
            session = self.sessions()
            session.begin()
        self.session = None
        try:
            write_loaded(session, self.load)
            if self.cursor is not None:
                set_cursor(session, self.cursor)
                if self.through:
                    clear_orphaned_drafts(session)
            if end:
                finish_load(session)
                # Some 500,000 objects (every event of the round): freeing them took 10-20 ms
                # of the sync's end; on another thread, it overlaps the commit's writes.
                self.let_go(self.load.release())
            session.commit()
        finally:
            self._close(session)  # rolls back what did not commit

    def abandon(self) -> None:
        """Roll the open transaction back (its pages are fetched again)."""
        if self.session is not None:
            session, self.session = self.session, None
            self._close(session)


def holds_tombstone(page: FeedPage) -> bool:
    """Whether `page` removes a visit: the load leaves such a page to the usual way."""
    return any(change.kind == "tombstone" for change in page.changes)
