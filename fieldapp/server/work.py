"""Each technician's share of a visit (visit_work), rewritten from its events with visit_facts,
and the supervisors' figures of who helped on which visit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import ColumnElement, bindparam, delete, func, select
from sqlalchemy.orm import Session

from fieldapp.domain import Event
from fieldapp.domain.team import events_by_author
from fieldapp.server.bulk import insert_rows
from fieldapp.server.db import run
from fieldapp.server.models import Visit, VisitAssistant
from fieldapp.server.models_facts import VisitWork

# Built once (db.run says why).
_DELETE_WORK = delete(VisitWork).where(VisitWork.visit_id.in_(bindparam("ids", expanding=True)))


def rewrite_work(
    session: Session,
    touched: Sequence[str],
    histories: Mapping[str, Sequence[Event]],
    ids: Mapping[str, int],
    *,
    appended: bool = False,
) -> None:
    """Replace the touched visits' visit_work rows: one per author (a known user, in `ids`:
    username -> user id, holding every author of the histories) with how many events they
    recorded on the visit. `appended`: the histories only grew since the rows were written
    (accepted events), so every author's row is written again in place and none deleted."""
    counts = {v: events_by_author(histories[v]) for v in touched}
    if not appended:
        run(session, _DELETE_WORK, {"ids": list(touched)})
    rows = [
        {"visit_id": v, "technician_id": ids[name], "events": n}
        for v in touched
        for name, n in counts[v].items()
        if name in ids
    ]
    if rows:
        insert_rows(session, VisitWork, rows, replacing=appended)


def team_figures(
    session: Session,
    visit_where: Sequence[ColumnElement[bool]],
    technician_ids: Sequence[int] | None,
    *,
    per: bool,
) -> dict[int | None, dict[str, int]]:
    """visits_assisted and events_recorded over the visits `visit_where` selects, for the
    technicians given (all if None): per technician when `per`, else together (key None).

    visits_assisted: visits on which the technician assists now (together: visits with at
    least one of them assisting); events_recorded: events they recorded on those visits,
    held or assisted.
    """
    helper = VisitAssistant.technician_id
    assisted = (
        select(func.count(func.distinct(Visit.id)).label("visits_assisted"))
        .select_from(VisitAssistant)
        .join(Visit, Visit.id == VisitAssistant.visit_id)
        .where(*visit_where, VisitAssistant.removed_at.is_(None), Visit.assignee_id != helper)
    )
    recorded = (
        select(func.coalesce(func.sum(VisitWork.events), 0).label("events_recorded"))
        .select_from(VisitWork)
        .join(Visit, Visit.id == VisitWork.visit_id)
        .where(*visit_where)
    )
    if technician_ids is not None:
        assisted = assisted.where(helper.in_(technician_ids))
        recorded = recorded.where(VisitWork.technician_id.in_(technician_ids))
    if per:
        assisted = assisted.add_columns(helper.label("who")).group_by(helper)
        who = VisitWork.technician_id
        recorded = recorded.add_columns(who.label("who")).group_by(who)
    values: dict[int | None, dict[str, int]] = {}
    for query in (assisted, recorded):
        for row in session.execute(query).mappings():
            figures = {k: int(v) for k, v in row.items() if k != "who"}
            values.setdefault(row.get("who"), {}).update(figures)
    return values
