"""A sign-off whose signature file is gone: listed as a signature, given back only as the same
bytes, never dropped or swapped (a real cache file; no server needed)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from fieldapp.domain import EventType
from fieldapp.store import add_attachment, apply_changes_page, open_store, record_event
from fieldapp.store.missing_files import (
    CannotDropSignature,
    NotTheSameFile,
    drop_missing_file_event,
    missing_files,
    reattach_file,
)
from fieldapp.store.models import AttachmentRow
from tests.store.factories import T0, TECH, PageBuilder, server_visit

SIGNATURE = b"<svg>the customer's strokes</svg>"
STEPS: list[tuple[EventType, dict[str, object]]] = [
    (EventType.CONFIRMED, {"channel": "phone", "message": "Kyra comes at 9:00"}),
    (EventType.ARRIVED, {"greeting_done": True}),
    (EventType.PERMISSION_GRANTED, {"granted_by": "Ada Park", "explanation": "Check the driver",
                                    "expected_minutes": 20}),
    (EventType.DIAGNOSED, {"user_perspective": "Blank pages", "source_category": "software",
                           "findings": "Corrupt driver"}),
    (EventType.RESOLVED, {"explanation": "Reinstalled the driver", "demonstrated": True,
                          "user_confirmed": True}),
    (EventType.TAUGHT, {"topic": "How to clear the print queue"}),
    (EventType.ANYTHING_ELSE, {"answer": False}),
]  # fmt: skip


def test_a_lost_signature_is_given_back_not_dropped_or_swapped(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    visit = server_visit()
    try:
        with store.session() as session, session.begin():
            apply_changes_page(session, PageBuilder().visit(visit).page())
            for minutes, (kind, payload) in enumerate(STEPS, 1):
                record_event(
                    session, visit.id, kind, payload, author=TECH,
                    now=T0 + timedelta(minutes=minutes),
                )  # fmt: skip
            at = T0 + timedelta(minutes=30)
            stroke = add_attachment(
                session, store.attachments_dir, visit.id, SIGNATURE, filename="signature.svg",
                media_type="image/svg+xml", kind="signature", author=TECH, now=at,
            ).id  # fmt: skip
            signed = record_event(
                session, visit.id, EventType.SIGNED_OFF,
                {"summary": "Printer works again",
                 "signature_sha256": hashlib.sha256(SIGNATURE).hexdigest()},
                author=TECH, now=at,
            ).id  # fmt: skip
            [row] = session.query(AttachmentRow).all()
        (store.attachments_dir / row.path).unlink()

        with store.read_session() as session:
            listed = missing_files(session, store.attachments_dir)
        assert [(m.event_id, m.is_signature) for m in listed] == [(stroke, True), (signed, True)]
        for event_id in (stroke, signed):
            with store.session() as session, session.begin():
                with pytest.raises(CannotDropSignature):
                    drop_missing_file_event(session, event_id)
                with pytest.raises(NotTheSameFile):
                    reattach_file(
                        session, store.attachments_dir, event_id, b"<svg>other</svg>",
                        filename="mine.svg", media_type="image/svg+xml", now=at,
                    )  # fmt: skip
        with store.session() as session, session.begin():
            reattach_file(
                session, store.attachments_dir, signed, SIGNATURE,
                filename="signature.svg", media_type="image/svg+xml", now=at,
            )  # fmt: skip
        with store.read_session() as session:
            assert missing_files(session, store.attachments_dir) == []  # both settled at once
    finally:
        store.dispose()
