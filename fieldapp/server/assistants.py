"""A visit's assisting technicians on the server: who may see and record on a visit, what
reaches their feeds, and the team changes a holder pushes or a supervisor makes.

The team is worked out from the visit's events (fieldapp.domain.team); `visit_assistants`
keeps it in step so that scope checks are one indexed query. Only the holder (from the
laptop) or a supervisor (here) changes the team; an assistant sees the visit in their round
and records on it like the holder, each event keeping its author. A colleague added gets the
visit with all its events; one taken off gets a tombstone, and what they still push about it
is kept as a conflict for a supervisor (fieldapp.server.conflicts).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, insert, or_, select
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, WorkflowViolation, check_event, derive_state
from fieldapp.domain.team import TEAM_EVENTS
from fieldapp.protocol import Role, TeamMember, VisitStatus, VisitTeam
from fieldapp.server import facts, feed
from fieldapp.server.db import run
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit, VisitAssistant
from fieldapp.server.security import Principal

REMOVED_REASON = "assistant_removed"


def assisted_by(user_id: int | BindParameter[int]) -> Select[Any]:
    """The ids of the visits the technician assists on now."""
    return select(VisitAssistant.visit_id).where(
        VisitAssistant.technician_id == user_id, VisitAssistant.removed_at.is_(None)
    )


def on_team(user_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """The condition on Visit of a visit the technician holds or assists on."""
    return or_(Visit.assignee_id == user_id, Visit.id.in_(assisted_by(user_id)))


# Built once: every push runs them (db.run says why).
_ASSISTANTS = (
    select(VisitAssistant.visit_id, VisitAssistant.technician_id)
    .where(
        VisitAssistant.visit_id.in_(bindparam("ids", expanding=True)),
        VisitAssistant.removed_at.is_(None),
    )
    .order_by(VisitAssistant.added_at, VisitAssistant.technician_id)
)
_HOLDERS = select(Visit.id, Visit.assignee_id).where(Visit.id.in_(bindparam("ids", expanding=True)))


def current_assistants(session: Session, visit_ids: Iterable[str]) -> dict[str, list[int]]:
    """Each visit's assistants now (user ids, in the order they joined); visits with none
    are left out."""
    wanted = list(set(visit_ids))
    out: dict[str, list[int]] = {}
    if not wanted:
        return out
    for visit_id, technician_id in run(session, _ASSISTANTS, {"ids": wanted}):
        out.setdefault(visit_id, []).append(technician_id)
    return out


def usernames_assisting(session: Session, visit_ids: Iterable[str]) -> dict[str, list[str]]:
    """Each visit's assistants now, by username (for the supervisors' visit lists)."""
    wanted = list(set(visit_ids))
    out: dict[str, list[str]] = {}
    if not wanted:
        return out
    rows = session.execute(
        select(VisitAssistant.visit_id, User.username)
        .join(User, User.id == VisitAssistant.technician_id)
        .where(VisitAssistant.visit_id.in_(wanted), VisitAssistant.removed_at.is_(None))
        .order_by(VisitAssistant.added_at, User.username)
    )
    for visit_id, username in rows:
        out.setdefault(visit_id, []).append(username)
    return out


def has_assistants() -> ColumnElement[bool]:
    """The condition on Visit of a visit someone assists on now."""
    return (
        select(VisitAssistant.visit_id)
        .where(VisitAssistant.visit_id == Visit.id, VisitAssistant.removed_at.is_(None))
        .exists()
    )


def team_members(
    session: Session,
    visit_ids: Iterable[str],
    holders: Mapping[str, int | None] | None = None,
    assisted: Mapping[str, bool] | None = None,
) -> dict[str, list[int]]:
    """Each visit's team now: its holder first, then its assistants (user ids; a visit
    nobody holds or assists on is left out). What was read already in this transaction (a
    push's visits, locked): `holders`, each visit's holder; `assisted`, whether anyone
    assists on it (has_assistants): the assistants are read only for the others."""
    wanted = list(set(visit_ids))
    known = assisted or {}
    members = current_assistants(session, [v for v in wanted if known.get(v, True)])
    if holders is None or not holders.keys() >= set(wanted):
        holders = dict(run(session, _HOLDERS, {"ids": wanted}).all())
    for visit_id in wanted:
        holder = holders.get(visit_id)
        if holder is not None:
            members.setdefault(visit_id, []).insert(0, holder)
    return members


def share_events(
    session: Session,
    sent_to: int | None,
    events: Sequence[tuple[int, str, str]],
    now: datetime,
    *,
    members: Mapping[str, Sequence[int]] | None = None,
) -> None:
    """Accepted events, as (server_seq, visit_id, event_id), reach every other member of
    their visit's team (holder and assistants) besides `sent_to`, whose feed already has
    them. Each gets its own change rows (a change's seq is unique; the event keeps its
    server_seq). `members`: the visits' teams (team_members), if read already."""
    if not events:
        return
    if members is None:
        members = team_members(session, {visit_id for _, visit_id, _ in events})
    recipients = [
        (technician_id, visit_id, event_id)
        for _, visit_id, event_id in events
        for technician_id in dict.fromkeys(members.get(visit_id, ()))
        if technician_id != sent_to
    ]
    if not recipients:
        return
    seqs = feed.stamp(session, len(recipients))
    by_technician: dict[int, list[tuple[int, str, str]]] = {}
    for seq, (technician_id, visit_id, event_id) in zip(seqs, recipients, strict=True):
        by_technician.setdefault(technician_id, []).append((seq, visit_id, event_id))
    for technician_id, rows in by_technician.items():
        feed.events_added(session, technician_id, rows, now)


# --- a push's team events ------------------------------------------------------------------


@dataclass(slots=True)
class TeamGate:
    """What a push needs to judge the team events of its batch: each visit's holder and the
    technicians the events name."""

    user: Principal
    holders: dict[str, int | None]
    technicians: dict[str, int]  # username -> id, active technicians named by team events

    def refusal(
        self, visit_id: str, kind: EventType, payload: Mapping[str, Any]
    ) -> tuple[str, str] | None:
        """(code, sentence) if the caller may not make this team change, else None."""
        if kind not in TEAM_EVENTS:
            return None
        if self.holders.get(visit_id) != self.user.id:
            only = "Only the technician who holds this visit, or a supervisor, can change who "
            return ("holder_only", only + "helps on it.")
        username = str(payload["username"])
        if username == self.user.username:
            return ("holder_not_assistant", "You hold this visit; add a colleague instead.")
        if kind is EventType.ASSISTANT_ADDED and username not in self.technicians:
            return ("unknown_technician", f"'{username}' is not an active technician's username.")
        return None


def load_gate(
    session: Session, user: Principal, holders: Mapping[str, int | None], payloads: Iterable[Any]
) -> TeamGate:
    """The gate for a batch: `holders` of its visits, `payloads` of its team events."""
    names = {str(p.get("username")) for p in payloads if isinstance(p, dict)}
    technicians: dict[str, int] = {}
    if names:
        query = select(User.username, User.id).where(
            User.username.in_(names),
            User.role == Role.TECHNICIAN.value,
            User.active.is_(True),
        )
        technicians = dict(session.execute(query).all())
    return TeamGate(user, dict(holders), technicians)


def apply_team_events(session: Session, events: Sequence[Event], now: datetime) -> None:
    """Keep visit_assistants and the feeds in step with accepted team events, in order: a
    colleague added gets the visit and all its events, one taken off gets a tombstone."""
    team_events = [e for e in events if e.type in TEAM_EVENTS]
    if not team_events:
        return
    names = {str(e.payload["username"]) for e in team_events}
    query = select(User.username, User.id).where(User.username.in_(names))
    ids = dict(session.execute(query).all())
    session.flush()
    for event in team_events:
        username = str(event.payload["username"])
        technician_id = ids.get(username)
        if technician_id is None:
            continue  # checked when accepted; a user deleted meanwhile has no feed
        row = session.get(VisitAssistant, (event.visit_id, technician_id))
        if event.type is EventType.ASSISTANT_ADDED:
            if row is None:
                row = VisitAssistant(visit_id=event.visit_id, technician_id=technician_id)
                session.add(row)
            row.added_at = event.occurred_at
            row.added_by = event.author
            row.removed_at = None
            session.flush()
            feed.visit_handed_over(session, technician_id, event.visit_id, now)
        elif row is not None and row.removed_at is None:
            row.removed_at = event.occurred_at
            session.flush()
            holder = session.scalar(select(Visit.assignee_id).where(Visit.id == event.visit_id))
            if holder == technician_id:
                continue  # they hold the visit now: it stays on their list
            feed.tombstone(
                session,
                technician_id=technician_id,
                visit_id=event.visit_id,
                reason=REMOVED_REASON,
                message=f"{event.author} took you off this visit's team.",
                now=now,
            )


# --- supervisors ---------------------------------------------------------------------------


def team_public(session: Session, visit: Visit) -> VisitTeam:
    """The visit's holder and its assistants now."""
    rows = session.execute(
        select(User.username, User.full_name, VisitAssistant.added_at, VisitAssistant.added_by)
        .join(User, User.id == VisitAssistant.technician_id)
        .where(VisitAssistant.visit_id == visit.id, VisitAssistant.removed_at.is_(None))
        .order_by(VisitAssistant.added_at, User.username)
    ).all()
    holder = visit.assignee.username if visit.assignee is not None else None
    return VisitTeam(
        visit_id=visit.id,
        holder=holder,
        assistants=[
            TeamMember(username=u, full_name=f, added_at=a, added_by=b)
            for u, f, a, b in rows
            if u != holder
        ],
    )


def visit_or_404(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id) if len(visit_id) <= 36 else None
    if visit is None:
        raise ApiError(404, "visit_not_found", "There is no such visit.")
    return visit


def _assisting(session: Session, visit_id: str, username: str) -> bool:
    found = session.scalar(
        select(VisitAssistant.technician_id)
        .join(User, User.id == VisitAssistant.technician_id)
        .where(
            VisitAssistant.visit_id == visit_id,
            User.username == username,
            VisitAssistant.removed_at.is_(None),
        )
    )
    return found is not None


def add_assistant(
    session: Session,
    *,
    visit_id: str,
    username: str,
    reason: str,
    supervisor: Principal,
    now: datetime,
) -> VisitTeam:
    """Add a technician to the visit's team (an assistant_added event by the supervisor).
    Adding one already on it answers the team as it is (a retry must not fail).

    Raises:
        ApiError: 404 visit_not_found, 422 unknown_technician, 409 holder_not_assistant or
            the workflow's refusal (cancelled, closed).
    """
    feed.lock_counter(session)
    visit = visit_or_404(session, visit_id)
    if _assisting(session, visit.id, username):
        return team_public(session, visit)
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or user.role != Role.TECHNICIAN:
        raise ApiError(
            422, "unknown_technician", f"'{username[:64]}' is not an active technician's username."
        )
    if visit.assignee_id == user.id:
        raise ApiError(409, "holder_not_assistant", f"{username} holds this visit already.")
    payload = {"username": username} | ({"reason": reason} if reason else {})
    _record(session, visit, EventType.ASSISTANT_ADDED, payload, supervisor=supervisor, now=now)
    return team_public(session, visit)


def remove_assistant(
    session: Session, *, visit_id: str, username: str, supervisor: Principal, now: datetime
) -> VisitTeam:
    """Take a technician off the visit's team (an assistant_removed event by the
    supervisor). One not on it leaves the team as it is (a retry must not fail)."""
    feed.lock_counter(session)
    visit = visit_or_404(session, visit_id)
    if _assisting(session, visit.id, username):
        removed = {"username": username}
        _record(
            session, visit, EventType.ASSISTANT_REMOVED, removed, supervisor=supervisor, now=now
        )
    return team_public(session, visit)


def _record(
    session: Session,
    visit: Visit,
    kind: EventType,
    payload: dict[str, Any],
    *,
    supervisor: Principal,
    now: datetime,
) -> None:
    """Check and store a supervisor's team event, and send it to the visit's team."""
    history = facts.load_history(session, [visit.id])[visit.id]
    state = derive_state(history, cancelled=visit.status == VisitStatus.CANCELLED)
    event = Event(
        id=str(uuid.uuid4()),
        visit_id=visit.id,
        type=kind,
        occurred_at=now,
        payload=payload,
        author=supervisor.username,
    )
    try:
        check_event(state, event)
    except WorkflowViolation as error:
        raise ApiError(409, error.code, error.message) from None
    (seq,) = feed.stamp(session, 1)
    session.flush()
    session.execute(
        insert(EventRecord),
        [
            {
                "id": event.id,
                "visit_id": visit.id,
                "type": kind.value,
                "occurred_at": now,
                "payload": payload,
                "author": event.author,
                "attachment_sha256": None,
                "server_seq": seq,
                "received_at": now,
            }
        ],
    )
    share_events(session, None, [(seq, visit.id, event.id)], now)
    apply_team_events(session, [event], now)
    history.append(event)
    after = derive_state(history, cancelled=False)
    facts.record_accepted(session, [(event, seq)], {visit.id: history}, {visit.id: after}, now)
