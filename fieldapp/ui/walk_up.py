"""New walk-up (Ctrl+N in the round): someone at the next desk asks for help; the technician
opens a visit for it there and then, offline too, and the guided visit opens on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Event
from fieldapp.store.db import Store
from fieldapp.store.opening import open_walk_up
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.widgets import Banner, line_edit, text_edit, wrapped_label
from fieldapp.ui.visit.words import refusal_sentence

WALK_UP_SHORTCUT = "Ctrl+N"


def write_walk_up(store: Store, fields: dict[str, str], *, author: str, now: datetime) -> Event:
    """Open the walk-up in the cache (its row and visit_opened event, one transaction)."""
    with store.session() as session, session.begin():
        return open_walk_up(session, fields, author=author, now=now)


class WalkUpDialog(QDialog):
    """Who asks, for what, and where: the new visit's record. Nothing else is invented.

    Signals:
        opened(str): the walk-up was written to the cache; its visit id.
    """

    opened = Signal(str)

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        *,
        author: str,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._author = author
        self._clock = clock
        self.setWindowTitle(self.tr("New walk-up \u2014 FieldApp"))
        self.setWindowIcon(icon("add"))
        self.setAccessibleName(self.tr("New walk-up"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Someone at the next desk asks for help: open a visit for it here, now. It "
                    "goes on your round at once (offline too) and reaches dispatch with the next "
                    "sync, as opened by you. The usual steps follow: greet, ask permission, fix, "
                    "show it works."
                ),
                muted=True,
            )
        )
        form = QFormLayout()
        self.customer = line_edit(self.tr("Who asks"), self.tr("Their name"))
        self.problem = text_edit(
            self.tr("The problem"), self.tr("What they ask for, in their words")
        )
        self.phone = line_edit(self.tr("Phone"), self.tr("Optional"))
        self.extension = line_edit(self.tr("Extension"), self.tr("Optional"))
        self.building = line_edit(self.tr("Building"), self.tr("Optional"))
        self.floor = line_edit(self.tr("Floor"), self.tr("Optional"))
        self.room = line_edit(self.tr("Room or desk"), self.tr("Optional"))
        for label, widget in (
            (self.tr("&Who asks:"), self.customer),
            (self.tr("&Problem:"), self.problem),
            (self.tr("P&hone:"), self.phone),
            (self.tr("E&xtension:"), self.extension),
            (self.tr("&Building:"), self.building),
            (self.tr("&Floor:"), self.floor),
            (self.tr("&Room or desk:"), self.room),
        ):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error_banner = Banner("warning", self.tr("Why the walk-up was not opened"))
        layout.addWidget(self.error_banner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(self.tr("&Open walk-up"))
        self.open_button.setIcon(icon("add"))
        self.open_button.setAccessibleName(self.tr("Open the walk-up visit"))
        self.buttons.accepted.connect(self.open_walk_up)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.customer.setFocus()

    def fields(self) -> dict[str, str]:
        """The new visit's record as typed (empty optional fields left out)."""
        values = {
            "customer_name": self.customer.text().strip(),
            "problem": self.problem.toPlainText().strip(),
            "contact_phone": self.phone.text().strip(),
            "contact_extension": self.extension.text().strip(),
            "building": self.building.text().strip(),
            "floor": self.floor.text().strip(),
            "room": self.room.text().strip(),
        }
        return {k: v for k, v in values.items() if v}

    def open_walk_up(self) -> None:
        fields = self.fields()
        missing = [
            (self.customer, self.tr("Say who asks for help.")),
            (self.problem, self.tr("Say what they ask for.")),
        ]
        for widget, sentence in missing:
            name = "customer_name" if widget is self.customer else "problem"
            if name not in fields:
                self.error_banner.show_text(sentence, error=True)
                widget.setFocus()
                return
        self.open_button.setEnabled(False)
        store, author, now = self._store, self._author, self._clock()
        self._runner.run(
            lambda: write_walk_up(store, fields, author=author, now=now),
            self.on_opened,
            self.on_failed,
        )

    def on_opened(self, event: Event) -> None:
        self.open_button.setEnabled(True)
        self.accept()
        self.opened.emit(event.visit_id)

    def on_failed(self, error: Exception) -> None:
        self.open_button.setEnabled(True)
        self.error_banner.show_text(refusal_sentence(error), error=True)
