"""The hot paths' SELECTs run on the driver's cursor, values converted as Core converts them.

A push reads its stored ids and its visits with two statements built once at import. Run
through Core (`db.run`), each pays for an execution context, its events and a result object:
~50 us, against ~15 us for the same SQL on the driver's cursor. Here the statement is
compiled once per dialect; each run expands its IN lists with SQLAlchemy's own public
`construct_expanded_state`, converts the parameters with the bind processors it names and
each result column with its type's result processor (SQLite's datetimes as UTC, stored
JSON), so the rows equal Core's.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, Dialect, Select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True, slots=True)
class _Compiled:
    compiled: SQLCompiler
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column, result processor)


class DriverSelect:
    """A SELECT (or UNION) built once, run on the session's connection's driver cursor."""

    def __init__(self, statement: Select[Any] | CompoundSelect[Any]) -> None:
        self.statement = statement
        # Per dialect (an engine's: its JSON deserializer is its own).
        self._compiled: weakref.WeakKeyDictionary[Dialect, _Compiled] = weakref.WeakKeyDictionary()

    def rows(self, session: Session, parameters: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The statement's rows for `parameters` (a list for an expanding IN), in the
        session's transaction. Pending ORM objects are flushed first, as `db.run` does. A
        driver error is raised as Core raises it (errors.py answers those)."""
        if session.new or session.dirty or session.deleted:
            session.flush()
        connection = session.connection()
        dialect = connection.dialect
        plan = self._compiled.get(dialect) or self._compile(dialect)
        state = plan.compiled.construct_expanded_state(dict(parameters))
        processors = state.processors
        values: Any
        if plan.compiled.positional:
            values = [
                processors[name](value) if name in processors else value
                for name, value in zip(
                    state.positiontup or (), state.positional_parameters, strict=True
                )
            ]
        else:
            values = {
                name: processors[name](value) if name in processors else value
                for name, value in state.parameters.items()
            }
        cursor = connection.connection.cursor()
        try:
            cursor.execute(state.statement, values)
            fetched = cursor.fetchall()
        except dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                state.statement, values, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error
        finally:
            cursor.close()
        if not plan.converters:
            return [tuple(row) for row in fetched]
        out = []
        for row in fetched:
            converted = list(row)
            for index, process in plan.converters:
                converted[index] = process(converted[index])
            out.append(tuple(converted))
        return out

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        if not isinstance(compiled, SQLCompiler):
            raise TypeError("a DriverSelect needs a SQL statement")
        processors = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in self.statement.selected_columns
        ]
        plan = _Compiled(compiled, tuple((n, p) for n, p in enumerate(processors) if p is not None))
        self._compiled[dialect] = plan
        return plan
