"""The durable mail outbox: queued with the event that asks for the mail, sent over SMTP later.

- `enqueue_for_events` runs in the transaction that accepts the events: an accepted
  `confirmed` event with channel "email" queues the confirmation (its message, the visit's
  calendar file and a link to the visit's page: fieldapp.server.customer) to the visit's
  contact e-mail, an accepted `attachment_added` of kind "service_report" queues the
  report (the stored attachment) to the same address, an `on_my_way` its message, a
  `day_end_update` with channel "email" its message and next step. A visit without an
  address gets a message marked failed at once, so supervisors see it in GET /mail.
  Dispatch's answer to a user's request for another time is queued by
  fieldapp.server.time_requests (`enqueue_message`), which knows the site's time zone.
- `send_due_mail` claims due messages (a lease: `next_attempt_at` moves past the send, so
  another API process or a crash mid-send cannot lose or double-claim one), sends them, and
  records each outcome. A message is marked sent only after the SMTP server accepted it;
  a failure is retried with an exponential backoff, up to `mail_max_attempts`.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType
from fieldapp.server import customer
from fieldapp.server.blobs import BlobStore
from fieldapp.server.calendar_file import FILENAME, VisitEntry, location_words, visit_calendar
from fieldapp.server.db import write_transaction
from fieldapp.server.models import Visit
from fieldapp.server.models_supervision import MailMessage
from fieldapp.server.settings import ServerSettings

log = logging.getLogger(__name__)

CLAIM_BATCH = 20
_ERROR_CHARS = 1000
NO_ADDRESS = "The visit has no valid contact e-mail address; nothing was sent."


def _confirmation(reference: str, message: str) -> tuple[str, str]:
    return f"Your IT support visit {reference} is confirmed", message


def _report(reference: str, customer: str) -> tuple[str, str]:
    body = (
        f"Dear {customer},\n\nplease find attached the service report of your IT support "
        f"visit {reference}.\n\nQuote the reference {reference} if you contact us about it.\n"
    )
    return f"Service report for your IT support visit {reference}", body


def _on_my_way(reference: str, payload: Mapping[str, Any]) -> tuple[str, str]:
    late = int(payload.get("late_minutes", 0))
    what = f"running {late} minutes late" if late else "on the way"
    return f"Your IT technician is {what} ({reference})", str(payload["message"])


def _day_end(reference: str, payload: Mapping[str, Any]) -> tuple[str, str]:
    body = f"{payload['message']}\n\nNext step: {payload['next_step']}\n"
    return f"Where your IT support visit {reference} stands", body


def _wanted(event: Event) -> bool:
    kind, payload = event.type, event.payload
    if kind in (EventType.CONFIRMED, EventType.DAY_END_UPDATE):
        return payload.get("channel") == "email"
    if kind is EventType.ATTACHMENT_ADDED:
        return payload.get("kind") == "service_report"
    return kind is EventType.ON_MY_WAY


def _valid_address(address: str) -> bool:
    _, parsed = parseaddr(address)
    return "@" in parsed and parsed == address.strip() and " " not in parsed


def enqueue_for_events(session: Session, events: Sequence[Event], now: datetime) -> int:
    """Queue the mail the accepted `events` ask for; returns how many messages were queued."""
    wanted = [e for e in events if _wanted(e)]
    if not wanted:
        return 0
    visits = {
        row.id: row
        for row in session.execute(
            select(
                Visit.id,
                Visit.reference,
                Visit.customer_name,
                Visit.contact_email,
                Visit.window_start,
                Visit.window_end,
                Visit.site,
                Visit.building,
                Visit.floor,
                Visit.room,
                Visit.problem,
            ).where(Visit.id.in_({e.visit_id for e in wanted}))
        )
    }
    rows = []
    for event in wanted:
        visit = visits[event.visit_id]
        address = visit.contact_email.strip()
        row = {
            "visit_id": event.visit_id,
            "event_id": event.id,
            "to_address": address,
            "created_at": now,
            "attempts": 0,
            "next_attempt_at": now,
        }
        valid = _valid_address(address)
        if event.type is EventType.CONFIRMED:
            subject, body = _confirmation(visit.reference, str(event.payload["message"]))
            row |= {
                "kind": "confirmation",
                "subject": subject,
                "body": body,
                "calendar": _calendar(visit, now),
                "link_token": (
                    customer.new_link(session, visit.id, visit.window_end, now) if valid else None
                ),
            }
        elif event.type is EventType.ON_MY_WAY:
            subject, body = _on_my_way(visit.reference, event.payload)
            row |= {"kind": "on_my_way", "subject": subject, "body": body}
        elif event.type is EventType.DAY_END_UPDATE:
            subject, body = _day_end(visit.reference, event.payload)
            row |= {"kind": "day_end_update", "subject": subject, "body": body}
        else:
            subject, body = _report(visit.reference, visit.customer_name)
            row |= {
                "kind": "service_report",
                "subject": subject,
                "body": body,
                "attachment_sha256": event.payload["sha256"],
                "attachment_name": event.payload["filename"],
                "attachment_type": event.payload["media_type"],
            }
        if not valid:
            row |= {"failed_at": now, "last_error": NO_ADDRESS}
        rows.append(row)
    # one shape for every row of the executemany
    session.execute(
        insert(MailMessage), [{"calendar": None, "link_token": None} | row for row in rows]
    )
    return len(rows)


def _calendar(visit: Any, now: datetime) -> str:
    place = location_words(visit.site, visit.building, visit.floor, visit.room)
    entry = VisitEntry(
        visit.id, visit.reference, visit.window_start, visit.window_end, place, visit.problem
    )
    return visit_calendar(entry, stamp=now)


def enqueue_message(
    session: Session,
    *,
    visit: Visit,
    event_id: str | None,
    kind: str,
    subject: str,
    body: str,
    now: datetime,
    calendar: bool = False,
) -> None:
    """Queue one message to the visit's contact e-mail (with its calendar file if asked); an
    address that is not valid gets it marked failed at once, like the others."""
    address = visit.contact_email.strip()
    row: dict[str, Any] = {
        "visit_id": visit.id,
        "event_id": event_id,
        "to_address": address,
        "created_at": now,
        "attempts": 0,
        "next_attempt_at": now,
        "kind": kind,
        "subject": subject,
        "body": body,
        "calendar": _calendar(visit, now) if calendar else None,
    }
    if not _valid_address(address):
        row |= {"failed_at": now, "last_error": NO_ADDRESS}
    session.execute(insert(MailMessage), [row])


@dataclass(frozen=True, slots=True)
class _Outgoing:
    id: int
    message: EmailMessage
    attempts: int


def _build(settings: ServerSettings, row: MailMessage, data: bytes | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "fieldapp.invalid"
    # Stable across retries, so a receiver can spot a message delivered twice.
    message["Message-ID"] = f"<fieldapp-mail-{row.id}-{int(row.created_at.timestamp())}@{domain}>"
    body = row.body
    if row.link_token and settings.public_url:
        body = body.rstrip("\n") + (
            "\n\nConfirm this time, or ask for another one, on this page (no login needed):\n"
            f"{settings.public_url}/v/{row.link_token}\n"
        )
    message.set_content(body)
    if row.calendar:
        message.add_attachment(
            row.calendar.encode("utf-8"),
            maintype="text",
            subtype="calendar",
            filename=FILENAME,
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    if data is not None:
        maintype, _, subtype = (row.attachment_type or "application/octet-stream").partition("/")
        message.add_attachment(
            data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=row.attachment_name or "attachment",
        )
    return message


def _claim(session: Session, settings: ServerSettings, now: datetime) -> list[_Outgoing]:
    lease = now + timedelta(seconds=settings.smtp_timeout_seconds * 4 + 60)
    due_now = (
        MailMessage.sent_at.is_(None),
        MailMessage.failed_at.is_(None),
        MailMessage.next_attempt_at <= now,
    )
    with session.begin():  # a plain read first: most polls find nothing, and take no lock
        if session.scalar(select(MailMessage.id).where(*due_now).limit(1)) is None:
            return []
    with write_transaction(session):
        due = session.scalars(
            select(MailMessage)
            .where(*due_now)
            .order_by(MailMessage.next_attempt_at, MailMessage.id)
            .limit(CLAIM_BATCH)
            .with_for_update(skip_locked=True)
        ).all()
        store = BlobStore(settings.attachment_dir)
        hashes = {m.attachment_sha256 for m in due if m.attachment_sha256}
        data = {sha: store.read_bytes(sha) for sha in hashes}
        out = []
        for row in due:
            row.next_attempt_at = lease
            sha = row.attachment_sha256
            out.append(_Outgoing(row.id, _build(settings, row, data.get(sha or "")), row.attempts))
    return out


def _connect(settings: ServerSettings) -> smtplib.SMTP:
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    host, port, timeout = settings.smtp_host, settings.smtp_port, settings.smtp_timeout_seconds
    smtp = (
        smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=ssl.create_default_context(cafile=cafile)
        )
        if settings.smtp_tls
        else smtplib.SMTP(host, port, timeout=timeout)
    )
    try:
        smtp.ehlo()
        if settings.smtp_starttls and not settings.smtp_tls:
            smtp.starttls(context=ssl.create_default_context(cafile=cafile))
            smtp.ehlo()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
    except BaseException:
        smtp.close()
        raise
    return smtp


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        text = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
        return f"SMTP {error.smtp_code}: {text}"[:_ERROR_CHARS]
    return f"{type(error).__name__}: {error}"[:_ERROR_CHARS]


def _backoff(settings: ServerSettings, attempts: int) -> timedelta:
    seconds = settings.mail_retry_base_seconds * 2 ** min(attempts - 1, 30)
    return timedelta(seconds=min(seconds, settings.mail_retry_max_seconds))


def send_due_mail(session: Session, settings: ServerSettings, now: datetime) -> int:
    """Send the messages due at `now`; returns how many the SMTP server accepted.

    Does nothing when mail is disabled (no smtp_host). Each outcome is committed on its own
    after the SMTP exchange, never before: a crash in between leaves the message claimed
    until its lease runs out, then it is sent again (at least once, never lost).
    """
    if not settings.mail_enabled:
        return 0
    outgoing = _claim(session, settings, now)
    smtp: smtplib.SMTP | None = None
    sent = 0
    try:
        for item in outgoing:
            error: str | None = None
            try:
                if smtp is None:
                    smtp = _connect(settings)
                smtp.send_message(item.message)
            except (smtplib.SMTPException, OSError) as failure:
                error = _describe(failure)
                if not isinstance(failure, smtplib.SMTPResponseException) or isinstance(
                    failure, smtplib.SMTPServerDisconnected
                ):
                    _close(smtp)
                    smtp = None
            _finish(session, settings, item, now, error)
            sent += error is None
    finally:
        _close(smtp)
    return sent


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _finish(
    session: Session, settings: ServerSettings, item: _Outgoing, now: datetime, error: str | None
) -> None:
    attempts = item.attempts + 1
    values: dict[str, object] = {"attempts": attempts, "last_error": error}
    if error is None:
        values["sent_at"] = now
        values["link_token"] = None  # sent: only the mail holds the page's token now
    elif attempts >= settings.mail_max_attempts:
        values["failed_at"] = now
        log.warning("mail %s failed for good after %s attempts: %s", item.id, attempts, error)
    else:
        values["next_attempt_at"] = now + _backoff(settings, attempts)
        log.info("mail %s not sent (attempt %s): %s", item.id, attempts, error)
    with write_transaction(session):
        session.execute(
            update(MailMessage)
            .where(MailMessage.id == item.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
