"""The care audit's figures (greeting, telling the user when late, teaching, out-of-scope
requests) as table columns, and per source category of the diagnosis as a table and charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QWidget

from fieldapp.domain.codes import source_category_code
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import CareMetrics, CategoryMetrics
from fieldapp.ui.resources import is_dark
from fieldapp.ui.supervisor.charts import Chart, percent_format
from fieldapp.ui.supervisor.common import Table, count_column, number, rate, translate
from fieldapp.ui.table_model import Column, TableModel

T = TypeVar("T")

# The diagnosis's source categories (domain values) as the screens say them.
CATEGORY_NAMES = {
    "network": QT_TRANSLATE_NOOP("SourceCategory", "Network"),
    "software": QT_TRANSLATE_NOOP("SourceCategory", "Software"),
    "hardware": QT_TRANSLATE_NOOP("SourceCategory", "Hardware"),
    "configuration": QT_TRANSLATE_NOOP("SourceCategory", "Configuration"),
    "user_knowledge": QT_TRANSLATE_NOOP("SourceCategory", "User knowledge"),
}
# Light / dark variants of each bar set's colour, in the order the sets are drawn.
_COLORS = (("#2f6fb3", "#8ab4f8"), ("#b36b00", "#ffb74d"), ("#2e7d32", "#81c995"))


def category_name(category: str) -> str:
    """A source category in the user's language (a newer server's one as its name)."""
    words = CATEGORY_NAMES.get(category)
    if words is None:
        return category.replace("_", " ").capitalize()
    return translate("SourceCategory", words)


def visit_category_name(category: str) -> str:
    """A visit's category, typed by dispatch: a source category's code ("software") in the
    user's language, any other text as typed."""
    code = source_category_code(category)
    return category_name(code) if code else category


def _rate_column(
    title: str,
    metrics: Callable[[T], CareMetrics],
    value: Callable[[CareMetrics], float | None],
    part: Callable[[CareMetrics], int],
    whole: Callable[[CareMetrics], int],
    *,
    tip: str,
) -> Column[T]:
    return Column(
        title,
        lambda r: rate(value(metrics(r)), part(metrics(r)), whole(metrics(r))),
        sort=lambda r: -1.0 if value(metrics(r)) is None else value(metrics(r)),
        tip=lambda _r: tip,
        numeric=True,
    )


def diagnoses_words(m: CareMetrics) -> str:
    """ "Network 2 · Hardware 1", most first; an en dash when nothing was diagnosed."""
    counts = [(getattr(m, f"diagnosed_{c}"), category_name(c)) for c in CATEGORY_NAMES]
    shown = [f"{name} {number(n)}" for n, name in sorted(counts, key=lambda c: -c[0]) if n]
    return " \u00b7 ".join(shown) or "\u2013"


def audit_columns(metrics: Callable[[T], CareMetrics]) -> tuple[Column[T], ...]:
    """The care audit's columns for rows whose figures `metrics` gives."""
    return (
        _rate_column(
            translate("MetricsTab", "Greeted on\narrival"),
            metrics,
            lambda m: m.greeting_rate,
            lambda m: m.arrivals_greeted,
            lambda m: m.arrivals,
            tip=translate(
                "MetricsTab",
                "Of the arrivals: the technician greeted the user, introduced themselves and "
                "said why they came.",
            ),
        ),
        _rate_column(
            translate("MetricsTab", "Late: user\ntold"),
            metrics,
            lambda m: m.late_told_rate,
            lambda m: m.late_arrivals_told,
            lambda m: m.late_arrivals,
            tip=translate(
                "MetricsTab", "Of the arrivals late against the window: the customer was told."
            ),
        ),
        _rate_column(
            translate("MetricsTab", "Teaching\naccepted"),
            metrics,
            lambda m: m.teaching_accepted_rate,
            lambda m: m.teaching_accepted,
            lambda m: m.teaching_offered,
            tip=translate(
                "MetricsTab",
                "Of the visits where teaching was offered after the fix: the user accepted it.",
            ),
        ),
        count_column(
            translate("MetricsTab", "Out-of-scope\nrequests"),
            lambda r: metrics(r).out_of_scope_requests,
        ),
    )


