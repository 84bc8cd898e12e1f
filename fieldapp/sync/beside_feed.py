"""What a sync brings down beside the change feed: supervisors' decisions on conflicts, the
knowledge snapshot, the device history and colleagues' files for the round."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import TYPE_CHECKING, cast

from fieldapp.clock import Clock
from fieldapp.protocol import RoundHistory
from fieldapp.store import Store
from fieldapp.store.conflicts import apply_conflict_decisions, reassigned_event_ids
from fieldapp.store.devices import history_due, mark_history_read, replace_history
from fieldapp.store.errors import LocalStorageError
from fieldapp.store.knowledge import refresh_own_fixes, replace_snapshot, snapshot_version
from fieldapp.store.outbox import missing_attachments
from fieldapp.store.recording import keep_fetched_attachment
from fieldapp.sync.client import ServerClient
from fieldapp.sync.errors import RequestRejectedError, SyncError
from fieldapp.sync.summary import ProgressCallback, SyncProgress, SyncSummary

if TYPE_CHECKING:
    from fieldapp.protocol.knowledge import KnowledgeSnapshot

log = logging.getLogger(__name__)

Fetch = Callable[[], object]

# Colleagues' files brought down per sync for the round (the largest single file the protocol
# takes is 50 MB: bigger ones wait to be opened, fetched then).
PREFETCH_MAX_BYTES = 100 * 1024 * 1024


def settle_conflicts(store: Store, client: ServerClient) -> None:
    """Bring down supervisors' decisions on events rejected because of a reassignment or
    a cancellation (kept by the server as conflicts)."""
    with store.read_session() as session:
        waiting = reassigned_event_ids(session)
    if not waiting:
        return
    decided = [c for c in client.conflicts() if c.event.id in waiting]
    if decided:
        with store.session() as session, session.begin():
            apply_conflict_decisions(session, decided)


def refresh_knowledge(
    store: Store, client: ServerClient, told: str | None, fetched: Future[object] | None = None
) -> None:
    """Bring down the knowledge snapshot (articles, the site's past fixes, known fixes)
    and index this laptop's own new fixes; not asked for when the feed `told` the version
    this laptop holds (None: not told). `fetched`: the snapshot fetched already on the
    pull's prefetch thread (`knowledge_beside`); one that did not come is asked now. Best
    effort: a server without it (older) or a failure keeps what the laptop had, which
    still works offline."""
    with store.read_session() as session:
        known = snapshot_version(session)
    if told is not None and told == known:
        return  # what the server would answer: unchanged, and nothing written
    snapshot: object = _NOT_FETCHED
    if fetched is not None:
        try:
            snapshot = fetched.result()
        except CancelledError:  # the pull stopped before it ran
            snapshot = _NOT_FETCHED
    if snapshot is _NOT_FETCHED:
        snapshot = fetch_knowledge(client, known)()
    try:
        with store.session() as session, session.begin():
            if snapshot is None:
                refresh_own_fixes(session)
            else:
                replace_snapshot(session, cast("KnowledgeSnapshot", snapshot))
    except LocalStorageError as error:  # the work synced; the suggestions wait
        log.warning("knowledge not kept: %s", error)


_NOT_FETCHED = object()


def knowledge_beside(store: Store, client: ServerClient) -> Callable[[str | None], Fetch | None]:
    """For FeedFetches.knowledge_last (sync/pull_fetch.py): given the version the feed's
    last page told, the fetch of the snapshot (None: the laptop holds that version)."""

    def wanted(told: str | None) -> Fetch | None:
        with store.read_session() as session:
            known = snapshot_version(session)
        return None if told is not None and told == known else fetch_knowledge(client, known)

    return wanted


def fetch_knowledge(client: ServerClient, known: str | None) -> Fetch:
    """The fetch of the knowledge snapshot after version `known`: it returns the snapshot,
    or None if the server has none or the fetch failed (logged)."""

    def fetch() -> KnowledgeSnapshot | None:
        try:
            return client.knowledge(known)
        except RequestRejectedError as error:
            log.info("no knowledge snapshot from this server: %s", error.message)
        except SyncError as error:
            log.warning("knowledge snapshot not fetched: %s", error.message)
        return None

    return fetch


def refresh_history(
    store: Store,
    client: ServerClient,
    clock: Clock,
    summary: SyncSummary,
    fetched: Future[object] | None = None,
) -> None:
    """Bring down the history of the round's devices and people, kept in place of the
    last one so the visit window shows it offline: when the sync changed anything, else
    once it is HISTORY_REFRESH old. `fetched`: the history fetched already (`fetch_history`
    on the pull's prefetch thread while the feed's last page was applied, after a push);
    its None is a fetch that failed. Best effort: a server without it (older) or a
    failure keeps what the laptop had."""
    if fetched is not None:
        history = fetched.result()
    else:
        changed = bool(summary.pulled or summary.pushed or summary.refetched)
        with store.read_session() as session:
            if not history_due(session, clock(), changed=changed):
                return
        history = fetch_history(client)
    if not isinstance(history, RoundHistory):
        return
    with store.session() as session, session.begin():
        replace_history(session, history)
        mark_history_read(session, clock())


def fetch_history(client: ServerClient) -> RoundHistory | None:
    """The server's history of the round (None: it has none, or the fetch failed, logged)."""
    try:
        return client.history()
    except RequestRejectedError as error:
        log.info("no device history from this server: %s", error.message)
    except SyncError as error:
        log.warning("device history not fetched: %s", error.message)
    return None


def fetch_attachments(
    store: Store, client: ServerClient, clock: Clock, budget: int, report: ProgressCallback
) -> int:
    """Bring down the files colleagues attached to the visits still open here, up to
    `budget` bytes, so they open offline on the round. Best effort: a failure stops it for
    this sync and costs nothing else (the file is fetched when opened, or at the next
    sync)."""
    with store.read_session() as session:
        missing = missing_attachments(session)
    fetched = 0
    wanted = [m for m in missing if 0 < m.size <= budget]
    for number, item in enumerate(wanted, 1):
        if item.size > budget:
            continue  # no room left in this sync's budget: the next one takes it
        report(SyncProgress("files", number - 1, len(wanted)))
        try:
            data = client.download_attachment(item.sha256)
            with store.session() as session, session.begin():
                keep_fetched_attachment(
                    session,
                    store.files,
                    data,
                    filename=item.filename,
                    media_type=item.media_type,
                    now=clock(),
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
