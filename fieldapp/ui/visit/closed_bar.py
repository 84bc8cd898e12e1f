"""The bar a closed visit shows under its header: nothing more to change here, and the next
visit of the round one click away."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

from fieldapp.store import Store, list_visits
from fieldapp.store.visit_rows import VisitRow
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.widgets import MARGIN, SPACING, local_time, wrapped_label


def next_open_visit(store: Store, visit_id: str) -> VisitRow | None:
    """The round's next open visit after `visit_id` (by window), else its first open one."""
    with store.read_session() as session:
        rows = list_visits(session, include_closed=False)
        this = next((r for r in list_visits(session) if r.id == visit_id), None)
    others = [r for r in rows if r.id != visit_id]
    if this is not None:
        later = [r for r in others if r.window_start >= this.window_start]
        if later:
            return later[0]
    return others[0] if others else None


class ClosedBar(QFrame):
    """Says the visit is closed and read-only, and offers the next visit of the round.

    Signals:
        open_requested(str): the id of the visit to open next.
    """

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        row = QHBoxLayout(self)
        row.setContentsMargins(MARGIN, SPACING, MARGIN, SPACING)
        row.setSpacing(SPACING)
        mark = QLabel()
        mark.setPixmap(icon("step-done").pixmap(20, 20))
        row.addWidget(mark)
        self.label = wrapped_label()
        self.label.setAccessibleName(self.tr("This visit is closed"))
        row.addWidget(self.label, 1)
        self.next_button = QPushButton(icon("next"), self.tr("Open the ne&xt visit"))
        self.next_button.setAccessibleName(self.tr("Open the next visit of the round"))
        self.next_button.clicked.connect(self.on_next_clicked)
        row.addWidget(self.next_button)
        self.next_id: str | None = None
        self.hide()

    def follow(self, closed: bool, store: Store, visit_id: str, runner: BackgroundRunner) -> None:
        """Show the bar while the visit is closed, looking up the next visit off the UI thread."""
        if not closed:
            self.hide()
            return
        self.show_next(None)
        self.show()
        runner.run(
            lambda: next_open_visit(store, visit_id),
            lambda row: self.show_next(row) if isValid(self) else None,
            lambda _error: None,  # the bar then just says the visit is closed
        )

    def show_next(self, row: VisitRow | None) -> None:
        self.next_id = row.id if row is not None else None
        words = self.tr("This visit is closed: what was recorded can no longer be changed.")
        if row is not None:
            words += " " + self.tr("Next: {reference} \u2014 {customer}, {when}.").format(
                reference=row.reference,
                customer=row.customer_name,
                when=local_time(row.window_start),
            )
            self.next_button.setToolTip(
                self.tr("Open {reference} ({customer})").format(
                    reference=row.reference, customer=row.customer_name
                )
            )
        self.label.setText(words)
        self.next_button.setVisible(row is not None)

    def on_next_clicked(self) -> None:
        if self.next_id is not None:
            self.open_requested.emit(self.next_id)
