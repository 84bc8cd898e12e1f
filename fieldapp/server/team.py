"""The team: active technicians, as dispatch and the board list them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fieldapp.protocol import Role, TechnicianPage, TechnicianPublic
from fieldapp.server.models import User
from fieldapp.server.paging import PageParams


def active_technician() -> list[ColumnElement[bool]]:
    """The conditions on User of a technician who may be given visits."""
    return [User.role == Role.TECHNICIAN.value, User.active.is_(True)]


def list_technicians(session: Session, page: PageParams) -> TechnicianPage:
    """Active technicians by full name, then username, with their last contact."""
    where = active_technician()
    total = session.scalar(select(func.count()).select_from(User).where(*where)) or 0
    people = session.execute(
        select(User.username, User.full_name, User.last_seen_at)
        .where(*where)
        .order_by(User.full_name, User.username)
        .offset(page.offset)
        .limit(page.limit)
    ).all()
    return TechnicianPage(
        technicians=[
            TechnicianPublic(
                username=p.username, full_name=p.full_name, last_contact_at=p.last_seen_at
            )
            for p in people
        ],
        total=total,
        offset=page.offset,
        limit=page.limit,
    )
