"""CSV exports for a date range, written page by page as they are read (never all rows at once).

Each export runs in one read transaction of its own session (the response streams after
the endpoint returned). Text cells that a spreadsheet would run as a formula (starting
with = + - @ or a tab/return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, String, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.protocol import CareMetrics
from fieldapp.server import metrics
from fieldapp.server.board import board_status
from fieldapp.server.models import User, Visit
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.paging import DateRange, PageParams

PAGE_ROWS = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

VISIT_COLUMNS = (
    "reference",
    "visit_id",
    "customer_name",
    "site",
    "building",
    "floor",
    "room",
    "window_start",
    "window_end",
    "priority",
    "assignee",
    "status",
    "step",
    "confirmed_in_advance",
    "arrivals",
    "permission_recorded",
    "demonstrated",
    "demonstration_impossible",
    "completed_at",
    "escalated_at",
    "first_visit_resolution",
    "satisfaction",
    "last_event_received_at",
    # time on task (docs/supervision.md): trips to the desk, minutes someone was there,
    # signed off on a trip after the first
    "trips",
    "on_site_minutes",
    "finished_later_trip",
    # where the visit came from (protocol.VisitOrigin), who made it, and whether its fix
    # failed after sign-off (docs/workflow.md, "Visits opened on the spot")
    "origin",
    "created_by",
    "reopened",
)
METRIC_COLUMNS = ("scope", "technician", "full_name", "category", *CareMetrics.model_fields)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    kind = type(value)
    if kind is str:  # most cells: tested first
        return "'" + value if value.startswith(_FORMULA_START) else value
    if kind is bool:
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    if kind is float:
        return f"{value:.4f}"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Instants(dict[object, str]):
    """Stored instants read raw (type_coerce) in their CSV form (ISO 8601, UTC, as _cell
    writes an aware datetime), each value converted once (a range's visits share their
    window times)."""

    def __missing__(self, raw: object) -> str:
        if isinstance(raw, datetime):  # PostgreSQL
            value = raw
        elif isinstance(raw, str):  # SQLite keeps UTC as naive text
            value = datetime.fromisoformat(raw)
        else:
            raise TypeError(f"not a stored instant: {type(raw).__name__}")
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        text = self[raw] = value.isoformat()
        return text


# The visits export's cells by kind (VISIT_COLUMNS' positions), each written as _cell would
# write its value, without asking every value its type (29 columns of 21,000 rows on a
# 30-day range: _cell's type tests were most of the export's time).
_TEXT_AT = (0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 26, 27)
_INSTANT_AT = (7, 8, 18, 19, 22)
_FLAG_AT = (13, 15, 16, 17, 20, 25, 28)  # yes / no
_STEP_AT = 12


def _visit_row(row: Any, instants: _Instants) -> list[Any]:
    """A visit's cells; numbers as they are (the csv module writes None as an empty cell)."""
    values = list(row)
    values[_STEP_AT] = values[_STEP_AT] or "scheduled"
    for at in _TEXT_AT:
        text = values[at]
        if text is None:
            values[at] = ""
        elif text.startswith(_FORMULA_START):
            values[at] = "'" + text
    for at in _INSTANT_AT:
        raw = values[at]
        values[at] = "" if raw is None else instants[raw]
    for at in _FLAG_AT:
        flag = values[at]
        values[at] = "" if flag is None else "yes" if flag else "no"
    return values


def _lines(rows: Iterable[Iterable[Any]]) -> str:
    """Rows of any values, each cell through _cell."""
    return _written([_cell(v) for v in row] for row in rows)


def _written(rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def visits_query(
    when: DateRange, technician_id: int | None, now: datetime
) -> Select[*tuple[Any, ...]]:
    """The visits export's rows (VISIT_COLUMNS, instants raw): every visit whose window
    starts in the range (cancelled too), by window start, then id."""
    query = (
        select(
            Visit.reference,
            Visit.id,
            Visit.customer_name,
            Visit.site,
            Visit.building,
            Visit.floor,
            Visit.room,
            type_coerce(Visit.window_start, String),
            type_coerce(Visit.window_end, String),
            Visit.priority,
            User.username,
            board_status(now),
            VisitFacts.step,
            VisitFacts.confirmed_in_advance,
            VisitFacts.arrivals,
            VisitFacts.permission_recorded,
            VisitFacts.demonstrated,
            VisitFacts.demonstration_impossible,
            type_coerce(VisitFacts.completed_at, String),
            type_coerce(VisitFacts.escalated_at, String),
            VisitFacts.first_visit_resolution,
            VisitFacts.satisfaction,
            type_coerce(VisitFacts.last_event_received_at, String),
            VisitFacts.trips,
            (VisitFacts.on_site_seconds + 30) // 60,  # whole minutes, to the nearest
            VisitFacts.finished_later_trip,
            Visit.origin,
            Visit.created_by,
            VisitFacts.reopened,
        )
        .outerjoin(User, User.id == Visit.assignee_id)
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(Visit.window_start >= when.start, Visit.window_start < when.end)
        .order_by(Visit.window_start, Visit.id)
    )
    if technician_id is not None:
        query = query.where(Visit.assignee_id == technician_id)
    return query


def visits_csv(
    sessions: sessionmaker[Session], when: DateRange, technician_id: int | None, now: datetime
) -> Iterator[str]:
    """Every visit whose window starts in the range (cancelled too), by window start."""
    yield _lines([VISIT_COLUMNS])
    query = visits_query(when, technician_id, now)
    with sessions() as session, session.begin():
        # One query read in pages from its cursor (a server-side cursor on PostgreSQL), not
        # a query per page: each keyset page sorted the range again (21 pages of a 30-day
        # range of 21,000 visits took most of the export's time). yield_per fetches whole
        # pages from the start (stream_results alone begins with 5 rows and grows: more
        # round trips to PostgreSQL, 0.6 s against 0.4 s for that range).
        connection = session.connection().execution_options(yield_per=PAGE_ROWS)
        instants = _Instants()
        for rows in connection.execute(query).partitions():
            yield _written([_visit_row(row, instants) for row in rows])


def _metric_row(
    scope: str, username: str, full_name: str, m: CareMetrics, category: str = ""
) -> list[Any]:
    return [scope, username, full_name, category, *m.model_dump().values()]


def metrics_csv(
    sessions: sessionmaker[Session], when: DateRange, technician: str | None
) -> Iterator[str]:
    """The team's row, one per technician (SQL aggregates, technicians in pages), then one
    per source category (over the same technicians)."""
    yield _lines([METRIC_COLUMNS])
    with sessions() as session, session.begin():
        offset = 0
        while True:
            report = metrics.report(session, when, PageParams(offset, PAGE_ROWS), technician)
            rows = []
            if offset == 0:
                rows.append(_metric_row("team", "", "", report.team))
            rows += [
                _metric_row("technician", t.technician, t.full_name, t.metrics)
                for t in report.technicians
            ]
            yield _lines(rows)
            offset += PAGE_ROWS
            if offset >= report.total:
                break
        per_category = metrics.categories(session, when, technician).categories
        yield _lines(
            _metric_row("category", technician or "", "", c.metrics, c.category)
            for c in per_category
        )
