"""Reading the change feed: a technician's pages rendered straight to JSON, and the wire forms.

A page is read by one or two statements (_page_rows) and the counter read after them; see
feed.py for why seq order is commit order, so a cursor never skips a committed change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Integer, String, Subquery, Text, and_, bindparam, select, type_coerce
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from fieldapp.protocol import VisitFields
from fieldapp.server.db import load_stored_json, might_hold_surrogates
from fieldapp.server.feed_older import Spared, older_payload
from fieldapp.server.feed_visits import SqliteVisits, WireTimes, json_str
from fieldapp.server.models import COUNTER_ID, ChangeLog, EventRecord, SeqCounter, User, Visit
from fieldapp.server.prepared import Prepared

VISIT_COLUMNS: tuple[str, ...] = (
    *VisitFields.model_fields,
    "id",
    "status",
    "cancel_reason",
    "updated_at",
    "created_by",
    "origin",
)
EVENT_COLUMNS = (
    "id",
    "visit_id",
    "type",
    "occurred_at",
    "payload",
    "author",
    "server_seq",
    "received_at",
)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def visit_wire(values: Mapping[str, Any], assignee: str | None) -> dict[str, Any]:
    """A protocol.VisitPublic as a JSON-ready dict, from column values keyed by field name."""
    out = {name: values[name] for name in VISIT_COLUMNS}
    for name in ("window_start", "window_end", "deadline", "updated_at"):
        out[name] = _iso(out[name])
    out["assignee"] = assignee
    return out


def event_wire(values: Mapping[str, Any]) -> dict[str, Any]:
    """A protocol.EventPublic as a JSON-ready dict."""
    out = {name: values[name] for name in EVENT_COLUMNS}
    out["occurred_at"] = _iso(out["occurred_at"])
    out["received_at"] = _iso(out["received_at"])
    return out


# The page is rendered straight from the rows into JSON bytes: no ORM objects, no pydantic
# models, no decoding of what is already JSON. The values are exactly those of a ChangesPage
# (tests/server check real pages against it and against the pydantic-rendered endpoints):
# - strings go through json's own C escaper (what json.dumps uses); a visit, a flat record
#   of ~30 fields, is written on SQLite mostly by the database (feed_visits.SqliteVisits),
#   on PostgreSQL by orjson as one dict;
# - payloads are stored JSON (validated on push, written by SQLAlchemy's JSON type): the
#   stored text is spliced in as it is, never decoded and re-encoded;
# - datetimes are selected raw (SQLite: its UTC text; PostgreSQL: psycopg's datetime) and
#   each distinct value is turned into its wire form once per page (feed_visits.WireTimes).

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
_TIME_COLUMNS = frozenset(
    {"window_start", "window_end", "deadline", "updated_at", "occurred_at", "received_at"}
)


def _raw(column: Any) -> Any:
    """Select `column` as the driver returns it, skipping SQLAlchemy's result processing."""
    if column.key == "payload":
        return sql_cast(column, Text)  # PostgreSQL's JSONB would otherwise come back parsed
    if column.key in _TIME_COLUMNS:
        return type_coerce(column, String)
    return column


def _json_value(value: object) -> str:
    return json_str(value) if isinstance(value, str) else _encode(value)


_VISIT_COLUMNS_RAW = tuple(_raw(getattr(Visit, name)) for name in VISIT_COLUMNS)
_EVENT_COLUMNS_RAW = tuple(_raw(getattr(EventRecord, name)) for name in EVENT_COLUMNS)
# A change row (_page_rows): seq, kind, visit_id, reason, message, the event's columns. A
# visit's row on PostgreSQL: the visit's columns and its assignee's username.
_EVENT_AT = 5
# A visit goes through orjson as a dict (VisitPublic's fields; assignee last).
_VISIT_FIELDS = (*VISIT_COLUMNS, "assignee")
_VISIT_TIMES = tuple(name for name in VISIT_COLUMNS if name in _TIME_COLUMNS)
_NO_REASON = '"reason":null,"message":null}'


def _visit_json(visit: dict[str, Any]) -> str:
    """A visit's dict as json.dumps(ensure_ascii=False, separators=(",", ":")) writes it:
    orjson writes the same text for these values (strings, integers, booleans, None) at a
    fifth of the time (tests/server/test_feed_render.py); json for what orjson refuses."""
    try:
        return orjson.dumps(visit).decode()
    except (orjson.JSONEncodeError, UnicodeDecodeError):
        return _encode(visit)


