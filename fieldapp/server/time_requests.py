"""Users' requests for another time (from the customer page), as dispatch sees and answers
them: accepting moves the visit to the time asked (a reschedule the technician's feed
brings) and mails the user the new time with its calendar file; declining mails the reason.
Either is a `time_request_answered` event on the visit, by the supervisor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain import EventType, InvalidEvent, WorkflowViolation, derive_state
from fieldapp.protocol import (
    TimeRequestAnswer,
    TimeRequestPage,
    TimeRequestPublic,
    VisitStatus,
    VisitUpdate,
)
from fieldapp.server import dispatch, facts, feed, outbox
from fieldapp.server.customer_html import when_words
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.security import Principal
from fieldapp.server.server_events import record_event
from fieldapp.server.settings import ServerSettings

_LOOP = (EventType.USER_REPLIED.value, EventType.TIME_REQUEST_ANSWERED.value)


def _asking(session: Session) -> list[str]:
    """The visits (not cancelled) whose newest loop event is a request for another time."""
    rows = session.execute(
        select(EventRecord.visit_id, EventRecord.type, EventRecord.payload)
        .join(Visit, Visit.id == EventRecord.visit_id)
        .where(EventRecord.type.in_(_LOOP), Visit.status != VisitStatus.CANCELLED)
        .order_by(EventRecord.server_seq)
    )
    newest: dict[str, bool] = {}
    for visit_id, type_, payload in rows:
        newest[visit_id] = type_ == EventType.USER_REPLIED and payload.get("answer") == (
            "another_time"
        )
    return [visit_id for visit_id, asking in newest.items() if asking]


def list_requests(session: Session) -> TimeRequestPage:
    """Every request waiting for an answer, oldest first."""
    ids = _asking(session)
    histories = facts.load_history(session, ids)
    visits = {v.id: v for v in session.scalars(select(Visit).where(Visit.id.in_(ids)))}
    items = []
    for visit_id in ids:
        state = derive_state(histories[visit_id])
        request = state.time_request
        if request is None or state.closed:
            continue
        visit = visits[visit_id]
        items.append(
            TimeRequestPublic(
                visit_id=visit.id,
                reference=visit.reference,
                customer_name=visit.customer_name,
                technician=visit.assignee.username if visit.assignee else None,
                window_start=visit.window_start,
                window_end=visit.window_end,
                asked_at=request.asked_at,
                proposed_times=[datetime.fromisoformat(t) for t in request.proposed_times],
                note=request.note,
            )
        )
    items.sort(key=lambda item: item.asked_at)
    return TimeRequestPage(items=items, total=len(items))


def _name(session: Session, user: Principal) -> str:
    found = session.get(User, user.id)
    return (found.full_name if found else "") or user.username


def answer_request(
    session: Session,
    visit_id: str,
    body: TimeRequestAnswer,
    *,
    user: Principal,
    settings: ServerSettings,
    now: datetime,
) -> Visit:
    """Accept (reschedule to `body.window_start`, keeping the visit's length) or decline a
    waiting request; the user is mailed either way. The caller owns the write transaction.

    Raises:
        ApiError: 404 no such visit, 409 nothing waiting (or cancelled, closed), 422 an
            acceptance without a time.
    """
    feed.lock_counter(session)
    visit = session.get(Visit, visit_id) if len(visit_id) <= 36 else None
    if visit is None:
        raise ApiError(404, "visit_not_found", "There is no such visit.")
    if body.accept and body.window_start is None:
        raise ApiError(422, "invalid_request", "Accepting a request needs the new start time.")
    payload: dict[str, object] = {"accepted": body.accept, "reason": body.reason}
    if body.accept and body.window_start is not None:
        length = visit.window_end - visit.window_start
        start = body.window_start
        # Check the answer first: nothing is moved for a request that is not waiting.
        _check_waiting(session, visit)
        dispatch.update_visit(
            session,
            visit.id,
            VisitUpdate(window_start=start, window_end=start + length),
            now,
            by=_name(session, user),
        )
        payload["window_start"] = start.isoformat()
    try:
        event = record_event(
            session,
            visit,
            EventType.TIME_REQUEST_ANSWERED,
            payload,
            author=user.username,
            now=now,
        )
    except (InvalidEvent, WorkflowViolation) as error:
        raise ApiError(409, error.code, error.message) from None
    zone = settings.zone
    if body.accept:
        subject = f"Your IT support visit {visit.reference} is moved"
        text = (
            f"As you asked, your IT support visit {visit.reference} is moved to "
            f"{when_words(visit.window_start, visit.window_end, zone)}.\n\n{body.reason}\n\n"
            "The calendar file attached updates the entry in your calendar.\n"
        )
    else:
        subject = f"About the new time you asked for: IT support visit {visit.reference}"
        text = (
            f"We cannot move your IT support visit {visit.reference} as you asked.\n\n"
            f"{body.reason}\n\nThe visit stays at "
            f"{when_words(visit.window_start, visit.window_end, zone)}. If that does not "
            "suit you, reply to this message or call the service desk, quoting the reference.\n"
        )
    outbox.enqueue_message(
        session,
        visit=visit,
        event_id=event.id,
        kind="time_answer",
        subject=subject,
        body=text,
        now=now,
        calendar=body.accept,
    )
    return visit


def _check_waiting(session: Session, visit: Visit) -> None:
    state = derive_state(
        facts.load_history(session, [visit.id])[visit.id],
        cancelled=visit.status == VisitStatus.CANCELLED,
    )
    if state.cancelled:
        raise ApiError(409, "visit_cancelled", "This visit is cancelled; it cannot be changed.")
    if state.time_request is None or state.closed:
        raise ApiError(
            409,
            "no_time_request",
            "The user has no request for another time waiting on this visit.",
        )
