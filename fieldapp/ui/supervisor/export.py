"""Export: the period's visits and metrics as CSV files, saved where the supervisor chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.common import FileChooser, FileRequest, Loader, Period
from fieldapp.ui.supervisor.tab import TechnicianCombo
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.visit.attachments import size_words


class ExportTab(QWidget):
    """Two buttons, one file each; the download runs in the background.

    Signals:
        exported(str): a file was saved (its path).
    """

    exported = Signal(str)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        period: Callable[[], Period],
        choose_file: FileChooser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._period = period
        self._choose_file = choose_file
        self.loader: Loader[int] = Loader(runner, self)
        self.technician_combo = TechnicianCombo(
            team, self.tr("Whose data to export"), self, everyone=self.tr("Whole team")
        )
        self.period_label = QLabel(self)
        self.visits_button = QPushButton(
            icon("export"), self.tr("Export v&isits (CSV)\u2026"), self
        )
        self.visits_button.setAccessibleName(self.tr("Export the visits as CSV"))
        self.visits_button.setToolTip(
            self.tr("Every visit whose window starts in the period, with what happened on it.")
        )
        self.metrics_button = QPushButton(
            icon("export"), self.tr("Export m&etrics (CSV)\u2026"), self
        )
        self.metrics_button.setAccessibleName(self.tr("Export the care metrics as CSV"))
        self.metrics_button.setToolTip(self.tr("The team's metrics, then one row per technician."))
        self.visits_button.clicked.connect(lambda: self.export("visits"))
        self.metrics_button.clicked.connect(lambda: self.export("metrics"))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(self.tr("Export result"))
        about = QLabel(
            self.tr(
                "CSV files with a header row, for a spreadsheet or a report. The period is the "
                "one chosen above, in days of this computer's time zone."
            ),
            self,
        )
        about.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(about)
        form.addRow(self.tr("Period:"), self.period_label)
        form.addRow(self.tr("Fo&r:"), self.technician_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.visits_button)
        buttons.addWidget(self.metrics_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.loader.busy_changed.connect(self.on_busy_changed)

    def refresh(self) -> None:
        """Nothing to read: show the period the files will cover."""
        self.period_label.setText(self._period().words())

    def on_busy_changed(self, busy: bool) -> None:
        self.visits_button.setEnabled(not busy)
        self.metrics_button.setEnabled(not busy)
        if busy:
            self.result_label.setText(self.tr("Downloading\u2026"))

    def export(self, kind: str) -> bool:
        """Ask where to save the `kind` ("visits" or "metrics") CSV, then download it."""
        if self.loader.busy:
            return False
        period = self._period()
        technician = self.technician_combo.technician()
        # the file's name in the user's language ("besuche-2026-03-01-2026-03-07.csv")
        named = self.tr("visits") if kind == "visits" else self.tr("metrics")
        suggested = f"{named}-{period.date_from.isoformat()}-{period.date_to.isoformat()}.csv"
        title = self.tr("Export visits") if kind == "visits" else self.tr("Export metrics")
        target = self._choose_file(
            self, FileRequest(title, suggested, self.tr("CSV files (*.csv)"))
        )
        if target is None:
            return False
        save = (
            self._client.export_visits_csv if kind == "visits" else self._client.export_metrics_csv
        )

        def done(size: int) -> Any:
            self.result_label.setText(
                self.tr("Saved {path} ({size}).").format(path=target, size=size_words(size))
            )
            self.exported.emit(str(target))

        def work(path: Path = target) -> int:
            return save(period.date_from, period.date_to, path, technician=technician)

        return self.loader.start(work, done)
