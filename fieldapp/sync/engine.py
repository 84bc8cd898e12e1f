"""The sync engine: upload attachments, push the outbox, pull the change feed; nothing lost."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.clock import Clock, utc_now
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import EventIn
from fieldapp.protocol.feed import FeedPage
from fieldapp.store import Store, apply_changes_page, clear_for_refetch, get_cursor
from fieldapp.store.bulk import paused_gc
from fieldapp.store.conflicts import apply_conflict_decisions, reassigned_event_ids
from fieldapp.store.devices import history_due, mark_history_read, replace_history
from fieldapp.store.errors import FeedError, LocalStorageError
from fieldapp.store.feed import mark_scope_lost
from fieldapp.store.feed_news import FeedNews
from fieldapp.store.knowledge import refresh_own_fixes, replace_snapshot, snapshot_version
from fieldapp.store.meta import CLOCK_OFFSET_SECONDS, LAST_SYNC_AT, set_meta
from fieldapp.store.outbox import (
    PushTally,
    apply_push_results,
    due_events,
    mark_uploaded,
    missing_attachments,
    pending_attachments,
)
from fieldapp.store.recording import keep_fetched_attachment
from fieldapp.store.reread import after_reread_page, reread_from
from fieldapp.sync.client import ServerClient
from fieldapp.sync.errors import (
    AnswerNotKeptError,
    MalformedResponseError,
    RequestRejectedError,
    SyncError,
)
from fieldapp.sync.updates import UpdateOffer, update_offer

log = logging.getLogger(__name__)

PUSH_BATCH = protocol.MAX_PUSH_BATCH  # fewer round trips: the push of 1,000 events is timed
# Colleagues' files brought down per sync for the round (the largest single file the protocol
# takes is 50 MB: bigger ones wait to be opened, fetched then).
PREFETCH_MAX_BYTES = 100 * 1024 * 1024
# Stay well under the server's request body limit, whatever the events hold.
PUSH_BODY_BUDGET = protocol.MAX_BODY_BYTES // 2
# The most changes one transaction of the pull applies (pages already fetched join the
# first's): the server's largest page, which a background writer waits for at worst.
GROUP_CHANGES = protocol.MAX_PAGE
NOT_FORWARD_MESSAGE = QT_TRANSLATE_NOOP(
    "SyncError", "The server's change feed does not move forward; sync stopped."
)
NOT_LISTED_REASON = "not_listed"
NOT_LISTED_MESSAGE = (
    "The server no longer lists this visit for you; your unsent work on it is kept here."
)


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


@dataclass(slots=True)
class _Pull:
    """What one pull keeps between its transactions."""

    first: bool  # the cache was empty: every visit is new, no news to tell
    stored: int  # the cursor before the pull: re-read pages up to it tell nothing
    rereading: bool  # the feed is read again after a cache migration (reread.py)
    refetching: bool = False  # the server asked for a full download
    seen: set[str] = field(default_factory=set)  # visits the last transaction brought


def _fetched(upcoming: Future[FeedPage]) -> FeedPage | None:
    """The page `upcoming` fetched, if it is here, fetched well, and has changes to apply."""
    if not upcoming.done() or upcoming.exception() is not None:
        return None
    page = upcoming.result()
    return None if page.must_refetch else page


def _within_budget(batch: list[EventIn]) -> list[EventIn]:
    """The longest prefix of `batch` whose request body stays within PUSH_BODY_BUDGET."""
    size = 0
    for count, event in enumerate(batch):
        size += len(event.model_dump_json().encode()) + 1
        if size > PUSH_BODY_BUDGET and count > 0:
            return batch[:count]
    return batch


@contextmanager
def _noting_the_answer() -> Iterator[None]:
    """Around writing down the server's answer to work it took: a laptop that cannot write
    must not say "nothing was saved" as if the server had not got the work."""
    try:
        yield
    except LocalStorageError as error:
        raise AnswerNotKeptError(error.cause, error.remedy) from error


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

    def sync(self, progress: ProgressCallback | None = None) -> SyncSummary:
        """Upload attachments, push the outbox, then pull every page of the feed.

        Only one sync runs at a time (a second call waits for the first).

        Raises:
            SyncError: a subclass saying what failed; whatever was done before it is kept.
        """
        report = progress or (lambda _progress: None)
        summary = SyncSummary()
        with self._lock:
            sent_at = self.clock()
            info = self.client.info()  # also checks the versions
            received_at = self.clock()
            summary.server_time = info.server_time
            summary.clock_offset = info.server_time - (sent_at + (received_at - sent_at) / 2)
            summary.update = update_offer(info)
            summary.uploaded, summary.missing_files = self._upload_attachments(report)
            self._push(summary, report)
            self._pull(summary, report)
            self._settle_conflicts()
            self._refresh_knowledge()
            self._refresh_history(summary)
            summary.fetched = self._fetch_attachments(report)
            with self.store.session() as session, session.begin():
                set_meta(session, LAST_SYNC_AT, self.clock().isoformat())
                set_meta(session, CLOCK_OFFSET_SECONDS, str(summary.clock_offset.total_seconds()))
        return summary

    # --- steps -----------------------------------------------------------------------------

    def _settle_conflicts(self) -> None:
        """Bring down supervisors' decisions on events rejected because of a reassignment or
        a cancellation (kept by the server as conflicts)."""
        with self.store.read_session() as session:
            waiting = reassigned_event_ids(session)
        if not waiting:
            return
        decided = [c for c in self.client.conflicts() if c.event.id in waiting]
        if decided:
            with self.store.session() as session, session.begin():
                apply_conflict_decisions(session, decided)

    def _refresh_knowledge(self) -> None:
        """Bring down the knowledge snapshot (articles, the site's past fixes, known fixes)
        and index this laptop's own new fixes. Best effort: a server without it (older) or a
        failure keeps what the laptop had, which still works offline."""
        with self.store.read_session() as session:
            known = snapshot_version(session)
        try:
            snapshot = self.client.knowledge(known)
        except RequestRejectedError as error:
            log.info("no knowledge snapshot from this server: %s", error.message)
            snapshot = None
        except SyncError as error:
            log.warning("knowledge snapshot not fetched: %s", error.message)
            snapshot = None
        try:
            with self.store.session() as session, session.begin():
                if snapshot is None:
                    refresh_own_fixes(session)
                else:
                    replace_snapshot(session, snapshot)
        except LocalStorageError as error:  # the work synced; the suggestions wait
            log.warning("knowledge not kept: %s", error)

    def _refresh_history(self, summary: SyncSummary) -> None:
        """Bring down the history of the round's devices and people, kept in place of the
        last one so the visit window shows it offline: when the sync changed anything, else
        once it is HISTORY_REFRESH old. Best effort: a server without it (older) or a
        failure keeps what the laptop had."""
        changed = bool(summary.pulled or summary.pushed or summary.refetched)
        with self.store.read_session() as session:
            if not history_due(session, self.clock(), changed=changed):
                return
        try:
            history = self.client.history()
        except RequestRejectedError as error:
            log.info("no device history from this server: %s", error.message)
            return
        except SyncError as error:
            log.warning("device history not fetched: %s", error.message)
            return
        with self.store.session() as session, session.begin():
            replace_history(session, history)
            mark_history_read(session, self.clock())

    def _fetch_attachments(self, report: ProgressCallback) -> int:
        """Bring down the files colleagues attached to the visits still open here, so they
        open offline on the round. Best effort: a failure stops it for this sync and costs
        nothing else (the file is fetched when opened, or at the next sync)."""
        with self.store.read_session() as session:
            missing = missing_attachments(session)
        budget, fetched = self.prefetch_max_bytes, 0
        wanted = [m for m in missing if 0 < m.size <= budget]
        for number, item in enumerate(wanted, 1):
            if item.size > budget:
                continue  # no room left in this sync's budget: the next one takes it
            report(SyncProgress("files", number - 1, len(wanted)))
            try:
                data = self.client.download_attachment(item.sha256)
                with self.store.session() as session, session.begin():
                    keep_fetched_attachment(
                        session,
                        self.store.files,
                        data,
                        filename=item.filename,
                        media_type=item.media_type,
                        now=self.clock(),
                    )
            except RequestRejectedError as error:  # gone from the server, or not ours
                log.warning("attachment %s not fetched: %s", item.sha256, error.message)
                continue
            except (SyncError, LocalStorageError) as error:
                log.warning("fetching attachments stopped: %s", error.message)
                break
            budget -= item.size
            fetched += 1
        if wanted:
            report(SyncProgress("files", len(wanted), len(wanted)))
        return fetched

    def _upload_attachments(self, report: ProgressCallback) -> tuple[int, int]:
        """Send the files pending events name; returns (uploaded, missing or damaged)."""
        with self.store.read_session() as session:
            pending = pending_attachments(session)
        uploaded = missing = 0
        for number, item in enumerate(pending, 1):
            report(SyncProgress("attachments", number - 1, len(pending)))
            try:
                data = self.store.files.read(item.path)
            except OSError as error:
                data, problem = b"", f"cannot be read ({error.strerror})"
            else:
                problem = "is damaged" if hashlib.sha256(data).hexdigest() != item.sha256 else ""
            if problem:
                # The event naming it waits (the server says attachment_missing, retryable)
                # rather than the wrong bytes being sent.
                log.error("attachment %s %s on disk; not uploading it", item.sha256, problem)
                missing += 1
                continue
            self.client.upload_attachment(item.sha256, data, item.media_type)
            with _noting_the_answer(), self.store.session() as session, session.begin():
                mark_uploaded(session, item.sha256)
            uploaded += 1
        if pending:
            report(SyncProgress("attachments", len(pending), len(pending)))
        return uploaded, missing

    def _push(self, summary: SyncSummary, report: ProgressCallback) -> None:
        tried: set[str] = set()
        while True:
            with self.store.read_session() as session:
                due = due_events(session, self.clock(), self.push_batch, skip=tried)
            if due.unsendable:
                refused, refusals = zip(*due.unsendable, strict=True)
                with self.store.session() as session, session.begin():
                    summary.add(apply_push_results(session, refused, refusals, self.clock()))
                log.warning(
                    "%d event(s) the wire format refuses were kept as rejected", len(refused)
                )
            batch = due.events
            if not batch:
                if due.unsendable:
                    continue  # the events they held back may be due now
                return
            batch = _within_budget(batch)
            report(SyncProgress("push", len(tried), None))
            # A transient failure raises here with the outbox untouched: the next sync
            # sends the same events again and the server answers "duplicate" for any it got.
            response = self.client.push(batch)
            tried.update(event.id for event in batch)
            with _noting_the_answer(), self.store.session() as session, session.begin():
                tally = apply_push_results(session, batch, response.results, self.clock())
            summary.add(tally)
            summary.server_time = response.server_time
            if tally.unanswered:
                log.warning("the server did not answer for %d event(s)", tally.unanswered)

    def _fetch(self, cursor: int) -> FeedPage:
        with paused_gc():  # tens of thousands of objects per page; see paused_gc
            return self.client.changes(cursor, self.page_size)

    def _pull(self, summary: SyncSummary, report: ProgressCallback) -> None:
        """Apply every page of the feed, each with its cursor in one transaction.

        While a page is being applied the next one is already being fetched (the server
        renders it meanwhile); a prefetched page is simply dropped if applying fails. Pages
        already fetched when one is applied join its transaction, up to GROUP_CHANGES
        changes (see _apply_ready).
        """
        kept: set[str] | None = None  # visits kept through a refetch, until seen again
        # The collector stays off for the whole pull, not page by page: re-enabled between
        # pages, it ran a collection over the next page's freshly decoded objects each time
        # (a sixth of an initial sync), and the prefetch thread's pause ended mid-apply.
        with paused_gc(), ThreadPoolExecutor(1, thread_name_prefix="fieldapp-prefetch") as prefetch:
            with self.store.read_session() as session:
                cursor = get_cursor(session)
                rereading = reread_from(session)  # once, after a cache migration
            pull = _Pull(
                first=cursor == 0,  # the whole round arrives: no news to tell
                stored=cursor,  # a re-read tells nothing of what this cache already had
                rereading=rereading is not None,
            )
            cursor = cursor if rereading is None else rereading
            upcoming = prefetch.submit(self._fetch, cursor)
            while True:
                report(SyncProgress("pull", summary.pulled, None))
                page = upcoming.result()
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
                    kept = self._start_refetch(summary, report)
                    pull.refetching = True
                    cursor = 0
                    upcoming = prefetch.submit(self._fetch, cursor)
                    continue
                cursor, following = self._apply_ready(
                    page, cursor, upcoming, prefetch=prefetch, pull=pull, summary=summary
                )
                if kept is not None:
                    kept.difference_update(pull.seen)
                if following is None:
                    break
                upcoming = following
        if kept:
            with self.store.session() as session, session.begin():
                mark_scope_lost(session, kept, NOT_LISTED_REASON, NOT_LISTED_MESSAGE)
            summary.conflicts.extend(sorted(kept))

    def _apply_ready(
        self,
        page: FeedPage,
        cursor: int,
        upcoming: Future[FeedPage],
        *,
        prefetch: ThreadPoolExecutor,
        pull: _Pull,
        summary: SyncSummary,
    ) -> tuple[int, Future[FeedPage] | None]:
        """Apply `page`, and the pages after it already fetched, in one transaction.

        Each page's cursor is stored with it, so the transaction holds consecutive pages and
        the cursor of the last: what a crash takes back, the next sync fetches again. A
        transaction per page of 1,000 changes rewrote the visits' and events' indexes at
        every commit (their keys are random UUIDs: each page touches most of their pages),
        which grew with the cache. A page not fetched yet is not waited for (the write lock
        is held meanwhile); nor is a failed fetch, a must-refetch answer or a page that does
        not move forward, which the caller meets after this transaction commits. A page this
        app cannot apply takes back its transaction's earlier pages with it (fetched again).

        Returns the cursor reached and the fetch of the next page (None: the feed is through).
        """
        pull.seen = set()
        try:
            with self.store.refetchable_session() as session, session.begin():
                changes = 0
                while True:
                    if page.has_more:
                        if page.next_cursor <= cursor:
                            raise MalformedResponseError(
                                NOT_FORWARD_MESSAGE,
                                detail=f"has_more with next_cursor {page.next_cursor} <= {cursor}",
                            )
                        upcoming = prefetch.submit(self._fetch, page.next_cursor)
                    tell = not pull.first and not pull.refetching and page.next_cursor > pull.stored
                    self._apply(session, page, summary, tell=tell, rereading=pull.rereading)
                    pull.seen.update(change.visit_id for change in page.changes)
                    changes += len(page.changes)
                    if not page.has_more:
                        return page.next_cursor, None
                    cursor = page.next_cursor
                    ready = _fetched(upcoming)
                    if (
                        ready is None
                        or changes + len(ready.changes) > GROUP_CHANGES
                        or (ready.has_more and ready.next_cursor <= cursor)  # refused alone
                    ):
                        return cursor, upcoming
                    page = ready
                    summary.server_time = page.server_time
        except FeedError as error:
            raise MalformedResponseError(
                QT_TRANSLATE_NOOP(
                    "SyncError",
                    "The server sent changes this app cannot apply; nothing was changed.",
                ),
                detail=str(error),
            ) from None

    def _apply(
        self,
        session: Session,
        page: FeedPage,
        summary: SyncSummary,
        *,
        tell: bool,
        rereading: bool = False,
    ) -> None:
        cursor_before = get_cursor(session)
        result = apply_changes_page(session, page)
        if rereading:
            after_reread_page(session, page, cursor_before)
        summary.pulled += len(page.changes)
        summary.conflicts.extend(result.conflicts)
        if tell:
            summary.news.extend(result.news)

    def _start_refetch(self, summary: SyncSummary, report: ProgressCallback) -> set[str]:
        """The cursor is past the server's horizon: push what is left, then start afresh."""
        log.info("the server asked for a full download")
        self._push(summary, report)
        with self.store.session() as session, session.begin():
            kept = clear_for_refetch(session)
        summary.refetched = True
        return set(kept)
