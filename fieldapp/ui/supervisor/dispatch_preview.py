"""The preview of what a dispatch move would delay, confirmed before anything changes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldapp.protocol import DelayedVisit, DispatchPreview
from fieldapp.ui import window_place
from fieldapp.ui.moments import counted
from fieldapp.ui.resources import error_color
from fieldapp.ui.supervisor.common import (
    Table,
    day_words,
    local,
    minutes_words,
    translate,
    window_words,
)
from fieldapp.ui.table_model import Column, TableModel


def delay_columns() -> tuple[Column[DelayedVisit], ...]:
    """The preview's columns, titles in the language of the moment."""
    missed = translate("PreviewDialog", "No: starts after its window")
    kept = translate("PreviewDialog", "Yes")
    return (
        Column(translate("PreviewDialog", "Reference"), lambda d: d.reference),
        Column(translate("PreviewDialog", "Customer"), lambda d: d.customer_name),
        Column(
            translate("PreviewDialog", "Window"),
            lambda d: window_words(d.window_start, d.window_end),
            sort=lambda d: d.window_start,
        ),
        Column(
            translate("PreviewDialog", "Would start"),
            lambda d: (
                f"{local(d.start_before, with_day=False)} \u2192 "
                f"{local(d.start_after, with_day=False)}"
            ),
            sort=lambda d: d.start_after,
        ),
        Column(
            translate("PreviewDialog", "Delay"),
            lambda d: minutes_words(d.delay_minutes),
            sort=lambda d: d.delay_minutes,
        ),
        Column(
            translate("PreviewDialog", "Window kept?"),
            lambda d: missed if d.misses_window else kept,
        ),
    )


class PreviewDialog(QDialog):
    """What a move would delay, and the question: go ahead?

    Args:
        what: the move in words ("Reassign INC-1 to Ana Lopez, Tue 11 Mar 09:00").
        action: the button that goes ahead ("Reassign", "Create visit").
    """

    def __init__(
        self,
        preview: DispatchPreview,
        what: str,
        action: str,
        parent: QWidget | None = None,
        *,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(title or self.tr("Before you move it"))
        window_place.fit_size(self, QSize(760, 360))
        heading = QLabel(what, self)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        missed = sum(1 for d in preview.delayed if d.misses_window)
        day = day_words(preview.day, self.tr("ddd dd MMM", "a day (QLocale format)"))
        if preview.delayed:
            words = counted(
                len(preview.delayed),
                self.tr("This delays {count} of the technician's visits on {day}"),
                self.tr("This delays {count} of the technician's visits on {day}"),
                day=day,
            )
            words += (
                counted(
                    missed,
                    self.tr("; {count} would start after its window."),
                    self.tr("; {count} would start after their window."),
                )
                if missed
                else "."
            )
        else:
            words = self.tr("No other visit of the technician on {day} is delayed.").format(day=day)
        words += " " + counted(
            preview.unaffected,
            self.tr("{count} other visit keeps its time."),
            self.tr("{count} other visits keep their time."),
        )
        self.summary = QLabel(words, self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the move delays"))
        if missed:
            self.summary.setStyleSheet(f"color: {error_color(self)};")
        self.model: TableModel[DelayedVisit] = TableModel(delay_columns(), self)
        self.model.set_rows(preview.delayed)
        self.table = Table(self.model, self.tr("Visits the move delays"), stretch=1)
        self.table.set_empty_text(self.tr("Nothing is delayed."))
        self.table.setVisible(bool(preview.delayed))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.go_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setDefault(not missed)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
