"""The visits the Dispatch tab lists: read page after page for the period, and their columns."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from fieldapp.protocol import VisitPublic, VisitStatus
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.supervisor.common import Period, local, location_words, window_words
from fieldapp.ui.supervisor.team import EVERYONE, UNASSIGNED, TeamDirectory
from fieldapp.ui.table_model import Column

PAGE = 1000


def read_visits(
    client: SupervisorClient, period: Period, technician: str, cancelled: bool
) -> list[VisitPublic]:
    """The visits whose window starts in the period (days of the client's time zone), for a
    technician, unassigned or all, page after page."""
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
        if not page.visits or len(found) >= page.total:
            return found


def visit_columns(team: TeamDirectory) -> tuple[Column[VisitPublic], ...]:
    return (
        Column(
            "Window",
            lambda v: window_words(v.window_start, v.window_end),
            sort=lambda v: v.window_start,
        ),
        Column("Reference", lambda v: v.reference),
        Column("Customer", lambda v: v.customer_name),
        Column(
            "Location",
            lambda v: location_words(v.site, v.building, v.floor, v.room),
        ),
        Column("Technician", lambda v: team.name_of(v.assignee)),
        Column("Priority", lambda v: v.priority.value.capitalize()),
        Column("Time", lambda v: f"{v.estimated_minutes} min", sort=lambda v: v.estimated_minutes),
        Column(
            "Status",
            lambda v: (
                f"Cancelled: {v.cancel_reason}"
                if v.status is VisitStatus.CANCELLED
                else "Scheduled"
            ),
        ),
        Column("Changed", lambda v: local(v.updated_at), sort=lambda v: v.updated_at),
    )
