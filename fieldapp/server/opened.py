"""Visits opened on the spot (walk-up, anything else handled now, reopened) and a supervisor's
reopening of a signed-off visit: the visit row a visit_opened event makes, with its reference.

A technician's laptop makes the new visit's id (a UUID) and records visit_opened as its first
event, offline; the push creates the row here, in the push's transaction, before the event is
stored. A visit opened from another one must be paired with that visit's own event naming it
(`anything_else` handled now, or `reopened`), pushed before it: so a reopening refused on the
original visit never leaves a stray return visit behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from fieldapp.domain import (
    Event,
    EventType,
    InvalidEvent,
    WorkflowViolation,
    check_event,
    derive_state,
)
from fieldapp.domain.events import (
    ANYTHING_ELSE_NOW,
    OPENED_VISIT_FIELDS,
    OPENED_VISIT_INHERITED,
    OPENED_VISIT_MINUTES,
    REOPENED_VISIT,
    WALK_UP,
    validate_payload,
)
from fieldapp.protocol import VisitOrigin, VisitReopen, VisitStatus
from fieldapp.server import assistants, dispatch, facts, feed
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Assignment, EventRecord, User, Visit
from fieldapp.server.security import Principal

WALK_UP_PREFIX = "W-"
# What the event itself gives (the window is worked out apart).
_GIVEN = tuple(name for name in OPENED_VISIT_FIELDS if not name.startswith("window_"))


def is_client_id(visit_id: str) -> bool:
    """A visit id a laptop may make: a UUID in its canonical 36-character form."""
    try:
        return str(uuid.UUID(visit_id)) == visit_id.lower() and len(visit_id) == 36
    except ValueError:
        return False


def _numbered(session: Session, base: str, start: int) -> str:
    for n in range(start, start + 10_000):
        candidate = f"{base}{n}"
        if session.scalar(select(Visit.id).where(Visit.reference == candidate)) is None:
            return candidate
    return f"{base}{uuid.uuid4()}"


def reference_for(session: Session, how: str, parent: Visit | None) -> str:
    """The readable reference: W-<n> for a walk-up, the originating visit's reference with
    -F<n> (anything else, like a next-day follow-up) or -R<n> (reopened)."""
    if how == WALK_UP or parent is None:
        made = session.scalar(
            select(func.count()).select_from(Visit).where(Visit.origin == VisitOrigin.WALK_UP)
        )
        return _numbered(session, WALK_UP_PREFIX, (made or 0) + 1)
    letter = "-F" if how == ANYTHING_ELSE_NOW else "-R"
    return _numbered(session, parent.reference[:480] + letter, 1)


def _window(payload: Mapping[str, Any], at: datetime, how: str) -> tuple[datetime, datetime]:
    if "window_start" in payload:
        start = datetime.fromisoformat(str(payload["window_start"]))
        return start, datetime.fromisoformat(str(payload["window_end"]))
    if how == REOPENED_VISIT:  # a return visit, like a follow-up: next working day
        day = dispatch.next_working_day(at)
        return (
            day.replace(hour=dispatch.FOLLOW_UP_START.hour),
            day.replace(hour=dispatch.FOLLOW_UP_END.hour),
        )
    return at, at + timedelta(minutes=OPENED_VISIT_MINUTES)  # opened at the desk: now


def create_opened_visit(
    session: Session,
    *,
    visit_id: str,
    payload: Mapping[str, Any],
    at: datetime,
    assignee: User | None,
    created_by: str,
    parent: Visit | None,
    now: datetime,
) -> Visit:
    """The visit row a visit_opened event (already validated) makes, assigned and sent to
    its technician's feed. The caller owns the transaction; the counter's lock is taken
    (if the caller has not yet: a push) before the reference is numbered."""
    feed.lock_counter(session)
    how = str(payload["how"])
    fields: dict[str, Any] = dict.fromkeys(OPENED_VISIT_INHERITED, "")
    if parent is not None:
        fields.update({name: getattr(parent, name) for name in OPENED_VISIT_INHERITED})
    fields.update({name: payload[name] for name in _GIVEN if payload.get(name)})
    start, end = _window(payload, at, how)
    visit = Visit(
        id=visit_id,
        reference=reference_for(session, how, parent),
        **fields,
        window_start=start,
        window_end=end,
        follow_up_of=parent.id if parent is not None else None,
        assignee=assignee,
        status=VisitStatus.SCHEDULED.value,
        created_at=now,
        updated_at=now,
        created_by=created_by,
        origin=how,
    )
    session.add(visit)
    session.flush()
    if assignee is not None:
        session.add(Assignment(visit_id=visit.id, technician_id=assignee.id, assigned_at=now))
        feed.visit_changed(session, assignee.id, visit.id, now, new=True)
    return visit


def pairing_refusal(history: Sequence[Event], how: str, visit_id: str) -> tuple[str, str] | None:
    """Why a visit opened from another (whose events are `history`) is not backed by that
    visit's own event naming it, as (code, sentence); None if it is."""
    if how == WALK_UP:
        return None
    for event in history:
        if (
            how == ANYTHING_ELSE_NOW
            and event.type is EventType.ANYTHING_ELSE
            and event.payload.get("handled_now")
            and event.payload.get("new_visit_id") == visit_id
        ) or (
            how == REOPENED_VISIT
            and event.type is EventType.REOPENED
            and event.payload.get("return_visit_id") == visit_id
        ):
            return None
    if how == ANYTHING_ELSE_NOW:
        return (
            "origin_not_linked",
            (
                "The visit it came from does not record this request as handled now; record "
                "'anything else' there first."
            ),
        )
    return (
        "origin_not_linked",
        (
            "The visit it came from was not reopened as this return visit (it may have been "
            "reopened already, or not be signed off)."
        ),
    )


