"""A cache from before the priority's inputs were kept reads the feed once more from the start
after its migration: the visits get impact, urgency and VIP, nothing is applied twice, and the
stored cursor never goes back (the keyring's watermark would call the cache behind)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text

from fieldapp.domain import EventType
from fieldapp.protocol import Level
from fieldapp.store import get_cursor, get_visit, open_store, record_event
from fieldapp.store.db import MIGRATIONS_DIR, create_cache_engine
from fieldapp.store.models import EventRow
from fieldapp.store.reread import REREAD_FEED, reread_from
from fieldapp.sync import SyncEngine
from tests.domain.factories import MINIMAL, T0
from tests.sync.harness import Server, fast_client


def _downgrade(path: Path, revision: str) -> None:
    engine = create_cache_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_an_older_cache_reads_the_feed_again_once(server: Server, tmp_path: Path) -> None:
    username, password = server.add_technician()
    vip = server.create_visit(username, impact=Level.HIGH, vip=True)
    plain = server.create_visit(username)
    path = tmp_path / "cache.sqlite3"
    client = fast_client(server.base_url)
    client.login(username, password)
    try:
        with open_store(path) as store:
            engine = SyncEngine(store, client)
            engine.sync()
            with store.session() as session, session.begin():
                assert reread_from(session) is None  # a new cache has nothing to re-read
        _downgrade(path, "0009")  # the cache as 0.1 kept it: no impact, urgency, VIP

        with open_store(path) as store:
            with store.read_session() as session:
                before = get_cursor(session)
                assert reread_from(session) == 0
                assert get_visit(session, vip).visit.vip is False  # not known yet
            server.create_visit(username)  # something new too
            SyncEngine(store, client, page_size=1).sync()  # one change per page

            with store.read_session() as session:
                shown = get_visit(session, vip).visit
                assert (shown.vip, shown.impact, shown.priority) == (True, "high", "critical")
                assert get_visit(session, plain).visit.vip is False
                assert get_cursor(session) > before
                assert reread_from(session) is None
                events = session.scalar(select(func.count()).select_from(EventRow))
                left = session.execute(
                    text("SELECT count(*) FROM meta WHERE key = :k"), {"k": REREAD_FEED}
                ).scalar()
            assert (events, left) == (0, 0)
    finally:
        client.close()


def test_a_cache_that_never_synced_has_nothing_to_re_read(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    open_store(path).dispose()
    _downgrade(path, "0009")
    with open_store(path) as store, store.read_session() as session:
        assert reread_from(session) is None


def test_work_recorded_before_the_re_read_is_pushed_and_kept(
    server: Server, tmp_path: Path
) -> None:
    username, password = server.add_technician()
    ids = [server.create_visit(username, vip=True) for _ in range(3)]
    path = tmp_path / "cache.sqlite3"
    client = fast_client(server.base_url)
    client.login(username, password)
    try:
        with open_store(path) as store:
            SyncEngine(store, client).sync()
        _downgrade(path, "0009")
        with open_store(path) as store:
            with store.read_session() as session:
                top = get_cursor(session)
            with store.session() as session, session.begin():
                record_event(
                    session, ids[0], EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                    author=username, now=T0,
                )  # fmt: skip
            SyncEngine(store, client, page_size=1).sync()
            with store.read_session() as session:
                assert all(get_visit(session, v).visit.vip for v in ids)
                assert get_cursor(session) >= top
                assert get_visit(session, ids[0]).pending_count == 0
    finally:
        client.close()
