"""Who uploaded which attachment: recording uploads, quotas, the read rule, the orphan sweep.

The read rule: a file is readable by those who uploaded it (sending its bytes is the only
proof of having it), and by those who can see a visit on which one of its uploaders
attached it (an event of theirs names it). Naming a hash in an event grants nothing, and
a push naming a hash the caller has not uploaded is answered as if no one had.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, delete, exists, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.protocol import ConflictStatus
from fieldapp.server import feed
from fieldapp.server.assistants import on_team
from fieldapp.server.blobs import BlobStore
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.models_files import Attachment, Upload
from fieldapp.server.models_supervision import Conflict, MailMessage
from fieldapp.server.security import Principal

_SWEEP_BATCH = 500


def quota_used(session: Session, user_id: int) -> int:
    """Bytes the user's uploads count against their quota."""
    used = session.scalar(select(func.sum(Upload.size)).where(Upload.uploader_id == user_id))
    return int(used or 0)


def quota_error(quota: int) -> ApiError:
    return ApiError(
        507,
        "quota_exceeded",
        f"Your uploads would exceed your storage quota ({quota // (1024 * 1024)} MiB); "
        "files no visit names are removed after a while, or ask a supervisor.",
    )


def record_upload(
    session: Session,
    *,
    sha256: str,
    uploader: int,
    size: int,
    media_type: str,
    quota: int,
    now: datetime,
) -> bool:
    """Record a hash-checked upload as `uploader`'s; whether it is new for them. The caller
    owns the write transaction, and puts the file in place once it has committed (a failed
    commit then leaves no file behind; a reader of the file meanwhile gets 404).

    Takes the feed counter lock, which the orphan sweep also takes, so the sweep never
    removes a file whose upload is being recorded.

    Raises:
        ApiError: 507 quota_exceeded.
    """
    feed.lock_counter(session)
    existing = session.get(Upload, (sha256, uploader))
    if existing is not None:
        existing.created_at = now  # sent again, so still wanted: the sweep's grace restarts
        return False
    if quota_used(session, uploader) + size > quota:
        raise quota_error(quota)
    if session.get(Attachment, sha256) is None:
        session.add(
            Attachment(
                sha256=sha256,
                size=size,
                media_type=media_type,
                uploaded_by=uploader,
                created_at=now,
            )
        )
    session.add(Upload(sha256=sha256, uploader_id=uploader, size=size, created_at=now))
    session.flush()
    return True


def uploaded_by(session: Session, user_id: int, hashes: Iterable[str]) -> set[str]:
    """Those of `hashes` the user has uploaded."""
    wanted = set(hashes)
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(Upload.sha256).where(Upload.uploader_id == user_id, Upload.sha256.in_(wanted))
        )
    )


def may_read(session: Session, user: Principal, sha256: str) -> bool:
    """Whether `user` may read the file (see the module's rule; supervisors see every visit)."""
    own = select(Upload.sha256).where(Upload.sha256 == sha256, Upload.uploader_id == user.id)
    attached = (
        select(EventRecord.id)
        .join(User, User.username == EventRecord.author)
        .join(
            Upload,
            and_(Upload.sha256 == EventRecord.attachment_sha256, Upload.uploader_id == User.id),
        )
        .where(EventRecord.attachment_sha256 == sha256)
    )
    if not user.is_supervisor:
        attached = attached.join(Visit, Visit.id == EventRecord.visit_id).where(
            on_team(user.id)  # a visit they hold or assist on
        )
    return bool(session.scalar(select(or_(exists(own), exists(attached)))))


def _named_by_open_conflicts(session: Session) -> set[tuple[str, int]]:
    """(sha256, technician) of files an open conflict's event names: kept for a supervisor."""
    rows = session.execute(
        select(Conflict.type, Conflict.payload, Conflict.technician_id).where(
            Conflict.status == ConflictStatus.OPEN.value,
            Conflict.type.in_([EventType.ATTACHMENT_ADDED.value, EventType.SIGNED_OFF.value]),
        )
    )
    named: set[tuple[str, int]] = set()
    for _type, payload, technician_id in rows:
        for key in ("sha256", "signature_sha256"):
            value = payload.get(key)
            if isinstance(value, str):
                named.add((value, technician_id))
    return named


def _unnamed(cutoff: datetime) -> Select[str, int]:
    """Uploads older than `cutoff` that no event of their uploader names."""
    named = (
        select(EventRecord.id)
        .join(User, User.username == EventRecord.author)
        .where(EventRecord.attachment_sha256 == Upload.sha256, User.id == Upload.uploader_id)
    )
    return select(Upload.sha256, Upload.uploader_id).where(
        Upload.created_at < cutoff, ~exists(named)
    )


def stale_uploads(session: Session, now: datetime, grace: timedelta) -> list[tuple[str, int]]:
    """The (sha256, uploader) of uploads older than `grace` that no event of their uploader
    names, nor an open conflict of theirs: what sweep_uploads may remove. Only reads, so
    the search over every old upload runs outside the write lock."""
    keep = _named_by_open_conflicts(session)
    rows = session.execute(_unnamed(now - grace))
    return [(sha256, uploader) for sha256, uploader in rows if (sha256, uploader) not in keep]


def sweep_uploads(
    session: Session,
    store: BlobStore,
    stale: Sequence[tuple[str, int]],
    now: datetime,
    grace: timedelta,
) -> int:
    """Remove the `stale` uploads (see stale_uploads) still unnamed, then those of their files
    left without uploads that nothing names, from the database and the disk; how many files
    were removed. The caller owns the write transaction; files are unlinked before it
    commits (see record_upload).
    """
    feed.lock_counter(session)
    cutoff = now - grace
    keep = _named_by_open_conflicts(session)
    removed: list[str] = []
    for start in range(0, len(stale), _SWEEP_BATCH):
        batch = stale[start : start + _SWEEP_BATCH]
        pairs = tuple_(Upload.sha256, Upload.uploader_id).in_(batch)
        still: list[tuple[str, int]] = [
            (sha256, uploader)
            for sha256, uploader in session.execute(_unnamed(cutoff).where(pairs))
            if (sha256, uploader) not in keep
        ]
        if still:
            session.execute(
                delete(Upload).where(tuple_(Upload.sha256, Upload.uploader_id).in_(still))
            )
        hashes = sorted({sha256 for sha256, _ in still})
        orphans = session.scalars(
            select(Attachment.sha256).where(
                Attachment.sha256.in_(hashes),
                Attachment.created_at < cutoff,
                ~exists().where(Upload.sha256 == Attachment.sha256),
                ~exists().where(EventRecord.attachment_sha256 == Attachment.sha256),
                ~exists().where(MailMessage.attachment_sha256 == Attachment.sha256),
            )
        ).all()
        if orphans:
            session.execute(delete(Attachment).where(Attachment.sha256.in_(orphans)))
            removed += orphans
    session.flush()
    for sha256 in removed:
        store.delete(sha256)
    return len(removed)


def move_bytes_to_disk(session: Session, store: BlobStore, limit: int = 20) -> int:
    """Move up to `limit` files still kept in the database (before revision 0005) to the
    disk; how many were moved. Call until it returns 0; the caller owns the write
    transaction."""
    rows = session.execute(
        select(Attachment.sha256, Attachment.data)
        .where(func.length(Attachment.data) > 0)
        .limit(limit)
    ).all()
    for sha256, data in rows:
        store.write(sha256, data)
    if rows:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256.in_([sha for sha, _ in rows]))
            .values(data=b"")
            .execution_options(synchronize_session=False)
        )
    return len(rows)
