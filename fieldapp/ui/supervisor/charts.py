"""Charts over the period, day by day: completions (bars), promises kept on time (line, %),
satisfaction (line, 1 to 5); for the team or one technician."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.protocol import DailyMetricsPage, DailyPoint
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.resources import is_dark
from fieldapp.ui.supervisor.common import Period, day_words, number, translate
from fieldapp.ui.supervisor.tab import ReadingTab, TechnicianCombo, filter_row
from fieldapp.ui.supervisor.team import TeamDirectory

LABEL_GAP = 14  # pixels between two day labels
# Values are drawn a little inside the plot: a point on 100 % or 5 keeps its whole marker.
HEADROOM = 0.06
MARKER = 7.0


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
    """Unique labels: the weekday for a week or less, the year for long periods (in the
    language's words)."""
    if len(days) <= 7:
        form = translate("ChartsTab", "ddd dd MMM", "a day of a week (QLocale format)")
    elif len(days) <= 180:
        form = translate("ChartsTab", "dd MMM", "a day of a month (QLocale format)")
    else:
        form = translate("ChartsTab", "dd MMM yy", "a day of a year (QLocale format)")
    return [day_words(d.day, form) for d in days]


def percent_format() -> str:
    """A value axis's label format for percentages (numbers in the chart's locale)."""
    return translate("ChartsTab", "%.0f%", "an axis label: the number, then the percent sign")


def thinned(labels: list[str], room: int, label_width: int) -> list[tuple[int, str]]:
    """(day number, label) of the labels that fit side by side in `room` pixels, evenly
    spaced from the first day (every day when they all fit)."""
    fits = max(1, room // max(1, label_width + LABEL_GAP))
    step = max(1, -(-len(labels) // fits))
    return [(number, label) for number, label in enumerate(labels) if number % step == 0]


class Chart(QChartView):
    """One chart of the tab, in the palette's colours (light or dark), antialiased."""

    def __init__(self, title: str, name: str) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_)
        self.chart_.setTitle(title)
        # Axis numbers as the language writes them ("4,5"); then a format's text after the
        # number stays as written, so a percent sign is "%.0f%" (not printf's "%.0f%%"; Qt
        # draws nothing for a localised "%d").
        self.chart_.setLocalizeNumbers(True)
        self.chart_.setLocale(QLocale())
        self.chart_.legend().hide()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(0)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setMinimumHeight(220)
        self.days_axis: QCategoryAxis | None = None
        self.day_names: list[str] = []
        self.chart_.plotAreaChanged.connect(lambda _area: self.relabel())

    def set_days(self, axis: QCategoryAxis, labels: list[str]) -> None:
        """Use `axis` for the days, labelled with as many of `labels` as fit the width."""
        self.days_axis, self.day_names = axis, labels
        self.relabel()

    def shown_labels(self) -> list[str]:
        axis = self.days_axis
        return list(axis.categoriesLabels()) if axis is not None else []

    def relabel(self) -> None:
        """Label the days that fit the chart's width (each label is centred on its day and
        has the room of the days up to the next one, so none is cut)."""
        axis = self.days_axis
        if axis is None:
            return
        metrics = QFontMetrics(axis.labelsFont())
        widest = max((metrics.horizontalAdvance(n) for n in self.day_names), default=0)
        room = min(int(self.chart_.plotArea().width()) or self.width(), self.width() - 60)
        shown = thinned(self.day_names, room, widest)
        if [label for _, label in shown] == self.shown_labels():
            return
        for label in axis.categoriesLabels():
            axis.remove(label)
        for day, label in shown:
            axis.append(label, day)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.relabel()

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
        self.days_axis = None

    def add_axes(self, x: QAbstractAxis, y: QAbstractAxis, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
            axis.setLabelsColor(text)
            self.chart_.addAxis(axis, side)
            for series in self.chart_.series():
                series.attachAxis(axis)
        if isinstance(x, QCategoryAxis):
            self.set_days(x, list(x.property("day_names") or []))


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
        self.technician_combo = TechnicianCombo(
            team, self.tr("Whose charts"), self, everyone=self.tr("Whole team")
        )
        self.technician_combo.activated.connect(lambda _i: self.refresh())
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Charts summary"))
        top = filter_row(self, [(self.tr("Fo&r:"), self.technician_combo)], self.summary)

        self.completions_view = Chart(
            self.tr("Visits completed per day"), self.tr("Completions per day")
        )
        self.promises_view = Chart(
            self.tr("Promises kept on time (%)"), self.tr("Promises kept on time per day")
        )
        self.satisfaction_view = Chart(
            self.tr("Satisfaction (average, 1\u20135)"), self.tr("Satisfaction trend")
        )
        self.completions = QBarSet(self.tr("Completed"))
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
        self.summary.setText(
            self.tr("{completed} completed \u00b7 {ratings} over {days}").format(
                completed=number(total),
                ratings=counted(rated, self.tr("{count} rating"), self.tr("{count} ratings")),
                days=counted(len(days), self.tr("{count} day"), self.tr("{count} days")),
            )
        )

    def draw(self) -> None:
        """(Re)draw the three charts from `days`, in the current palette."""
        dark, palette = is_dark(self), self.palette()
        accent = QColor("#8ab4f8" if dark else "#2f6fb3")
        labels = day_labels(self.days)
        for view in (self.completions_view, self.promises_view, self.satisfaction_view):
            view.reset(dark, palette)

        self.completions = QBarSet(self.tr("Completed"))
        self.completions.append([float(d.completions) for d in self.days])
        self.completions.setColor(accent)
        self.completions.setBorderColor(accent)
        bars = QBarSeries()
        bars.append(self.completions)
        self.completions_view.chart_.addSeries(bars)
        most = max((d.completions for d in self.days), default=0)
        self.completions_view.add_axes(
            self._days_axis(labels),
            self._value_axis(0, max(most, 4), "%.0f", 1, bars=True),
            palette,
        )

        self.promises = self._line(
            [(i, d.promises_kept_on_time_rate * 100) for i, d in enumerate(self.days)
             if d.promises_kept_on_time_rate is not None],
            accent,
        )  # fmt: skip
        self.promises_view.chart_.addSeries(self.promises)
        self.promises_view.chart_.setTitle(
            self.tr("Promises kept on time (%)")
            if self.promises.count()
            else self.tr("Promises kept on time (%) \u2014 none fell due in the period")
        )
        self.promises_view.add_axes(
            self._days_axis(labels), self._value_axis(0, 100, percent_format(), 25), palette
        )

        self.satisfaction = self._line(
            [(i, d.satisfaction_average) for i, d in enumerate(self.days)
             if d.satisfaction_average is not None],
            accent,
        )  # fmt: skip
        self.satisfaction_view.chart_.addSeries(self.satisfaction)
        self.satisfaction_view.chart_.setTitle(
            self.tr("Satisfaction (average, 1\u20135)")
            if self.satisfaction.count()
            else self.tr("Satisfaction (average, 1\u20135) \u2014 no rating in the period")
        )
        self.satisfaction_view.add_axes(
            self._days_axis(labels), self._value_axis(1, 5, "%.0f", 1), palette
        )

    def _line(self, points: list[tuple[int, float]], color: QColor) -> QLineSeries:
        series = QLineSeries()
        series.append([QPointF(x, y) for x, y in points])
        series.setPointsVisible(True)
        series.setMarkerSize(MARKER if len(self.days) <= 31 else MARKER / 2)
        series.setPen(QPen(color, 2.5))
        series.setColor(color)
        series.setBrush(QBrush(color))  # filled points: none reads as an empty marker
        return series

    def _days_axis(self, labels: list[str]) -> QCategoryAxis:
        """Day i sits on x = i; its label is put there by Chart.relabel, as room allows."""
        axis = QCategoryAxis()
        axis.setRange(-0.5, max(len(labels), 1) - 0.5)
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setGridLineVisible(False)
        axis.setProperty("day_names", labels)
        return axis

    def _value_axis(
        self, low: float, high: float, form: str, tick: float, *, bars: bool = False
    ) -> QValueAxis:
        """An axis from `low` to `high` with a tick every `tick` (or a multiple: about 4
        ticks), a little room past the ends so that points on them are drawn whole (bars
        stand on `low`)."""
        axis = QValueAxis()
        spread = high - low
        step = max(tick, round(spread / 4 / tick) * tick)
        axis.setRange(low if bars else low - spread * HEADROOM, high + spread * HEADROOM)
        axis.setLabelFormat(form)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickInterval(step)
        axis.setTickAnchor(low)
        return axis
