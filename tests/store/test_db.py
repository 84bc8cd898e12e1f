"""The cache file: PRAGMAs, migrations at open, transactions that do not trip over each other."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from fieldapp.domain import EventType, Step
from fieldapp.paths import AppPaths
from fieldapp.protocol import ChangesPage, Level, Priority, VisitOrigin, VisitPublic, VisitStatus
from fieldapp.store import Store, apply_changes_page, open_store, record_event, sync_counts
from fieldapp.store.db import (
    DEFAULT_CACHE_KIB,
    FEED_CACHE_KIB,
    MIGRATIONS_DIR,
    create_cache_engine,
    head_revision,
)
from fieldapp.store.meta import get_meta, set_meta
from fieldapp.store.models import DISPATCH_FIELDS, Base, utc_text, utc_texts
from fieldapp.store.search import is_search_table
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit


def test_pragmas_make_every_commit_durable(store: Store) -> None:
    with store.session() as session, session.begin():
        values = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 10_000,
    }


def test_only_feed_pages_skip_the_fsync_and_the_connection_is_durable_again(
    store: Store,
) -> None:
    def safety_level(session: Session) -> tuple[int, int]:
        level = int(session.execute(text("PRAGMA synchronous")).scalar_one())
        return level, int(session.execute(text("PRAGMA cache_size")).scalar_one())

    with store.refetchable_session() as session, session.begin():
        relaxed = safety_level(session)
        relaxed_connection = session.connection().connection.dbapi_connection
    # The pool hands the same connection back: it must be FULL again for recorded events,
    # and its page cache back to the default size (the feed's larger one is for the feed).
    with store.session() as session, session.begin():
        assert session.connection().connection.dbapi_connection is relaxed_connection
        after = safety_level(session)
    with store.read_session() as session:
        reader = safety_level(session)
    feed, default = -FEED_CACHE_KIB, -DEFAULT_CACHE_KIB
    # NORMAL for the page, FULL otherwise
    assert (relaxed, after, reader) == ((1, feed), (2, default), (2, default))


def test_the_pulls_transactions_share_one_connection_and_its_page_cache(store: Store) -> None:
    # Store.refetchable_sessions: one connection for a run of feed transactions, so the
    # pages one transaction wrote are still in its cache for the next; each transaction is
    # still a feed page's (NORMAL, the large cache), and the connection goes back to the
    # pool FULL with the default cache, as a single refetchable session does.
    def level(session: Session) -> tuple[int, int]:
        synchronous = int(session.execute(text("PRAGMA synchronous")).scalar_one())
        return synchronous, int(session.execute(text("PRAGMA cache_size")).scalar_one())

    seen = []
    with store.refetchable_sessions() as sessions:
        for number in range(3):
            with sessions() as session, session.begin():
                seen.append((session.connection().connection.dbapi_connection, level(session)))
                set_meta(session, "pull_test", str(number))
            with store.read_session() as session:  # each transaction committed on its own
                assert get_meta(session, "pull_test") == str(number)
    assert len({id(connection) for connection, _ in seen}) == 1
    assert [relaxed for _, relaxed in seen] == [(1, -FEED_CACHE_KIB)] * 3
    # Back in the pool (beside the reader's), FULL and with the default cache.
    with store.session() as first, first.begin(), store.read_session() as second:
        pooled = {s.connection().connection.dbapi_connection: s for s in (first, second)}
        assert level(pooled[seen[0][0]]) == (2, -DEFAULT_CACHE_KIB)


def test_open_applies_the_migrations_and_they_match_the_models(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data")
    store = open_store(paths)
    try:
        assert paths.cache_db.exists()
        assert paths.attachments_dir.is_dir()
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        head = ScriptDirectory.from_config(config).get_current_head()
        with store.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_name": lambda name, type_, _parents: (
                        not (type_ == "table" and is_search_table(name))
                    )
                },
            )
            assert context.get_current_revision() == head == head_revision()
            assert compare_metadata(context, Base.metadata) == []
            tables = set(inspect(connection).get_table_names())
        assert {"visits", "events", "outbox", "meta", "attachments"} <= tables
    finally:
        store.dispose()
    # Opening again finds the schema up to date and keeps the data.
    with open_store(paths) as again, again.session() as session, session.begin():
        set_meta(session, "k", "v")
    with open_store(paths.cache_db) as third, third.read_session() as session:
        assert get_meta(session, "k") == "v"


def test_a_cache_at_the_newest_schema_opens_without_loading_alembic(tmp_path: Path) -> None:
    open_store(tmp_path / "cache.sqlite3").dispose()
    script = (
        "import sys; from fieldapp.store import open_store; "
        f"open_store({str(tmp_path / 'cache.sqlite3')!r}).dispose(); "
        "print('alembic' in sys.modules)"
    )
    opened = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert opened.stdout.strip() == "False"


def test_the_dispatch_fields_are_the_wire_visits_fields_in_order() -> None:
    assert tuple(VisitPublic.model_fields) == DISPATCH_FIELDS


def test_visits_table_has_every_dispatch_field(store: Store) -> None:
    with store.engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("visits")}
    assert set(DISPATCH_FIELDS) <= columns


def test_a_reader_is_not_blocked_by_a_writer(store: Store) -> None:
    with store.session() as writer, writer.begin():
        set_meta(writer, "cursor", "7")
        # The writer holds the write lock; a reader still sees the last committed state.
        with store.read_session() as reader, reader.begin():
            assert get_meta(reader, "cursor") is None


def test_concurrent_writers_wait_for_each_other_instead_of_failing(store: Store) -> None:
    visit = server_visit()
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
    errors: list[BaseException] = []
    per_thread = 25

    def write() -> None:
        try:
            for _ in range(per_thread):
                with store.session() as session, session.begin():
                    record_event(
                        session, visit.id, EventType.NOTE, MINIMAL[EventType.NOTE],
                        author=TECH, now=T0,
                    )  # fmt: skip
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.read_session() as session:
        assert sync_counts(session).pending == 4 * per_thread
        seqs = session.execute(text("SELECT local_seq FROM events ORDER BY local_seq")).scalars()
        assert list(seqs) == list(range(1, 4 * per_thread + 1))


def test_an_empty_page_only_moves_the_cursor(store: Store) -> None:
    page = ChangesPage(changes=[], next_cursor=42, has_more=False, server_time=T0)
    with store.session() as session, session.begin():
        apply_changes_page(session, page)
    with store.read_session() as session:
        assert get_meta(session, "cursor") == "42"


def test_the_return_time_migration_fills_visits_already_waiting(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    back = datetime(2030, 3, 11, 14, 0, tzinfo=timezone(timedelta(hours=1)))  # 13:00 UTC
    with open_store(path) as store:
        page = PageBuilder().visit(server_visit("v-busy")).visit(server_visit("v-idle")).page()
        with store.session() as session, session.begin():
            apply_changes_page(session, page)
            arrived = MINIMAL[EventType.ARRIVED]
            busy = {**MINIMAL[EventType.USER_BUSY], "return_at": back.isoformat()}
            record_event(session, "v-busy", EventType.ARRIVED, arrived, author=TECH, now=T0)
            record_event(session, "v-busy", EventType.USER_BUSY, busy, author=TECH, now=T0)
    engine = create_cache_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:  # the cache as the release before return times left it
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()

    with open_store(path) as store, store.read_session() as session:
        rows = dict(session.execute(text("SELECT id, return_at FROM visits")).all())

    assert rows == {"v-busy": "2030-03-11T13:00:00.000000+00:00", "v-idle": None}


def test_the_driver_stores_nones_bools_and_enum_members_as_it_always_did(store: Store) -> None:
    # The cache registers adapters for these (fieldapp.store.db: binding them is faster);
    # what lands in the file is the same: NULL, the integer, the member's text.
    values = [
        None,
        True,
        False,
        EventType.NOTE,
        Step.SCHEDULED,
        Priority.HIGH,
        Level.LOW,
        VisitStatus.CANCELLED,
        VisitOrigin.DISPATCH,
    ]
    with store.session() as session, session.begin():
        raw = session.connection().connection.driver_connection
        assert raw is not None
        raw.execute("CREATE TEMP TABLE bound (n INTEGER, value)")
        raw.executemany("INSERT INTO bound VALUES (?, ?)", list(enumerate(values)))
        stored = raw.execute("SELECT typeof(value), value FROM bound ORDER BY n").fetchall()
        # The same query with the value as a parameter finds its row.
        for value in values:
            found = raw.execute("SELECT count(*) FROM bound WHERE value IS ?", (value,))
            assert found.fetchone()[0] >= 1, value
    assert stored == [
        ("null", None),
        ("integer", 1),
        ("integer", 0),
        ("text", "note"),
        ("text", "scheduled"),
        ("text", "high"),
        ("text", "low"),
        ("text", "cancelled"),
        ("text", "dispatch"),
    ]
    assert all(type(value) in (int, str, type(None)) for _, value in stored)


def test_times_rendered_in_bulk_are_the_text_each_renders_alone() -> None:
    # The feed renders its times a list at a time (models.utc_texts, through msgspec); the
    # cache's text must stay what utc_text gives: UTC, fixed width, always microseconds.
    utc = [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 8, 0, 5, 120_000, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        None,
    ]
    assert utc_texts(utc) == [utc_text(value) for value in utc]
    assert utc_texts(utc)[1] == "2026-11-26T08:00:00.000000+00:00"
    # Other timezones go through utc_text: msgspec would round a 30-second offset away.
    others = [
        *utc,
        datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=30))),
        datetime(2026, 7, 1, 12, tzinfo=ZoneInfo("Europe/Berlin")),
        datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=-5))),
    ]
    assert utc_texts(others) == [utc_text(value) for value in others]
    assert utc_texts(others)[-3] == "2025-12-31T23:59:30.000000+00:00"
    assert utc_texts([]) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        utc_texts([datetime(2026, 1, 1)])  # noqa: DTZ001 (a naive time, refused)
    # A list whose times all have a fraction, or none has, is rendered whole at once.
    start = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    fractions = [start + timedelta(seconds=n, microseconds=1 + 7 * n) for n in range(50)]
    on_the_second = [start + timedelta(minutes=n) for n in range(50)]
    for same_kind in (fractions, on_the_second, fractions[:1], on_the_second[:1]):
        assert utc_texts(same_kind) == [utc_text(value) for value in same_kind]
    mixed = fractions[:3] + on_the_second[:3] + fractions[3:5]
    assert utc_texts(mixed) == [utc_text(value) for value in mixed]
    assert utc_texts([*mixed, None]) == [*(utc_text(value) for value in mixed), None]
