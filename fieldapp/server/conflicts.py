"""Events pushed after their visit was reassigned or cancelled: kept, listed, resolved.

A technician who worked offline on a visit that dispatch meanwhile gave to someone else
gets `visit_reassigned` with a sentence naming who has it now, and the event is kept here
as an open conflict. One who worked offline on a visit dispatch meanwhile cancelled gets
`visit_cancelled_kept`, and the event is kept the same way: work done before the
cancellation arrived (a part borrowed, say) is never dropped out of the supervisors' sight.
An assistant taken off a visit's team (fieldapp.server.assistants) who pushes work recorded
before that reached the laptop gets `visit_reassigned` too, and it is kept the same way.
A supervisor accepts it (it joins the visit's history, authored by the technician who
recorded it, if the workflow still allows it: never on a cancelled visit) or dismisses it.
A technician who never had the visit still gets `visit_not_found`: nothing leaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from fieldapp.domain import Event, EventType, WorkflowViolation, check_event, derive_state
from fieldapp.protocol import (
    ConflictPublic,
    ConflictResolution,
    ConflictStatus,
    EventIn,
    EventResult,
    EventSent,
    VisitStatus,
)
from fieldapp.server import dispatch, facts, feed
from fieldapp.server.assistants import apply_team_events, on_team, share_events
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Assignment, EventRecord, User, Visit, VisitAssistant
from fieldapp.server.models_files import Upload
from fieldapp.server.models_supervision import Conflict
from fieldapp.server.security import Principal

CODE = "visit_reassigned"
CANCELLED_CODE = "visit_cancelled_kept"
_CANCELLED = (
    "Dispatch cancelled this visit before this arrived; what you recorded is kept for a "
    "supervisor to review."
)


def _display(full_name: str | None, username: str | None) -> str | None:
    if username is None:
        return None
    return full_name or username


@dataclass(slots=True)
class Reassigned:
    """The visits of a push batch the caller had before or holds cancelled, and the
    conflicts already kept."""

    user: Principal
    now: datetime
    holders: dict[str, str | None]  # visit id -> who has it now (None: nobody)
    cancelled: set[str]  # of those and of the caller's own, the cancelled visits
    known: dict[str, tuple[int, str, str, str | None]]  # event id -> tech, visit, status, note
    # Of those, the visits the caller assisted on until taken off the team (never held).
    left_team: set[str] = field(default_factory=set)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def __contains__(self, visit_id: object) -> bool:
        return visit_id in self.holders

    def reject(self, incoming: EventIn, payload: dict[str, Any]) -> EventResult:
        """Keep the (valid) event as a conflict, once, and say who has the visit now (or that
        it was cancelled)."""
        visit_id = incoming.visit_id
        if visit_id in self.cancelled:
            return self._keep(incoming, payload, CANCELLED_CODE, _CANCELLED)
        holder = self.holders[visit_id]
        if visit_id in self.left_team:
            message = "You are no longer on this visit's team"
        elif holder is None:
            message = "Dispatch took this visit off your list"
        else:
            message = f"Dispatch reassigned this visit to {holder}"
        message += "; what you recorded is kept for a supervisor to review."
        return self._keep(incoming, payload, CODE, message)

    def _keep(
        self, incoming: EventIn, payload: dict[str, Any], code: str, message: str
    ) -> EventResult:
        visit_id = incoming.visit_id
        known = self.known.get(incoming.id)
        if known is not None:
            technician_id, known_visit, status, note = known
            if technician_id != self.user.id or known_visit != visit_id:
                return _rejected(
                    incoming.id, "id_conflict", "Another event already has this id; record it "
                    "again."
                )  # fmt: skip
            if status == ConflictStatus.DISMISSED:
                message = "A supervisor reviewed this event and did not add it to the visit"
                message += f": {note}" if note else "."
            return _rejected(incoming.id, code, message)
        self.known[incoming.id] = (self.user.id, visit_id, ConflictStatus.OPEN.value, None)
        self.rows.append(
            {
                "event_id": incoming.id,
                "visit_id": visit_id,
                "technician_id": self.user.id,
                "type": incoming.type.value,
                "occurred_at": incoming.occurred_at,
                "payload": payload,
                "message": message,
                "created_at": self.now,
                "status": ConflictStatus.OPEN.value,
            }
        )
        return _rejected(incoming.id, code, message)

    def flush(self, session: Session) -> None:
        if self.rows:
            session.execute(insert(Conflict), self.rows)
            self.rows = []


def _rejected(event_id: str, code: str, message: str) -> EventResult:
    return EventResult(id=event_id, status="rejected", code=code, message=message)


def load_reassigned(
    session: Session,
    user: Principal,
    visit_ids: set[str],
    event_ids: set[str],
    now: datetime,
    *,
    held_cancelled: Iterable[str] = (),
) -> Reassigned:
    """Which of `visit_ids` (not the caller's now) the caller had before; kept conflicts.

    Args:
        held_cancelled: the caller's own visits of the batch that dispatch cancelled: their
            events are kept as conflicts too.
    """
    reassigned = Reassigned(user, now, {}, set(held_cancelled), {})
    if not visit_ids and not held_cancelled:
        return reassigned
    previous = select(Assignment.visit_id).where(
        Assignment.technician_id == user.id, Assignment.visit_id.in_(visit_ids)
    )
    assisted = select(VisitAssistant.visit_id).where(
        VisitAssistant.technician_id == user.id, VisitAssistant.visit_id.in_(visit_ids)
    )
    reassigned.left_team = set(session.scalars(assisted)) - set(session.scalars(previous))
    rows = session.execute(
        select(Visit.id, Visit.status, User.full_name, User.username)
        .outerjoin(User, User.id == Visit.assignee_id)
        .where(or_(Visit.id.in_(previous), Visit.id.in_(assisted)))
    )
    for visit_id, status, full_name, username in rows:
        reassigned.holders[visit_id] = _display(full_name, username)
        if status == VisitStatus.CANCELLED:
            reassigned.cancelled.add(visit_id)
    if reassigned.holders or reassigned.cancelled:
        known = session.execute(
            select(
                Conflict.event_id,
                Conflict.technician_id,
                Conflict.visit_id,
                Conflict.status,
                Conflict.note,
            ).where(Conflict.event_id.in_(event_ids))
        )
        reassigned.known = {row[0]: (row[1], row[2], row[3], row[4]) for row in known}
    return reassigned


# --- supervisors --------------------------------------------------------------------------

_Author = aliased(User)
_Holder = aliased(User)
_Resolver = aliased(User)


def _query() -> Any:
    return (
        select(Conflict, Visit.reference, _Author.username, _Holder.username, _Resolver.username)
        .join(Visit, Visit.id == Conflict.visit_id)
        .join(_Author, _Author.id == Conflict.technician_id)
        .outerjoin(_Holder, _Holder.id == Visit.assignee_id)
        .outerjoin(_Resolver, _Resolver.id == Conflict.resolved_by)
    )


def _public(row: Any) -> ConflictPublic:
    conflict, reference, author, holder, resolver = row
    return ConflictPublic(
        id=conflict.id,
        visit_id=conflict.visit_id,
        reference=reference,
        technician=author,
        current_assignee=holder,
        # As stored (checked when pushed): a row kept before a check existed stays readable.
        event=EventSent.model_construct(
            id=conflict.event_id,
            visit_id=conflict.visit_id,
            type=EventType(conflict.type),
            occurred_at=conflict.occurred_at,
            payload=conflict.payload,
        ),
        message=conflict.message,
        created_at=conflict.created_at,
        status=ConflictStatus(conflict.status),
        resolved_at=conflict.resolved_at,
        resolved_by=resolver,
        note=conflict.note,
        server_seq=conflict.server_seq,
    )


def list_conflicts(
    session: Session,
    *,
    status: ConflictStatus | None,
    technician_id: int | None,
    offset: int,
    limit: int,
    involving: int | None = None,
) -> tuple[list[ConflictPublic], int]:
    """A page of conflicts, oldest first, and how many match. `technician_id`: recorded by
    them; `involving`: recorded by them or on a visit they hold or assist on now."""
    where = []
    if status is not None:
        where.append(Conflict.status == status.value)
    if technician_id is not None:
        where.append(Conflict.technician_id == technician_id)
    if involving is not None:
        # A visit they hold or assist on: a colleague's late work concerns them too.
        where.append(or_(Conflict.technician_id == involving, on_team(involving)))
    total = (
        session.scalar(
            select(func.count())
            .select_from(Conflict)
            .join(Visit, Visit.id == Conflict.visit_id)
            .where(*where)
        )
        or 0
    )
    rows = session.execute(_query().where(*where).order_by(Conflict.id).offset(offset).limit(limit))
    return [_public(row) for row in rows], total


def resolve_conflict(
    session: Session,
    conflict_id: int,
    *,
    resolution: ConflictResolution,
    note: str,
    supervisor: Principal,
    now: datetime,
) -> ConflictPublic:
    """Accept (append to the visit's history if the rules allow it now) or dismiss. The same
    supervisor repeating the same decision and note (a retry) gets the resolved conflict.

    Raises:
        ApiError: 404 conflict_not_found, 409 conflict_resolved, 409 conflict_not_applicable
            (the workflow refuses the event now: the sentence says why; it stays open).
    """
    feed.lock_counter(session)
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise ApiError(404, "conflict_not_found", "There is no such conflict.")
    decided = (
        ConflictStatus.ACCEPTED
        if resolution is ConflictResolution.ACCEPT
        else ConflictStatus.DISMISSED
    )
    if conflict.status != ConflictStatus.OPEN:
        if (conflict.status, conflict.resolved_by, conflict.note) == (
            decided.value,
            supervisor.id,
            note,
        ):  # a retry of this very decision: already done
            return _public(session.execute(_query().where(Conflict.id == conflict.id)).one())
        raise ApiError(409, "conflict_resolved", f"This conflict was already {conflict.status}.")
    if resolution is ConflictResolution.ACCEPT:
        conflict.server_seq = _accept(session, conflict, now)
    conflict.status = decided.value
    conflict.resolved_at = now
    conflict.resolved_by = supervisor.id
    conflict.note = note
    session.flush()
    return _public(session.execute(_query().where(Conflict.id == conflict.id)).one())


def _accept(session: Session, conflict: Conflict, now: datetime) -> int:
    visit = session.get_one(Visit, conflict.visit_id)
    author = session.get_one(User, conflict.technician_id)
    history = facts.load_history(session, [visit.id])[visit.id]
    state = derive_state(history, cancelled=visit.status == VisitStatus.CANCELLED)
    event = Event(
        id=conflict.event_id,
        visit_id=visit.id,
        type=EventType(conflict.type),
        occurred_at=conflict.occurred_at,
        payload=conflict.payload,
        author=author.username,
    )
    try:
        check_event(state, event)
    except WorkflowViolation as error:
        raise ApiError(
            409,
            "conflict_not_applicable",
            f"The event cannot be added to the visit as it stands now: {error.message}",
        ) from None
    attachment = None
    if event.type is EventType.ATTACHMENT_ADDED:
        attachment = str(event.payload["sha256"])
    elif event.type is EventType.SIGNED_OFF and "signature_sha256" in event.payload:
        attachment = str(event.payload["signature_sha256"])
    if attachment is not None and session.get(Upload, (attachment, author.id)) is None:
        raise ApiError(
            409, "conflict_not_applicable", "The server does not have this event's attachment."
        )
    if (
        event.type is EventType.ANYTHING_ELSE
        and event.payload["answer"]
        and not event.payload.get("handled_now")
    ):
        holder = visit.assignee.username if visit.assignee is not None else None
        request = str(event.payload["request"])
        dispatch.create_follow_up(
            session, visit, request, at=event.occurred_at, assignee=holder, now=now
        )
    (seq,) = feed.stamp(session, 1)
    session.flush()
    session.execute(
        insert(EventRecord),
        [
            {
                "id": event.id,
                "visit_id": event.visit_id,
                "type": event.type.value,
                "occurred_at": event.occurred_at,
                "payload": event.payload,
                "author": event.author,
                "attachment_sha256": attachment,
                "server_seq": seq,
                "received_at": now,
            }
        ],
    )
    if visit.assignee_id is not None:
        feed.events_added(session, visit.assignee_id, [(seq, visit.id, event.id)], now)
    share_events(session, visit.assignee_id, [(seq, visit.id, event.id)], now)
    apply_team_events(session, [event], now)
    history.append(event)
    after = derive_state(history, cancelled=False)
    facts.record_accepted(session, [(event, seq)], {visit.id: history}, {visit.id: after}, now)
    return seq
