"""Recording the technician's events: checked by the domain rules, written with their outbox row."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, InvalidEvent, VisitState, apply_event
from fieldapp.domain.events import parse_event_type, validate_payload
from fieldapp.paths import AppPaths
from fieldapp.protocol import MAX_ATTACHMENT_BYTES, VisitStatus
from fieldapp.store.derive import (
    load_events,
    refresh_visits,
    return_at_of,
    state_of,
    user_answer_of,
)
from fieldapp.store.drafts import clear_drafts
from fieldapp.store.errors import VisitNotFound, VisitOutOfScope
from fieldapp.store.files import AttachmentFiles
from fieldapp.store.knowledge import refresh_own_fixes
from fieldapp.store.models import (
    SYNC_PENDING,
    SYNC_REJECTED,
    AttachmentRow,
    EventRow,
    OutboxRow,
    Visit,
    is_local_reference,
)


@dataclass(frozen=True, slots=True)
class _Prepared:
    event: Event
    after: VisitState


def _prepare(
    session: Session,
    visit_id: str,
    event_type: EventType | str,
    payload: Mapping[str, object],
    *,
    author: str,
    now: datetime,
) -> _Prepared:
    if now.tzinfo is None:
        raise ValueError("record events with a timezone-aware time")
    kind = parse_event_type(event_type)
    cleaned = validate_payload(kind, payload)
    found = session.execute(
        select(Visit.status, Visit.scope_lost_reason, Visit.scope_lost_message).where(
            Visit.id == visit_id, Visit.stub.is_(False)
        )
    ).one_or_none()
    if found is None:
        raise VisitNotFound(visit_id)
    status, lost_reason, lost_message = found
    cancelled = status == VisitStatus.CANCELLED
    if lost_reason is not None and not cancelled:
        raise VisitOutOfScope(visit_id, lost_reason, lost_message)
    state = state_of(load_events(session, [visit_id]).get(visit_id, []), cancelled=cancelled)
    event = Event(
        id=str(uuid.uuid4()),
        visit_id=visit_id,
        type=kind,
        occurred_at=now,
        payload=cleaned,
        author=author,
    )
    return _Prepared(event, apply_event(state, event))  # raises WorkflowViolation


def _insert(session: Session, prepared: _Prepared) -> None:
    event = prepared.event
    next_seq = session.scalar(
        select(func.coalesce(func.max(EventRow.local_seq), 0) + 1).where(
            EventRow.local_seq.is_not(None)  # the partial index uq_events_local_seq
        )
    )
    session.execute(
        insert(EventRow).values(
            id=event.id,
            visit_id=event.visit_id,
            type=str(event.type),
            occurred_at=event.occurred_at,
            payload=dict(event.payload),
            author=event.author,
            local_seq=next_seq,
            sync_state=SYNC_PENDING,
        )
    )
    session.execute(insert(OutboxRow).values(event_id=event.id, attempts=0))
    session.execute(
        update(Visit)
        .where(Visit.id == event.visit_id)
        .values(
            step=str(prepared.after.step),
            pending_count=Visit.pending_count + 1,
            return_at=return_at_of(prepared.after),
            user_answer=user_answer_of(prepared.after),
        )
    )


def record_event(
    session: Session,
    visit_id: str,
    event_type: EventType | str,
    payload: Mapping[str, object],
    *,
    author: str,
    now: datetime,
) -> Event:
    """Check an event against the workflow and write it with its outbox row.

    Nothing is written if the event is refused. The caller owns the transaction.

    Raises:
        InvalidEvent: unknown type or a malformed payload.
        WorkflowViolation: the rules do not allow this event on the visit now.
        VisitNotFound, VisitOutOfScope: the visit is not (or no longer) the technician's.
    """
    prepared = _prepare(session, visit_id, event_type, payload, author=author, now=now)
    _insert(session, prepared)
    if prepared.event.type in (EventType.DIAGNOSED, EventType.RESOLVED):
        # The knowledge base offers this fix offline at once (fieldapp.store.knowledge).
        refresh_own_fixes(session, [visit_id])
    return prepared.event


AttachmentTarget = AttachmentFiles | AppPaths | Path


def files_of(target: AttachmentTarget) -> AttachmentFiles:
    """The attachment files a target names (a Store's `files` are sealed; a bare directory
    or the app's paths are plain, for tests and tools)."""
    if isinstance(target, AttachmentFiles):
        return target
    return AttachmentFiles(target.attachments_dir if isinstance(target, AppPaths) else target)


def attachment_file(target: AttachmentTarget, relative_path: str) -> Path:
    """Where an attachment row's file lives."""
    return files_of(target).path(relative_path)


def add_attachment(
    session: Session,
    paths: AttachmentTarget,
    visit_id: str,
    data: bytes | Path,
    *,
    filename: str,
    media_type: str,
    kind: str,
    author: str,
    now: datetime,
) -> Event:
    """Keep a file (photo, signature...) and record the ATTACHMENT_ADDED event naming its hash.

    Args:
        paths: where files are kept: the store's `files` (sealed when the cache is
            encrypted), or the app's paths or a directory (plain).
        data: the bytes, or a file to copy them from.
        kind: one of fieldapp.domain.events.ATTACHMENT_KINDS.
    """
    if isinstance(data, Path):
        if data.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise InvalidEvent("attachment_too_large", "This file is too large to attach.")
        data = data.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    payload = {
        "sha256": sha256,
        "filename": filename,
        "media_type": media_type,
        "size": len(data),
        "kind": kind,
    }
    prepared = _prepare(
        session, visit_id, EventType.ATTACHMENT_ADDED, payload, author=author, now=now
    )
    _keep_file(
        session, paths, data, filename=filename, media_type=media_type, now=now, uploaded=False
    )
    _insert(session, prepared)
    return prepared.event


def _keep_file(
    session: Session,
    paths: AttachmentTarget,
    data: bytes,
    *,
    filename: str,
    media_type: str,
    now: datetime,
    uploaded: bool,
) -> str:
    """Write the file under its hash and list it (a row already there keeps its state; its
    path is the same, being the hash's, unless the file had gone missing)."""
    sha256 = hashlib.sha256(data).hexdigest()
    relative = files_of(paths).write(sha256, data)
    session.execute(
        insert(AttachmentRow)
        .values(
            sha256=sha256,
            filename=filename,
            media_type=media_type,
            size=len(data),
            path=relative,
            uploaded=uploaded,
            created_at=now,
        )
        .on_conflict_do_update(index_elements=["sha256"], set_={"path": relative})
    )
    return relative


def restore_attachment(
    session: Session,
    paths: AttachmentTarget,
    data: bytes,
    *,
    filename: str,
    media_type: str,
    now: datetime,
) -> str:
    """Put back the bytes of a file kept here whose copy went missing, still to upload.
    Returns its path relative to the attachments directory."""
    return _keep_file(
        session, paths, data, filename=filename, media_type=media_type, now=now, uploaded=False
    )


def keep_fetched_attachment(
    session: Session,
    paths: AttachmentTarget,
    data: bytes,
    *,
    filename: str,
    media_type: str,
    now: datetime,
) -> str:
    """Keep the bytes of an attachment fetched from the server (attached on another laptop):
    the file written durably under its hash, its row marked uploaded (the server has it).
    Returns the file's path relative to the attachments directory; repeating it is harmless.
    """
    return _keep_file(
        session, paths, data, filename=filename, media_type=media_type, now=now, uploaded=True
    )


def discard_rejected_event(session: Session, event_id: str) -> bool:
    """Remove a rejected event once the technician has seen it; True if one was removed.

    A visit kept only as a conflict (tombstoned by the server) goes too once it holds no
    pending or rejected events any more.
    """
    found = session.execute(
        select(EventRow.visit_id, EventRow.type).where(
            EventRow.id == event_id, EventRow.sync_state == SYNC_REJECTED
        )
    ).one_or_none()
    if found is None:
        return False
    visit_id, event_type = found
    session.execute(delete(EventRow).where(EventRow.id == event_id))
    lost, reference = session.execute(
        select(Visit.scope_lost_reason, Visit.reference).where(Visit.id == visit_id)
    ).one()
    unsettled = session.scalar(
        select(func.count())
        .select_from(EventRow)
        .where(EventRow.visit_id == visit_id, EventRow.sync_state != "synced")
    )
    # A visit opened here whose opening the server refused never existed anywhere else:
    # it goes whole, with what was recorded on it.
    never_opened = event_type == EventType.VISIT_OPENED and is_local_reference(reference)
    if (lost is not None and not unsettled) or never_opened:
        events = select(EventRow.id).where(EventRow.visit_id == visit_id)
        session.execute(delete(OutboxRow).where(OutboxRow.event_id.in_(events)))
        session.execute(delete(EventRow).where(EventRow.visit_id == visit_id))
        clear_drafts(session, [visit_id])
        session.execute(delete(Visit).where(Visit.id == visit_id))
    else:
        refresh_visits(session, [visit_id])
    return True
