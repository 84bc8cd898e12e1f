"""The version of a technician's knowledge snapshot, worked out without building it."""

from __future__ import annotations

import hashlib
import threading
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Connection, bindparam, func, select, true
from sqlalchemy.orm import Session

from fieldapp.protocol.knowledge import PAST_FIX_DAYS
from fieldapp.server.assistants import on_team
from fieldapp.server.models import ChangeLog, Visit
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.models_knowledge import Article, IncidentFix
from fieldapp.server.prepared import Prepared
from fieldapp.server.security import Principal


@dataclass(frozen=True, slots=True)
class Scope:
    """What a technician's snapshot covers now, and its version."""

    sites: frozenset[str]  # of the visits they hold or assist on
    incidents: frozenset[str]  # of those visits
    since: datetime  # the past fixes' window starts here (a whole day)
    version: str


# Each technician's sites and incidents, with the newest row of their change feed when they
# were read (its seq and time: after a restore a seq can be stamped again, never at the same
# moment). Every write that changes a technician's visits (one created, handed over, its
# site or incident changed, one taken away, a colleague added to one) adds a visit row or a
# tombstone to their feed, so while only event rows came after that row (_after_only_events)
# their sites and incidents are the same, and a sync reads a few index entries instead of
# all their visits (4 ms of a no-op sync's server CPU for a technician with 10,000).
# Per database engine of the process.
_Known = dict[int, tuple[tuple[object, ...] | None, frozenset[str], frozenset[str]]]
_KNOWN: weakref.WeakKeyDictionary[object, _Known] = weakref.WeakKeyDictionary()
_KNOWN_MAX = 10_000  # technicians; past it an engine's table starts afresh
_KNOWN_LOCK = threading.Lock()
_NEWEST_ROW = Prepared(
    select(ChangeLog.seq, ChangeLog.created_at)
    .where(ChangeLog.technician_id == bindparam("technician_id"))
    .order_by(ChangeLog.seq.desc())
    .limit(1)
)


# The technician's feed from a row on (an index range on technician_id, seq), to tell whether
# only events came after it: an accepted event adds an 'event' row to the feed of everyone on
# its visit's team, and changes no one's sites or incidents, so a technician's own pushes
# (every push sync) do not make their visits be read again.
_SINCE_MAX = 200  # rows; more, and the visits are read again
_SINCE = Prepared(
    select(ChangeLog.seq, ChangeLog.created_at, ChangeLog.kind)
    .where(
        ChangeLog.technician_id == bindparam("technician_id"),
        ChangeLog.seq >= bindparam("seq"),
    )
    .order_by(ChangeLog.seq)
    .limit(_SINCE_MAX + 1)
)


def _after_only_events(
    connection: Connection, technician_id: int, seen: tuple[object, ...]
) -> tuple[object, ...] | None:
    """The newest row of the technician's feed if the row `seen` (seq, created_at) is still
    there and only event rows came after it; None otherwise (a visit row, a tombstone, the
    row gone: a visit changed, left, or the database was restored)."""
    rows = _SINCE.rows(connection, {"technician_id": technician_id, "seq": seen[0]})
    if not rows or len(rows) > _SINCE_MAX or (rows[0][0], rows[0][1]) != seen:
        return None
    if any(kind != "event" for _, _, kind in rows[1:]):
        return None
    return (rows[-1][0], rows[-1][1])


# The fingerprint's three aggregates (see _fingerprint) as one statement (each aggregate is
# one row, so their cross join is one), built once and run on the driver's cursor: every
# sync's last feed page runs it, and three statements through Core cost about three times
# SQLite's work. An empty list of incidents or sites counts nothing (0, NULL).
_ARTICLES = (
    select(func.count().label("n"), func.max(Article.updated_at).label("at"))
    .where(Article.retired_at.is_(None))
    .subquery("articles")
)
_KNOWN_FIXES = (
    select(func.count().label("n"), func.max(IncidentFix.updated_at).label("at"))
    .where(IncidentFix.incident_ref.in_(bindparam("incidents", expanding=True)))
    .subquery("known_fixes")
)
_PAST_FIXES = (
    select(func.count().label("n"), func.max(VisitFacts.completed_at).label("at"))
    .join(Visit, Visit.id == VisitFacts.visit_id)
    .where(
        VisitFacts.completed_at >= bindparam("since"),
        Visit.site.in_(bindparam("sites", expanding=True)),
    )
    .subquery("past_fixes")
)
_AGGREGATES = Prepared(
    select(
        _ARTICLES.c.n,
        _ARTICLES.c.at,
        _KNOWN_FIXES.c.n,
        _KNOWN_FIXES.c.at,
        _PAST_FIXES.c.n,
        _PAST_FIXES.c.at,
    ).select_from(_ARTICLES.join(_KNOWN_FIXES, true()).join(_PAST_FIXES, true()))
)


def scope_of(session: Session, user: Principal, now: datetime) -> Scope:
    """The technician's snapshot's scope and version at `now` (what `snapshot` answers)."""
    connection = session.connection()
    bind = connection.engine
    with _KNOWN_LOCK:
        known = _KNOWN.setdefault(bind, {})
        seen = known.get(user.id)
    newest = None
    if seen is not None and seen[0] is not None:
        newest = _after_only_events(connection, user.id, seen[0])
    if seen is not None and newest is not None:
        sites, incidents = seen[1], seen[2]
        if newest != seen[0]:
            with _KNOWN_LOCK:
                known[user.id] = (newest, sites, incidents)
    else:
        row = _NEWEST_ROW.one_or_none(connection, {"technician_id": user.id})
        newest = None if row is None else tuple(row)
        if seen is not None and seen[0] == newest:
            sites, incidents = seen[1], seen[2]
        else:
            sites, incidents = _sites_and_incidents(connection, user.id)
        with _KNOWN_LOCK:
            if len(known) >= _KNOWN_MAX:
                known.clear()
            known[user.id] = (newest, sites, incidents)
    # Whole days, so the version stays put between two syncs of one day.
    since = datetime.combine((now - timedelta(days=PAST_FIX_DAYS)).date(), time.min, tzinfo=UTC)
    return Scope(sites, incidents, since, _fingerprint(connection, sites, incidents, since))


# Read again after every change to the technician's feed (a push of theirs adds to it).
_MINE = Prepared(
    select(Visit.site, Visit.incident_ref).where(on_team(bindparam("user_id"))).distinct()
)


def _sites_and_incidents(
    connection: Connection, user_id: int
) -> tuple[frozenset[str], frozenset[str]]:
    sites: set[str] = set()
    incidents: set[str] = set()
    for site, incident in _MINE.rows(connection, {"user_id": user_id}):
        if site:
            sites.add(site)
        if incident:
            incidents.add(incident)
    return frozenset(sites), frozenset(incidents)


def _fingerprint(
    connection: Connection, sites: frozenset[str], incidents: frozenset[str], since: datetime
) -> str:
    """What the snapshot's content turns on, read with a few aggregates: an article
    promoted, edited, retired or restored, a known fix set or cleared, a visit of the sites
    completed or leaving the window all change it. (A completed visit's text changing later,
    rare, waits for the next such change.)"""
    values = _AGGREGATES.rows(
        connection, {"incidents": sorted(incidents), "since": since, "sites": sorted(sites)}
    )[0]
    parts = [
        "knowledge-1",
        since.isoformat(),
        *sorted(sites),
        "|",
        *sorted(incidents),
        "|",
        *(str(value) for value in values),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
