"""Borrowed parts and loaned equipment on the server: the derived equipment_items rows, the
supervisors' list of what is still out, and the counts the care metrics take from them.

The rows are worked out from a visit's events by the same pure function the laptop uses
(fieldapp.domain.equipment.equipment_of) and rewritten with the visit's facts
(fieldapp.server.facts), so a rebuild from the events gives them back as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from fieldapp.domain import Event
from fieldapp.domain.equipment import LOAN, PART, RETURNED, ItemOut, equipment_of
from fieldapp.protocol import EquipmentKind, EquipmentOutItem, EquipmentOutPage
from fieldapp.server.db import run
from fieldapp.server.models import User, Visit
from fieldapp.server.models_facts import EquipmentItem
from fieldapp.server.paging import PageParams


def _row(item: ItemOut, user_ids: Mapping[str, int]) -> dict[str, Any]:
    return {
        "visit_id": item.visit_id,
        "kind": item.kind,
        "item_key": item.key,
        "item": item.item,
        "whose": item.whose,
        "holder": item.holder,
        "recorded_by": user_ids.get(item.recorded_by),
        "since": item.since,
        "due_at": item.due_at,
        "fate": None,
        "agreed_with": "",
        "settled_at": None,
    }


def rows(history: Sequence[Event], user_ids: Mapping[str, int]) -> list[dict[str, Any]]:
    """The equipment_items values of one visit: what is out, then what was settled."""
    equipment = equipment_of(history)
    out = [_row(item, user_ids) for item in equipment.out]
    settled = [
        {
            **_row(s.item, user_ids),
            "fate": s.fate,
            "agreed_with": s.agreed_with,
            "settled_at": s.at,
        }
        for s in equipment.settled
    ]
    return out + settled


# Built once (db.run says why).
_DELETE_ITEMS = delete(EquipmentItem).where(
    EquipmentItem.visit_id.in_(bindparam("ids", expanding=True))
)


def rewrite(
    session: Session,
    touched: Sequence[str],
    histories: Mapping[str, Sequence[Event]],
    user_ids: Mapping[str, int],
) -> None:
    """Replace the equipment rows of the `touched` visits with those of their histories
    (`user_ids`: username -> user id of the histories' authors)."""
    run(session, _DELETE_ITEMS, {"ids": list(touched)})
    values = [row for v in touched for row in rows(histories[v], user_ids)]
    if values:
        session.execute(insert(EquipmentItem), values)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def stats(now: datetime) -> dict[str, ColumnElement[Any]]:
    """The metrics' equipment counts over equipment_items rows (see protocol.CareMetrics)."""
    part = EquipmentItem.kind == PART
    loan = EquipmentItem.kind == LOAN
    out = EquipmentItem.fate.is_(None)
    disposed = and_(EquipmentItem.fate.is_not(None), EquipmentItem.fate != RETURNED)
    return {
        "parts_borrowed": _count_if(part),
        "parts_disposed": _count_if(and_(part, disposed)),
        "parts_out": _count_if(and_(part, out)),
        "loans_made": _count_if(loan),
        "loans_out": _count_if(and_(loan, out)),
        "loans_overdue": _count_if(and_(loan, out, EquipmentItem.due_at < now)),
    }


_Assignee = aliased(User)
_Recorder = aliased(User)


def list_out(
    session: Session,
    page: PageParams,
    now: datetime,
    *,
    technician: str | None = None,
    kind: EquipmentKind | None = None,
) -> EquipmentOutPage:
    """Parts and loaned items still out, longest out first; `technician` keeps those on the
    visits assigned to that technician, `kind` those of one kind."""
    where: list[ColumnElement[bool]] = [EquipmentItem.fate.is_(None)]
    if kind is not None:
        where.append(EquipmentItem.kind == kind.value)
    base = (
        select(EquipmentItem.id)
        .join(Visit, Visit.id == EquipmentItem.visit_id)
        .outerjoin(_Assignee, _Assignee.id == Visit.assignee_id)
    )
    if technician is not None:
        where.append(_Assignee.username == technician)
    total = session.scalar(select(func.count()).select_from(base.where(*where).subquery())) or 0
    found = session.execute(
        select(
            EquipmentItem,
            Visit.reference,
            Visit.customer_name,
            _Assignee.username,
            _Recorder.username,
        )
        .join(Visit, Visit.id == EquipmentItem.visit_id)
        .outerjoin(_Assignee, _Assignee.id == Visit.assignee_id)
        .outerjoin(_Recorder, _Recorder.id == EquipmentItem.recorded_by)
        .where(*where)
        .order_by(EquipmentItem.since, EquipmentItem.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    items = [
        EquipmentOutItem(
            visit_id=row.visit_id,
            reference=reference,
            customer_name=customer,
            technician=assignee,
            recorded_by=recorder,
            kind=EquipmentKind(row.kind),
            item=row.item,
            whose=row.whose,
            holder=row.holder,
            since=row.since,
            due_at=row.due_at,
            overdue=row.due_at is not None and row.due_at < now,
        )
        for row, reference, customer, assignee, recorder in found
    ]
    return EquipmentOutPage(
        items=items, total=total, offset=page.offset, limit=page.limit, server_time=now
    )
