"""What a sync tells its caller: where it is while it runs, and what it did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from fieldapp.store.feed_news import FeedNews
from fieldapp.store.outbox import PushTally
from fieldapp.sync.updates import UpdateOffer


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a running sync is: `done` of `total` (None: not known in advance) in `phase`."""

    phase: Literal["attachments", "push", "pull", "files"]
    done: int
    total: int | None


ProgressCallback = Callable[[SyncProgress], None]


@dataclass(slots=True)
class SyncSummary:
    """What one sync did.

    Attributes:
        pulled: changes applied from the feed.
        pushed: events the server accepted; duplicate: it already had them.
        rejected: events refused for good (kept on the laptop with the reason).
        retry_later: events the server asked to send again later.
        uploaded: attachment files sent.
        fetched: files attached on other laptops brought down for the round.
        missing_files: files to upload that are gone or damaged here (their events wait;
            the round's "Files missing" list lets the technician re-attach or drop them).
        server_time: the server's clock at its last answer.
        clock_offset: server clock minus laptop clock.
        conflicts: visits kept as conflicts because the server took them away.
        refetched: the server asked for a full download, which was done.
        update: a newer FieldApp the server announces (syncing goes on regardless).
        news: visits the round gained, lost (and why) or saw changed; empty on a first or
            full download, where every visit is new.
    """

    pulled: int = 0
    pushed: int = 0
    duplicate: int = 0
    rejected: int = 0
    retry_later: int = 0
    uploaded: int = 0
    fetched: int = 0
    missing_files: int = 0
    server_time: datetime | None = None
    clock_offset: timedelta | None = None
    conflicts: list[str] = field(default_factory=list)
    refetched: bool = False
    update: UpdateOffer | None = None
    news: FeedNews = field(default_factory=FeedNews)

    def add(self, tally: PushTally) -> None:
        self.pushed += tally.accepted
        self.duplicate += tally.duplicate
        self.rejected += tally.rejected
        self.retry_later += tally.retry_later
