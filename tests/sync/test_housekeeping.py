"""Attachment files on the laptop: they go once no visit in the cache needs them, and a
colleague's files on a visit handed over come down for the round (after real syncs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from fieldapp.domain import EventType
from fieldapp.store import add_attachment
from fieldapp.store.housekeeping import sweep_attachments
from fieldapp.store.models import AttachmentRow
from tests.sync.harness import Laptop, Server, laptop_for


def _attach(laptop: Laptop, visit_id: str, data: bytes, name: str) -> str:
    with laptop.store.session() as session, session.begin():
        event = add_attachment(
            session, laptop.store.attachments_dir, visit_id, data,
            filename=name, media_type="image/jpeg", kind="photo",
            author=laptop.username, now=datetime.now(UTC),
        )  # fmt: skip
    return str(event.payload["sha256"])


def _rows(laptop: Laptop) -> int:
    with laptop.store.read_session() as session:
        return session.scalar(select(func.count()).select_from(AttachmentRow)) or 0


def test_a_cancelled_visits_photos_leave_the_laptop_once_synced(
    server: Server, laptop: Laptop
) -> None:
    cancelled, kept = server.create_visit(laptop.username), server.create_visit(laptop.username)
    laptop.engine.sync()
    laptop.record(cancelled, EventType.ARRIVED)
    gone = _attach(laptop, cancelled, b"photo of the old desk", "old.jpg")
    laptop.record(kept, EventType.ARRIVED)
    stays = _attach(laptop, kept, b"photo of the new desk", "new.jpg")
    files = laptop.store.attachments_dir
    assert (files / gone[:2] / gone).exists()

    unsynced = sweep_attachments(laptop.store, min_age=timedelta(0))
    laptop.engine.sync()  # uploads both, pushes every event
    server.cancel(cancelled)
    laptop.engine.sync()  # the tombstone removes the cancelled visit: its work is on the server
    swept = sweep_attachments(laptop.store, min_age=timedelta(0))

    assert (unsynced.rows, unsynced.files) == (0, 0)  # pending work is never swept
    assert (swept.rows, swept.files, swept.bytes) == (1, 1, len(b"photo of the old desk"))
    assert not (files / gone[:2]).exists()
    assert (files / stays[:2] / stays).read_bytes() == b"photo of the new desk"
    assert _rows(laptop) == 1
    assert sweep_attachments(laptop.store, min_age=timedelta(0)).files == 0


def test_a_colleagues_photos_come_down_with_the_sync_for_the_round(
    server: Server, laptop: Laptop, tmp_path: Path
) -> None:
    colleague, password = server.add_technician()
    handed_over, done_elsewhere = server.create_visit(colleague), server.create_visit(colleague)
    small, big = b"photo of the desk" * 100, b"a long screen recording" * 5000
    with laptop_for(server.base_url, tmp_path / "colleague.sqlite3", colleague, password) as theirs:
        theirs.engine.sync()
        theirs.record(handed_over, EventType.ARRIVED)
        _attach(theirs, handed_over, small, "desk.jpg")
        _attach(theirs, handed_over, big, "recording.webm")
        walk = (EventType.ARRIVED, EventType.PERMISSION_GRANTED, EventType.DIAGNOSED)
        for kind in (*walk, EventType.RESOLVED):
            theirs.record(done_elsewhere, kind)
        _attach(theirs, done_elsewhere, b"before and after", "after.jpg")
        theirs.record(done_elsewhere, EventType.SIGNED_OFF)
        theirs.engine.sync()
    server.reassign(handed_over, laptop.username)
    server.reassign(done_elsewhere, laptop.username)
    laptop.engine.prefetch_max_bytes = len(small) + 10  # room for the photo, not the recording

    first = laptop.engine.sync()
    again = laptop.engine.sync()

    assert (first.fetched, again.fetched) == (1, 0)  # not the big one, not a closed visit's
    with laptop.store.read_session() as session:
        kept = {row.filename: row for row in session.scalars(select(AttachmentRow))}
    assert set(kept) == {"desk.jpg"}
    assert kept["desk.jpg"].uploaded
    path = laptop.store.attachments_dir / kept["desk.jpg"].path
    assert path.read_bytes() == small
