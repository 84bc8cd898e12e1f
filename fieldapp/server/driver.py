"""The driver's own cursor in a connection's transaction, its errors raised as Core's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError


@contextmanager
def driver_cursor(connection: Connection, sql: str, parameters: Any) -> Iterator[Any]:
    """The DBAPI cursor of `connection`'s transaction, closed after; a driver error raised
    inside comes out as Core would raise it for `sql` with `parameters`
    (DBAPIError.instance: an IntegrityError, an OperationalError), so errors.py answers it.

    Core's execution (an execution context, events, a result per statement) cost the hot
    paths' statements several times the driver's own call."""
    dialect = connection.dialect
    cursor = connection.connection.cursor()
    try:
        yield cursor
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(
            sql, parameters, error, dialect.loaded_dbapi.Error, dialect=dialect
        ) from error
    finally:
        cursor.close()
