"""Applying the server's change feed to the cache: bulk upserts, tombstones, cursor, idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from fieldapp.domain import Event
from fieldapp.protocol import VisitStatus
from fieldapp.protocol.feed import FeedEvent, FeedPage, FeedVisit, page_of
from fieldapp.store.bulk import paused_gc
from fieldapp.store.derive import (
    Derived,
    Outline,
    Outlines,
    StoredEvent,
    counts_of,
    derived_of,
    history_order,
    load_events,
    load_outlines,
    load_statuses,
    server_derived,
    write_counts,
    write_derived,
)
from fieldapp.store.drafts import clear_drafts, clear_orphaned_drafts
from fieldapp.store.errors import FeedError
from fieldapp.store.feed_load import InitialLoad, build_deferred, index_written
from fieldapp.store.feed_news import ANSWER_TYPES, FeedNews, read_news
from fieldapp.store.feed_rows import (
    already_held,
    insert_stubs,
    upsert_events,
    upsert_visits,
)
from fieldapp.store.feed_scope import apply_tombstones
from fieldapp.store.meta import set_cursor
from fieldapp.store.models import SYNC_PENDING, SYNC_SYNCED

if TYPE_CHECKING:
    from fieldapp.protocol import ChangesPage


@dataclass(slots=True)
class PageResult:
    """What applying one page did."""

    visits: int = 0
    events: int = 0
    tombstones: int = 0
    conflicts: list[str] = field(default_factory=list)  # visits kept with scope_lost_*
    news: FeedNews = field(default_factory=FeedNews)  # what the round gained and lost


@dataclass(slots=True)
class _Folded:
    """The page folded into its net effect per visit, in feed order."""

    visits: dict[str, FeedVisit] = field(default_factory=dict)
    events: dict[str, FeedEvent] = field(default_factory=dict)
    tombstones: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    events_of: dict[str, list[str]] = field(default_factory=dict)


def _fold(page: FeedPage) -> _Folded:
    folded = _Folded()
    for change in page.changes:
        visit_id = change.visit_id
        if change.kind == "visit":
            if change.visit is None or change.visit.id != visit_id:
                raise FeedError(f"change {change.seq} names a visit without its data")
            folded.visits[visit_id] = change.visit
        elif change.kind == "event":
            if change.event is None or change.event.visit_id != visit_id:
                raise FeedError(f"change {change.seq} names an event without its data")
            folded.events[change.event.id] = change.event
            folded.events_of.setdefault(visit_id, []).append(change.event.id)
        else:
            # A tombstone undoes what came before it in the page for this visit; a change
            # after it (the visit came back) applies on top.
            folded.tombstones[visit_id] = (change.reason or "out_of_scope", change.message)
            folded.visits.pop(visit_id, None)
            for event_id in folded.events_of.pop(visit_id, []):
                folded.events.pop(event_id, None)
    return folded


def _domain_event(event: FeedEvent) -> Event:
    return Event(
        id=event.id,
        visit_id=event.visit_id,
        type=event.type,
        occurred_at=event.occurred_at,
        payload=event.payload,
        author=event.author,
    )


def _feed_event(event: FeedEvent, local: StoredEvent | None) -> StoredEvent:
    return StoredEvent(
        event=local.event if local else _domain_event(event),
        sync_state=SYNC_SYNCED,
        server_seq=event.server_seq,
        local_seq=local.local_seq if local else None,
        received_at=event.received_at,
    )


_BY_SERVER_SEQ = attrgetter("server_seq")


@cache
def _without_events(cancelled: bool) -> Derived:
    """The derived columns of a visit that has no event: the same for every such visit
    (an initial sync's pages of visits, which come before their events)."""
    return server_derived((), cancelled=cancelled)


def _derive(
    session: Session, folded: _Folded, existing: dict[str, list[StoredEvent]], kept: set[str]
) -> dict[str, Derived]:
    """Derived columns of every visit the page touches, from stored events and the page's,
    but those whose history it leaves as it was (`kept`)."""
    touched = set(folded.visits) | set(folded.events_of)
    touched |= {v for v in folded.tombstones if v in existing}
    touched -= kept
    statuses = {v: str(folded.visits[v].status) for v in touched if v in folded.visits}
    statuses.update(load_statuses(session, touched - set(statuses)))
    unknown = touched - set(statuses)
    if unknown:
        insert_stubs(session, unknown)
        statuses.update(dict.fromkeys(unknown, str(VisitStatus.SCHEDULED)))
    derived: dict[str, Derived] = {}
    for visit_id in touched:
        cancelled = statuses[visit_id] == VisitStatus.CANCELLED
        event_ids = folded.events_of.get(visit_id, ())
        stored = existing.get(visit_id)
        if not stored and not event_ids:  # a visit without events (yet): nothing to fold
            derived[visit_id] = _without_events(cancelled)
            continue
        page_events = [folded.events[i] for i in event_ids]
        if not stored:
            # The common case (initial sync): only server events, already in feed order.
            page_events.sort(key=_BY_SERVER_SEQ)
            derived[visit_id] = server_derived(page_events, cancelled=cancelled)
            continue
        merged = {e.event.id: e for e in stored}
        for event in page_events:
            merged[event.id] = _feed_event(event, merged.get(event.id))
        derived[visit_id] = derived_of(list(merged.values()), cancelled=cancelled)
    return derived


def apply_changes_page(session: Session, page: FeedPage | ChangesPage) -> PageResult:
    """Apply one page of the change feed and store its cursor, in the caller's transaction.

    Dispatch fields: the server wins. Feed events are inserted once; one we hold as pending
    becomes synced and leaves the outbox. A tombstone removes the visit and its events,
    unless the laptop still holds pending or rejected events on it: then the visit stays,
    marked with scope_lost_reason/scope_lost_message. Applying the same page twice changes
    nothing the second time. Drafts typed on a removed visit go with it; once the feed is
    through (a page without more), drafts of any visit no longer in the cache go too (a
    refetch keeps them until the visits that are still ours have come back).

    Raises:
        FeedError: the page cannot be applied (nothing of it is, if the caller rolls back).
    """
    if page.must_refetch:
        raise FeedError("a must-refetch answer carries no changes to apply")
    if not isinstance(page, FeedPage):  # built as models (tests, tools): the same as structs
        page = page_of(page)
    with paused_gc():
        return _apply(session, page)


def apply_loaded_page(
    session: Session, page: FeedPage | ChangesPage, load: InitialLoad
) -> PageResult | None:
    """Apply one page of an initial sync into an empty cache (store/feed_load.py), as
    `apply_changes_page` would, folding each visit from the events `load` holds instead of
    reading them back; the cache ends the same. None: the page holds a tombstone, which this
    path leaves to `apply_changes_page` (nothing of the page is applied, `load` unchanged).
    The pull takes several pages in (`take_loaded_page`) before it writes them at once.
    """
    taken = take_loaded_page(page, load)
    if taken is None:
        return None
    write_loaded(session, load)
    if taken.through:
        clear_orphaned_drafts(session)
    set_cursor(session, taken.cursor)
    return taken.page


@dataclass(frozen=True, slots=True)
class Taken:
    """A page an initial load took in: what applying it did, and where the feed is."""

    page: PageResult
    cursor: int
    through: bool  # the feed's last page


def take_loaded_page(page: FeedPage | ChangesPage, load: InitialLoad) -> Taken | None:
    """Take one page of an initial sync into `load`, writing nothing (`write_loaded` does).

    None: the page holds a tombstone, which the load leaves to `apply_changes_page`
    (`load` unchanged).

    Raises:
        FeedError: the page cannot be applied.
    """
    if page.must_refetch:
        raise FeedError("a must-refetch answer carries no changes to apply")
    if not isinstance(page, FeedPage):  # built as models
        page = page_of(page)
    with paused_gc():
        folded = _fold(page)
        if folded.tombstones:
            return None
        statuses = load.statuses
        unknown = {v for v in folded.events_of if v not in statuses and v not in folded.visits}
        if unknown:
            load.stubs |= unknown
            statuses.update(dict.fromkeys(unknown, str(VisitStatus.SCHEDULED)))
        unwritten = load.unwritten
        for visit_id, visit in folded.visits.items():
            statuses[visit_id] = str(visit.status)
            unwritten[visit_id] = visit
        held = load.events
        for event_id, event in folded.events.items():
            of_visit = held.setdefault(event.visit_id, {})
            if event_id not in of_visit:
                load.event_count += 1
            else:
                load.resent = True
            of_visit[event_id] = event
        load.due.extend(folded.events.values())
        load.rederive.update(folded.events_of)
    result = PageResult(visits=len(folded.visits), events=len(folded.events))
    return Taken(result, page.next_cursor, not page.has_more)


def write_loaded(
    session: Session, load: InitialLoad, *, everything: bool = True, visits_now: bool = False
) -> None:
    """Write what `load` took in and has not written, in the caller's transaction: each
    visit's row with the derived columns of all its events so far (a visit written before
    whose events came since gets those columns), then the events.

    `everything=False` leaves out the rows of visits none of whose events are waiting (a
    visit and its events come in different pages of a round): written with their events,
    or by the next write of everything, which must come before the transaction commits (a
    committed cursor must not pass a visit not written); `visits_now` writes them all the
    same, without building anything (see pull_load.TakenPages.take). Writing everything
    also builds what the load's transaction left out (`feed_load.build_deferred`); until
    then, the visits written are added to the search index as they come
    (`feed_load.index_written`)."""
    if load.pending:
        _write_loaded(session, load, everything=everything or visits_now)
    if everything:
        build_deferred(session, load)


def _write_loaded(session: Session, load: InitialLoad, *, everything: bool) -> None:
    with paused_gc():
        statuses, held, unwritten = load.statuses, load.events, load.unwritten
        if everything:
            rows_now = unwritten
        else:
            rows_now = {v: unwritten[v] for v in load.rederive if v in unwritten}
        derived: dict[str, Derived] = {}
        for visit_id in load.rederive | rows_now.keys():
            cancelled = statuses[visit_id] == VisitStatus.CANCELLED
            events = held.get(visit_id)
            if not events:
                derived[visit_id] = _without_events(cancelled)
                continue
            in_order = sorted(events.values(), key=_BY_SERVER_SEQ)
            derived[visit_id] = server_derived(in_order, cancelled=cancelled)
        stubs = load.stubs - unwritten.keys()
        if stubs:
            insert_stubs(session, stubs)
        # While the first transaction leaves out the triggers and indexes, 200-row
        # statements cost less than the temporary table (bulk.insert_many).
        staged = not load.deferred
        upsert_visits(session, rows_now.values(), derived, staged=staged)
        if not staged:
            index_written(session, load, stubs | rows_now.keys())
        write_derived(session, {v: d for v, d in derived.items() if v not in rows_now})
        # The first transaction's events are new to the cache, unless one came twice.
        upsert_events(session, load.due, staged=staged, new=not staged and not load.resent)
        load.resent = False
        if everything:
            load.unwritten = {}
        else:
            for visit_id in rows_now:
                del unwritten[visit_id]
        load.stubs, load.due, load.rederive = set(), [], set()
        if not load.unwritten:
            load.written = (len(statuses), load.event_count)


def _apply(session: Session, page: FeedPage) -> PageResult:
    folded = _fold(page)
    result = PageResult()
    result.news = read_news(
        session,
        folded.tombstones,
        {v: (visit.reference, visit.customer_name) for v, visit in folded.visits.items()},
        [
            (e.id, e.visit_id, e.type.value, e.payload)
            for e in folded.events.values()
            if e.type.value in ANSWER_TYPES
        ],
    )
    if folded.tombstones:
        dropped, result.conflicts = apply_tombstones(session, folded.tombstones, result.news)
        result.tombstones = len(folded.tombstones)
        clear_drafts(session, [v for v in dropped if v not in folded.visits])
    result.events = len(folded.events)
    _drop_held(folded, already_held(session, folded.events.values()))
    outlines = load_outlines(
        session, set(folded.visits) | set(folded.events_of) | set(result.conflicts)
    )
    kept, counts = _kept_histories(folded, outlines, set(result.conflicts))
    existing = load_events(session, set(outlines) - kept)
    derived = _derive(session, folded, existing, kept)
    upsert_visits(session, folded.visits.values(), derived)
    write_derived(session, {v: d for v, d in derived.items() if v not in folded.visits})
    write_counts(session, counts)
    upsert_events(session, folded.events.values())
    confirmed = [
        (event_id,)
        for events in outlines.values()
        for event_id, outline in events.items()
        if outline.sync_state == SYNC_PENDING and event_id in folded.events
    ]
    if confirmed:
        session.connection().exec_driver_sql("DELETE FROM outbox WHERE event_id = ?", confirmed)
    if not page.has_more:
        clear_orphaned_drafts(session)
    set_cursor(session, page.next_cursor)
    result.visits = len(folded.visits)
    return result


def _drop_held(folded: _Folded, held: set[str]) -> None:
    """Leave out of the rest of the page's apply the events the cache already holds as the
    page has them (feed_rows.already_held): upserting them changes nothing, and with them
    merged in a visit's history is what it was (the same events in the same order, the same
    counts). The usual page after a push is all of them: our own events come back."""
    for visit_id in {folded.events.pop(event_id).visit_id for event_id in held}:
        rest = [i for i in folded.events_of[visit_id] if i not in held]
        if rest:
            folded.events_of[visit_id] = rest
        else:
            del folded.events_of[visit_id]


def _kept_histories(
    folded: _Folded, outlines: Outlines, conflicts: set[str]
) -> tuple[set[str], dict[str, tuple[int, int]]]:
    """The stored visits whose history the page leaves as it was, and their new counts.

    A visit qualifies when the page brings only events for it (not its row, which may
    change its status, nor a tombstone) and, with them merged in, its history holds the same
    events in the same order: our own events coming back through the feed after a push (the
    usual case), or the same page applied twice. Its step and promises are then what they
    were; only its pending count may change (an event confirmed by the feed).
    """
    kept: set[str] = set()
    counts: dict[str, tuple[int, int]] = {}
    for visit_id, event_ids in folded.events_of.items():
        stored = outlines.get(visit_id)
        if not stored or visit_id in folded.visits or visit_id in conflicts:
            continue
        merged = dict(stored)
        for event_id in event_ids:
            local = stored.get(event_id)
            merged[event_id] = Outline(
                SYNC_SYNCED, folded.events[event_id].server_seq, local.local_seq if local else None
            )
        if history_order(merged) != history_order(stored):
            continue
        kept.add(visit_id)
        if counts_of(merged) != counts_of(stored):
            counts[visit_id] = counts_of(merged)
    return kept, counts
