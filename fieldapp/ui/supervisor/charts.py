"""Charts over the period, day by day: completions (bars), promises kept on time (line, %),
satisfaction (line, 1 to 5); for the team or one technician."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.protocol import DailyMetricsPage, DailyPoint
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import is_dark
from fieldapp.ui.supervisor.common import Period
from fieldapp.ui.supervisor.tab import ReadingTab, TechnicianCombo, filter_row
from fieldapp.ui.supervisor.team import TeamDirectory

MANY_DAYS = 14  # beyond this many days the day labels stand upright


def read_days(client: SupervisorClient, period: Period, technician: str | None) -> list[DailyPoint]:
    """Every day of the period, page after page."""
    page: DailyMetricsPage = client.daily_metrics(
        period.date_from, period.date_to, technician=technician
    )
    days = list(page.days)
    while page.days and len(days) < page.total:
        page = client.daily_metrics(
            period.date_from, period.date_to, technician=technician, offset=len(days)
        )
        days += page.days
    return days


def day_labels(days: list[DailyPoint]) -> list[str]:
    """Unique labels: the weekday for a week or less, the year for long periods."""
    form = "%a %d %b" if len(days) <= 7 else "%d %b" if len(days) <= 180 else "%d %b %y"
    return [d.day.strftime(form) for d in days]


class Chart(QChartView):
    """One chart of the tab, in the palette's colours (light or dark), antialiased."""

    def __init__(self, title: str, name: str) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_)
        self.chart_.setTitle(title)
        self.chart_.legend().hide()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(0)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setMinimumHeight(220)

    def reset(self, dark: bool, palette: QPalette) -> None:
        """Drop the series and axes, and take the palette's colours."""
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        chart.setTitleBrush(palette.color(QPalette.ColorRole.Text))
        chart.legend().hide()

    def add_axes(self, x: QAbstractAxis, y: QAbstractAxis, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
            axis.setLabelsColor(text)
            self.chart_.addAxis(axis, side)
            for series in self.chart_.series():
                series.attachAxis(axis)


class ChartsTab(ReadingTab[list[DailyPoint]]):
    """Three charts over the period's days.

    Signals:
        loaded(): the charts were drawn from a fresh read.
    """

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        period: Callable[[], Period],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._period = period
        self.days: list[DailyPoint] = []
        self.technician_combo = TechnicianCombo(team, "Whose charts", self, everyone="Whole team")
        self.technician_combo.activated.connect(lambda _i: self.refresh())
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Charts summary")
        top = filter_row(self, [("Fo&r:", self.technician_combo)], self.summary)

        self.completions_view = Chart("Visits completed per day", "Completions per day")
        self.promises_view = Chart("Promises kept on time (%)", "Promises kept on time per day")
        self.satisfaction_view = Chart("Satisfaction (average, 1\u20135)", "Satisfaction trend")
        self.completions = QBarSet("Completed")
        self.promises = QLineSeries()
        self.satisfaction = QLineSeries()
        grid = QGridLayout()
        grid.addWidget(self.completions_view, 0, 0, 1, 2)
        grid.addWidget(self.promises_view, 1, 0)
        grid.addWidget(self.satisfaction_view, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    def reader(self) -> Callable[[], list[DailyPoint]]:
        period = self._period()
        technician = self.technician_combo.technician()
        return lambda: read_days(self._client, period, technician)

    def on_loaded(self, days: list[DailyPoint]) -> None:
        self.days = days
        self.draw()
        total = sum(d.completions for d in days)
        rated = sum(d.satisfaction_count for d in days)
        self.summary.setText(f"{total} completed \u00b7 {rated} ratings over {len(days)} days")

    def draw(self) -> None:
        """(Re)draw the three charts from `days`, in the current palette."""
        dark, palette = is_dark(self), self.palette()
        accent = QColor("#8ab4f8" if dark else "#2f6fb3")
        labels = day_labels(self.days)
        for view in (self.completions_view, self.promises_view, self.satisfaction_view):
            view.reset(dark, palette)

        self.completions = QBarSet("Completed")
        self.completions.append([float(d.completions) for d in self.days])
        self.completions.setColor(accent)
        self.completions.setBorderColor(accent)
        bars = QBarSeries()
        bars.append(self.completions)
        self.completions_view.chart_.addSeries(bars)
        most = max((d.completions for d in self.days), default=0)
        self.completions_view.add_axes(
            self._days_axis(labels), self._value_axis(0, max(most, 4), "%d"), palette
        )

        self.promises = self._line(
            [(i, d.promises_kept_on_time_rate * 100) for i, d in enumerate(self.days)
             if d.promises_kept_on_time_rate is not None],
            accent,
        )  # fmt: skip
        self.promises_view.chart_.addSeries(self.promises)
        self.promises_view.chart_.setTitle(
            "Promises kept on time (%)"
            + ("" if self.promises.count() else " \u2014 none fell due in the period")
        )
        self.promises_view.add_axes(
            self._days_axis(labels), self._value_axis(0, 100, "%d%%"), palette
        )

        self.satisfaction = self._line(
            [(i, d.satisfaction_average) for i, d in enumerate(self.days)
             if d.satisfaction_average is not None],
            accent,
        )  # fmt: skip
        self.satisfaction_view.chart_.addSeries(self.satisfaction)
        self.satisfaction_view.chart_.setTitle(
            "Satisfaction (average, 1\u20135)"
            + ("" if self.satisfaction.count() else " \u2014 no rating in the period")
        )
        self.satisfaction_view.add_axes(
            self._days_axis(labels), self._value_axis(1, 5, "%.0f"), palette
        )

    def _line(self, points: list[tuple[int, float]], color: QColor) -> QLineSeries:
        series = QLineSeries()
        series.append([QPointF(x, y) for x, y in points])
        series.setPointsVisible(True)
        series.setPen(QPen(color, 2.5))
        series.setColor(color)
        return series

    def _days_axis(self, labels: list[str]) -> QBarCategoryAxis:
        axis = QBarCategoryAxis()
        axis.append(labels or [""])
        if len(labels) > MANY_DAYS:
            axis.setLabelsAngle(-90)
        return axis

    def _value_axis(self, low: float, high: float, form: str) -> QValueAxis:
        axis = QValueAxis()
        axis.setRange(low, high)
        axis.setLabelFormat(form)
        if form == "%d":
            axis.setTickType(QValueAxis.TickType.TicksDynamic)
            axis.setTickInterval(max(1, round(high / 4)))
            axis.setTickAnchor(0)
        return axis
