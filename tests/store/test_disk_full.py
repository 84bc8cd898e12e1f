"""A full disk under the cache: every write refused with a sentence, nothing half written, and
all of it works again once space is freed (a real tmpfs filled to the last byte)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from fieldapp.domain import EventType
from fieldapp.store import (
    DiskFullError,
    Store,
    add_attachment,
    apply_changes_page,
    open_store,
    record_event,
)
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.meta import get_cursor
from fieldapp.store.models import AttachmentRow, EventRow, OutboxRow, Visit
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit
from tests.support.disk import fill, small_disk

VISIT = "v-desk"


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


@pytest.fixture
def store(disk: Path) -> Iterator[Store]:
    opened = open_store(disk / "cache.sqlite3", new_cache_key())
    with opened.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(server_visit(VISIT)).page())
        arrived = MINIMAL[EventType.ARRIVED]
        record_event(session, VISIT, EventType.ARRIVED, arrived, author=TECH, now=T0)
    try:
        yield opened
    finally:
        opened.dispose()


def full(store: Store, disk: Path) -> Path:
    """Empty the WAL (so the next write needs new space), then fill the disk."""
    raw = store.engine.raw_connection()  # outside any transaction, as a checkpoint must be
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return fill(disk)


def counts(store: Store) -> tuple[int, int, int]:
    with store.read_session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (EventRow, OutboxRow, AttachmentRow)
        )


def intact(store: Store) -> bool:
    with store.read_session() as session:
        return session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def note(store: Store, words: str) -> None:
    with store.session() as session, session.begin():
        record_event(session, VISIT, EventType.NOTE, {"text": words}, author=TECH, now=T0)


def test_recording_on_a_full_disk_saves_nothing_and_says_so(store: Store, disk: Path) -> None:
    filler = full(store, disk)

    with pytest.raises(DiskFullError) as refused:
        note(store, "The user's desk moved to 3.15.")

    assert refused.value.code == "disk_full"
    assert "disk is full" in refused.value.message
    filler.unlink()
    assert intact(store)
    assert counts(store) == (1, 1, 0)  # the arrival recorded before is safe
    note(store, "The user's desk moved to 3.15.")
    assert counts(store) == (2, 2, 0)


def test_an_attachment_on_a_full_disk_leaves_no_file_and_no_row(store: Store, disk: Path) -> None:
    filler = full(store, disk)
    photo = bytes(range(256)) * 800  # 200 KB

    with pytest.raises(DiskFullError), store.session() as session, session.begin():
        add_attachment(
            session, store.attachments_dir, VISIT, photo,
            filename="desk.jpg", media_type="image/jpeg", kind="photo", author=TECH, now=T0,
        )  # fmt: skip

    filler.unlink()
    assert counts(store) == (1, 1, 0)
    assert [p.name for p in store.attachments_dir.rglob("*") if p.is_file()] == []
    with store.session() as session, session.begin():
        add_attachment(
            session, store.attachments_dir, VISIT, photo,
            filename="desk.jpg", media_type="image/jpeg", kind="photo", author=TECH, now=T0,
        )  # fmt: skip
    assert counts(store) == (2, 2, 1)


def test_a_feed_page_on_a_full_disk_is_not_half_applied(store: Store, disk: Path) -> None:
    builder = PageBuilder(start=10)
    for n in range(200):
        builder.visit(server_visit(f"v-{n:03d}", problem="The printer is offline. " * 20))
    page = builder.page()
    with store.read_session() as session:
        cursor_before = get_cursor(session)
    filler = full(store, disk)

    with pytest.raises(DiskFullError), store.session() as session, session.begin():
        apply_changes_page(session, page)

    filler.unlink()
    assert intact(store)
    with store.read_session() as session:
        assert get_cursor(session) == cursor_before
        assert session.scalar(select(func.count()).select_from(Visit)) == 1
    with store.session() as session, session.begin():
        apply_changes_page(session, page)
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 201
