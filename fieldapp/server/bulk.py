"""Bulk inserts converted for the database driver up front, so the write lock sees no Python work.

SQLAlchemy converts each value through its column type when a statement runs; for
thousands of rows that is most of an executemany's time, and on SQLite all of it is spent
holding the database's write lock (every other writer waits). Converted beforehand with
the same type processors, the rows go to the driver's executemany as plain tuples.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnDefault, Connection, Dialect, Table
from sqlalchemy.orm import DeclarativeBase, Session

from fieldapp.server.driver import driver_cursor


@dataclass(frozen=True, slots=True)
class DriverInsert:
    """An INSERT and its rows, values already as the driver takes them."""

    sql: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def execute(self, connection: Connection) -> None:
        """Run it on the connection's driver cursor, in its transaction: Core's execution
        (an execution context, events, a result) cost a push's inserts four times the
        driver's executemany. A driver error is raised as Core would raise it (an
        IntegrityError, an OperationalError: errors.py answers those)."""
        if not self.rows:
            return
        with driver_cursor(connection, self.sql, self.rows) as cursor:
            if len(self.rows) == 1:
                cursor.execute(self.sql, self.rows[0])
            else:
                cursor.executemany(self.sql, self.rows)


def prepare_insert(
    dialect: Dialect,
    model: type[DeclarativeBase],
    rows: Sequence[Mapping[str, Any]],
    *,
    replacing: bool = False,
) -> DriverInsert:
    """The INSERT of `rows` into `model`'s table (all with the same keys, its column
    names), each value converted by its column type's bind processor for `dialect`.
    `replacing`: a row whose primary key is taken replaces that row's other columns (ON
    CONFLICT ... DO UPDATE, on SQLite and PostgreSQL alike) instead of failing."""
    columns = tuple(rows[0]) if rows else ()
    plan = _plan(dialect, _table(model), columns, replacing)
    get, converters = plan.values, plan.converters
    if not converters:
        return DriverInsert(plan.sql, columns, [get(row) for row in rows])
    converted = []
    for row in rows:
        values = list(get(row))
        for index, process in converters:
            values[index] = process(values[index])
        converted.append(tuple(values))
    return DriverInsert(plan.sql, columns, converted)


@dataclass(frozen=True, slots=True)
class _Plan:
    """An INSERT's text and its columns' bind processors, for one dialect."""

    sql: str
    values: Callable[[Mapping[str, Any]], tuple[Any, ...]]  # a row's values, in order
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, processor)


# Per dialect (an engine's: its JSON serializer is its own), the plans made so far: looking
# the processors up built them anew on every call (Boolean's and a TypeDecorator's), which
# cost a push more than its inserts' executemany.
_PlanKey = tuple[Table, tuple[str, ...], bool]
_PLANS: weakref.WeakKeyDictionary[Dialect, dict[_PlanKey, _Plan]] = weakref.WeakKeyDictionary()


def _plan(dialect: Dialect, table: Table, columns: tuple[str, ...], replacing: bool) -> _Plan:
    plans = _PLANS.get(dialect)
    if plans is None:
        plans = _PLANS.setdefault(dialect, {})
    plan = plans.get((table, columns, replacing))
    if plan is not None:
        return plan
    # dialect_impl: a column typed JSON().with_variant(JSONB(), "postgresql") converts as
    # the variant the dialect uses (psycopg's Jsonb wrapper there, JSON text on SQLite).
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    if replacing:
        key = [column.name for column in table.primary_key.columns]
        if not set(key) <= set(columns):
            raise ValueError(f"rows replacing {table.name}'s rows need its key {key}")
        others = [quote(name) for name in columns if name not in key]
        update = ", ".join(f"{name} = excluded.{name}" for name in others)
        sql += f" ON CONFLICT ({', '.join(quote(name) for name in key)}) " + (
            f"DO UPDATE SET {update}" if update else "DO NOTHING"
        )
    plan = _Plan(
        sql,
        _values_of(columns),
        tuple((n, p) for n, p in enumerate(processors) if p is not None),
    )
    plans[(table, columns, replacing)] = plan
    return plan


def _values_of(columns: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    if not columns:  # no rows (an empty import): itemgetter takes at least one name
        return lambda row: ()
    if len(columns) == 1:
        (name,) = columns
        return lambda row: (row[name],)
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]] = itemgetter(*columns)
    return getter


def _table(model: type[DeclarativeBase]) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a plain table")
    return table


def insert_rows(
    session: Session,
    model: type[DeclarativeBase],
    rows: Sequence[Mapping[str, Any]],
    *,
    replacing: bool = False,
) -> None:
    """INSERT `rows` (all with the same keys) into `model`'s table in the session's
    transaction, through the driver's executemany (`prepare_insert`): a push's events,
    change-feed and derived rows, without Core's per-row parameter processing. A column the
    rows leave out gets its scalar Python default as Core's INSERT would give it. Pending
    ORM objects are flushed first, as `db.run` does (a visit created just before its rows).
    `replacing`: as prepare_insert's (a derived row written again in one statement, not a
    DELETE and an INSERT)."""
    if not rows:
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    defaults = _defaults(model, frozenset(rows[0]))
    if defaults:
        rows = [{**defaults, **row} for row in rows]
    connection = session.connection()
    prepare_insert(connection.dialect, model, rows, replacing=replacing).execute(connection)


def update_rows(
    session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]
) -> int:
    """UPDATE `model`'s rows named by the primary key each of `rows` holds (all with the same
    keys, its column names) to the other values it holds, on the driver's cursor in the
    session's transaction, values converted as for an INSERT (`prepare_insert`): a push's
    facts counts. Returns how many rows matched (a row missing counts none)."""
    if not rows:
        return 0
    if session.new or session.dirty or session.deleted:
        session.flush()
    connection = session.connection()
    dialect = connection.dialect
    table = _table(model)
    key = [column.name for column in table.primary_key.columns]
    columns = tuple(name for name in rows[0] if name not in key) + tuple(key)
    # Converted as an INSERT of the same columns; the SQL is the UPDATE's, values in order.
    values = prepare_insert(dialect, model, [{n: row[n] for n in columns} for row in rows]).rows
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    assignments = ", ".join(f"{quote(n)} = {mark}" for n in columns[: -len(key)])
    where = " AND ".join(f"{quote(n)} = {mark}" for n in key)
    sql = f"UPDATE {quote(table.name)} SET {assignments} WHERE {where}"
    matched = 0
    with driver_cursor(connection, sql, values) as cursor:
        for row in values:  # one execute a row: every driver tells its rowcount
            cursor.execute(sql, row)
            matched += cursor.rowcount
    return matched


@functools.cache
def _defaults(model: type[DeclarativeBase], given: frozenset[str]) -> dict[str, Any]:
    """The scalar Python defaults of `model`'s columns not in `given` (not to be changed:
    the answer is shared)."""
    table = _table(model)
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if not isinstance(default, ColumnDefault) or not default.is_scalar:
            raise ValueError(
                f"{table.name}.{column.name} needs a value (its default is not a constant)"
            )
        found[column.name] = default.arg
    return found
