"""SELECT statements built once and run on the driver's own cursor, for the hottest reads.

Core's execution of a statement built once (an execution context, events, a cursor result,
Row objects) costs several times what SQLite does for an indexed read of one row: the token
check of every request, the knowledge version's aggregates beside every last feed page.
`Prepared` compiles its statement once per dialect, converts the parameters with their
types' bind processors and the columns with their result processors, as Core would, so the
values are the ones `connection.execute(statement).all()` gives (tests/server/test_prepared.py
holds it to that on SQLite and PostgreSQL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

from fieldapp.server.driver import driver_cursor

_Processors = tuple[tuple[int, Callable[[Any], Any]], ...]


@dataclass(frozen=True, slots=True)
class _Compiled:
    compiled: SQLCompiler
    expanding: bool  # an IN list: the SQL is made anew for each call's parameters
    sql: str
    names: tuple[str, ...] | None  # the parameters' order for a positional driver
    binds: Mapping[str, Callable[[Any], Any]]  # parameter -> its type's bind processor
    results: _Processors  # (column, its result processor)


class Prepared:
    """A SELECT compiled once per dialect, run on a connection's driver cursor in its
    transaction; rows as tuples of the values Core would give."""

    __slots__ = ("_by_dialect", "_lock", "statement")

    def __init__(self, statement: Select[*tuple[Any, ...]] | CompoundSelect[Any]) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def rows(
        self, connection: Connection, parameters: Mapping[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """The statement's rows on `connection` (a driver error raised as Core raises it:
        errors.py answers those)."""
        dialect = connection.dialect
        plan = self._by_dialect.get(dialect.name) or self._compile(dialect)
        if plan.expanding:
            state = plan.compiled.construct_expanded_state(dict(parameters or {}))
            sql, names, values = state.statement, state.positiontup, dict(state.parameters)
            binds: Mapping[str, Callable[[Any], Any]] = state.processors
        else:
            sql, names, binds = plan.sql, plan.names, plan.binds
            values = dict(plan.compiled.construct_params(parameters))
        for name, process in binds.items():
            if name in values:
                values[name] = process(values[name])
        bound: Any = values if names is None else tuple(values[name] for name in names)
        with driver_cursor(connection, sql, bound) as cursor:
            cursor.execute(sql, bound)
            rows: list[tuple[Any, ...]] = list(cursor.fetchall())
        if plan.results and rows:
            results = plan.results
            converted = []
            for row in rows:
                values_ = list(row)
                for index, process in results:
                    values_[index] = process(values_[index])
                converted.append(tuple(values_))
            return converted
        return rows

    def one_or_none(
        self, connection: Connection, parameters: Mapping[str, Any] | None = None
    ) -> tuple[Any, ...] | None:
        """The statement's only row, or None (more than one is a mistake in the statement)."""
        rows = self.rows(connection, parameters)
        if len(rows) > 1:
            raise RuntimeError("a prepared statement expected at most one row")
        return rows[0] if rows else None

    def _compile(self, dialect: Dialect) -> _Compiled:
        with self._lock:
            found = self._by_dialect.get(dialect.name)
            if found is not None:
                return found
            compiled = self.statement.compile(dialect=dialect)
            assert isinstance(compiled, SQLCompiler)
            expanding = any(bind.expanding for bind in compiled.binds.values())
            binds = {
                name: process
                for name, bind in compiled.binds.items()
                if (process := bind.type.dialect_impl(dialect).bind_processor(dialect))
            }
            results = tuple(
                (index, process)
                for index, column in enumerate(self.statement.selected_columns)
                if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
            )
            found = _Compiled(
                compiled=compiled,
                expanding=expanding,
                sql=compiled.string,
                names=None if compiled.positiontup is None else tuple(compiled.positiontup),
                binds=binds,
                results=results,
            )
            self._by_dialect[dialect.name] = found
            return found
