"""A feed page's visits as JSON text on SQLite, most of it written by the database, and
stored times as the feed's wire text.

A visit is 34 columns. Python's sqlite3 (3.11) lets go of the GIL and takes it back around
each column of each row it reads, and that was half the instructions of a page of visits
(about 1,200 a column). So on SQLite the statement hands over a visit in ten columns: its
runs of plain fields as JSON objects written by SQLite's json_object, and, between them, the
fields whose wire form is not their stored value (the times, stored as naive text; vip,
stored as 0 or 1), rendered here and spliced in. SQLite writes a string, an integer and NULL
exactly as json.dumps(ensure_ascii=False) does (same escapes, lowercase \\u00XX for the other
control characters, nothing else escaped; tests/server/test_feed_render.py checks every code
point and generated visits against the rows read back). A REAL would differ, written with 15
digits, but no column of these holds one (estimated_minutes is an INTEGER column, written by
a validated int). PostgreSQL's rows go through orjson as one dict (feed_pages).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Integer, String, Subquery, and_, func, literal_column, select, type_coerce
from sqlalchemy.engine import Connection

from fieldapp.server.models import User, Visit
from fieldapp.server.prepared import Prepared

json_str = json.encoder.encode_basestring  # a str as a JSON string literal, as json.dumps


def wire_time(raw: object) -> str:
    """A stored datetime's wire form (UTC, ISO 8601), as UTCDateTime and datetime.isoformat
    would give it: SQLite's naive text or PostgreSQL's aware datetime."""
    if isinstance(raw, datetime):  # PostgreSQL
        value = raw
    elif isinstance(raw, str):  # SQLite keeps UTC as naive text
        value = datetime.fromisoformat(raw)  # refuses what is no datetime (30 February)
        if (
            value.tzinfo is None
            and len(raw) == 26
            and raw[7] == "-"
            and raw[10] == " "
            and raw[19] == "."
            and raw[11:13] != "24"  # Python 3.12 on reads 24:00 as the next day's midnight
        ):
            # The text SQLAlchemy's SQLite DATETIME writes (YYYY-MM-DD HH:MM:SS.ffffff: what
            # fromisoformat reads in 26 characters with these three separators): its wire
            # form is sliced from it, as parsing and formatting it was most of a visit's
            # rendering. isoformat writes no fraction when it is zero.
            fraction = "" if raw.endswith(".000000") else raw[19:]
            return f"{raw[:10]}T{raw[11:19]}{fraction}+00:00"
    else:
        raise TypeError(f"not a stored datetime: {type(raw).__name__}")
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat()


class WireTimes:
    """Stored datetimes as wire text (wire_time), once each per page (a push stamps one
    received_at on its whole batch, so they repeat a lot)."""

    __slots__ = ("_iso", "_json")

    def __init__(self) -> None:
        self._iso: dict[object, str] = {}
        self._json: dict[object, str] = {}

    def iso(self, raw: object) -> str:
        """`raw`'s wire form."""
        text = self._iso.get(raw)
        if text is None:
            text = self._iso[raw] = wire_time(raw)
        return text

    def json(self, raw: object) -> str:
        """The JSON string literal of `raw`'s wire form."""
        text = self._json.get(raw)
        if text is None:  # ISO 8601 is digits and separators: nothing to escape
            text = self._json[raw] = f'"{wire_time(raw)}"'
        return text


TIME_FIELDS = frozenset({"window_start", "window_end", "deadline", "updated_at"})
# What each column after a visit row's seq is (SqliteVisits): a run of plain fields as a
# JSON object, or one field rendered here.
_RUN, _TIME, _FLAG = 0, 1, 2


class SqliteVisits:
    """The visits of a feed page on SQLite, for one set of fields (VisitPublic's, in wire
    order; an older laptop's fewer): the statement and the JSON text of its rows."""

    __slots__ = ("_kinds", "_statement", "_template")

    def __init__(self, page: Subquery, fields: Sequence[str]) -> None:
        """`page`: the page's change rows (seq, kind, visit_id); `fields`: the visit's
        fields in wire order, "assignee" being its assignee's username."""
        columns: list[Any] = []
        parts: list[tuple[int, str]] = []
        run: list[Any] = []
        for name in fields:
            column = User.username if name == "assignee" else getattr(Visit, name)
            if name not in TIME_FIELDS and name != "vip":
                run += [literal_column(f"'{name}'"), column]  # our own names: no quoting
                continue
            if run:
                columns.append(type_coerce(func.json_object(*run), String))
                parts.append((_RUN, ""))
                run = []
            if name == "vip":  # Boolean's 0 or 1 as bool() reads it, as the ORM would
                columns.append(type_coerce(column, Integer))
                parts.append((_FLAG, f"{json_str(name)}:"))
            else:
                columns.append(type_coerce(column, String))  # the stored text as it is
                parts.append((_TIME, f"{json_str(name)}:"))
        if run:
            columns.append(type_coerce(func.json_object(*run), String))
            parts.append((_RUN, ""))
        self._kinds = tuple(kind for kind, _ in parts)
        # The visit's text with each column's piece for a %s (field names hold no "%").
        self._template = "{" + ",".join(f"{key}%s" for _, key in parts) + "}"
        self._statement = Prepared(
            select(page.c.seq, *columns)
            .select_from(page)
            .join(Visit, and_(page.c.kind == "visit", Visit.id == page.c.visit_id))
            .outerjoin(User, User.id == Visit.assignee_id)
        )

    def texts(
        self, connection: Connection, parameters: dict[str, Any], times: WireTimes
    ) -> dict[int, str]:
        """The JSON text of each visit of the page, by its change's seq."""
        rows = self._statement.rows(connection, parameters)
        if not rows:
            return {}
        # Column by column (list comprehensions), then one %-format a visit: a third fewer
        # instructions than a loop over each visit's parts.
        seqs, *columns = zip(*rows, strict=True)
        time_json = times.json
        pieces: list[list[str]] = []
        for kind, column in zip(self._kinds, columns, strict=True):
            if kind == _RUN:  # json_object's members, without its braces
                pieces.append([value[1:-1] for value in column])
            elif kind == _TIME:
                pieces.append([time_json(v) if v is not None else "null" for v in column])
            else:
                pieces.append(["null" if v is None else "true" if v else "false" for v in column])
        template = self._template
        visits = [template % visit for visit in zip(*pieces, strict=True)]
        return dict(zip(seqs, visits, strict=True))
