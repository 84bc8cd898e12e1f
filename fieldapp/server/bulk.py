"""Bulk inserts converted for the database driver up front, so the write lock sees no Python work.

SQLAlchemy converts each value through its column type when a statement runs; for
thousands of rows that is most of an executemany's time, and on SQLite all of it is spent
holding the database's write lock (every other writer waits). Converted beforehand with
the same type processors, the rows go to the driver's executemany as plain tuples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Table
from sqlalchemy.orm import DeclarativeBase


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
    processors = [table.c[name].type.bind_processor(dialect) for name in columns]
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
