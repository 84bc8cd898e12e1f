"""The customer's loop on the server: the per-visit links confirmation e-mails carry, what the
visit's page shows, and the user's answer recorded as a `user_replied` event.

A link is an unguessable token (256 bits) made when the confirmation is queued; only its
SHA-256 is stored. It expires a day after the visit's window (at most LINK_DAYS after it was
made). The page's forms carry a token signed with the link's own key and the time it was
shown (a CSRF-style token: a form posted from elsewhere, or replayed much later, is refused).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.domain import EventType, derive_state
from fieldapp.domain.customer import (
    ANOTHER_TIME,
    CONFIRMED_BY_USER,
    MAX_NOTE,
    MAX_PROPOSED,
    USER_AUTHOR,
)
from fieldapp.protocol import VisitStatus
from fieldapp.server import facts, feed
from fieldapp.server.calendar_file import location_words
from fieldapp.server.models import Visit
from fieldapp.server.models_customer import CustomerLink
from fieldapp.server.server_events import record_event

LINK_DAYS = 30
LINK_GRACE = timedelta(days=1)  # after the window ends, the user may still say it moved
FORM_LIFETIME = timedelta(hours=2)
MAX_ANSWERS = 20  # per link: a leaked link cannot flood dispatch
_TOKEN_CHARS = 128  # longer is not one of ours, and is not hashed


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(session: Session, visit_id: str, window_end: datetime, now: datetime) -> str:
    """Make a link to the visit's page; returns its token (kept only in the mail)."""
    token = secrets.token_urlsafe(32)
    expires = min(max(window_end, now) + LINK_GRACE, now + timedelta(days=LINK_DAYS))
    session.add(
        CustomerLink(
            visit_id=visit_id,
            token_sha256=_digest(token),
            form_key=secrets.token_hex(32),
            created_at=now,
            expires_at=expires,
            answers=0,
        )
    )
    return token


def find_link(session: Session, token: str, now: datetime) -> CustomerLink | None:
    """The link `token` names if it exists and has not expired."""
    if not token or len(token) > _TOKEN_CHARS:
        return None
    link = session.scalar(select(CustomerLink).where(CustomerLink.token_sha256 == _digest(token)))
    if link is None or link.expires_at <= now:
        return None
    return link


def form_token(link: CustomerLink, now: datetime) -> str:
    issued = str(int(now.timestamp()))
    mac = hmac.new(link.form_key.encode(), issued.encode(), hashlib.sha256).hexdigest()
    return f"{issued}.{mac}"


def form_token_ok(link: CustomerLink, token: str, now: datetime) -> bool:
    issued, _, mac = token.partition(".")
    if not issued.isdigit() or len(issued) > 12 or len(mac) != 64:
        return False
    expected = hmac.new(link.form_key.encode(), issued.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, mac):
        return False
    age = now.timestamp() - int(issued)
    return -60 <= age <= FORM_LIFETIME.total_seconds()


@dataclass(frozen=True, slots=True)
class PageVisit:
    """What the page says of the visit (never the technician's notes)."""

    reference: str
    start: datetime
    end: datetime
    place: str
    problem: str
    technician: str  # first name only
    open: bool  # neither closed nor cancelled: the user can still answer
    cancelled: bool
    user_confirmed: bool
    asked: tuple[str, ...]  # the times of a request waiting for dispatch (ISO 8601)


def page_visit(session: Session, link: CustomerLink) -> PageVisit:
    visit = session.get_one(Visit, link.visit_id)
    cancelled = visit.status == VisitStatus.CANCELLED
    state = derive_state(facts.load_history(session, [visit.id])[visit.id], cancelled=cancelled)
    name = visit.assignee.full_name if visit.assignee is not None else ""
    return PageVisit(
        reference=visit.reference,
        start=visit.window_start,
        end=visit.window_end,
        place=location_words(visit.site, visit.building, visit.floor, visit.room),
        problem=visit.problem,
        technician=name.split()[0] if name.split() else "",
        open=not (cancelled or state.closed),
        cancelled=cancelled,
        user_confirmed=state.user_confirmed_at is not None,
        asked=state.time_request.proposed_times if state.time_request else (),
    )


class AnswerRefused(Exception):
    """The answer cannot be taken: `message` says why, in the user's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_local_time(value: str, zone: ZoneInfo) -> datetime | None:
    """A datetime-local field's value (YYYY-MM-DDTHH:MM[:SS]) as an aware time in `zone`,
    or None if it is not one."""
    value = value.strip()
    if not 16 <= len(value) <= 19 or value[10:11] not in ("T", " "):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return None
    return parsed.replace(tzinfo=zone)


def check_times(values: list[str], zone: ZoneInfo, now: datetime) -> tuple[list[datetime], str]:
    """The proposed times, or the sentence saying what is wrong with them."""
    given = [v for v in values if v.strip()]
    if not given:
        return [], "Give at least one time that suits you."
    if len(given) > MAX_PROPOSED:
        return [], f"Give at most {MAX_PROPOSED} times."
    times: list[datetime] = []
    for value in given:
        moment = parse_local_time(value, zone)
        if moment is None:
            return [], "Each time needs a date and a time of day, e.g. 2030-03-12 14:30."
        if moment <= now:
            return [], "Each time must be in the future."
        if moment > now + timedelta(days=365):
            return [], "Each time must be within a year from now."
        if moment not in times:
            times.append(moment)
    return times, ""


def answer(
    session: Session,
    link_id: int,
    *,
    confirm: bool,
    times: list[datetime],
    note: str,
    now: datetime,
) -> None:
    """Record the user's answer through the link as a user_replied event.

    Raises:
        AnswerRefused: too many answers through the link, or the visit is closed.
    """
    feed.lock_counter(session)
    link = session.get_one(CustomerLink, link_id)
    if link.answers >= MAX_ANSWERS:
        raise AnswerRefused(
            "This link has been used for many answers already; please call the service desk."
        )
    visit = session.get_one(Visit, link.visit_id)
    payload: dict[str, object] = {"answer": CONFIRMED_BY_USER if confirm else ANOTHER_TIME}
    if not confirm:
        payload["proposed_times"] = [t.isoformat() for t in times]
    if note.strip():
        payload["note"] = note.strip()[:MAX_NOTE]
    state = derive_state(
        facts.load_history(session, [visit.id])[visit.id],
        cancelled=visit.status == VisitStatus.CANCELLED,
    )
    if state.cancelled or state.closed:
        raise AnswerRefused("This visit is closed, so there is nothing left to confirm.")
    record_event(session, visit, EventType.USER_REPLIED, payload, author=USER_AUTHOR, now=now)
    session.execute(
        update(CustomerLink)
        .where(CustomerLink.id == link.id)
        .values(answers=CustomerLink.answers + 1)
        .execution_options(synchronize_session=False)
    )
