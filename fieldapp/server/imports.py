"""Bulk visit import (CSV or JSON): parse and check every row first, then create them all at once.

The rows are checked without the database (schema, windows, repeated references) and
converted for the driver (plan_import) before any write transaction starts; inside it they
are checked against the database (taken references, assignees, follow_up_of) and inserted
with a handful of executemany statements and one feed stamp.
The counter lock that orders every writer (feed.lock_counter) is thus held for a fraction
of a second even for thousands of rows, so technicians' pushes barely wait behind it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.protocol import Role, VisitCreate, VisitFields, VisitStatus
from fieldapp.server import feed, intake
from fieldapp.server.bulk import DriverInsert, prepare_insert
from fieldapp.server.errors import ApiError
from fieldapp.server.list_files import ListImportError, read_list
from fieldapp.server.models import Assignment, User, Visit

_FIELD_NAMES = tuple(VisitFields.model_fields)
# Keeps each IN (...) list well under SQLite's and psycopg's parameter limits.
_CHUNK = 500


class VisitImportError(ListImportError):
    """A visit file that cannot be imported; `problems` names each bad row and field."""


def parse_rows(text: str, kind: str, name: str = "the file") -> list[tuple[str, object]]:
    """The rows of a visit file's text, each with where it is ("line 3", "item 2").

    `kind` is "csv" (header row = VisitCreate field names, each at most once) or "json"
    (a list of objects).

    Raises:
        VisitImportError: the text is not such a file.
    """
    return read_list(
        text,
        kind,
        name=name,
        fields=set(VisitCreate.model_fields),
        items="visits",
        field_word="a visit field",
        error=VisitImportError,
    )


def check_rows(rows: Sequence[tuple[str, object]]) -> list[tuple[str, VisitCreate]]:
    """Every row as a VisitCreate, checked as far as it can be without the database.

    Raises:
        VisitImportError: names each bad row and field (nothing is imported).
    """
    checked: list[tuple[str, VisitCreate]] = []
    problems: list[str] = []
    references: dict[str, str] = {}
    for where, raw in rows:
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be an object with the visit's fields")
            continue
        try:
            visit = VisitCreate.model_validate(raw)
        except ValidationError as error:
            problems.append(_problem(where, error))
            continue
        if visit.reference in references:
            problems.append(
                f"{where}, field 'reference': '{visit.reference}' repeats "
                f"{references[visit.reference]}"
            )
        references[visit.reference] = where
        if visit.window_end <= visit.window_start:
            problems.append(f"{where}: the visit's window must end after it starts (window_end)")
        checked.append((where, visit))
    if problems:
        raise VisitImportError(problems)
    return checked


def _problem(where: str, error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or "row"
    return f"{where}, field '{field}': {first.get('msg', 'invalid')}"


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _found(session: Session, column: Any, values: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(values):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


def _technicians(session: Session, usernames: Iterable[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(usernames):
        rows = session.execute(
            select(User.username, User.id).where(
                User.username.in_(chunk), User.active.is_(True), User.role == Role.TECHNICIAN
            )
        )
        ids.update((username, user_id) for username, user_id in rows)
    return ids


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Checked rows made ready to insert (see plan_import)."""

    checked: list[tuple[str, VisitCreate]]
    assignees: dict[str, int]  # username -> id, as read when planning
    ids: list[str]
    visits: DriverInsert
    assignments: DriverInsert
    handed: list[tuple[int, str]]  # (technician id, visit id) of the assigned visits


def plan_import(
    session: Session, checked: Sequence[tuple[str, VisitCreate]], now: datetime
) -> ImportPlan:
    """Everything create_visits will insert, converted for the driver: the slow part, done
    before the write transaction. Reads the assignees' ids (create_visits checks them again).
    """
    dialect = session.get_bind().dialect
    assignees = _technicians(session, (v.assignee for _, v in checked if v.assignee))
    checked = _settled(session, checked)
    visits: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    handed: list[tuple[int, str]] = []
    for _, data in checked:
        visit_id = str(uuid.uuid4())
        assignee_id = assignees.get(data.assignee) if data.assignee is not None else None
        visits.append(
            {
                **{name: getattr(data, name) for name in _FIELD_NAMES},
                "priority": data.priority.value,
                "impact": data.impact.value,
                "urgency": data.urgency.value,
                "id": visit_id,
                "assignee_id": assignee_id,
                "status": VisitStatus.SCHEDULED.value,
                "cancel_reason": None,
                "created_at": now,
                "updated_at": now,
            }
        )
        if assignee_id is not None:
            handed.append((assignee_id, visit_id))
            assignments.append(
                {"visit_id": visit_id, "technician_id": assignee_id, "assigned_at": now}
            )
    return ImportPlan(
        checked=list(checked),
        assignees=assignees,
        ids=[row["id"] for row in visits],
        visits=prepare_insert(dialect, Visit, visits),
        assignments=prepare_insert(dialect, Assignment, assignments),
        handed=handed,
    )


def _settled(
    session: Session, checked: Sequence[tuple[str, VisitCreate]]
) -> list[tuple[str, VisitCreate]]:
    """Each row with the priority its impact, urgency and VIP give; a row whose typed
    priority differs is named (nothing is imported)."""
    matrix = intake.current_matrix(session)
    settled: list[tuple[str, VisitCreate]] = []
    problems: list[str] = []
    for where, data in checked:
        try:
            settled.append((where, intake.settled_with(matrix, data)))
        except ApiError as error:
            problems.append(f"{where}, field 'priority': {error.message.rstrip('.')}")
    if problems:
        raise VisitImportError(problems)
    return settled


def create_visits(session: Session, plan: ImportPlan, now: datetime) -> list[str]:
    """Create the planned visits, all or nothing; their ids, in row order.

    Each assigned visit reaches its technician's feed, as create_visit does for one. The
    caller owns the write transaction; on VisitImportError nothing has been written.

    Raises:
        VisitImportError: a reference already taken, an unknown assignee or follow_up_of
            (or one that changed since the plan was made).
    """
    checked = plan.checked
    taken = _found(session, Visit.reference, (v.reference for _, v in checked))
    parents = _found(session, Visit.id, (v.follow_up_of for _, v in checked if v.follow_up_of))
    assignees = _technicians(session, plan.assignees)
    problems: list[str] = []
    for where, visit in checked:
        if visit.reference in taken:
            problems.append(f"{where}: A visit with reference '{visit.reference}' already exists.")
        if visit.follow_up_of is not None and visit.follow_up_of not in parents:
            problems.append(f"{where}: The visit named in follow_up_of does not exist.")
        if visit.assignee is not None and (
            visit.assignee not in assignees
            or assignees[visit.assignee] != plan.assignees[visit.assignee]
        ):
            problems.append(
                f"{where}: '{visit.assignee[:64]}' is not an active technician's username."
            )
    if problems:
        raise VisitImportError(problems)
    connection = session.connection()
    plan.visits.execute(connection)
    plan.assignments.execute(connection)
    if plan.handed:
        # Only the feed rows need the writers' order: on PostgreSQL, pushes wait for the
        # counter lock just while they are stamped and written (on SQLite the whole
        # transaction holds the write lock anyway).
        feed.lock_counter(session)
        feed.visits_added(session, plan.handed, now)
    return plan.ids
