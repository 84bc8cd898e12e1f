"""The visits list and the round: its filters, orders (round order), search plans, pages, counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, case, cast, func, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from fieldapp.domain import Step
from fieldapp.store.models import visits_table
from fieldapp.store.search import (
    CLOSED_VISIT_SQL,
    FTS_TABLE,
    LISTED_VISIT_SQL,
    OPEN_VISIT_SQL,
    count_matches,
    fts_query,
    prefixes_indexed,
)
from fieldapp.store.visit_rows import VisitRow, row_select, visit_row


def list_visits(
    session: Session,
    *,
    search: str | None = None,
    include_closed: bool = True,
    only_conflicts: bool = False,
) -> list[VisitRow]:
    """Visits in the cache, soonest window first.

    Args:
        search: words to find (each as a word prefix) in reference, customer, site,
            building, floor, room or problem; see fieldapp.store.search.fts_query.
        include_closed: False leaves out completed, escalated and cancelled visits.
        only_conflicts: only visits kept as conflicts after the server took them away.
    """
    stmt = row_select().where(text(LISTED_VISIT_SQL))
    expression = fts_query(search) if search else None
    if expression is not None:
        stmt = stmt.where(_fts_condition(expression))
    if not include_closed:
        stmt = stmt.where(text(OPEN_VISIT_SQL))
    if only_conflicts:
        stmt = stmt.where(visits_table.c.scope_lost_reason.is_not(None))
    stmt = stmt.order_by(visits_table.c.window_start, visits_table.c.reference)
    return [visit_row(row) for row in session.execute(stmt)]


# --- the round ---------------------------------------------------------------------------


class RoundFilter(StrEnum):
    """Which visits the round shows. Views, not a partition: an open visit of today whose
    window has passed is both in TODAY and in OVERDUE."""

    TODAY = "today"  # open visits whose window starts today (local time)
    UPCOMING = "upcoming"  # open visits whose window starts after today
    OVERDUE = "overdue"  # open visits whose window has ended
    DONE = "done"  # completed, escalated or cancelled
    ALL = "all"  # every visit in the cache


class RoundSort(StrEnum):
    """How the round is ordered (see round_page)."""

    ROUND = "round"  # the walking order; see ROUND_ORDER_RULE
    WINDOW = "window"
    REFERENCE = "reference"
    CUSTOMER = "customer"
    LOCATION = "location"
    PRIORITY = "priority"  # most urgent first
    STEP = "step"  # in workflow order
    SYNC = "sync"  # needing attention first: conflicts, rejected, then pending events


ROUND_ORDER_RULE = """Round order: a walk through the site with no back-tracking that still
keeps the customers' time windows, "within reason" meaning a slot of SLOT_HOURS.

