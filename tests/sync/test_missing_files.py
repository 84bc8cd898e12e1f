"""An attachment whose file is gone before it was sent: listed, then re-attached or dropped,
and either way the next sync leaves nothing waiting."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.domain import EventType
from fieldapp.store import add_attachment, sync_counts, visit_events
from fieldapp.store.missing_files import (
    CannotDropSignature,
    MissingFile,
    drop_missing_file_event,
    missing_files,
    reattach_file,
)
from fieldapp.store.models import AttachmentRow, EventRow, OutboxRow
from tests.sync.harness import Laptop, Server

PHOTO = b"\xff\xd8 the broken printer"


def _attach(laptop: Laptop, visit: str, data: bytes = PHOTO) -> str:
    with laptop.store.session() as session, session.begin():
        return add_attachment(
            session, laptop.store.attachments_dir, visit, data,
            filename="printer.jpg", media_type="image/jpeg", kind="photo",
            author=laptop.username, now=datetime.now(UTC),
        ).id  # fmt: skip


def _file_of(laptop: Laptop, sha256: str) -> Path:
    with laptop.store.read_session() as session:
        row = session.get(AttachmentRow, sha256)
        assert row is not None
        return laptop.store.attachments_dir / row.path


def _missing(laptop: Laptop) -> list[MissingFile]:
    with laptop.store.read_session() as session:
        return missing_files(session, laptop.store.attachments_dir)


def _lost_photo(server: Server, laptop: Laptop) -> tuple[str, str, str]:
    """A visit with a photo recorded whose file was deleted before any sync sent it."""
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    note = laptop.record(visit, EventType.NOTE)
    photo = _attach(laptop, visit)
    with laptop.store.read_session() as session:
        event = session.get(EventRow, photo)
        assert event is not None
        sha256 = str(event.payload["sha256"])
    _file_of(laptop, sha256).unlink()
    return visit, photo, note


def test_a_lost_file_is_listed_and_its_event_waits(server: Server, laptop: Laptop) -> None:
    visit, photo, note = _lost_photo(server, laptop)
    [item] = _missing(laptop)
    assert (item.event_id, item.visit_id, item.problem, item.filename) == (
        photo,
        visit,
        "missing",
        "printer.jpg",
    )
    assert not item.is_signature
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.retry_later) == (1, 1)  # the note went; the photo waits
    assert server.event_ids(visit) == [note]
    assert [i.event_id for i in _missing(laptop)] == [photo]

    _file_of(laptop, item.sha256).parent.mkdir(parents=True, exist_ok=True)
    _file_of(laptop, item.sha256).write_bytes(b"other bytes, same name")
    [damaged] = _missing(laptop)
    assert damaged.problem == "damaged"


def test_reattaching_the_same_file_sends_the_event_as_it_was(
    server: Server, laptop: Laptop
) -> None:
    visit, photo, note = _lost_photo(server, laptop)
    laptop.engine.sync()  # attachment_missing: put off for a while
    with laptop.store.session() as session, session.begin():
        kept = reattach_file(
            session, laptop.store.attachments_dir, photo, PHOTO,
            filename="printer-again.jpg", media_type="image/jpeg", now=datetime.now(UTC),
        )  # fmt: skip
    assert kept == photo
    assert _missing(laptop) == []
    summary = laptop.engine.sync()  # not held back by the earlier put-off
    assert (summary.uploaded, summary.pushed) == (1, 1)
    assert server.event_ids(visit) == [note, photo]
    with laptop.store.read_session() as session:
        assert sync_counts(session).pending == 0


def test_reattaching_another_file_sends_it_instead(server: Server, laptop: Laptop) -> None:
    visit, photo, note = _lost_photo(server, laptop)
    with laptop.store.session() as session, session.begin():
        replaced = reattach_file(
            session, laptop.store.attachments_dir, photo, b"a new photo of the printer",
            filename="printer-2.jpg", media_type="image/jpeg", now=datetime.now(UTC),
        )  # fmt: skip
    assert replaced != photo
    with laptop.store.read_session() as session:
        assert session.get(EventRow, photo) is None
        assert session.get(OutboxRow, photo) is None
        kinds = [(e.stored.event.id, e.stored.event.payload.get("filename"))
                 for e in visit_events(session, visit)]  # fmt: skip
    assert (replaced, "printer-2.jpg") in kinds
    assert _missing(laptop) == []
    summary = laptop.engine.sync()
    assert (summary.uploaded, summary.pushed, summary.retry_later) == (1, 2, 0)
    assert server.event_ids(visit) == [note, replaced]


def test_dropping_removes_the_unsent_event_and_nothing_waits(
    server: Server, laptop: Laptop
) -> None:
    visit, photo, note = _lost_photo(server, laptop)
    with laptop.store.session() as session, session.begin():
        drop_missing_file_event(session, photo)
    with laptop.store.read_session() as session:
        assert session.get(EventRow, photo) is None
        assert session.scalar(select(func.count()).select_from(AttachmentRow)) == 0
        assert sync_counts(session).pending == 1  # the note
    assert _missing(laptop) == []
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.retry_later) == (1, 0)
    assert server.event_ids(visit) == [note]
    with laptop.store.read_session() as session:
        assert sync_counts(session).pending == 0


def test_only_an_unsent_attachment_can_be_dropped(server: Server, laptop: Laptop) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    note = laptop.record(visit, EventType.NOTE)
    with laptop.store.session() as session, session.begin(), pytest.raises(CannotDropSignature):
        drop_missing_file_event(session, note)  # not an attachment: refused
