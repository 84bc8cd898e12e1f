"""Users asking for another time (from the page their confirmation e-mail links to), in the
Dispatch tab: the times they asked for and their note; accept one (the visit is rescheduled
to it) or decline with the reason they are mailed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.protocol import TimeRequestPublic, VisitPublic
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.common import Loader, Table, local
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.tab import ReadingTab, follow_selection
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel

Requests = list[TimeRequestPublic]


translate = QCoreApplication.translate


def asked_words(item: TimeRequestPublic) -> str:
    return "; ".join(local(t) for t in item.proposed_times)


def request_columns(team: TeamDirectory) -> tuple[Column[TimeRequestPublic], ...]:
    return (
        Column(
            translate("TimeRequests", "Asked"),
            lambda r: local(r.asked_at),
            sort=lambda r: r.asked_at,
        ),
        Column(translate("TimeRequests", "Visit"), lambda r: f"{r.reference} ({r.customer_name})"),
        Column(translate("TimeRequests", "Technician"), lambda r: team.name_of(r.technician)),
        Column(
            translate("TimeRequests", "Now"),
            lambda r: local(r.window_start),
            sort=lambda r: r.window_start,
        ),
        Column(translate("TimeRequests", "Times asked"), asked_words),
        Column(translate("TimeRequests", "Note"), lambda r: " ".join(r.note.split())),
    )


class AcceptTimeDialog(QDialog):
    """Which of the times asked the visit moves to, and the words the user is mailed."""

    def __init__(self, item: TimeRequestPublic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(self.tr("Accept the time asked"))
        self.setMinimumWidth(460)
        prompt = QLabel(
            self.tr("Move {ref} ({customer}) to:").format(
                ref=item.reference, customer=item.customer_name
            ),
            self,
        )
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        self.time_combo = QComboBox(self)
        self.time_combo.setAccessibleName(self.tr("New time"))
        for moment in item.proposed_times:
            self.time_combo.addItem(local(moment), moment)
        prompt.setBuddy(self.time_combo)
        words = QLabel(self.tr("&Words for the user (mailed with the new time):"), self)
        self.words_edit = QPlainTextEdit(self)
        self.words_edit.setAccessibleName(self.tr("Words for the user"))
        self.words_edit.setTabChangesFocus(True)
        self.words_edit.setPlainText(self.tr("We will come at the time you asked for."))
        self.words_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        words.setBuddy(self.words_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.action_button: QPushButton = buttons.addButton(
            self.tr("Reschedule"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.action_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.words_edit.textChanged.connect(lambda: self.action_button.setEnabled(bool(self.words)))
        layout = QVBoxLayout(self)
        for widget in (prompt, self.time_combo, words, self.words_edit, buttons):
            layout.addWidget(widget)

    @property
    def words(self) -> str:
        return self.words_edit.toPlainText().strip()


class TimeRequestsPanel(ReadingTab[Requests]):
    """The requests waiting for dispatch, oldest first, with Accept and Decline.

    Args:
        inform: shows a sentence about what was done.

    Signals:
        changed(str): a request was answered (the visit's id); the Dispatch tab reads its
            list and the requests again.
    """

    changed = Signal(str)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        inform: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._inform = inform
        self.dialog: Any = None  # the dialog open now (tests answer it)
        self.action_loader: Loader[VisitPublic] = Loader(runner, self)
        self.heading = QLabel(self.tr("Users asking for another time"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model: TableModel[TimeRequestPublic] = TableModel(request_columns(team), self)
        self.table = Table(self.model, self.tr("Users asking for another time"), stretch=5)
        self.table.set_empty_text(self.tr("No user is waiting for an answer."))
        self.heading.setBuddy(self.table)
        self.accept_button = QPushButton(
            icon("reschedule"), self.tr("Accept a time as&ked\u2026"), self
        )
        self.accept_button.setAccessibleName(self.tr("Accept a time the user asked for"))
        self.accept_button.clicked.connect(lambda _c=False: self.open_accept_dialog())
        self.decline_button = QPushButton(icon("decline"), self.tr("Decline, say &why\u2026"), self)
        self.decline_button.setAccessibleName(self.tr("Decline the user's request"))
        self.decline_button.clicked.connect(lambda _c=False: self.open_decline_dialog())
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow_selection(self.update_buttons, self.table, self.action_loader)

    def reader(self) -> Callable[[], Requests]:
        client = self._client
        return lambda: list(client.time_requests().items)

    def on_loaded(self, data: Requests) -> None:
        chosen = self.table.selected()
        self.model.set_rows(data)
        if chosen is not None:
            self.table.select_where(lambda r: r.visit_id == chosen.visit_id)
        self.heading.setText(
            self.tr("Users asking for another time ({count})").format(count=len(data))
        )
        self.update_buttons()

    def show_read(self, data: Requests) -> None:
        """Show requests read elsewhere (with the Dispatch tab's list), as a refresh would."""
        self._deliver(data)

    def update_buttons(self) -> None:
        chosen = self.table.selected() is not None and not self.action_loader.busy
        self.accept_button.setEnabled(chosen)
        self.decline_button.setEnabled(chosen)

    def open_accept_dialog(self) -> None:
        item = self.table.selected()
        if item is None:
            return
        dialog = AcceptTimeDialog(item, self)
        client = self._client

        def go() -> None:
            start = dialog.time_combo.currentData()
            words = dialog.words
            self.action_loader.start(
                lambda: client.answer_time_request(
                    item.visit_id, accept=True, reason=words, window_start=start
                ),
                self._done(self.tr("{ref} moved to the time the user asked for; they are mailed.")),
            )

        dialog.accepted.connect(go)
        self.dialog = dialog
        dialog.open()

    def open_decline_dialog(self) -> None:
        item = self.table.selected()
        if item is None:
            return
        dialog = NoteDialog(
            self.tr("Decline the request"),
            self.tr(
                "Why can {ref} not move to a time {customer} asked for? They are mailed this, "
                "and that the visit stays as it is."
            ).format(ref=item.reference, customer=item.customer_name),
            self.tr("Decline"),
            parent=self,
        )
        client = self._client

        def go() -> None:
            reason = dialog.note
            self.action_loader.start(
                lambda: client.answer_time_request(item.visit_id, accept=False, reason=reason),
                self._done(self.tr("The request on {ref} is declined; the user is mailed why.")),
            )

        dialog.accepted.connect(go)
        self.dialog = dialog
        dialog.open()

    def _done(self, sentence: str) -> Callable[[VisitPublic], None]:
        def finish(visit: VisitPublic) -> None:
            self._inform(sentence.format(ref=visit.reference))
            self.changed.emit(visit.id)

        return finish
