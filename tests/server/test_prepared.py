"""prepared.Prepared on each backend: the rows Core gives for the same statement (parameters
and columns converted by their types, IN lists of any length, none), and a driver's error
raised as Core raises it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Engine, Integer, String, bindparam, func, select, true
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.models import UTCDateTime
from fieldapp.server.prepared import Prepared


class _Base(DeclarativeBase):
    pass


class _Row(_Base):
    __tablename__ = "prepared_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    flag: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    data: Mapped[Any] = mapped_column(JSON)


MON = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

_BY_KIND = select(_Row.id, _Row.kind, _Row.flag, _Row.at, _Row.data).where(
    _Row.kind.in_(bindparam("kinds", expanding=True)), _Row.at >= bindparam("since")
)
_COUNTS = select(func.count().label("n"), func.max(_Row.at).label("at"))
_TWO = (
    _COUNTS.where(_Row.flag.is_(True)).subquery("a"),
    _COUNTS.where(_Row.kind.in_(bindparam("kinds", expanding=True))).subquery("b"),
)
_AGGREGATES = select(_TWO[0].c.n, _TWO[0].c.at, _TWO[1].c.n, _TWO[1].c.at).select_from(
    _TWO[0].join(_TWO[1], true())
)
_ONE = select(_Row.kind, _Row.at).where(_Row.id == bindparam("id"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    yield made
    made.dispose()


def test_rows_are_the_rows_core_gives(engine: Engine) -> None:
    _Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    with factory() as session, write_transaction(session):
        session.add_all(
            _Row(id=n, kind="abc"[n % 3], flag=n % 2 == 0, at=MON + timedelta(hours=n), data=n)
            for n in range(9)
        )
        session.add(_Row(id=99, kind="z", flag=False, at=None, data={"x": [1, None]}))
    cases: list[tuple[Any, dict[str, Any]]] = [
        (_BY_KIND, {"kinds": ["a", "c"], "since": MON + timedelta(hours=2)}),
        (_BY_KIND, {"kinds": ["b"], "since": MON}),
        (_BY_KIND, {"kinds": [], "since": MON}),
        (_AGGREGATES, {"kinds": ["a", "b"]}),
        (_AGGREGATES, {"kinds": []}),
        (_ONE, {"id": 99}),
        (_ONE, {"id": 3}),
        (_ONE, {"id": 1000}),
    ]
    with factory() as session, session.begin():
        connection = session.connection()
        for statement, parameters in cases:
            expected = [tuple(row) for row in connection.execute(statement, parameters)]
            prepared = Prepared(statement)
            assert prepared.rows(connection, parameters) == expected, (statement, parameters)
            assert prepared.rows(connection, parameters) == expected  # compiled once, reused
        assert Prepared(_AGGREGATES).rows(connection, {"kinds": []}) == [
            (5, MON + timedelta(hours=8), 0, None)
        ]
        assert Prepared(_ONE).one_or_none(connection, {"id": 99}) == ("z", None)
        assert Prepared(_ONE).one_or_none(connection, {"id": 1000}) is None
        with pytest.raises(RuntimeError):
            Prepared(select(_Row.id)).one_or_none(connection)


def test_a_driver_error_is_raised_as_core_raises_it(engine: Engine) -> None:
    # No table: the statement fails in the driver.
    with (
        make_sessionmaker(engine)() as session,
        session.begin(),
        pytest.raises((OperationalError, ProgrammingError)),
    ):
        Prepared(select(_Row.id)).rows(session.connection())
