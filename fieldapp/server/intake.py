"""The intake rules on the server: the diagnosis's two questions and the technician's additions
to what was already tried as visit facts, and each visit's priority worked out from its
impact, urgency and VIP by the supervisors' matrix (its versions kept)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType
from fieldapp.domain.priority import DEFAULT_MATRIX, InvalidMatrix, check_matrix, work_out
from fieldapp.domain.state import Step
from fieldapp.protocol import Priority, PriorityMatrixPublic, VisitCreate, VisitStatus
from fieldapp.server import feed
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Visit
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.models_supervision import PriorityMatrixRecord

# Steps after which a visit is done with: a new matrix leaves their priority as it was.
_CLOSED_STEPS = (
    Step.COMPLETED.value,
    Step.ESCALATED.value,
    Step.DECLINED.value,
    Step.CLOSED_WITHOUT_REPAIR.value,
    Step.CANCELLED.value,
)
_CHUNK = 500


def facts(history: Sequence[Event]) -> dict[str, Any]:
    """The intake columns of visit_facts: whether the latest diagnosis asked how long the
    problem has been happening and whether the user showed it, and how many times the
    technician added to what the user already tried."""
    asked = showed = False
    added = 0
    for event in history:
        if event.type is EventType.DIAGNOSED:  # a later diagnosis replaces the answers
            asked = "problem_since" in event.payload
            showed = event.payload.get("shown_by_user") is True
        elif event.type is EventType.ALREADY_TRIED_ADDED:
            added += 1
    return {"asked_how_long": asked, "user_showed_problem": showed, "already_tried_added": added}


# --- the priority matrix -------------------------------------------------------------------


def _newest(session: Session) -> PriorityMatrixRecord | None:
    return session.scalar(
        select(PriorityMatrixRecord).order_by(PriorityMatrixRecord.id.desc()).limit(1)
    )


def current_matrix(session: Session) -> dict[str, dict[str, str]]:
    """The matrix in force: the newest version a supervisor set, else the default."""
    record = _newest(session)
    if record is None:
        return {impact: dict(row) for impact, row in DEFAULT_MATRIX.items()}
    return check_matrix(record.cells)


def matrix_public(session: Session, *, reprioritised: int = 0) -> PriorityMatrixPublic:
    record = _newest(session)
    if record is None:
        return PriorityMatrixPublic.model_validate({"version": 0, "cells": DEFAULT_MATRIX})
    set_by = record.set_by
    return PriorityMatrixPublic.model_validate(
        {
            "version": record.id,
            "cells": record.cells,
            "set_by": None if set_by is None else set_by.username,
            "set_at": record.set_at,
            "visits_reprioritised": reprioritised,
        }
    )


def set_matrix(
    session: Session, cells: Mapping[str, Mapping[str, str]], user_id: int, now: datetime
) -> PriorityMatrixPublic:
    """Keep `cells` as the new version and give every open visit the priority it now works
    out to (its technician's laptop is sent the change).

    Raises:
        ApiError: 422 invalid_matrix, with the rule's sentence.
    """
    try:
        clean = check_matrix({k: dict(v) for k, v in cells.items()})
    except InvalidMatrix as error:
        raise ApiError(422, error.code, error.message) from None
    feed.lock_counter(session)
    session.add(PriorityMatrixRecord(cells=clean, set_by_id=user_id, set_at=now))
    session.flush()
    return matrix_public(session, reprioritised=_reprioritise(session, clean, now))


def _reprioritise(session: Session, matrix: Mapping[str, Mapping[str, str]], now: datetime) -> int:
    rows = session.execute(
        select(Visit.id, Visit.impact, Visit.urgency, Visit.vip, Visit.priority, Visit.assignee_id)
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(
            Visit.status == VisitStatus.SCHEDULED.value,
            or_(VisitFacts.visit_id.is_(None), VisitFacts.step.not_in(_CLOSED_STEPS)),
        )
    ).all()
    moves: dict[str, list[str]] = {}
    told: list[tuple[int, str]] = []
    for visit_id, impact, urgency, vip, priority, assignee_id in rows:
        worked_out = work_out(matrix, impact, urgency, vip=vip)
        if worked_out != priority:
            moves.setdefault(worked_out, []).append(visit_id)
            if assignee_id is not None:
                told.append((assignee_id, visit_id))
    for priority, ids in moves.items():
        for start in range(0, len(ids), _CHUNK):
            session.execute(
                update(Visit)
                .where(Visit.id.in_(ids[start : start + _CHUNK]))
                .values(priority=priority, updated_at=now)
                .execution_options(synchronize_session=False)
            )
    for technician_id, visit_id in told:
        feed.visit_changed(session, technician_id, visit_id, now)
    return sum(len(ids) for ids in moves.values())


def _mismatch(typed: str, worked_out: str) -> ApiError:
    return ApiError(
        422,
        "priority_worked_out",
        f"The priority is worked out from impact and urgency by the supervisors' matrix (VIP "
        f"makes it critical): these give {worked_out}, not {typed}. Change the impact, the "
        "urgency or VIP instead.",
    )


def worked_out(
    matrix: Mapping[str, Mapping[str, str]],
    impact: str,
    urgency: str,
    vip: bool,
    typed: str | None,
) -> Priority:
    """The priority these inputs give; a `typed` one (from a client of before 0.2.0) is
    accepted only when it is the same.

    Raises:
        ApiError: 422 priority_worked_out when `typed` differs.
    """
    priority = work_out(matrix, impact, urgency, vip=vip)
    if typed is not None and typed != priority:
        raise _mismatch(typed, priority)
    return Priority(priority)


def settled(session: Session, data: VisitCreate) -> VisitCreate:
    """`data` with the priority its impact, urgency and VIP give (see worked_out)."""
    return settled_with(current_matrix(session), data)


def settled_with(matrix: Mapping[str, Mapping[str, str]], data: VisitCreate) -> VisitCreate:
    typed = data.priority.value if "priority" in data.model_fields_set else None
    priority = worked_out(matrix, data.impact.value, data.urgency.value, data.vip, typed)
    return data.model_copy(update={"priority": priority})
