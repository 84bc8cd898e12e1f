"""A visit's priority inputs as the supervisors set them (impact, urgency, the VIP override)
with the priority the matrix gives them, and the intake figures' columns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.domain.priority import LEVEL_NAMES, LEVELS
from fieldapp.domain.priority import work_out as work_out_priority
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import CareMetrics, Level, Priority, PriorityMatrixPublic, VisitPublic
from fieldapp.ui.supervisor.common import count_column, rate, translate
from fieldapp.ui.table_model import Column

T = TypeVar("T")
Cells = Mapping[str, Mapping[str, str]]

# The domain's priorities and impact/urgency levels (protocol values) as the screens say them.
PRIORITY_WORDS = {
    "low": QT_TRANSLATE_NOOP("Priority", "Low"),
    "normal": QT_TRANSLATE_NOOP("Priority", "Normal"),
    "high": QT_TRANSLATE_NOOP("Priority", "High"),
    "critical": QT_TRANSLATE_NOOP("Priority", "Critical"),
}
LEVEL_WORDS = LEVEL_NAMES  # the domain's, which its refusals name levels by


def priority_label(priority: str) -> str:
    """A priority ("critical") in the user's language ("Critical")."""
    words = PRIORITY_WORDS.get(priority)
    return translate("Priority", words) if words else priority.capitalize()


def level_label(level: str) -> str:
    """An impact or urgency level ("medium") in the user's language ("Medium")."""
    words = LEVEL_WORDS.get(level)
    return translate("Level", words) if words else level.capitalize()


def priority_words(priority: Priority | str, vip: bool) -> str:
    """ "Critical (VIP)" for the override, else the priority."""
    text = priority_label(str(getattr(priority, "value", priority)))
    return translate("Priority", "{priority} (VIP)").format(priority=text) if vip else text


def matrix_cells(matrix: PriorityMatrixPublic) -> dict[str, dict[str, str]]:
    return {i.value: {u.value: p.value for u, p in row.items()} for i, row in matrix.cells.items()}


def priority_text(visit: VisitPublic) -> str:
    """The priority as a list shows it: "Critical (VIP)" for the override."""
    return priority_words(visit.priority, visit.vip)


def priority_tip(visit: VisitPublic) -> str:
    """Why the visit has its priority (the lists' tooltip)."""
    if visit.vip:
        return translate(
            "Priority", "VIP: critical by an explicit override, whatever its impact and urgency."
        )
    return translate("Priority", "From {impact} impact and {urgency} urgency.").format(
        impact=level_label(visit.impact.value).lower(),
        urgency=level_label(visit.urgency.value).lower(),
    )


class PriorityInputs(QWidget):
    """Impact, urgency and the VIP override, with the priority the matrix gives them."""

    def __init__(self, matrix: Cells, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = matrix
        self.impact = self._levels(self.tr("Impact"))
        self.urgency = self._levels(self.tr("Urgency"))
        self.vip = QCheckBox(self.tr("VIP (overrides to critical)"), self)
        self.vip.setAccessibleName(self.tr("VIP override"))
        self.vip.setToolTip(
            self.tr(
                "Only when the organisation has decided this person's visits jump the queue: "
                "the override is recorded and shown, never hidden in the impact or urgency."
            )
        )
        self.result = QLabel(self)
        self.result.setAccessibleName(self.tr("Priority worked out"))
        # The choices on one line, the VIP box and the priority they give under them: one
        # line was wider than the New visit form (in German more so).
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        captions = ((self.tr("Impact"), self.impact), (self.tr("urgency"), self.urgency))
        for caption, widget in captions:
            label = QLabel(caption, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        lines.addLayout(row)
        lines.addWidget(self.vip)
        lines.addWidget(self.result)
        for signal in (
            self.impact.currentIndexChanged,
            self.urgency.currentIndexChanged,
            self.vip.toggled,
        ):
            signal.connect(lambda *_a: self.show_result())
        self.show_result()

    def _levels(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for level in LEVELS:
            combo.addItem(level_label(level), level)
        combo.setCurrentIndex(combo.findData("medium"))
        return combo

    def set_values(self, impact: str, urgency: str, vip: bool) -> None:
        self.impact.setCurrentIndex(self.impact.findData(impact))
        self.urgency.setCurrentIndex(self.urgency.findData(urgency))
        self.vip.setChecked(vip)

    def values(self) -> tuple[Level, Level, bool]:
        return (
            Level(self.impact.currentData()),
            Level(self.urgency.currentData()),
            self.vip.isChecked(),
        )

    def worked_out(self) -> str:
        impact, urgency, vip = self.values()
        return work_out_priority(self.matrix, impact.value, urgency.value, vip=vip)

    def show_result(self) -> None:
        why = self.tr("VIP override") if self.vip.isChecked() else self.tr("from the matrix")
        self.result.setText(
            self.tr("Priority: {priority} ({why})").format(
                priority=priority_label(self.worked_out()), why=why
            )
        )


def intake_columns(metrics: Callable[[T], CareMetrics]) -> tuple[Column[T], ...]:
    """The intake rules' columns (docs/supervision.md) for rows whose figures `metrics` gives."""

    def of_diagnosed(title: str, count: Callable[[CareMetrics], int], tip: str) -> Column[T]:
        def value(m: CareMetrics) -> float | None:
            return count(m) / m.diagnosed if m.diagnosed else None

        return Column(
            title,
            lambda r: rate(value(metrics(r)), count(metrics(r)), metrics(r).diagnosed),
            sort=lambda r: -1.0 if value(metrics(r)) is None else value(metrics(r)),
            tip=lambda _r: tip,
            numeric=True,
        )

    return (
        of_diagnosed(
            translate("MetricsTab", "Asked how\nlong"),
            lambda m: m.asked_how_long,
            translate(
                "MetricsTab",
                "Of the diagnosed visits: the user was asked how long the problem has been "
                "happening (the latest diagnosis counts).",
            ),
        ),
        of_diagnosed(
            translate("MetricsTab", "User showed\nthe problem"),
            lambda m: m.user_showed_problem,
            translate(
                "MetricsTab", "Of the diagnosed visits: the user showed the technician the problem."
            ),
        ),
        count_column(
            translate("MetricsTab", "Added to what\nwas tried"),
            lambda r: metrics(r).already_tried_added,
        ),
        count_column(translate("MetricsTab", "VIP\nvisits"), lambda r: metrics(r).vip_visits),
    )
