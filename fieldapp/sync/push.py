"""The sync's sending side: the files pending events name, then the outbox, in batches."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime

from fieldapp import protocol
from fieldapp.clock import Clock
from fieldapp.protocol import EventIn, PushResponse
from fieldapp.store import Store
from fieldapp.store.errors import LocalStorageError
from fieldapp.store.outbox import (
    apply_push_results,
    due_events,
    mark_uploaded,
    pending_attachments,
)
from fieldapp.sync.client import MeetServer, PushAnswer, ServerClient
from fieldapp.sync.errors import AnswerNotKeptError
from fieldapp.sync.pull_fetch import CarriedPage
from fieldapp.sync.summary import ProgressCallback, SyncProgress, SyncSummary

log = logging.getLogger(__name__)

PUSH_BATCH = protocol.MAX_PUSH_BATCH  # fewer round trips: the push of 1,000 events is timed
# Stay well under the server's request body limit, whatever the events hold.
PUSH_BODY_BUDGET = protocol.MAX_BODY_BYTES // 2


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


def upload_attachments(
    store: Store, client: ServerClient, report: ProgressCallback
) -> tuple[int, int]:
    """Send the files pending events name; returns (uploaded, missing or damaged)."""
    with store.read_session() as session:
        pending = pending_attachments(session)
    uploaded = missing = 0
    for number, item in enumerate(pending, 1):
        report(SyncProgress("attachments", number - 1, len(pending)))
        try:
            data = store.files.read(item.path)
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
        client.upload_attachment(item.sha256, data, item.media_type)
        with _noting_the_answer(), store.session() as session, session.begin():
            mark_uploaded(session, item.sha256)
        uploaded += 1
    if pending:
        report(SyncProgress("attachments", len(pending), len(pending)))
    return uploaded, missing


@dataclass(frozen=True, slots=True)
class _Sent:
    answer: PushAnswer
    sent_at: datetime
    received_at: datetime


def _send(
    client: ServerClient, clock: Clock, batch: list[EventIn], carry: tuple[int, int] | None
) -> _Sent:
    sent_at = clock()
    answer = client.push_told(batch, feed_from=carry)
    return _Sent(answer, sent_at, clock())


def push_outbox(
    store: Store,
    client: ServerClient,
    clock: Clock,
    *,
    batch_size: int,
    summary: SyncSummary,
    report: ProgressCallback,
    meet: MeetServer | None = None,
    last_answer: Callable[[bool, CarriedPage | None], None] | None = None,
    carry: tuple[int, int] | None = None,
) -> None:
    """Send the outbox's due events in batches of `batch_size`, writing down each answer;
    `meet` is told the server's info beside the first answer, before it is written down.
    `last_answer` is called before the last answer is written down, once nothing else can
    be due after it (the pull starts fetching the feed then), told whether the server
    accepted any event in this sync and the feed's page that came with that answer;
    nothing is sent after it.

    `carry` (the feed's cursor and page size, FeedPull.first_ask) asks the server for the
    feed's page from that cursor beside the answer to a batch that holds every event due
    (docs/sync.md, "A push sync: one request"): the last one, unless more became due
    meanwhile; a page beside any other answer is dropped, as the pull's later pages would
    follow the push's first pages only. The page is handed over, never applied here: the
    answer is written down first, then the pull applies the page with its cursor.

    The next batch goes out while the last one's answer is being written down: the server
    works on it meanwhile; and it is read from the outbox while the server works on the
    batch before it. It holds back the visits of the batch whose answer is not
    written yet (due_events' `skip`), so the server still sees each visit's events in
    order, one batch at a time; they go in a later batch of the same sync. An event leaves
    the outbox only once its answer is written: a crash in between sends it again, and the
    server answers "duplicate".
    """
    tried: set[str] = set()
    answered: tuple[list[EventIn], _Sent] | None = None  # not written down yet
    unmet = meet
    with ThreadPoolExecutor(1, thread_name_prefix="fieldapp-push") as sender:
        batch, waiting, whole = _next_batch(store, clock, batch_size, tried, summary)
        while True:
            sending: Future[_Sent] | None = None
            if batch:
                report(SyncProgress("push", len(tried), None))
                tried.update(event.id for event in batch)
                asked = carry if whole and not waiting else None
                sending = sender.submit(_send, client, clock, batch, asked)
            if answered is not None:
                last = sending is None and not waiting and last_answer is not None
                if last and last_answer is not None:
                    results = answered[1].answer.response.results
                    took = summary.pushed > 0 or any(r.status == "accepted" for r in results)
                    # The client is the pull's from here on. The pull reads the cache as it
                    # starts: one that cannot be read now says the server has the work.
                    with _noting_the_answer():
                        last_answer(took, _carried(answered[1], carry))
                _write_down(store, clock, summary, answered[0], answered[1].answer.response)
                answered = None
                if last:
                    return
            elif sending is None:
                return
            # The batch after this one is read while the server works on it (it holds back
            # this one's visits), so it goes out as soon as this one is answered. With work
            # out, the server may hold work the laptop has not noted: a cache that cannot
            # be read or written now must say so.
            with _noting_the_answer() if sending is not None else nullcontext():
                following, waiting, whole = _next_batch(store, clock, batch_size, tried, summary)
            if sending is not None:
                # A transient failure raises here with this batch still in the outbox: the
                # next sync sends the same events again, and the server answers "duplicate"
                # for any it got.
                sent = sending.result()
                if unmet is not None:
                    unmet(sent.answer.info, sent.sent_at, sent.received_at)
                    unmet = None
                answered = (batch, sent)
            batch = following


def _carried(sent: _Sent, carry: tuple[int, int] | None) -> CarriedPage | None:
    """The feed's page the answer `sent` carried, as the pull takes it."""
    if carry is None or sent.answer.feed is None:
        return None
    return CarriedPage(carry[0], sent.answer.feed, sent.sent_at, sent.received_at)


def _next_batch(
    store: Store, clock: Clock, batch_size: int, tried: set[str], summary: SyncSummary
) -> tuple[list[EventIn], bool, bool]:
    """The next events to send (none: nothing is due now), after settling the ones the wire
    format refuses; whether others wait for an answer to be written down (DueEvents); and
    whether the batch holds every event due now (none left out by its size)."""
    while True:
        with store.read_session() as session:
            due = due_events(session, clock(), batch_size, skip=tried)
        if due.unsendable:
            refused, refusals = zip(*due.unsendable, strict=True)
            with store.session() as session, session.begin():
                summary.add(apply_push_results(session, refused, refusals, clock()))
            log.warning("%d event(s) the wire format refuses were kept as rejected", len(refused))
        if due.events or not due.unsendable:
            batch = _within_budget(due.events) if due.events else []
            # due_events stops at `batch_size`: a full batch may leave events behind.
            whole = len(due.events) < batch_size and len(batch) == len(due.events)
            return batch, due.waiting, whole
        # else the events they held back may be due now


def _write_down(
    store: Store, clock: Clock, summary: SyncSummary, batch: list[EventIn], answer: PushResponse
) -> None:
    with _noting_the_answer(), store.session() as session, session.begin():
        tally = apply_push_results(session, batch, answer.results, clock())
    summary.add(tally)
    summary.server_time = answer.server_time
    if tally.unanswered:
        log.warning("the server did not answer for %d event(s)", tally.unanswered)
