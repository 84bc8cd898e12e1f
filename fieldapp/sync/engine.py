"""The sync engine: upload attachments, push the outbox, pull the change feed; nothing lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from fieldapp import protocol
from fieldapp.clock import Clock, utc_now
from fieldapp.protocol import ServerInfo
from fieldapp.store import Store
from fieldapp.store.devices import history_due
from fieldapp.store.meta import CLOCK_OFFSET_SECONDS, LAST_SYNC_AT, set_meta
from fieldapp.store.outbox import outbox_waiting
from fieldapp.sync.beside_feed import (
    PREFETCH_MAX_BYTES,
    fetch_attachments,
    fetch_history,
    knowledge_beside,
    refresh_history,
    refresh_knowledge,
    settle_conflicts,
)
from fieldapp.sync.client import MeetServer, ServerClient, check_compatible
from fieldapp.sync.errors import (
    AuthError,
    ClientTooOldError,
    MalformedResponseError,
    RequestRejectedError,
)
from fieldapp.sync.pull import FeedPull
from fieldapp.sync.pull_fetch import CarriedPage
from fieldapp.sync.push import PUSH_BATCH, push_outbox, upload_attachments
from fieldapp.sync.summary import ProgressCallback, SyncProgress, SyncSummary
from fieldapp.sync.updates import update_offer

__all__ = ["ProgressCallback", "SyncEngine", "SyncProgress", "SyncSummary"]


class SyncEngine:
    """Moves the cache and the server towards each other, one idempotent step at a time.

    Every step commits on its own, so an interruption (network, crash) at any point loses
    nothing and the next sync carries on: an event leaves the outbox only with the server's
    answer, and a page of the feed is stored with its cursor in one transaction.

    Args:
        store: the open cache.
        client: the server client, logged in.
        clock: the laptop's clock (timezone-aware).
        page_size: changes asked for per page (the server may cap it).
        push_batch: events sent per push.
        prefetch_max_bytes: how much of colleagues' files one sync brings down.
    """

    def __init__(
        self,
        store: Store,
        client: ServerClient,
        clock: Clock = utc_now,
        *,
        page_size: int = protocol.MAX_PAGE,
        push_batch: int = PUSH_BATCH,
        prefetch_max_bytes: int = PREFETCH_MAX_BYTES,
    ) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.page_size = page_size
        self.push_batch = min(push_batch, protocol.MAX_PUSH_BATCH)
        self.prefetch_max_bytes = prefetch_max_bytes
        self._lock = threading.Lock()
        # The server's info at the last sync said it refuses a laptop it cannot work with
        # itself (ServerInfo.checks_versions): the next push need not ask /info first.
        self._server_checks = False

    def sync(self, progress: ProgressCallback | None = None) -> SyncSummary:
        """Upload attachments, push the outbox, then pull every page of the feed.

        Only one sync runs at a time (a second call waits for the first). With nothing to
        send, the feed's first answer tells the server's info and its last the knowledge
        snapshot's version (protocol.common.SYNC_STATE_HEADER): a sync with nothing new is
        one request. With work to send, /info is asked first, so the versions are checked
        before anything goes out, unless the server's info at the last sync said it checks
        them itself (`_skips_info`): then the push's answer tells the info. The push's
        last answer carries the feed's first page (protocol.PushFeedResponse), applied
        after the answer is written down: a push sync is one request too, unless more
        than a page waits. An older server is asked as before.

        Raises:
            SyncError: a subclass saying what failed; whatever was done before it is kept.
        """
        report = progress or (lambda _progress: None)
        summary = SyncSummary()
        with self._lock:
            with self.store.read_session() as session:
                sending = outbox_waiting(session)
                # Due whatever the sync brings (a first sync, or an old one): fetched beside
                # the feed's last page, while it is written, not after the pull.
                history_stale = history_due(session, self.clock(), changed=False)
            meeting = _Meeting(self.client, self.clock, summary)
            pull = FeedPull(
                self.store,
                self.client,
                self.clock,
                self.page_size,
                push_rest=self._push,
                meet=meeting.meet,
            )
            fetches = pull.fetches  # what the sync asks beside the feed's last page, too
            history = partial(fetch_history, self.client)
            if history_stale:
                fetches.beside_last = history
            # The snapshot a changed version calls for comes beside the feed's last page.
            fetches.knowledge_last = knowledge_beside(self.store, self.client)

            def early(accepted: bool, carried: CarriedPage | None) -> None:
                # The push's last answer is being written down: the feed's first page is
                # fetched meanwhile (unless the answer carried it), and after a push the
                # history next to it.
                if accepted:
                    fetches.beside_last = history
                pull.carried = carried
                pull.start()

            if sending and not self._skips_info():
                meeting.meet(None, self.clock(), self.clock())  # /info: raises if it must
            try:
                if sending:
                    summary.uploaded, summary.missing_files = upload_attachments(
                        self.store, self.client, report
                    )
                    # The push asks for the feed's first page beside its last answer.
                    self._push(
                        summary,
                        report,
                        meet=meeting.meet,
                        last_answer=early,
                        carry=pull.first_ask(),
                    )
                if summary.pushed and fetches.beside_last is None:
                    fetches.beside_last = history  # due (refresh_history): fetched beside the feed
                pull.pull(summary, report)
            except (AuthError, ClientTooOldError, MalformedResponseError, RequestRejectedError):
                if not meeting.met:  # refused at once: a server this app cannot work with?
                    self.client.info()  # raises a VersionError in this app's words if so
                raise
            finally:
                pull.close()
                self._server_checks = meeting.met and meeting.checks
            settle_conflicts(self.store, self.client)
            refresh_knowledge(
                self.store, self.client, told=pull.knowledge, fetched=fetches.knowledge_beside
            )
            refresh_history(self.store, self.client, self.clock, summary, fetches.beside)
            summary.fetched = fetch_attachments(
                self.store, self.client, self.clock, self.prefetch_max_bytes, report
            )
            # The pull's pages commit without an fsync (Store.refetchable_session): this FULL
            # commit makes them durable before the caller notes the keyring's watermark. A
            # pull that wrote nothing leaves nothing to make durable but the time itself.
            ending = self.store.session() if pull.wrote else self.store.refetchable_session()
            with ending as session, session.begin():
                set_meta(session, LAST_SYNC_AT, self.clock().isoformat())
                offset = summary.clock_offset or timedelta(0)
                set_meta(session, CLOCK_OFFSET_SECONDS, str(offset.total_seconds()))
        return summary

    def _skips_info(self) -> bool:
        """Whether work may go out without asking /info first: the server said at the last
        sync that it refuses a laptop it cannot work with (426, before it touches anything:
        protocol.API_VERSION_HEADER). Should it have been replaced since by one that does
        not check, every such server speaks UNCHECKED_API_VERSION and refuses a client below
        its minimum at every request: a laptop of that API version is one it works with.
        A laptop of another API version asks /info first."""
        return self._server_checks and protocol.API_VERSION == protocol.UNCHECKED_API_VERSION

    def _push(
        self,
        summary: SyncSummary,
        report: ProgressCallback,
        meet: MeetServer | None = None,
        last_answer: Callable[[bool, CarriedPage | None], None] | None = None,
        carry: tuple[int, int] | None = None,
    ) -> None:
        push_outbox(
            self.store,
            self.client,
            self.clock,
            batch_size=self.push_batch,
            summary=summary,
            report=report,
            meet=meet,
            last_answer=last_answer,
            carry=carry,
        )


class _Meeting:
    """The sync's first word with the server: its info checked against this app's, the
    clock offset and any update it announces, from /info or from the first answer of the
    push or the feed."""

    def __init__(self, client: ServerClient, clock: Clock, summary: SyncSummary) -> None:
        self.client = client
        self.clock = clock
        self.summary = summary
        self.met = False
        self.checks = False  # the server said it checks the versions itself

    def meet(self, info: ServerInfo | None, sent_at: datetime, received_at: datetime) -> None:
        """Take the server's `info` as told between `sent_at` and `received_at`; None (not
        told) asks /info. Raises a VersionError if this app and the server cannot work
        together. Only the first meeting of a sync counts."""
        if self.met:
            return
        if info is None:
            sent_at = self.clock()
            info = self.client.info()  # also checks the versions
            received_at = self.clock()
        else:
            check_compatible(info)
        self.met = True
        self.checks = info.checks_versions is True
        summary = self.summary
        summary.server_time = info.server_time
        summary.clock_offset = info.server_time - (sent_at + (received_at - sent_at) / 2)
        summary.update = update_offer(info)
