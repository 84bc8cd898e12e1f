"""The visits the Dispatch tab lists: read page after page for the period, and their columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import BoardStatus, TimeRequestPublic, VisitOrigin, VisitPublic, VisitStatus
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.supervisor.board import status_label
from fieldapp.ui.supervisor.common import (
    Period,
    local,
    location_words,
    minutes_words,
    translate,
    window_words,
)
from fieldapp.ui.supervisor.priority_inputs import priority_text, priority_tip
from fieldapp.ui.supervisor.team import EVERYONE, UNASSIGNED, TeamDirectory
from fieldapp.ui.table_model import Column

PAGE = 1000
MAX_BOARD_DAYS = 366


def read_visits(
    client: SupervisorClient,
    period: Period,
    technician: str,
    cancelled: bool,
    assistants: dict[str, list[str]] | None = None,
) -> list[VisitPublic]:
    """The visits whose window starts in the period (days of the client's time zone), for a
    technician, unassigned or all, page after page; `assistants` (if given) gets who
    assists on each visit that has colleagues."""
    zone = ZoneInfo(client.zone)
    start = datetime.combine(period.date_from, time(0), tzinfo=zone)
    end = datetime.combine(period.date_to + timedelta(days=1), time(0), tzinfo=zone)
    found: list[VisitPublic] = []
    while True:
        page = client.visits(
            assignee=None if technician in (EVERYONE, UNASSIGNED) else technician,
            unassigned=technician == UNASSIGNED,
            status=None if cancelled else VisitStatus.SCHEDULED,
            starts_from=start,
            starts_before=end,
            offset=len(found),
            limit=PAGE,
        )
        found += page.visits
        if assistants is not None:
            assistants.update(page.assistants)
        if not page.visits or len(found) >= page.total:
            return found


@dataclass(frozen=True, slots=True)
class DispatchList:
    """The visits listed, how far each assigned one has got (from the board), and who
    assists on those that have colleagues (usernames by visit id)."""

    visits: list[VisitPublic]
    progress: dict[str, BoardStatus] = field(default_factory=dict)
    assistants: dict[str, list[str]] = field(default_factory=dict)
    # Users asking for another time (the customer page), waiting for an answer.
    requests: list[TimeRequestPublic] = field(default_factory=list)


def read_progress(client: SupervisorClient, period: Period) -> dict[str, BoardStatus]:
    """Each assigned visit's board status (upcoming, in progress, completed...) over the
    period; the board counts UTC days, so a day more each side covers any time zone."""
    found: dict[str, BoardStatus] = {}
    start, end = period.date_from - timedelta(days=1), period.date_to + timedelta(days=1)
    if (end - start).days >= MAX_BOARD_DAYS:  # the server's longest range
        start, end = period.date_from, period.date_to
    offset = 0
    while True:
        page = client.board(start, end, statuses=list(BoardStatus), offset=offset)
        for technician in page.technicians:
            found.update((v.id, v.status) for v in technician.visits)
        offset += len(page.technicians)
        if not page.technicians or offset >= page.total:
            return found


def read_dispatch(
    client: SupervisorClient, period: Period, technician: str, cancelled: bool
) -> DispatchList:
    assistants: dict[str, list[str]] = {}
    visits = read_visits(client, period, technician, cancelled, assistants)
    requests = list(client.time_requests().items)
    return DispatchList(visits, read_progress(client, period), assistants, requests)


def status_words(visit: VisitPublic, progress: Mapping[str, BoardStatus]) -> str:
    """ "Completed", "In progress", "Cancelled: <why>"... as the board says it."""
    if visit.status is VisitStatus.CANCELLED:
        cancelled = status_label(BoardStatus.CANCELLED)
        return f"{cancelled}: {visit.cancel_reason}" if visit.cancel_reason else cancelled
    status = progress.get(visit.id)
    return status_label(status) if status is not None else translate("DispatchTab", "Scheduled")


# How a visit came about (protocol.VisitOrigin), as the Origin column says it.
ORIGIN_WORDS = {
    VisitOrigin.DISPATCH: QT_TRANSLATE_NOOP("VisitOrigin", "Dispatch"),
    VisitOrigin.FOLLOW_UP: QT_TRANSLATE_NOOP("VisitOrigin", "Anything else: next day"),
    VisitOrigin.WALK_UP: QT_TRANSLATE_NOOP("VisitOrigin", "Walk-up"),
    VisitOrigin.ANYTHING_ELSE: QT_TRANSLATE_NOOP("VisitOrigin", "Anything else: handled now"),
    VisitOrigin.REOPENED: QT_TRANSLATE_NOOP("VisitOrigin", "Reopened: fix failed"),
}


def origin_words(visit: VisitPublic, team: TeamDirectory) -> str:
    """ "Walk-up, by Kyra Lane", "Dispatch"...: how the visit came about, and who made it
    when a technician did on the spot."""
    words = translate("VisitOrigin", ORIGIN_WORDS[visit.origin])
    if visit.origin is not VisitOrigin.DISPATCH and visit.created_by:
        return translate("VisitOrigin", "{origin}, by {name}").format(
            origin=words, name=team.name_of(visit.created_by)
        )
    return words


def technician_words(team: TeamDirectory, visit: VisitPublic, helping: list[str]) -> str:
    """The holder's name, and the colleagues assisting them, if any."""
    holder = team.name_of(visit.assignee)
    if not helping:
        return holder
    return holder + " + " + ", ".join(team.name_of(name) for name in helping)


def visit_columns(
    team: TeamDirectory,
    progress: Mapping[str, BoardStatus],
    assistants: Mapping[str, list[str]] | None = None,
) -> tuple[Column[VisitPublic], ...]:
    """The list's columns; `progress` and `assistants` (who assists, by visit id) are kept
    up to date by the tab with each read."""
    helping: Mapping[str, list[str]] = {} if assistants is None else assistants
    return (
        Column(
            translate("DispatchTab", "Window"),
            lambda v: window_words(v.window_start, v.window_end),
            sort=lambda v: v.window_start,
        ),
        Column(translate("DispatchTab", "Reference"), lambda v: v.reference),
        Column(translate("DispatchTab", "Customer"), lambda v: v.customer_name),
        Column(
            translate("DispatchTab", "Location"),
            lambda v: location_words(v.site, v.building, v.floor, v.room),
        ),
        Column(
            translate("DispatchTab", "Technician"),
            lambda v: technician_words(team, v, helping.get(v.id, [])),
        ),
        Column(translate("DispatchTab", "Priority"), priority_text, tip=priority_tip),
        Column(
            translate("DispatchTab", "Time"),
            lambda v: minutes_words(v.estimated_minutes),
            sort=lambda v: v.estimated_minutes,
        ),
        Column(translate("DispatchTab", "Status"), lambda v: status_words(v, progress)),
        Column(translate("DispatchTab", "Origin"), lambda v: origin_words(v, team)),
        Column(
            translate("DispatchTab", "Changed"),
            lambda v: local(v.updated_at),
            sort=lambda v: v.updated_at,
        ),
    )
