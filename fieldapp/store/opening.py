"""Opening visits on the laptop, offline: a walk-up from the next desk, a request handled there
and then, a signed-off visit reopened as a return visit.

The laptop makes the new visit's id (a UUID) and writes a local visit row with its
`visit_opened` event, in the caller's transaction, so the visit shows in the round before any
sync. The row carries a provisional reference (NEW-...); the server's row, with the readable
reference it makes, replaces it on the next pull (same id). A visit opened from another one
comes with that visit's own event naming it, recorded first, so it is pushed first: the
server refuses the new visit if that event was refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType
from fieldapp.domain.events import (
    ANYTHING_ELSE_NOW,
    OPENED_VISIT_FIELDS,
    OPENED_VISIT_INHERITED,
    OPENED_VISIT_MINUTES,
    REOPENED_VISIT,
    WALK_UP,
    validate_payload,
)
from fieldapp.protocol import VisitStatus
from fieldapp.store.errors import VisitNotFound
from fieldapp.store.models import LOCAL_REFERENCE_PREFIX, Visit, is_local_reference
from fieldapp.store.recording import record_event


def _parent(session: Session, visit_id: str) -> Visit:
    found = session.get(Visit, visit_id)
    if found is None or found.stub:
        raise VisitNotFound(visit_id)
    return found


def _open(
    session: Session,
    payload: Mapping[str, Any],
    parent: Visit | None,
    *,
    visit_id: str,
    author: str,
    now: datetime,
) -> Event:
    """Write the local visit row and record its visit_opened event (checked like any)."""
    cleaned = validate_payload(EventType.VISIT_OPENED, payload)  # before anything is written
    how = str(cleaned["how"])
    fields: dict[str, Any] = dict.fromkeys(OPENED_VISIT_INHERITED, "")
    if parent is not None:
        fields.update({name: getattr(parent, name) for name in OPENED_VISIT_INHERITED})
    given = {n: cleaned[n] for n in OPENED_VISIT_FIELDS if n in cleaned and cleaned[n] != ""}
    start = datetime.fromisoformat(given.pop("window_start", now.isoformat()))
    end = datetime.fromisoformat(
        given.pop("window_end", (now + timedelta(minutes=OPENED_VISIT_MINUTES)).isoformat())
    )
    fields.update(given)
    session.execute(
        insert(Visit).values(
            id=visit_id,
            reference=LOCAL_REFERENCE_PREFIX + visit_id[:8].upper(),
            **fields,
            window_start=start,
            window_end=end,
            estimated_minutes=30,
            priority="normal",
            category="",
            already_tried="",
            business_impact="",
            deadline=None,
            incident_ref="",
            incident_summary="",
            follow_up_of=parent.id if parent is not None else None,
            assignee=author,
            status=VisitStatus.SCHEDULED.value,
            cancel_reason=None,
            updated_at=now,
            created_by=author,
            origin=how,
            step="scheduled",
            pending_count=0,
            rejected_count=0,
            stub=False,
            return_at=None,
        )
    )
    return record_event(session, visit_id, EventType.VISIT_OPENED, cleaned, author=author, now=now)


def open_walk_up(
    session: Session, fields: Mapping[str, object], *, author: str, now: datetime
) -> Event:
    """A request from the next desk, opened as its own visit there and then (offline).

    `fields`: the new visit's record (customer_name and problem at least; contact, site,
    building, floor, room). Returns its visit_opened event; the visit's id is its visit_id.

    Raises:
        InvalidEvent: a field is missing or malformed; nothing is written.
    """
    payload = {**fields, "how": WALK_UP}
    return _open(session, payload, None, visit_id=str(uuid.uuid4()), author=author, now=now)


def handle_request_now(
    session: Session,
    visit_id: str,
    payload: Mapping[str, object],
    *,
    author: str,
    now: datetime,
) -> Event:
    """The user's "anything else? yes" handled there and then: the anything_else event
    (handled_now, naming the new visit) on this visit, then the new visit opened at the same
    desk for the request. Returns the anything_else event.

    Raises:
        InvalidEvent, WorkflowViolation, VisitNotFound: nothing is written.
    """
    new_id = str(uuid.uuid4())
    answer = {**payload, "answer": True, "handled_now": True, "new_visit_id": new_id}
    event = record_event(session, visit_id, EventType.ANYTHING_ELSE, answer, author=author, now=now)
    opened = {
        "how": ANYTHING_ELSE_NOW,
        "opened_from": visit_id,
        "customer_name": _parent(session, visit_id).customer_name,
        "problem": event.payload["request"],
    }
    _open(session, opened, _parent(session, visit_id), visit_id=new_id, author=author, now=now)
    return event


def reopen(
    session: Session,
    visit_id: str,
    reason: str,
    *,
    window: tuple[datetime, datetime] | None = None,
    author: str,
    now: datetime,
) -> Event:
    """The fix failed after sign-off: `reopened` on this visit, then its linked return visit
    (for `window`, or the next hour). Returns the reopened event.

    Raises:
        InvalidEvent, WorkflowViolation (not signed off, already reopened), VisitNotFound:
            nothing is written.
    """
    new_id = str(uuid.uuid4())
    event = record_event(
        session,
        visit_id,
        EventType.REOPENED,
        {"reason": reason, "return_visit_id": new_id},
        author=author,
        now=now,
    )
    parent = _parent(session, visit_id)
    opened: dict[str, object] = {
        "how": REOPENED_VISIT,
        "opened_from": visit_id,
        "customer_name": parent.customer_name,
        "problem": reason,
    }
    if window is not None:
        opened.update(window_start=window[0].isoformat(), window_end=window[1].isoformat())
    _open(session, opened, parent, visit_id=new_id, author=author, now=now)
    return event


def opened_here(session: Session, visit_id: str) -> bool:
    """True if the visit exists only on this laptop so far (its reference is provisional)."""
    reference = session.scalar(select(Visit.reference).where(Visit.id == visit_id))
    return reference is not None and is_local_reference(reference)
