"""An initial sync's pages taken in memory and written many at once (see store/feed_load.py).

On an empty cache the pull needs nothing back from the cache to apply a page, so it takes
the pages in (`feed.take_loaded_page`: each visit's status and events kept, nothing written)
and writes what it took in one transaction, with the cursor of the last page: when the feed
is through, when LOAD_CHANGES changes are waiting, or when the first of them has waited
LOAD_SECONDS. No lock is held while a page is fetched or taken, so the transactions are no
longer cut short by a page not fetched yet, and each visit's row is written once, with the
derived columns of its events (the server sends a round's visits first and their events
pages later: a visit written in one transaction had its columns written again in the next).
Each committed transaction is whole: rows, derived columns and cursor. What a crash or a
failed page takes back is pages not written yet, which the next sync fetches again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.protocol.feed import FeedPage
from fieldapp.store import apply_changes_page
from fieldapp.store.drafts import clear_orphaned_drafts
from fieldapp.store.feed import take_loaded_page, write_loaded
from fieldapp.store.feed_load import InitialLoad, finish_load, start_load, still_alone
from fieldapp.store.meta import set_cursor

# The most changes taken before they are written: about a second's work on the development
# machine, which a writer beside the pull (a visit opened while the round comes in) waits
# for at worst, and about 30 MB of the cache's pages, within the feed's page cache
# (store.db.FEED_CACHE_KIB). A 10,000-visit round (60,000 changes) is one transaction.
LOAD_CHANGES = 12 * protocol.MAX_PAGE
# The longest the first page taken waits to be written: on a slow network the round shows
# up a few pages at a time instead of all at the end.
LOAD_SECONDS = 2.0


@dataclass(slots=True)
class TakenPages:
    """An initial load under way: its state, and the pages taken since the last write."""

    load: InitialLoad = field(default_factory=InitialLoad)
    started: bool = False  # the cache's load began (start_load): its index is left out
    pages: list[FeedPage] = field(default_factory=list)
    changes: int = 0
    since: float = 0.0  # when the first page not written yet was taken (monotonic)

    def take(self, page: FeedPage) -> None:
        """Take `page` in (one without a tombstone: see `holds_tombstone`).

        Raises:
            FeedError: the page cannot be applied.
        """
        if take_loaded_page(page, self.load) is None:
            raise ValueError("a page with a tombstone is not taken into a load")
        if not self.pages:
            self.since = time.monotonic()
        self.pages.append(page)
        self.changes += len(page.changes)

    def due(self) -> bool:
        """Whether what was taken should be written now."""
        return self.changes >= LOAD_CHANGES or time.monotonic() - self.since >= LOAD_SECONDS

    def write(self, session: Session, *, end: bool) -> tuple[bool, list[str]]:
        """Write the pages taken, in the caller's transaction, with the cursor of the last;
        `end`: the load ends here (the feed is through, or a tombstone comes), its index is
        built. Returns whether the load goes on, and the visits kept as conflicts.

        The cache must still hold only what the load wrote: on the first write it must be
        empty (the load starts: store.feed_load.start_load), and on the next ones nothing
        may have been written beside the pull. Else the load ends and the pages taken are
        applied the usual way, each reading back what it needs.

        Raises:
            FeedError: a page cannot be applied (the caller rolls back).
        """
        pages, self.pages, self.changes = self.pages, [], 0
        if self.started:
            alone = still_alone(session, self.load)
        else:
            self.started = alone = start_load(session, self.load) is not None
        conflicts: list[str] = []
        if alone:
            write_loaded(session, self.load)
            if pages:
                set_cursor(session, pages[-1].next_cursor)
                if not pages[-1].has_more:
                    clear_orphaned_drafts(session)
            if end:
                finish_load(session)
            return not end, conflicts
        finish_load(session)  # nothing to finish if the load never started
        for page in pages:
            conflicts.extend(apply_changes_page(session, page).conflicts)
        return False, conflicts


def holds_tombstone(page: FeedPage) -> bool:
    """Whether `page` removes a visit: the load leaves such a page to the usual way."""
    return any(change.kind == "tombstone" for change in page.changes)
