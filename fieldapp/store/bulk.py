"""Fast Core executemany for the change feed: statements compiled once, rows as plain tuples."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Dialect, Table
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from fieldapp.store.models import UTCDateTime, dumps_json, utc_text, utc_texts

Convert = Callable[[Any], Any]
# Rows per INSERT statement, within SQLite's limit of 32,766 bound parameters.
ROWS_PER_STATEMENT = 200
MAX_PARAMETERS = 32_766
# From this many rows on, insert_many stages them in a temporary table (see there).
STAGED_ROWS = 1000
STAGING = "fieldapp_staged_rows"


class _CollectorPauses:
    """The pauses of the collector under way, on any thread: it is switched back on when
    the last one ends, not the first. A pause ended by one thread while another's went on
    (the pull's prefetch thread, decoding a page, and the pull itself) turned it back on
    in the middle of the other's: an initial sync ran about thirty collections."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.resume = False  # switch it back on when the last pause ends


_PAUSES = _CollectorPauses()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while building many acyclic objects.

    Decoding a page of 5,000 changes allocates tens of thousands of containers; each
    allocation burst triggers collections that walk the whole heap, which more than doubles
    the time of an initial sync. Reference counting still frees everything; the collector
    is switched back on when the last pause under way ends (unless it was off when the
    first began, and nobody asked for it since: `enable_gc`).
    """
    with _PAUSES.lock:
        if _PAUSES.count == 0:
            _PAUSES.resume = gc.isenabled()
            gc.disable()
        _PAUSES.count += 1
    try:
        yield
    finally:
        with _PAUSES.lock:
            _PAUSES.count -= 1
            if _PAUSES.count == 0 and _PAUSES.resume:
                gc.enable()


def enable_gc() -> None:
    """Switch the collector on: now, or when the pauses under way end (`paused_gc`)."""
    with _PAUSES.lock:
        if _PAUSES.count:
            _PAUSES.resume = True
        else:
            gc.enable()


def _json(value: Any) -> str | None:
    return None if value is None else dumps_json(value)


def converters(table: Table) -> list[tuple[str, Convert | None]]:
    """Each column of `table`, in order, with the function turning a value into its DB form.

    None: the value is stored as it is (sqlite3 binds str subclasses such as StrEnum as text).
    """
    found: list[tuple[str, Convert | None]] = []
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            found.append((column.name, utc_text))
        elif isinstance(column.type, JSON):
            found.append((column.name, _json))
        else:
            found.append((column.name, None))
    return found


def as_tuples(
    table: Table, rows: Iterable[Mapping[str, Any]], leave_out: Collection[str] = ()
) -> list[tuple[Any, ...]]:
    """Rows as tuples in the table's column order, values already in their stored form;
    without the columns `leave_out` names (insert_many's `literals`)."""
    columns = [column for column in converters(table) if column[0] not in leave_out]
    pick = itemgetter(*(name for name, _ in columns))  # all values at C speed, then
    picked = [pick(row) for row in rows]
    if not picked:
        return []
    # Column by column (zip transposes at C speed): the times are rendered all at once.
    values: list[Sequence[Any]] = list(zip(*picked, strict=True))
    for i, (_, convert) in enumerate(columns):
        if convert is utc_text:
            values[i] = utc_texts(values[i])
        elif convert is not None:
            values[i] = [convert(value) for value in values[i]]
    return list(zip(*values, strict=True))


def insert_many(
    session: Session,
    stmt: Insert,
    table: Table,
    rows: Sequence[tuple[Any, ...]],
    literals: Mapping[str, str | int | None] | None = None,
    *,
    staged: bool = True,
) -> None:
    """Run `stmt` (an INSERT of every column of `table`, maybe with ON CONFLICT) for each row.

    `literals`: columns whose value is the same for every row, written into the statement
    as SQL constants instead of bound with each row (which then leaves them out). Binding
    costs about 600 instructions a value, and a None, a bool or an enum member three times
    that (the driver looks for its adapter): the feed's events carry four such columns.

    The statement is compiled by SQLAlchemy once and the DBAPI's executemany gets the
    tuples directly, skipping Core's per-row parameter processing: this is the hot path of
    the initial sync. Rows come from `as_tuples`.

    Each statement carries up to ROWS_PER_STATEMENT rows (VALUES (...), (...), ...): a
    table with triggers makes SQLite open a savepoint per statement, and the visits' FTS5
    search index (migration 0003) writes out a segment at each one; one row per statement
    cost about 35 us a visit. Rows are still applied in order, so a later row wins.

    From STAGED_ROWS rows on (an initial sync writes 10,000 visits and 50,000 events at
    once), the rows go into a temporary table first (in memory: PRAGMA temp_store, never in
    a file) and into the table with one INSERT ... SELECT, in the same order: one statement
    journals each page it changes once and the search index writes its pending terms out
    once, where 200-row statements did both again for every statement (the visits' and
    events' rows of a 10,000-visit round: about a fifth less CPU). `staged=False` skips the
    temporary table, for tables that have no trigger: an initial load's first transaction
    (store/feed_load.py) writes its 10,000 visits and 50,000 events in 200-row statements
    in 4% fewer instructions than through it.
    """
    if not rows:
        return
    connection = session.connection()
    shape = _shape(stmt, table, connection.dialect, literals)
    if shape.head is None:  # not the shape expected: one row per statement, as before
        connection.exec_driver_sql(shape.sql, list(rows))
        return
    head, tail, names, bound, fixed = shape.head, shape.tail, shape.names, shape.bound, shape.fixed
    if staged and len(rows) >= STAGED_ROWS:
        columns = ", ".join(f'"{name}"' for name in bound)
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{STAGING}")
        connection.exec_driver_sql(f"CREATE TEMP TABLE {STAGING} ({columns})")
        marks = ", ".join("?" for _ in bound)
        connection.exec_driver_sql(f"INSERT INTO temp.{STAGING} VALUES ({marks})", list(rows))
        picked = ", ".join(fixed.get(name, f'"{name}"') for name in names)
        # WHERE true: an upsert's ON CONFLICT after a SELECT needs it (SQLite's grammar).
        select = f"SELECT {picked} FROM temp.{STAGING} WHERE true ORDER BY rowid"
        connection.exec_driver_sql(head + select + tail)
        connection.exec_driver_sql(f"DROP TABLE temp.{STAGING}")
        return
    per = _rows_per_statement(shape)
    whole = len(rows) - len(rows) % per
    if whole:
        flat = chain.from_iterable
        batches = [tuple(flat(rows[start : start + per])) for start in range(0, whole, per)]
        connection.exec_driver_sql(_values_sql(shape, per), batches)
    if whole < len(rows):
        connection.exec_driver_sql(_values_sql(shape, 1), list(rows[whole:]))


def insert_columns(
    session: Session,
    stmt: Insert,
    table: Table,
    columns: Sequence[Sequence[Any]],
    literals: Mapping[str, str | int | None] | None = None,
    *,
    staged: bool = True,
) -> None:
    """`insert_many` for rows given column by column: the bound columns, in the table's
    order, each holding every row's value.

    The many-row statements' parameters (a flat tuple of ROWS_PER_STATEMENT rows' values)
    are cut from one list the columns are laid into by slice assignment, all in C, never a
    tuple per row: 50,000 rows of eight values 17.6 -> 5.2 ms. Staged rows, and a statement
    not of the expected shape, go through insert_many's rows.
    """
    count = len(columns[0]) if columns else 0
    if not count:
        return
    connection = session.connection()
    shape = _shape(stmt, table, connection.dialect, literals)
    if shape.head is None or (staged and count >= STAGED_ROWS):
        rows = list(zip(*columns, strict=True))
        insert_many(session, stmt, table, rows, literals, staged=staged)
        return
    width = len(shape.bound)
    if len(columns) != width:
        raise ValueError(f"{len(columns)} columns for {width} bound in {table.name}")
    flat: list[Any] = [None] * (count * width)
    for i, column in enumerate(columns):
        flat[i::width] = column  # a column of another length is refused here
    per = _rows_per_statement(shape)
    whole = (count - count % per) * width
    if whole:
        step = per * width
        batches = [tuple(flat[start : start + step]) for start in range(0, whole, step)]
        connection.exec_driver_sql(_values_sql(shape, per), batches)
    if whole < len(flat):
        rest = [tuple(flat[start : start + width]) for start in range(whole, len(flat), width)]
        connection.exec_driver_sql(_values_sql(shape, 1), rest)


def _rows_per_statement(shape: _Shape) -> int:
    return max(1, min(ROWS_PER_STATEMENT, MAX_PARAMETERS // max(1, len(shape.bound))))


def _values_sql(shape: _Shape, rows: int) -> str:
    """The statement of `shape` with `rows` rows of values (its head: not None)."""
    one = "(" + ", ".join(shape.fixed.get(name, "?") for name in shape.names) + ")"
    return f"{shape.head}VALUES {', '.join([one] * rows)}{shape.tail}"


@dataclass(frozen=True, slots=True)
class _Shape:
    """An INSERT as insert_many sends it: the SQL before and after its VALUES (head None: not
    of that shape, `sql` is sent row by row), the columns, those bound, the literal ones."""

    sql: str
    head: str | None
    tail: str
    names: list[str]
    bound: list[str]
    fixed: dict[str, str]


# Each statement insert_many was given, compiled: about a millisecond a compilation, and the
# initial sync writes two dozen batches. The feed's statements are built once (feed_rows);
# a statement built per call would be compiled per call, and the cache stays bounded.
_SHAPES: dict[tuple[Insert, Table, str, tuple[tuple[str, str | int | None], ...]], _Shape] = {}
_MOST_SHAPES = 64


def _shape(
    stmt: Insert,
    table: Table,
    dialect: Dialect,
    literals: Mapping[str, str | int | None] | None,
) -> _Shape:
    key = (stmt, table, dialect.name, tuple((literals or {}).items()))
    found = _SHAPES.get(key)
    if found is not None:
        return found
    names = [column.name for column in table.columns]
    compiled = stmt.compile(dialect=dialect, column_keys=names)
    order = compiled.positiontup or []
    if list(order) != names:
        raise ValueError(f"unexpected parameter order {order!r} for {table.name}")
    sql = compiled.string
    one = "(" + ", ".join("?" for _ in names) + ")"
    head, values, tail = sql.partition(f"VALUES {one}")
    fixed = {} if literals is None else {name: _literal(value) for name, value in literals.items()}
    bound = [name for name in names if name not in fixed]
    if len(fixed) != len(names) - len(bound):
        raise ValueError(f"literals for columns {table.name} has not: {sorted(fixed)!r}")
    if not values and fixed:
        raise ValueError(f"no VALUES to write literals into for {table.name}: {sql!r}")
    shape = _Shape(sql, head if values else None, tail, names, bound, fixed)
    if len(_SHAPES) >= _MOST_SHAPES:
        _SHAPES.clear()
    _SHAPES[key] = shape
    return shape


def _literal(value: str | int | None) -> str:
    """`value` as an SQL constant."""
    if value is None:
        return "NULL"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"no SQL literal for {value!r}")
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"
