"""Unsent events whose file is gone or damaged on this laptop: finding them, re-attaching, dropping.

Such an event cannot be pushed (the server answers attachment_missing and it waits,
holding back its visit's later events), so the technician is shown it and either gives
the file again or drops the event.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.domain.errors import DomainError
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.derive import refresh_visits
from fieldapp.store.files import AttachmentDamaged, AttachmentFiles
from fieldapp.store.models import SYNC_PENDING, AttachmentRow, EventRow, OutboxRow, Visit
from fieldapp.store.recording import (
    AttachmentTarget,
    add_attachment,
    files_of,
    restore_attachment,
)

_NAMES_FILE = or_(
    func.json_extract(EventRow.payload, "$.sha256") == AttachmentRow.sha256,
    func.json_extract(EventRow.payload, "$.signature_sha256") == AttachmentRow.sha256,
)


@dataclass(frozen=True, slots=True)
class MissingFile:
    """An unsent event naming a file this laptop no longer has intact.

    Attributes:
        problem: "missing" (no file, or it cannot be read) or "damaged" (other bytes).
        is_signature: the file is a signature (of a sign-off, or the attachment a sign-off
            names): it can be given back, not dropped or swapped.
    """

    event_id: str
    visit_id: str
    visit_reference: str
    customer_name: str
    event_type: EventType
    occurred_at: datetime
    filename: str
    sha256: str
    problem: str
    is_signature: bool = False


class NotTheSameFile(DomainError):
    """The file given for a signature is not the one the sign-off was recorded with."""

    context: ClassVar[str] = "StoreError"

    def __init__(self) -> None:
        super().__init__(
            "not_the_same_file",
            QT_TRANSLATE_NOOP(
                "StoreError",
                "This is not the signature the sign-off was recorded with, and a signature "
                "cannot be swapped. Find the original file (a backup, the USB key it was copied "
                "to), or ask the customer to sign again by recording the sign-off anew.",
            ),
        )


class CannotDropSignature(DomainError):
    context: ClassVar[str] = "StoreError"

    def __init__(self) -> None:
        super().__init__(
            "cannot_drop_signature",
            QT_TRANSLATE_NOOP(
                "StoreError",
                "A sign-off cannot be dropped for a missing signature: re-attach the signature "
                "file, or ask the visit's coordinator what to do.",
            ),
        )


def _problem(files: AttachmentFiles, relative: str) -> str | None:
    try:
        files.read(relative)  # opens it with the cache's key and checks its hash
    except AttachmentDamaged:
        return "damaged"
    except OSError:
        return "missing"
    return None


def missing_files(session: Session, paths: AttachmentTarget) -> list[MissingFile]:
    """Unsent events whose not yet uploaded file is missing or damaged, oldest first.

    Reads (and hashes) the files still to upload: the few recorded since the last sync.
    """
    rows = session.execute(
        select(
            EventRow.id,
            EventRow.visit_id,
            Visit.reference,
            Visit.customer_name,
            EventRow.type,
            EventRow.occurred_at,
            AttachmentRow.filename,
            AttachmentRow.sha256,
            AttachmentRow.path,
            func.json_extract(EventRow.payload, "$.kind"),
        )
        .join(AttachmentRow, _NAMES_FILE)
        .join(Visit, Visit.id == EventRow.visit_id)
        .where(EventRow.sync_state == SYNC_PENDING, AttachmentRow.uploaded.is_(False))
        .order_by(EventRow.local_seq)
    )
    files = files_of(paths)
    found: list[MissingFile] = []
    for event_id, visit_id, reference, customer, kind, when, name, sha, path, of in rows:
        problem = _problem(files, path)
        if problem is not None:
            found.append(
                MissingFile(
                    event_id,
                    visit_id,
                    reference,
                    customer,
                    EventType(kind),
                    when,
                    name,
                    sha,
                    problem,
                    is_signature=kind == EventType.SIGNED_OFF.value or of == "signature",
                )
            )
    return found


def _pending(session: Session, event_id: str) -> EventRow:
    row = session.get(EventRow, event_id)
    if row is None or row.sync_state != SYNC_PENDING:
        raise DomainError("event_not_pending", "This event was sent or removed meanwhile.")
    return row


def _is_signature(row: EventRow) -> bool:
    return EventType(row.type) is EventType.SIGNED_OFF or row.payload.get("kind") == "signature"


def _drop(session: Session, row: EventRow) -> None:
    """Remove an unsent event, and its file's row if no other event names the file."""
    sha256 = str(row.payload.get("sha256") or "")
    session.execute(delete(OutboxRow).where(OutboxRow.event_id == row.id))
    session.execute(delete(EventRow).where(EventRow.id == row.id))
    still_named = session.scalar(
        select(func.count())
        .select_from(EventRow)
        .where(
            or_(
                func.json_extract(EventRow.payload, "$.sha256") == sha256,
                func.json_extract(EventRow.payload, "$.signature_sha256") == sha256,
            )
        )
    )
    if sha256 and not still_named:
        session.execute(delete(AttachmentRow).where(AttachmentRow.sha256 == sha256))
    refresh_visits(session, [row.visit_id])


def reattach_file(
    session: Session,
    paths: AttachmentTarget,
    event_id: str,
    data: bytes,
    *,
    filename: str,
    media_type: str,
    now: datetime,
) -> str:
    """Give the file of an unsent event whose file is gone; returns the event that now
    carries it.

    The same bytes are put back under their hash and the event goes at the next sync as it
    was. Other bytes replace an attachment: the old event is dropped and a new one records
    the file (same kind, same author), as one unit of work. A signature must be the same
    bytes (NotTheSameFile otherwise).

    Raises:
        NotTheSameFile: other bytes for a signature or a sign-off.
        DomainError: the event was sent or removed meanwhile; the workflow refuses the new
            attachment (the old one is then kept, the unit of work rolled back).
    """
    row = _pending(session, event_id)
    wanted = str(row.payload.get("sha256") or row.payload.get("signature_sha256") or "")
    if hashlib.sha256(data).hexdigest() == wanted:
        known = session.get(AttachmentRow, wanted)
        restore_attachment(
            session,
            paths,
            data,
            filename=known.filename if known else filename,
            media_type=known.media_type if known else media_type,
            now=now,
        )
        # It may have been put off for a while (attachment_missing): send it next sync.
        session.execute(
            update(OutboxRow).where(OutboxRow.event_id == event_id).values(next_attempt_at=None)
        )
        return event_id
    if EventType(row.type) is not EventType.ATTACHMENT_ADDED or _is_signature(row):
        raise NotTheSameFile()
    kind = str(row.payload.get("kind") or "photo")
    visit_id, author = row.visit_id, row.author
    _drop(session, row)
    event = add_attachment(
        session, paths, visit_id, data, filename=filename, media_type=media_type, kind=kind,
        author=author, now=now,
    )  # fmt: skip
    return event.id


def drop_missing_file_event(session: Session, event_id: str) -> None:
    """Drop an unsent attachment whose file is gone (never sent, so the server never knew
    it). A signature, or a sign-off, is not dropped this way (CannotDropSignature)."""
    row = _pending(session, event_id)
    if EventType(row.type) is not EventType.ATTACHMENT_ADDED or _is_signature(row):
        raise CannotDropSignature()
    _drop(session, row)
