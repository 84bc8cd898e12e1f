"""Reading the change feed once more from the start (after a cache migration that keeps new
visit fields), without ever moving the stored cursor back: the pages are applied again,
which changes nothing but fills what the cache did not keep before."""

from __future__ import annotations

from sqlalchemy.orm import Session

from fieldapp.protocol.feed import FeedPage
from fieldapp.store.meta import get_meta, set_cursor, set_meta

# Where the re-read goes on from (absent: no re-read to do). Cache migration 0010 sets it.
REREAD_FEED = "reread_feed"


def reread_from(session: Session) -> int | None:
    """The cursor to read the feed from for the re-read still to do, or None."""
    value = get_meta(session, REREAD_FEED)
    return int(value) if value is not None and value.isdigit() else None


def after_reread_page(session: Session, page: FeedPage, cursor_before: int) -> None:
    """After a re-read page was applied (in the same transaction): the cursor stays where it
    was if the page is behind it, and the re-read goes on from this page, or is done."""
    set_cursor(session, max(cursor_before, page.next_cursor))
    set_meta(session, REREAD_FEED, str(page.next_cursor) if page.has_more else None)
