"""End of the day: the visits left unsolved, and for each what the user is told and what
comes next, recorded as day_end_update events (the guidelines: "at the end of the day if the
problem has not been solved we call or send a message to let him/her know that we are
working on it"). E-mail is sent by the server at the next sync; a call is made and noted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.events import CONFIRM_CHANNELS
from fieldapp.store.customer_loop import DayEndWord, Unsolved, record_day_end
from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import clock
from fieldapp.ui.preferences import DEFAULT_END_OF_DAY as DEFAULT_END_OF_DAY_TEXT
from fieldapp.ui.preferences import END_OF_DAY_KEY, END_OF_DAY_OFF, end_of_day_time
from fieldapp.ui.visit.steps import CHANNEL_WORDS, STEP_WORDS, said
from fieldapp.ui.visit.widgets import line_edit, text_edit, wrapped_label
from fieldapp.ui.visit.words import refusal_sentence
from fieldapp.ui.window_place import app_settings

DEFAULT_END_OF_DAY = time.fromisoformat(DEFAULT_END_OF_DAY_TEXT)


@dataclass(slots=True)
class VisitWords:
    """The fields of one visit in the list."""

    visit: Unsolved
    tell: QCheckBox
    channel: QComboBox
    message: QPlainTextEdit
    next_step: QLineEdit


class EndDayDialog(QDialog):
    """The day's unsolved visits, each with what to tell its user and the next step.

    Signals:
        recorded(int): the events were written (how many users are told).
    """

    recorded = Signal(int)

    def __init__(
        self,
        visits: list[Unsolved],
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
        self.setWindowTitle(self.tr("End of the day"))
        self.setAccessibleName(self.tr("End of the day"))
        self.setMinimumSize(640, 480)
        intro = wrapped_label(
            self.tr(
                "These visits are not solved yet. Tell each user where it stands and what "
                "comes next, so nobody is left wondering. E-mail goes with the next sync; "
                "for a call, make it and note what you said."
            )
        )
        self.rows: list[VisitWords] = []
        body = QWidget()
        column = QVBoxLayout(body)
        today = self._clock().astimezone().date()
        for visit in visits:
            column.addWidget(self._group(visit, today))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.ask_check = QCheckBox(self.tr("&Ask me every day at"), self)
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("End of the day"))
        at = end_of_day_time(app_settings().value(END_OF_DAY_KEY, ""))
        self.ask_check.setChecked(at is not None)
        shown = at or DEFAULT_END_OF_DAY
        self.time_edit.setTime(QTime(shown.hour, shown.minute))
        self.ask_check.toggled.connect(self.time_edit.setEnabled)
        self.time_edit.setEnabled(at is not None)
        when = QHBoxLayout()
        when.addWidget(self.ask_check)
        when.addWidget(self.time_edit)
        when.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        # No default button: the list comes by itself while the technician works in the round,
        # and the Enter meant for the round (to open a visit) would tell every user at once.
        # Recording is a click or its Alt key; Enter does nothing here. (An accept-role button
        # would be made the default by the button box when shown, hence the action role.)
        self.record_button = buttons.addButton(
            self.tr("&Record what the users are told"), QDialogButtonBox.ButtonRole.ActionRole
        )
        for button in buttons.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(when)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

    def _group(self, visit: Unsolved, today: object) -> QGroupBox:
        name = visit.customer.split()[0] if visit.customer.split() else visit.customer
        box = QGroupBox(f"{visit.reference} \u2014 {visit.customer}")
        tell = QCheckBox(self.tr("Tell this user"), box)
        told_today = visit.told_at is not None and visit.told_at.astimezone().date() == today
        tell.setChecked(not told_today)
        if told_today and visit.told_at is not None:
            tell.setToolTip(self.tr("Told at {time} already").format(time=clock(visit.told_at)))
        channel = QComboBox(box)
        channel.setAccessibleName(self.tr("How"))
        for code in CONFIRM_CHANNELS:
            channel.addItem(said(CHANNEL_WORDS[code]), code)
        channel.setCurrentIndex(CONFIRM_CHANNELS.index("email" if visit.has_email else "phone"))
        message = text_edit(self.tr("What the user is told"), lines=3)
        message.setPlainText(
            self.tr(
                "Hello {name}, this is IT support about your visit {ref}: we have not solved "
                "the problem yet, and we are still working on it."
            ).format(name=name, ref=visit.reference)
        )
        next_step = line_edit(
            self.tr("Next step"), self.tr("e.g. I come back tomorrow at 9:00 with the new part")
        )
        form = QFormLayout(box)
        form.addRow(wrapped_label(said(STEP_WORDS[visit.step]), muted=True))
        form.addRow(tell)
        form.addRow(self.tr("How:"), channel)
        form.addRow(self.tr("Message:"), message)
        form.addRow(self.tr("Next step:"), next_step)
        tell.toggled.connect(channel.setEnabled)
        tell.toggled.connect(message.setEnabled)
        tell.toggled.connect(next_step.setEnabled)
        for widget in (channel, message, next_step):
            widget.setEnabled(tell.isChecked())
        self.rows.append(VisitWords(visit, tell, channel, message, next_step))
        return box

    def words(self) -> tuple[list[DayEndWord], str]:
        """What the checked visits' users are told, or the sentence saying what is missing."""
        found: list[DayEndWord] = []
        for row in self.rows:
            if not row.tell.isChecked():
                continue
            message = row.message.toPlainText().strip()
            step = row.next_step.text().strip()
            if not message or not step:
                missing = self.tr("{ref}: say what the user is told and the next step.")
                row.next_step.setFocus() if message else row.message.setFocus()
                return [], missing.format(ref=row.visit.reference)
            found.append(DayEndWord(row.visit.visit_id, row.channel.currentData(), message, step))
        return found, ""

    def _save_time(self) -> None:
        settings = app_settings()
        at = self.time_edit.time()
        value = (
            f"{at.hour():02d}:{at.minute():02d}" if self.ask_check.isChecked() else END_OF_DAY_OFF
        )
        settings.setValue(END_OF_DAY_KEY, value)
        settings.sync()

    def record(self) -> None:
        words, problem = self.words()
        if problem:
            self.hint.setText(problem)
            self.hint.show()
            return
        self._save_time()
        if not words:
            self.accept()
            return
        store, author, now = self._store, self._author, self._clock()

        def write() -> int:
            with store.session() as session, session.begin():
                return len(record_day_end(session, words, author=author, now=now))

        def done(count: int) -> None:
            self.recorded.emit(count)
            self.accept()

        def failed(error: Exception) -> None:
            self.record_button.setEnabled(True)
            self.hint.setText(refusal_sentence(error))
            self.hint.show()

        self.record_button.setEnabled(False)
        self._runner.run(write, done, failed)