def _store(session: Session, events: Sequence[tuple[Event, Visit]], now: datetime) -> None:
    """Store events the server records itself (a supervisor's reopening), stamped in order,
    sent to each visit's technician and folded into the derived tables."""
    seqs = feed.stamp(session, len(events))
    session.flush()
    session.execute(
        insert(EventRecord),
        [
            {
                "id": event.id,
                "visit_id": event.visit_id,
                "type": event.type.value,
                "occurred_at": event.occurred_at,
                "payload": dict(event.payload),
                "author": event.author,
                "attachment_sha256": None,
                "server_seq": seq,
                "received_at": now,
            }
            for (event, _), seq in zip(events, seqs, strict=True)
        ],
    )
    # Every member of each visit's team (its holder, its assistants) gets them.
    changes = [(seq, visit.id, event.id) for (event, visit), seq in zip(events, seqs, strict=True)]
    assistants.share_events(session, None, changes, now)
    touched = [visit.id for _, visit in events]
    histories = facts.load_history(session, touched)
    states = {v: derive_state(h) for v, h in histories.items()}
    facts.record_accepted(
        session, [(e, s) for (e, _), s in zip(events, seqs, strict=True)], histories, states, now
    )


def _valid(kind: EventType, payload: Mapping[str, object]) -> dict[str, Any]:
    try:
        return validate_payload(kind, payload)
    except InvalidEvent as error:
        raise ApiError(422, "invalid_request", error.message) from None


def reopen_visit(
    session: Session, visit_id: str, body: VisitReopen, user: Principal, now: datetime
) -> Visit:
    """A supervisor reopens a signed-off visit whose fix failed: a linked return visit for
    its technician (or the one named), recorded as the same two events a laptop records.
    Repeating the same reopening answers the return visit it made.

    Raises:
        ApiError: 404 no such visit, 409 cancelled / not signed off / already reopened,
            422 unknown assignee / invalid window.
    """
    feed.lock_counter(session)
    visit = session.get(Visit, visit_id) if len(visit_id) <= 36 else None
    if visit is None:
        raise ApiError(404, "visit_not_found", "There is no such visit.")
    history = facts.load_history(session, [visit.id])[visit.id]
    state = derive_state(history, cancelled=visit.status == VisitStatus.CANCELLED)
    if state.reopened_as is not None:
        made = session.get(Visit, state.reopened_as)
        earlier = next(e for e in history if e.type is EventType.REOPENED)
        if made is not None and earlier.payload.get("reason") == body.reason:
            return made  # a retry of this very reopening
    new_id = str(uuid.uuid4())
    reopened = Event(
        id=str(uuid.uuid4()),
        visit_id=visit.id,
        type=EventType.REOPENED,
        occurred_at=now,
        payload=_valid(EventType.REOPENED, {"reason": body.reason, "return_visit_id": new_id}),
        author=user.username,
    )
    try:
        check_event(state, reopened)
    except WorkflowViolation as error:
        raise ApiError(409, error.code, error.message) from None
    wanted: dict[str, Any] = {
        "how": REOPENED_VISIT,
        "customer_name": visit.customer_name,
        "problem": body.reason,
        "opened_from": visit.id,
    }
    if body.window_start is not None or body.window_end is not None:
        if body.window_start is None or body.window_end is None:
            raise ApiError(
                422, "invalid_window", "Give both ends of the return visit's window, or neither."
            )
        dispatch.check_window(body.window_start, body.window_end)
        wanted["window_start"] = body.window_start.isoformat()
        wanted["window_end"] = body.window_end.isoformat()
    opened = Event(
        id=str(uuid.uuid4()),
        visit_id=new_id,
        type=EventType.VISIT_OPENED,
        occurred_at=now,
        payload=_valid(EventType.VISIT_OPENED, wanted),
        author=user.username,
    )
    assignee = visit.assignee
    if body.assignee is not None:
        assignee = dispatch.technician(session, body.assignee)
    made = create_opened_visit(
        session,
        visit_id=new_id,
        payload=opened.payload,
        at=now,
        assignee=assignee,
        created_by=user.username,
        parent=visit,
        now=now,
    )
    _store(session, [(reopened, visit), (opened, made)], now)
    return made