def _visit_values_json(values: Sequence[Any] | None, times: WireTimes, older: Spared | None) -> str:
    """A visit's JSON text from its row's values (PostgreSQL's; None for a visit not found)."""
    visit = dict(zip(_VISIT_FIELDS, values or (None,) * len(_VISIT_FIELDS), strict=True))
    for name in _VISIT_TIMES:
        if visit[name] is not None:
            visit[name] = times.iso(visit[name])
    if older is not None:
        for name in older.visit_fields:
            del visit[name]
    return _visit_json(visit)


def _change_json(
    row: Sequence[Any],
    visits: dict[int, str],
    times: WireTimes,
    older: Spared | None = None,
) -> str | None:
    """One protocol.Change as JSON text, from a change row of the feed and the JSON text of
    the page's visits by seq; None when it is an event an `older` laptop cannot read (see
    feed_older.spared_for)."""
    kind = row[1]
    head = f'{{"seq":{int(row[0])},"kind":{json_str(kind)},"visit_id":{json_str(row[2])},'
    if kind == "event":
        event_id, visit_id, type_, occurred_at, payload, author, server_seq, received_at = row[
            _EVENT_AT:
        ]
        if older is not None and type_ in older.event_types:
            return None
        if older is not None and type_ in older.payload_fields:
            payload = older_payload(type_, payload, older)
        elif might_hold_surrogates(payload):  # rare: only rows with astral or bad characters
            payload = _encode(load_stored_json(payload))
        return (
            f'{head}"visit":null,"event":{{"id":{json_str(event_id)},'
            f'"visit_id":{json_str(visit_id)},"type":{json_str(type_)},'
            f'"occurred_at":{times.json(occurred_at)},"payload":{payload},'
            f'"author":{json_str(author)},"server_seq":{int(server_seq)},'
            f'"received_at":{times.json(received_at)}}},{_NO_REASON}'
        )
    if kind == "visit":
        visit = visits.get(row[0])
        if visit is None:  # a visit the join did not find: every field null, as the ORM's
            visit = _visit_values_json(None, times, older)
        return f'{head}"visit":{visit},"event":null,{_NO_REASON}'
    reason, message = _json_value(row[3]), _json_value(row[4])
    return f'{head}"visit":null,"event":null,"reason":{reason},"message":{message}}}'


def _page() -> Subquery:
    """A technician's next `limit` changes after `cursor`.

    The change rows are picked first (ORDER BY seq LIMIT, on the (technician_id, seq)
    index), then joined: the joins touch only this page's rows, whatever plan the database
    picks (PostgreSQL otherwise may hash-join everything after the cursor, then sort).
    """
    return (
        select(
            ChangeLog.seq,
            ChangeLog.kind,
            ChangeLog.visit_id,
            ChangeLog.reason,
            ChangeLog.message,
            ChangeLog.event_id,
        )
        .where(
            ChangeLog.technician_id == bindparam("technician_id"),
            ChangeLog.seq > bindparam("cursor"),
        )
        .order_by(ChangeLog.seq)
        .limit(bindparam("limit", type_=Integer))
        .subquery("page")
    )


_PAGE = _page()


def _queries() -> tuple[Prepared, Prepared]:
    """The page's change rows with their events (SQLite: its visits are SqliteVisits'); and
    the change rows with their events and visits in one statement (PostgreSQL)."""
    page = _PAGE
    changes = (page.c.seq, page.c.kind, page.c.visit_id, page.c.reason, page.c.message)
    with_events = (
        select(*changes, *_EVENT_COLUMNS_RAW)
        .select_from(page)
        .outerjoin(EventRecord, EventRecord.id == page.c.event_id)
        .order_by(page.c.seq)
    )
    together = (
        select(*changes, *_EVENT_COLUMNS_RAW, *_VISIT_COLUMNS_RAW, User.username)
        .select_from(page)
        .outerjoin(Visit, and_(page.c.kind == "visit", Visit.id == page.c.visit_id))
        .outerjoin(User, User.id == Visit.assignee_id)
        .outerjoin(EventRecord, EventRecord.id == page.c.event_id)
        .order_by(page.c.seq)
    )
    return Prepared(with_events), Prepared(together)


