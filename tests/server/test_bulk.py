"""The push's statements on the driver's cursor, on each backend: bulk.insert_rows (values
converted by their column types as Core converts them, rows replacing rows by primary key),
bulk.update_rows
and prepared.Prepared with a UNION (the rows Core gives), a driver's error raised as Core's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Integer, String, bindparam, null, select, union_all
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.server.bulk import insert_rows, update_rows
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.models import UTCDateTime
from fieldapp.server.prepared import Prepared


class _Base(DeclarativeBase):
    pass


class _Row(_Base):
    __tablename__ = "bulk_rows"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(20), default="none")


class _Missing(_Base):
    __tablename__ = "bulk_never_created"

    id: Mapped[str] = mapped_column(String(8), primary_key=True)


MON = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _rows(session: Any) -> list[tuple[Any, ...]]:
    query = select(_Row.kind, _Row.number, _Row.flag, _Row.at, _Row.data, _Row.note)
    return [tuple(r) for r in session.execute(query.order_by(_Row.kind, _Row.number))]


def test_rows_are_converted_replaced_by_key_and_errors_raised_as_core_does(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    _Row.__table__.create(engine)
    factory = make_sessionmaker(engine)
    here = MON + timedelta(hours=1)
    with factory() as session, write_transaction(session):
        insert_rows(
            session,
            _Row,
            [
                {"kind": "a", "number": 1, "flag": True, "at": MON, "data": {"x": [1, "y"]}},
                {"kind": "a", "number": 2, "flag": False, "at": here, "data": None},
            ],
        )
        # One row, as a push's facts row: the driver's execute, not executemany.
        insert_rows(
            session, _Row, [{"kind": "b", "number": 1, "flag": False, "at": MON, "data": 3}]
        )
    with factory() as session:
        assert _rows(session) == [
            ("a", 1, True, MON, {"x": [1, "y"]}, "none"),
            ("a", 2, False, here, None, "none"),
            ("b", 1, False, MON, 3, "none"),
        ]

    later = MON + timedelta(days=1)
    with factory() as session, write_transaction(session):
        insert_rows(
            session,
            _Row,
            [
                {"kind": "a", "number": 2, "flag": True, "at": later, "data": [2], "note": "new"},
                {"kind": "c", "number": 9, "flag": True, "at": later, "data": {}, "note": "c"},
            ],
            replacing=True,
        )
    with factory() as session:
        assert _rows(session) == [
            ("a", 1, True, MON, {"x": [1, "y"]}, "none"),
            ("a", 2, True, later, [2], "new"),
            ("b", 1, False, MON, 3, "none"),
            ("c", 9, True, later, {}, "c"),
        ]

    # Rows updated by key (a composite one here), the rows matched counted: one is missing.
    with factory() as session, write_transaction(session):
        changed = [
            {"kind": "b", "number": 1, "flag": True, "at": later, "data": {"y": None}},
            {"kind": "z", "number": 1, "flag": True, "at": later, "data": None},
        ]
        assert update_rows(session, _Row, changed) == 1
        assert update_rows(session, _Row, [{"note": "one", "kind": "c", "number": 9}]) == 1
    with factory() as session:
        assert _rows(session) == [
            ("a", 1, True, MON, {"x": [1, "y"]}, "none"),
            ("a", 2, True, later, [2], "new"),
            ("b", 1, True, later, {"y": None}, "none"),
            ("c", 9, True, later, {}, "one"),
        ]

    taken = {"kind": "a", "number": 1, "flag": True, "at": MON, "data": None}
    for rows in ([taken], [taken, {**taken, "number": 5}]):
        with (
            pytest.raises(IntegrityError),
            factory() as session,
            write_transaction(session),
        ):
            insert_rows(session, _Row, rows)
    with factory() as session:
        assert len(_rows(session)) == 4  # the failed transactions left nothing
    engine.dispose()


def test_a_prepared_union_gives_the_rows_core_gives(database_url: str) -> None:
    engine = make_engine(database_url)
    _Row.__table__.create(engine)
    factory = make_sessionmaker(engine)
    rows = [
        {"kind": k, "number": n, "flag": n % 2 == 0, "at": MON + timedelta(hours=n), "data": d}
        for k, n, d in [("a", 1, {"x": 1}), ("a", 2, None), ("b", 3, [1, "two"]), ("c", 4, 5)]
    ]
    kinds = bindparam("kinds", expanding=True)
    query = union_all(
        select(_Row.kind, _Row.number, _Row.flag, _Row.at, _Row.data).where(
            _Row.kind.in_(kinds), _Row.at >= bindparam("since", type_=UTCDateTime())
        ),
        select(_Row.kind, null(), null(), null(), null()).where(
            _Row.kind.in_(kinds), _Row.number == 4
        ),
    ).order_by("kind", "number")
    fast = Prepared(query)
    with factory() as session, write_transaction(session):
        insert_rows(session, _Row, rows)
        for parameters in (
            {"kinds": ["a"], "since": MON},
            {"kinds": ["a", "b", "c"], "since": MON + timedelta(hours=2)},
            {"kinds": [], "since": MON},
        ):
            expected = [tuple(row) for row in session.execute(query, parameters)]
            assert fast.rows(session.connection(), parameters) == expected
            assert expected or parameters["kinds"] == []
    # A table never created: the driver's error comes out as Core's (a DBAPIError).
    missing = Prepared(select(_Missing.id).where(_Missing.id.in_(kinds)))
    with pytest.raises(DBAPIError), factory() as session:
        missing.rows(session.connection(), {"kinds": ["a"]})
    engine.dispose()
