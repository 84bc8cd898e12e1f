"""The charts stay legible at 1, 7, 30 and 90 days: day labels whole, points on 100 % and 5
drawn inside the plot, every point a filled marker."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from fieldapp.protocol import DailyPoint
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.charts import Chart
from tests.ui.supervisor_kit import chooser_fixture, team_fixture, window_fixture

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def days(count: int) -> list[DailyPoint]:
    start = date(2026, 11, 1)
    return [
        DailyPoint(
            day=start + timedelta(days=number),
            completions=number % 5,
            promises_due=2,
            promises_kept_on_time=2,
            promises_kept_on_time_rate=1.0 if number % 2 == 0 else 0.0,
            satisfaction_average=5.0 if number % 2 == 0 else 1.0,
            satisfaction_count=1,
        )
        for number in range(count)
    ]


def labels_fit(view: Chart, count: int) -> None:
    """Each shown label is narrower than the days it has up to the next shown one."""
    shown = view.shown_labels()
    assert shown, view.chart_.title()
    assert len(set(shown)) == len(shown)
    axis = view.days_axis
    assert axis is not None
    per_day = view.chart_.plotArea().width() / count
    numbers = [axis.endValue(label) for label in shown]
    gaps = [b - a for a, b in itertools.pairwise(numbers)] or [count]
    width = QFontMetrics(axis.labelsFont()).horizontalAdvance
    for label, gap in zip(shown, gaps, strict=False):
        assert width(label) < gap * per_day, (count, label, gap, per_day)


@pytest.mark.parametrize("count", [1, 7, 30, 90])
def test_the_charts_are_legible_over_the_period(
    qtbot: QtBot, window: SupervisorWindow, count: int
) -> None:
    window.resize(1340, 720)
    charts = window.charts
    # Showing the tab reads the team's days in the background: that read must land first,
    # or it redraws the charts with its own days after the test's.
    with qtbot.waitSignal(charts.loaded, timeout=10_000):
        window.tabs.setCurrentWidget(charts)
    charts.on_loaded(days(count))
    qtbot.wait(50)
    for view in (charts.completions_view, charts.promises_view, charts.satisfaction_view):
        labels_fit(view, count)
    for view, series, top in (
        (charts.promises_view, charts.promises, 100.0),
        (charts.satisfaction_view, charts.satisfaction, 5.0),
    ):
        area = view.chart_.plotArea()
        radius = series.markerSize() / 2
        for number in range(count):
            y = series.at(number).y() if number < series.count() else top
            where = view.chart_.mapToPosition(QPointF(number, y), series)
            assert area.adjusted(-0.5, radius - 0.5, 0.5, -radius + 0.5).contains(where), (
                count,
                number,
                y,
            )
        assert series.brush().style() == Qt.BrushStyle.SolidPattern  # filled, not hollow
        assert series.brush().color() == series.color()
