"""On SQLite a feed page's visits are written mostly by the database (feed_visits.SqliteVisits):
each is the text the row's values give through orjson, as PostgreSQL's rows are written and as
SQLite's were, whatever the columns hold, for a laptop of today and an older one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, and_, select, text
from sqlalchemy.dialects import sqlite

from fieldapp.server import feed_pages, schema
from fieldapp.server.db import make_engine
from fieldapp.server.feed_older import spared_for
from fieldapp.server.feed_visits import WireTimes
from fieldapp.server.models import User, UTCDateTime, Visit
from tests.server.test_feed_render import _MOMENTS, _STORE_SQLITE  # aware times, any offset

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
_TRICKY = st.sampled_from(
    ["", '"', "\\", "\x00", "\x01\x1f\x7f", "\n\r\t\b\f", "\u2028\u2029", "é 漢字 😀", "</script>"]
)
_TEXT = st.one_of(st.text(max_size=30), _TRICKY)
# A time as UTCDateTime stores it in SQLite, or as some other writer may have.
_STORED_TIMES = st.one_of(
    _MOMENTS.map(lambda at: _STORE_SQLITE(UTCDateTime().process_bind_param(at, sqlite.dialect()))),
    _MOMENTS.map(lambda at: at.isoformat()),
    _MOMENTS.map(lambda at: at.replace(tzinfo=None).isoformat(" ", "seconds")),
)
_NUMBER_OR_TEXT = st.one_of(st.integers(-(2**63), 2**63 - 1), _TEXT)
_PLAIN = set(feed_pages.VISIT_COLUMNS) - {"id", "status", "vip", "estimated_minutes"}
_PLAIN -= {"window_start", "window_end", "deadline", "updated_at"}
_PLAIN -= {"follow_up_of", "cancel_reason", "created_by"}
_VISITS = st.fixed_dictionaries(
    {
        **dict.fromkeys(sorted(_PLAIN), _TEXT),
        "id": _TEXT,
        "status": st.sampled_from(["scheduled", "cancelled"]),
        "vip": _NUMBER_OR_TEXT,
        "estimated_minutes": _NUMBER_OR_TEXT,
        "window_start": _STORED_TIMES,
        "window_end": _STORED_TIMES,
        "updated_at": _STORED_TIMES,
        "deadline": st.none() | _STORED_TIMES,
        "follow_up_of": st.sampled_from([None, "itself"]),
        "cancel_reason": st.none() | _TEXT,
        "created_by": st.none() | _TEXT,
    }
)
_OLDER = [None, spared_for("0.1.0"), spared_for("0.2.0")]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder: Path = tmp_path_factory.mktemp("visits")
    engine = make_engine(f"sqlite:///{folder / 'server.sqlite3'}")
    schema.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _store(connection: Connection, visit: dict[str, Any], assignee: str | None) -> None:
    """`visit` written as it is into a visits row, its change in the feed of technician 1."""
    now = "2026-12-07 10:00:00.000000"
    connection.execute(
        text(
            "INSERT INTO users (id, username, full_name, role, password_hash, active, created_at)"
            " VALUES (1, :name, '', 'technician', '', 1, :now)"
        ),
        {"name": assignee or "nobody", "now": now},
    )
    values = {**visit, "follow_up_of": None, "created_at": now, "assignee": 1 if assignee else None}
    names = [*visit, "created_at"]
    connection.execute(
        text(
            f"INSERT INTO visits ({', '.join(names)}, assignee_id)"
            f" VALUES ({', '.join(':' + name for name in names)}, :assignee)"
        ),
        values,
    )
    if visit["follow_up_of"]:
        connection.execute(text("UPDATE visits SET follow_up_of = id"))
    connection.execute(
        text(
            "INSERT INTO change_log (seq, technician_id, visit_id, kind, created_at)"
            " VALUES (7, 1, :id, 'visit', :now)"
        ),
        {"id": visit["id"], "now": now},
    )


def _as_before(connection: Connection, older: Any) -> str:
    """The visit's text from its values as Core reads them (the way SQLite's were written)."""
    values = connection.execute(
        select(*feed_pages._VISIT_COLUMNS_RAW, User.username)
        .select_from(Visit)
        .outerjoin(User, and_(User.id == Visit.assignee_id))
    ).one()
    return feed_pages._visit_values_json(tuple(values), WireTimes(), older)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(visit=_VISITS, assignee=st.none() | _TEXT.filter(bool))
def test_a_visit_written_by_sqlite_is_the_text_its_values_give(
    engine: Engine, visit: dict[str, Any], assignee: str | None
) -> None:
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            _store(connection, visit, assignee)
            parameters = {"technician_id": 1, "cursor": 0, "limit": 10}
            for older in _OLDER:
                texts = feed_pages._sqlite_visits(older).texts(connection, parameters, WireTimes())
                assert texts == {7: _as_before(connection, older)}
                json.loads(texts[7])
        finally:
            transaction.rollback()


def test_sqlite_writes_every_character_as_json_does(engine: Engine) -> None:
    """SQLite's JSON strings and Python's json (ensure_ascii=False) escape the same
    characters the same way: every code point that UTF-8 can hold, in one string."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    with engine.connect() as connection:
        written = connection.execute(text("SELECT json_object('a', :s)"), {"s": every}).scalar()
    assert written == _ENCODE({"a": every})


def test_an_older_laptop_gets_the_visit_without_its_newer_fields(engine: Engine) -> None:
    visit = dict.fromkeys(_PLAIN, "x") | {
        "id": "v-1",
        "status": "scheduled",
        "vip": 1,
        "estimated_minutes": 30,
        "window_start": "2026-12-21 08:00:00.000000",
        "window_end": "2026-12-21 08:45:00.250000",
        "updated_at": "2026-11-26 08:00:00.000000",
        "deadline": None,
        "follow_up_of": None,
        "cancel_reason": None,
        "created_by": "sam",
    }
    with engine.connect() as connection, connection.begin() as transaction:
        _store(connection, visit, "kyra")
        parameters = {"technician_id": 1, "cursor": 0, "limit": 10}
        older = feed_pages._sqlite_visits(spared_for("0.1.0")).texts(
            connection, parameters, WireTimes()
        )
        today = feed_pages._sqlite_visits(None).texts(connection, parameters, WireTimes())
        transaction.rollback()
    today_visit, older_visit = json.loads(today[7]), json.loads(older[7])
    assert today_visit["vip"] is True
    assert today_visit["window_start"] == "2026-12-21T08:00:00+00:00"
    assert today_visit["window_end"] == "2026-12-21T08:45:00.250000+00:00"
    assert today_visit["deadline"] is None
    assert today_visit["assignee"] == "kyra"
    assert set(today_visit) - set(older_visit) == {
        "impact",
        "urgency",
        "vip",
        "created_by",
        "origin",
    }
    assert older_visit == {k: v for k, v in today_visit.items() if k in older_visit}
    assert datetime.fromisoformat(today_visit["updated_at"]) == datetime(
        2026, 11, 26, 8, tzinfo=UTC
    )
