"""GET /metrics, /metrics/categories and /metrics/daily: care metrics in SQL (supervisors)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from fieldapp.protocol import CategoryMetricsReport, DailyMetricsPage, MetricsReport
from fieldapp.server import metrics, metrics_daily
from fieldapp.server.db import SessionDep
from fieldapp.server.paging import Page, Range
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor

router = APIRouter(prefix="/metrics", tags=["supervisors"])
Technician = Annotated[str | None, Query(max_length=64, description="A technician's username.")]


@router.get("", responses=SUPERVISOR_ERRORS)
def get_metrics(
    _user: Supervisor, session: SessionDep, page: Page, when: Range, technician: Technician = None
) -> MetricsReport:
    """The team's care metrics over the range and one page of technicians' (counts and
    rates; see fieldapp/server/metrics.py for each definition)."""
    with session.begin():
        return metrics.report(session, when, page, technician)


@router.get("/categories", responses=SUPERVISOR_ERRORS)
def get_category_metrics(
    _user: Supervisor, session: SessionDep, when: Range, technician: Technician = None
) -> CategoryMetricsReport:
    """The care metrics per source category of the diagnosis (all five, in a fixed order:
    no paging needed), for the team or one technician."""
    with session.begin():
        return metrics.categories(session, when, technician)


@router.get("/daily", responses=SUPERVISOR_ERRORS)
def get_daily_metrics(
    _user: Supervisor, session: SessionDep, page: Page, when: Range, technician: Technician = None
) -> DailyMetricsPage:
    """Per day (paginated over the range's days), for the charts: completions, promises
    kept on time of those due, satisfaction average."""
    with session.begin():
        return metrics_daily.daily_page(session, when, page, technician)