_CHANGES_QUERY, _PAGE_QUERY = _queries()
_VISIT_ROW_AT = _EVENT_AT + len(EVENT_COLUMNS)  # in a row of _PAGE_QUERY
# SQLite's statement of a page's visits, by the visit fields a laptop is spared (none, or an
# older laptop's): made on first use, the same however many threads make it at once.
_SQLITE_VISITS: dict[frozenset[str], SqliteVisits] = {}


def _sqlite_visits(older: Spared | None) -> SqliteVisits:
    spared = older.visit_fields if older is not None else frozenset()
    found = _SQLITE_VISITS.get(spared)
    if found is None:
        fields = [name for name in _VISIT_FIELDS if name not in spared]
        found = _SQLITE_VISITS.setdefault(spared, SqliteVisits(_PAGE, fields))
    return found


def _page_rows(
    connection: Connection, parameters: dict[str, Any], times: WireTimes, older: Spared | None
) -> tuple[list[tuple[Any, ...]], dict[int, str]]:
    """The page's change rows, and the JSON text of its visits by seq, run on the driver's
    cursor.

    On SQLite two statements: the change rows with their events, and the visits
    (SqliteVisits). One statement of both carried 47 columns on every row, 30 of them empty
    on an event's (a 60,000-change feed: the statement 0.45-0.57 s of CPU against 0.25-0.31 s
    for the two). A SQLite transaction reads one snapshot, so both see the same page. On
    PostgreSQL (read committed: each statement its own snapshot) one statement, split here.
    """
    if connection.dialect.name == "sqlite":
        rows = _CHANGES_QUERY.rows(connection, parameters)
        if not any(row[1] == "visit" for row in rows):  # a push's echo: its events alone
            return rows, {}
        return rows, _sqlite_visits(older).texts(connection, parameters, times)
    together = _PAGE_QUERY.rows(connection, parameters)
    visits = {
        row[0]: _visit_values_json(row[_VISIT_ROW_AT:], times, older)
        for row in together
        if row[1] == "visit"
    }
    return [row[:_VISIT_ROW_AT] for row in together], visits


_COUNTER_QUERY = Prepared(
    select(SeqCounter.value, SeqCounter.horizon_seq).where(SeqCounter.id == COUNTER_ID)
)


def read_changes(
    session: Session,
    technician_id: int,
    cursor: int,
    limit: int,
    now: datetime,
    *,
    older: Spared | None = None,
) -> bytes:
    """One page of the technician's feed after `cursor`: a protocol.ChangesPage as JSON bytes.

    The page's rows (_page_rows, on the (technician_id, seq) index), then the counter. The
    counter is read after the page: if a prune committed in
    between, its new horizon is seen and the page is discarded, so a pruned tombstone is
    never silently missed. An `older` laptop (feed_older.spared_for) gets the page without what
    it cannot read; its cursor still moves past what was left out.
    """
    connection = session.connection()
    parameters = {"technician_id": technician_id, "cursor": cursor, "limit": limit + 1}
    times = WireTimes()
    rows, visits = _page_rows(connection, parameters, times, older)
    value, horizon = _COUNTER_QUERY.rows(connection)[0]
    server_time = json_str(now.isoformat())
    if cursor > value or 0 < cursor < horizon:
        return _page_json("", 0, has_more=False, must_refetch=True, server_time=server_time)
    rendered = (_change_json(row, visits, times, older) for row in rows[:limit])
    changes = ",".join([text for text in rendered if text is not None])
    next_cursor = int(rows[min(limit, len(rows)) - 1][0]) if rows else cursor
    return _page_json(
        changes,
        next_cursor,
        has_more=len(rows) > limit,
        must_refetch=False,
        server_time=server_time,
    )


def _page_json(
    changes: str, next_cursor: int, *, has_more: bool, must_refetch: bool, server_time: str
) -> bytes:
    return (
        f'{{"changes":[{changes}],"next_cursor":{next_cursor},'
        f'"has_more":{"true" if has_more else "false"},'
        f'"must_refetch":{"true" if must_refetch else "false"},"server_time":{server_time}}}'
    ).encode()