1. Visits are cut into time slots of `slot_hours` (two hours by default, aligned on the
   laptop's local clock) by the start of their window. A visit whose window starts in a
   later slot comes later, whatever its building: the time window wins across slots.
2. Within a slot, visits are grouped by building, and the buildings are walked in the order
   of the earliest window start among their visits in the slot: the building holding the
   visit that must be done first comes first.
3. Within a building, floors are grouped the same way: ordered by their earliest window
   start in the slot, then by floor number (ground and letters before 1, 2 ... 10) when
   two floors start at the same time.
4. Within a floor, visits go by window start, then reference.

So each building is entered once per slot and each floor once per building visit, and the
first visit of every group is the one whose window forces the earliest time. Inside one
slot a later window may be served before an earlier one on another floor; a slot is short
enough for that to stay within the windows dispatch gives (30 minutes or more)."""

SLOT_HOURS = 2
# Above this many search matches, a page is read along the filter's index, checking each
# visit against the matches, rather than by sorting all the matches (see _Plan).
_MANY_MATCHES = 2000
_PRIORITY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}


@dataclass(frozen=True, slots=True)
class RoundQuery:
    """What the round shows: a filter, the words searched for and an order.

    Attributes:
        now: the current time (timezone-aware); "today" is the local day containing it.
        descending: reverse the order (ignored by ROUND).
        slot_hours: the time slot of the round order.
    """

    now: datetime
    filter: RoundFilter = RoundFilter.TODAY
    search: str = ""
    sort: RoundSort = RoundSort.ROUND
    descending: bool = False
    slot_hours: int = SLOT_HOURS


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The local day containing `now`: its first instant and the first of the next day."""
    if now.tzinfo is None:
        raise ValueError("give an aware datetime")
    local_day = now.astimezone().date()
    # A naive local midnight's astimezone() applies the local rules (DST) of that date.
    start = datetime.combine(local_day, time()).astimezone()
    end = datetime.combine(local_day + timedelta(days=1), time()).astimezone()
    return start, end


class _Plan(StrEnum):
    """How a search condition is read; each suits another balance of matches and filter."""

    # Few matches: read them from the index and sort them.
    FROM_MATCHES = "from_matches"
    # Many matches, many visits in the filter: walk the filter's index in order, checking
    # each visit against the matches (materialised once); the unary + keeps SQLite from
    # driving the query from the match list instead, and LIMIT stops the walk early.
    WALK_FILTER = "walk_filter"
    # Many matches, a short filter (a day), and every prefix short enough for FTS5's
    # prefix index: ask the index about each visit by rowid, a few seeks per visit,
    # instead of materialising every match. (A longer prefix merges the doclists of all
    # its words at each check: far slower than materialising.)
    CHECK_EACH = "check_each"


def _fts_condition(expression: str, plan: _Plan = _Plan.FROM_MATCHES) -> TextClause:
    if plan is _Plan.CHECK_EACH:
        sql = (
            f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts "
            f"AND {FTS_TABLE}.rowid = visits.rowid)"
        )
    else:
        rowid = "+visits.rowid" if plan is _Plan.WALK_FILTER else "visits.rowid"
        sql = f"{rowid} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts)"
    return text(sql).bindparams(fts=expression)


def _search_plan(session: Session, expression: str, query: RoundQuery) -> _Plan:
    if query.filter is RoundFilter.TODAY and prefixes_indexed(query.search):
        return _Plan.CHECK_EACH  # cheap whatever the matches: a day is short
    if count_matches(session, expression, _MANY_MATCHES + 1) <= _MANY_MATCHES:
        return _Plan.FROM_MATCHES
    return _Plan.WALK_FILTER


def _filter_conditions(query: RoundQuery) -> list[ColumnElement[bool] | TextClause]:
    c = visits_table.c
    start, end = day_bounds(query.now)
    if query.filter is RoundFilter.TODAY:
        return [text(OPEN_VISIT_SQL), c.window_start >= start, c.window_start < end]
    if query.filter is RoundFilter.UPCOMING:
        return [text(OPEN_VISIT_SQL), c.window_start >= end]
    if query.filter is RoundFilter.OVERDUE:
        # window_start < now is implied by window_end < now; it lets the index bound the scan.
        # A busy user's visit is due at the agreed return time, not at the end of its window.
        return [
            text(OPEN_VISIT_SQL),
            c.window_start < query.now,
            c.window_end < query.now,
            or_(c.return_at.is_(None), c.return_at <= query.now),
        ]
    if query.filter is RoundFilter.DONE:
        return [text(CLOSED_VISIT_SQL)]
    return [text(LISTED_VISIT_SQL)]


def _floor_number() -> ColumnElement[int]:
    floor = visits_table.c.floor
    return case((floor.op("GLOB")("[0-9]*"), cast(floor, Integer)), else_=-1)


def _order_by(query: RoundQuery) -> list[ColumnElement[Any]]:
    c = visits_table.c
    keys: list[ColumnElement[Any]]
    if query.sort is RoundSort.REFERENCE:
        keys = [c.reference]
    elif query.sort is RoundSort.CUSTOMER:
        keys = [c.customer_name.collate("NOCASE"), c.window_start]
    elif query.sort is RoundSort.LOCATION:
        keys = [
            c.building.collate("NOCASE"), _floor_number(), c.floor, c.room.collate("NOCASE"),
            c.window_start,
        ]  # fmt: skip
    elif query.sort is RoundSort.PRIORITY:
        rank = case(_PRIORITY_RANK, value=c.priority, else_=len(_PRIORITY_RANK))
        keys = [rank, c.window_start]
    elif query.sort is RoundSort.STEP:
        rank = case({str(step): n for n, step in enumerate(Step)}, value=c.step, else_=len(Step))
        keys = [rank, c.window_start]
    elif query.sort is RoundSort.SYNC:
        keys = [c.scope_lost_reason.is_(None), -c.rejected_count, -c.pending_count, c.window_start]
    else:
        keys = [c.window_start, c.reference]
    keys.append(c.id)  # a total order, so pages never overlap or skip
    if query.descending:
        keys = [key.desc() for key in keys]
    return keys


def _local_offset_seconds(now: datetime) -> int:
    return int((now.astimezone().utcoffset() or timedelta()).total_seconds())


def _slot_end(when: datetime, query: RoundQuery) -> datetime:
    """The end of the round-order slot holding `when` (the same arithmetic as the SQL)."""
    offset = _local_offset_seconds(query.now)
    length = query.slot_hours * 3600
    slot = (int(when.timestamp()) + offset) // length
    return datetime.fromtimestamp((slot + 1) * length - offset, UTC)


def _round_ordered(stmt: Select[Any], query: RoundQuery) -> Select[Any]:
    """`stmt` in round order (see ROUND_ORDER_RULE)."""
    c = visits_table.c
    # Integer division: which slot of `slot_hours` (local time) the window starts in.
    epoch = func.unixepoch(c.window_start, type_=Integer)
    slot = (epoch + _local_offset_seconds(query.now)) // (query.slot_hours * 3600)
    inner = stmt.add_columns(slot.label("slot"), _floor_number().label("floor_number")).subquery(
        "listed"
    )
    s = inner.c
    building_first = func.min(s.window_start).over(partition_by=[s.slot, s.building])
    floor_first = func.min(s.window_start).over(partition_by=[s.slot, s.building, s.floor])
    columns = [s[name] for name in stmt.selected_columns.keys()]  # noqa: SIM118 (iterating gives columns)
    return select(*columns).order_by(
        s.slot, building_first, s.building, floor_first, s.floor_number, s.floor,
        s.window_start, s.reference, s.id,
    )  # fmt: skip


def round_select(session: Session, query: RoundQuery, upto: int | None = None) -> Select[Any]:
    """The statement listing the round's visits in order (without LIMIT/OFFSET).

    Args:
        upto: only the first `upto` rows will be read. Round order then works on the slots
            those rows can come from rather than on every visit of the filter: slots follow
            window order, so the first `upto` visits in round order lie in the slots up to
            that of the `upto`-th visit in window order. (Not for TODAY: a day is short.)
    """
    c = visits_table.c
    conditions = _filter_conditions(query)
    expression = fts_query(query.search)
    if expression is not None:
        conditions.append(_fts_condition(expression, _search_plan(session, expression, query)))
    stmt = row_select().where(*conditions)
    if query.sort is not RoundSort.ROUND:
        return stmt.order_by(*_order_by(query))
    # A day holds few visits: ordering them all is cheaper than finding the bound (which
    # would read the search matches a second time).
    if upto is not None and upto > 0 and query.filter is not RoundFilter.TODAY:
        last = session.scalar(
            select(c.window_start)
            .where(*conditions)
            .order_by(c.window_start)
            .offset(upto - 1)
            .limit(1)
        )
        if last is not None:
            stmt = stmt.where(c.window_start < _slot_end(last, query))
    return _round_ordered(stmt, query)


def round_page(session: Session, query: RoundQuery, offset: int, limit: int) -> list[VisitRow]:
    """Up to `limit` visits of the round from position `offset` (0-based) on.

    Filtering, searching (SQLite FTS5) and ordering all happen in SQL, so a page costs
    about the same whether the cache holds a hundred visits or a hundred thousand (deep
    pages cost more: OFFSET walks the rows before them).
    """
    stmt = round_select(session, query, upto=offset + limit).limit(limit).offset(offset)
    return [visit_row(row) for row in session.execute(stmt)]


def round_counts(
    session: Session,
    now: datetime,
    filters: Sequence[RoundFilter] = (RoundFilter.TODAY, RoundFilter.OVERDUE),
) -> dict[RoundFilter, int]:
    """How many visits each filter shows, without any search."""
    counts: dict[RoundFilter, int] = {}
    for kind in filters:
        stmt = (
            select(func.count())
            .select_from(visits_table)
            .where(*_filter_conditions(RoundQuery(now=now, filter=kind)))
        )
        counts[kind] = int(session.scalar(stmt) or 0)
    return counts
