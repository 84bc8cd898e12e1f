"""What the round window reads from the cache, on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from fieldapp.store.attention import OpenPromise, open_promises, sync_counts
from fieldapp.store.db import Store
from fieldapp.store.meta import get_last_sync_at
from fieldapp.store.missing_files import missing_files
from fieldapp.store.round_queries import RoundFilter, RoundQuery, round_counts, round_page
from fieldapp.ui.round_rows import RoundRow, round_row


@dataclass(frozen=True, slots=True)
class RoundStatus:
    """The status bar's figures, the tab counts and the open promises, read in one go."""

    pending: int
    rejected: int
    last_sync_at: datetime | None
    counts: dict[RoundFilter, int] = field(default_factory=dict)
    promises: list[OpenPromise] = field(default_factory=list)
    missing_files: int = 0  # unsent events whose file is gone (fieldapp.store.missing_files)


def read_status(store: Store, now: datetime) -> RoundStatus:
    """Read the status from the cache (runs on a worker thread)."""
    with store.read_session() as session:
        counts = sync_counts(session)
        last_sync = get_last_sync_at(session)
        tabs = round_counts(session, now)
        promises = open_promises(session)
        missing = len(missing_files(session, store.files)) if counts.pending else 0
    return RoundStatus(counts.pending, counts.rejected, last_sync, tabs, promises, missing)


def read_rows(
    store: Store, query: RoundQuery, offset: int, limit: int, user: str = ""
) -> list[RoundRow]:
    """One page of `user`'s round (runs on a worker thread)."""
    with store.read_session() as session:
        visits = round_page(session, query, offset, limit)
    return [round_row(visit, query.now, user) for visit in visits]
