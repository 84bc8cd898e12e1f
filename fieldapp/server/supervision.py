"""Supervisor reads and actions: follow-up items, a visit's timeline and service report, the
mail outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from fieldapp.domain import EventType
from fieldapp.domain.time_on_task import minutes, time_on_task
from fieldapp.protocol import (
    FollowUpPublic,
    FollowUpStatus,
    MailPublic,
    MailStatus,
    TimelineEntry,
    TripPublic,
)
from fieldapp.server import facts, feed_pages
from fieldapp.server.blobs import BlobStore
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.models_supervision import FollowUpItem, MailMessage
from fieldapp.server.paging import PageParams
from fieldapp.server.security import Principal

_Technician = aliased(User)
_Closer = aliased(User)


def _follow_up_query() -> Any:
    return (
        select(
            FollowUpItem,
            Visit.reference,
            Visit.customer_name,
            _Technician.username,
            _Closer.username,
        )
        .join(Visit, Visit.id == FollowUpItem.visit_id)
        .outerjoin(_Technician, _Technician.id == FollowUpItem.technician_id)
        .outerjoin(_Closer, _Closer.id == FollowUpItem.closed_by)
    )


def _follow_up(row: Any) -> FollowUpPublic:
    item, reference, customer, technician, closer = row
    return FollowUpPublic(
        id=item.id,
        visit_id=item.visit_id,
        reference=reference,
        customer_name=customer,
        technician=technician,
        satisfaction=item.satisfaction,
        comment=item.comment,
        signed_off_at=item.signed_off_at,
        created_at=item.created_at,
        status=FollowUpStatus(item.status),
        closed_at=item.closed_at,
        closed_by=closer,
        note=item.note,
    )


def list_follow_ups(
    session: Session, status: FollowUpStatus | None, page: PageParams
) -> tuple[list[FollowUpPublic], int]:
    """Follow-up items, oldest first, and how many match."""
    where = [] if status is None else [FollowUpItem.status == status.value]
    total = session.scalar(select(func.count()).select_from(FollowUpItem).where(*where)) or 0
    rows = session.execute(
        _follow_up_query()
        .where(*where)
        .order_by(FollowUpItem.created_at, FollowUpItem.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    return [_follow_up(row) for row in rows], total


def close_follow_up(
    session: Session, item_id: int, note: str, supervisor: Principal, now: datetime
) -> FollowUpPublic:
    """Close an open item, recording who, when and the note. The same supervisor closing it
    again with the same note (a retry after a lost response) gets the closed item.

    Raises:
        ApiError: 404 follow_up_not_found, 409 follow_up_closed.
    """
    item = session.get(FollowUpItem, item_id, with_for_update=True)
    if item is None:
        raise ApiError(404, "follow_up_not_found", "There is no such follow-up item.")
    if item.status == FollowUpStatus.CLOSED:
        if item.closed_by == supervisor.id and item.note == note:  # a retry: already done
            return _follow_up(
                session.execute(_follow_up_query().where(FollowUpItem.id == item_id)).one()
            )
        raise ApiError(409, "follow_up_closed", "This follow-up item is already closed.")
    item.status = FollowUpStatus.CLOSED.value
    item.closed_at = now
    item.closed_by = supervisor.id
    item.note = note
    session.flush()
    return _follow_up(session.execute(_follow_up_query().where(FollowUpItem.id == item_id)).one())


def timeline(session: Session, visit_id: str, page: PageParams) -> tuple[list[TimelineEntry], int]:
    """The visit's events in server order with their authors' full names."""
    where = EventRecord.visit_id == visit_id
    total = session.scalar(select(func.count()).select_from(EventRecord).where(where)) or 0
    rows = session.execute(
        select(EventRecord, User.full_name)
        .outerjoin(User, User.username == EventRecord.author)
        .where(where)
        .order_by(EventRecord.server_seq)
        .offset(page.offset)
        .limit(page.limit)
    )
    entries = []
    for record, full_name in rows:
        wire = feed_pages.event_wire({n: getattr(record, n) for n in feed_pages.EVENT_COLUMNS})
        entries.append(TimelineEntry.model_validate({**wire, "author_name": full_name or ""}))
    return entries, total


def trips(session: Session, visit_id: str) -> tuple[list[TripPublic], int]:
    """The visit's trips to the desk and its minutes on site, worked out from its events by
    the same rules as its facts."""
    spent = time_on_task(facts.load_history(session, [visit_id])[visit_id])
    until = spent.until
    if until is None:
        return [], 0
    return [
        TripPublic(
            number=trip.number,
            arrived_at=trip.started_at,
            left_at=trip.ended_at,
            ended_by=None if trip.ended_by is None else trip.ended_by.value,
            reason=trip.reason,
            minutes=minutes(trip.seconds(until)),
            technicians=list(trip.authors),
        )
        for trip in spent.trips
    ], spent.on_site_minutes


def service_report(session: Session, store: BlobStore, visit_id: str) -> tuple[bytes, str, str]:
    """The newest service report attached to the visit: bytes, file name, media type.

    Raises:
        ApiError: 404 report_not_found.
    """
    rows = session.execute(
        select(EventRecord.payload, EventRecord.attachment_sha256)
        .where(
            EventRecord.visit_id == visit_id,
            EventRecord.type == EventType.ATTACHMENT_ADDED.value,
        )
        .order_by(EventRecord.server_seq.desc())
    )
    for payload, sha256 in rows:
        if payload.get("kind") == "service_report" and sha256 is not None:
            data = store.read_bytes(sha256)
            if data is not None:
                return data, str(payload["filename"]), str(payload["media_type"])
    raise ApiError(404, "report_not_found", "No service report has been synced for this visit.")


def mail_status(message: MailMessage) -> MailStatus:
    if message.sent_at is not None:
        return MailStatus.SENT
    if message.failed_at is not None:
        return MailStatus.FAILED
    return MailStatus.QUEUED


def list_mail(
    session: Session, status: MailStatus | None, page: PageParams
) -> tuple[list[MailPublic], int]:
    """The outbox, newest first."""
    where = []
    if status is MailStatus.SENT:
        where.append(MailMessage.sent_at.is_not(None))
    elif status is MailStatus.FAILED:
        where += [MailMessage.sent_at.is_(None), MailMessage.failed_at.is_not(None)]
    elif status is MailStatus.QUEUED:
        where += [MailMessage.sent_at.is_(None), MailMessage.failed_at.is_(None)]
    total = session.scalar(select(func.count()).select_from(MailMessage).where(*where)) or 0
    rows = session.scalars(
        select(MailMessage)
        .where(*where)
        .order_by(MailMessage.id.desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return [
        MailPublic(
            id=m.id,
            kind=m.kind,
            visit_id=m.visit_id,
            to=m.to_address,
            subject=m.subject,
            attachment_name=m.attachment_name,
            created_at=m.created_at,
            attempts=m.attempts,
            next_attempt_at=m.next_attempt_at,
            sent_at=m.sent_at,
            last_error=m.last_error,
            status=mail_status(m),
        )
        for m in rows
    ], total
