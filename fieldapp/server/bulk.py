"""Bulk inserts converted for the database driver up front, so the write lock sees no Python work.

SQLAlchemy converts each value through its column type when a statement runs; for
thousands of rows that is most of an executemany's time, and on SQLite all of it is spent
holding the database's write lock (every other writer waits). Converted beforehand with
the same type processors, the rows go to the driver's executemany as plain tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnDefault, Connection, Dialect, Table
from sqlalchemy.orm import DeclarativeBase, Session


@dataclass(frozen=True, slots=True)
class DriverInsert:
    """An INSERT and its rows, values already as the driver takes them."""

    sql: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def execute(self, connection: Connection) -> None:
        if self.rows:
            connection.exec_driver_sql(self.sql, self.rows)


def prepare_insert(
    dialect: Dialect, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]
) -> DriverInsert:
    """The INSERT of `rows` into `model`'s table (all with the same keys, its column
    names), each value converted by its column type's bind processor for `dialect`."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a plain table")
    columns = tuple(rows[0]) if rows else ()
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
    converted = [
        tuple(
            value if process is None else process(value)
            for value, process in zip((row[name] for name in columns), processors, strict=True)
        )
        for row in rows
    ]
    return DriverInsert(sql, columns, converted)


def insert_rows(
    session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]
) -> None:
    """INSERT `rows` (all with the same keys) into `model`'s table in the session's
    transaction, through the driver's executemany (`prepare_insert`): a push's events,
    change-feed and derived rows, without Core's per-row parameter processing. A column the
    rows leave out gets its scalar Python default as Core's INSERT would give it. Pending
    ORM objects are flushed first, as `db.run` does (a visit created just before its rows)."""
    if not rows:
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    defaults = _defaults(model, rows[0].keys())
    if defaults:
        rows = [{**defaults, **row} for row in rows]
    connection = session.connection()
    prepare_insert(connection.dialect, model, rows).execute(connection)


def _defaults(model: type[DeclarativeBase], given: Iterable[str]) -> dict[str, Any]:
    """The scalar Python defaults of `model`'s columns not in `given`."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a plain table")
    named = set(given)
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in named or default is None:
            continue
        if not isinstance(default, ColumnDefault) or not default.is_scalar:
            raise ValueError(
                f"{table.name}.{column.name} needs a value (its default is not a constant)"
            )
        found[column.name] = default.arg
    return found
