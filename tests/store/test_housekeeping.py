"""The attachments sweep's rules for files: what is listed stays, young files stay, leftovers go."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldapp.domain import EventType
from fieldapp.store import Store, add_attachment, apply_changes_page, record_event
from fieldapp.store.housekeeping import OPENED_DIR, sweep_attachments
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit


def _aged(path: Path, data: bytes, age: timedelta) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    moment = (datetime.now(UTC) - age).timestamp()
    os.utime(path, (moment, moment))
    return path


def _visit_with_photo(store: Store) -> tuple[str, Path]:
    visit = server_visit()
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
        record_event(
            session, visit.id, EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=T0
        )
        event = add_attachment(
            session, store.attachments_dir, visit.id, b"a photo",
            filename="desk.jpg", media_type="image/jpeg", kind="photo", author=TECH, now=T0,
        )  # fmt: skip
    sha = str(event.payload["sha256"])
    return visit.id, store.attachments_dir / sha[:2] / sha


def test_listed_files_and_young_files_stay_old_leftovers_go(store: Store) -> None:
    _, photo = _visit_with_photo(store)
    _aged(photo, b"a photo", timedelta(days=30))  # old, but a cached visit names it
    root = store.attachments_dir
    leftover = _aged(root / "ab" / f".{'ab' * 32}.1234.tmp", b"half a file", timedelta(hours=2))
    stray = _aged(root / "cd" / ("cd" * 32), b"no row names me", timedelta(hours=2))
    in_flight = _aged(root / "ef" / ("ef" * 32), b"my row is being written", timedelta(minutes=1))

    swept = sweep_attachments(store)

    assert (swept.rows, swept.files) == (0, 2)
    assert swept.bytes == len(b"half a file") + len(b"no row names me")
    assert photo.read_bytes() == b"a photo"
    assert in_flight.exists()
    assert not leftover.exists()
    assert not stray.exists()
    assert not (root / "ab").exists()  # emptied folders go too
    assert (root / "ef").is_dir()


def test_copies_opened_in_other_programs_go_after_two_days(store: Store) -> None:
    opened = store.attachments_dir / OPENED_DIR
    old = _aged(opened / "0123456789abcdef" / "report.pdf", b"old copy", timedelta(days=3))
    recent = _aged(opened / "fedcba9876543210" / "photo.jpg", b"new copy", timedelta(hours=5))

    swept = sweep_attachments(store)

    assert swept.files == 1
    assert not old.exists()
    assert recent.exists()


def test_a_missing_attachments_folder_is_nothing_to_sweep(tmp_path: Path) -> None:
    from fieldapp.store import open_store

    store = open_store(tmp_path / "fresh" / "cache.sqlite3")
    try:
        assert sweep_attachments(store) == sweep_attachments(store)
        assert sweep_attachments(store).files == 0
    finally:
        store.dispose()