def category_columns() -> tuple[Column[CategoryMetrics], ...]:
    """The per-category table's columns, titles in the language of the moment."""
    return (
        Column(translate("MetricsTab", "Source"), lambda c: category_name(c.category)),
        count_column(translate("MetricsTab", "Diagnosed\nvisits"), lambda c: c.metrics.visits),
        *audit_columns(lambda c: c.metrics),
    )


class CategoryCharts(QWidget):
    """Per source category: a table and two charts (rates in %, counts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[CategoryMetrics] = []
        self.model: TableModel[CategoryMetrics] = TableModel(category_columns(), self)
        self.table = Table(self.model, self.tr("Care metrics per source category"))
        self.table.set_empty_text(self.tr("No diagnosis in this period."))
        self.rates_view = Chart(
            self.tr("Per source category (%)"), self.tr("Care rates per source category")
        )
        self.counts_view = Chart(
            self.tr("Per source category"), self.tr("Counts per source category")
        )
        for view in (self.rates_view, self.counts_view):
            view.setMinimumHeight(200)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.rates_view, 3)
        layout.addWidget(self.counts_view, 2)

    def show_categories(self, categories: list[CategoryMetrics]) -> None:
        self.categories = categories
        self.model.set_rows(categories)
        self.table.resizeColumnsToContents()
        self.draw()

    def bars(self, view: Chart) -> list[QBarSet]:
        """The bar sets the chart shows, in order (for tests and screen readers)."""
        return [s for series in view.chart_.series() if isinstance(series, QBarSeries)
                for s in series.barSets()]  # fmt: skip

    def draw(self) -> None:
        dark = is_dark(self)
        labels = [category_name(c.category) for c in self.categories] or [""]
        rates: list[tuple[str, Callable[[CareMetrics], float | None]]] = [
            (self.tr("Greeted on arrival"), lambda m: m.greeting_rate),
            (self.tr("Late: user told"), lambda m: m.late_told_rate),
            (self.tr("Teaching accepted"), lambda m: m.teaching_accepted_rate),
        ]
        self._draw(
            self.rates_view,
            [(title, [(v(c.metrics) or 0.0) * 100 for c in self.categories])
             for title, v in rates],
            labels,
            (0, 100, percent_format()),
            dark,
        )  # fmt: skip
        counts = [
            (self.tr("Diagnosed visits"), [float(c.metrics.visits) for c in self.categories]),
            (self.tr("Out-of-scope requests"), [float(c.metrics.out_of_scope_requests)
                                       for c in self.categories]),
        ]  # fmt: skip
        most = max((v for _, values in counts for v in values), default=0.0)
        self._draw(self.counts_view, counts, labels, (0, max(most, 4.0), "%.0f"), dark)

    def _draw(
        self,
        view: Chart,
        sets: list[tuple[str, list[float]]],
        labels: list[str],
        scale: tuple[float, float, str],
        dark: bool,
    ) -> None:
        palette = self.palette()
        view.reset(dark, palette)
        series = QBarSeries()
        for (title, values), (light, deep) in zip(sets, _COLORS, strict=False):
            bar_set = QBarSet(title)
            bar_set.append(values)
            color = QColor(deep if dark else light)
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            series.append(bar_set)
        view.chart_.addSeries(series)
        legend = view.chart_.legend()
        legend.setLabelColor(palette.color(palette.ColorRole.Text))
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.show()
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        small = QFont(axis_x.labelsFont())
        small.setPointSizeF(small.pointSizeF() * 0.85)  # five category names side by side
        axis_x.setLabelsFont(small)
        legend.setFont(small)
        axis_y = QValueAxis()
        low, high, form = scale
        axis_y.setRange(low, high)
        axis_y.setLabelFormat(form)
        view.add_axes(axis_x, axis_y, palette)
