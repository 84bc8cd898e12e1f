"""Attachment files on the laptop go once no visit in the cache needs them (after a real sync)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from fieldapp.domain import EventType
from fieldapp.store import add_attachment
from fieldapp.store.housekeeping import sweep_attachments
from fieldapp.store.models import AttachmentRow
from tests.sync.harness import Laptop, Server


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
