"""The round's messages to users: "On my way" (one key, Ctrl+Shift+W), "Running late..."
(Ctrl+Shift+R) for the selected visit, and "End day..." with its daily prompt at the time
the technician chose. Each is an event recorded offline first; the server mails the user
when it syncs (fieldapp.domain.customer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.customer import MAX_LATE_MINUTES
from fieldapp.store.customer_loop import Unsolved, record_on_my_way, unsolved_visits
from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import clock as clock_words
from fieldapp.ui.moments import counted
from fieldapp.ui.preferences import END_OF_DAY_KEY, end_of_day_time
from fieldapp.ui.round_rows import RoundRow
from fieldapp.ui.visit.widgets import text_edit, wrapped_label
from fieldapp.ui.visit.words import refusal_sentence
from fieldapp.ui.window_place import app_settings

ON_MY_WAY_SHORTCUT = "Ctrl+Shift+W"
RUNNING_LATE_SHORTCUT = "Ctrl+Shift+R"
PROMPTED_KEY = "round/end_of_day_prompted"  # the last day the end-of-day list was offered
CHECK_MS = 60_000
DIALOG_WIDTH = 480

translate = QCoreApplication.translate


def first_name(customer: str) -> str:
    return customer.split(maxsplit=1)[0] if customer.split() else customer


class RunningLateDialog(QDialog):
    """How late, and the message the user is mailed (drafted; the technician may edit it)."""

    def __init__(
        self, row: RoundRow, parent: QWidget | None = None, *, now: datetime | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        # Late from now once the window has begun: "with you at 09:15" read wrong at 14:00.
        self._from = max(row.window_start, now) if now is not None else row.window_start
        self.setMinimumWidth(DIALOG_WIDTH)  # the drafted message in 4 lines, German too
        self.setWindowTitle(self.tr("Running late \u2014 {ref}").format(ref=row.reference))
        self.setAccessibleName(self.tr("Running late"))
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(5, MAX_LATE_MINUTES)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setValue(15)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_spin.setAccessibleName(self.tr("Minutes late"))
        self.message_edit = text_edit(self.tr("Message to the user"), lines=4)
        self._edited = False
        self.message_edit.textChanged.connect(self._on_edited)
        self.minutes_spin.valueChanged.connect(lambda _v: self._draft())
        form = QFormLayout()
        form.addRow(self.tr("Running late &by:"), self.minutes_spin)
        form.addRow(self.tr("&Message:"), self.message_edit)
        hint = wrapped_label(
            self.tr("It is mailed to the user when the laptop next syncs."), muted=True
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = buttons.addButton(
            self.tr("Tell the user"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._draft()
        self._edited = False

    def _on_edited(self) -> None:
        self._edited = True
        self.send_button.setEnabled(bool(self.message))

    def _draft(self) -> None:
        if self._edited:
            return
        arrival = self._from + timedelta(minutes=self.minutes_spin.value())
        text = self.tr(
            "Hello {name}, this is IT support about your visit {ref}: I am running about "
            "{minutes} minutes late and will be with you at about {time}. Sorry for the wait."
        ).format(
            name=first_name(self.row.customer),
            ref=self.row.reference,
            minutes=self.minutes_spin.value(),
            time=clock_words(arrival),
        )
        self.message_edit.blockSignals(True)
        self.message_edit.setPlainText(text)
        self.message_edit.blockSignals(False)

    @property
    def minutes(self) -> int:
        return self.minutes_spin.value()

    @property
    def message(self) -> str:
        return self.message_edit.toPlainText().strip()


class RoundCustomer(QObject):
    """The round's actions that speak to users, and the end-of-day prompt.

    Args:
        selected: the round's selected row, if any.
        inform: shows a sentence in the status bar.
        recorded: called once an event is written (the round re-reads and syncs soon).

    Signals:
        end_day_offered(object): the end-of-day dialog is open (tests answer it).
    """

    end_day_offered = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        runner: BackgroundRunner,
        *,
        author: str,
        clock: Callable[[], datetime],
        selected: Callable[[], RoundRow | None],
        inform: Callable[[str], object],
        recorded: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._runner = runner
        self._author = author
        self._clock = clock
        self._selected = selected
        self._inform = inform
        self._recorded = recorded
        self.dialog: QDialog | None = None
        self.on_my_way_action = self._action(
            self.tr("On my w&ay"), ON_MY_WAY_SHORTCUT, self.on_my_way
        )
        self.on_my_way_action.setToolTip(
            self.tr("Tell the selected visit's user you are on your way ({keys})").format(
                keys=ON_MY_WAY_SHORTCUT
            )
        )
        self.running_late_action = self._action(
            self.tr("Running la&te\u2026"), RUNNING_LATE_SHORTCUT, self.open_running_late
        )
        self.running_late_action.setToolTip(
            self.tr("Tell the selected visit's user you are running late ({keys})").format(
                keys=RUNNING_LATE_SHORTCUT
            )
        )
        self.end_day_action = self._action(self.tr("End &day\u2026"), None, self.end_day)
        self.end_day_action.setToolTip(
            self.tr("Tell each user whose visit is not solved where it stands and what is next")
        )
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check_end_of_day)
        self._timer.start()

    def _action(self, text: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def add_to_menu(self, menu: QMenu, *, before: QAction) -> None:
        """Put the actions in `menu`, in a group of their own above `before`."""
        menu.insertActions(before, [self.on_my_way_action, self.running_late_action])
        menu.insertAction(before, self.end_day_action)
        menu.insertSeparator(before)

    def stop(self) -> None:
        self._timer.stop()

    # --- on my way, running late -------------------------------------------------------------

    def _row(self) -> RoundRow | None:
        row = self._selected()
        if row is None:
            self._inform(self.tr("Choose the visit first, then tell its user."))
        return row

    def on_my_way(self) -> None:
        """One key: tell the selected visit's user you are on the way (mailed at next sync)."""
        row = self._row()
        if row is None:
            return
        message = self.tr(
            "Hello {name}, this is IT support: I am on my way to you for your visit {ref} "
            "and will be with you in a few minutes."
        ).format(name=first_name(row.customer), ref=row.reference)
        self._record(row, message, 0)

    def open_running_late(self) -> RunningLateDialog | None:
        row = self._row()
        if row is None:
            return None
        dialog = RunningLateDialog(row, self._window, now=self._clock())
        dialog.accepted.connect(lambda: self._record(row, dialog.message, dialog.minutes))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _record(self, row: RoundRow, message: str, minutes: int) -> None:
        store, author, now = self._store, self._author, self._clock()

        def write() -> None:
            with store.session() as session, session.begin():
                record_on_my_way(
                    session, row.visit_id, message, late_minutes=minutes, author=author, now=now
                )

        def done(_result: None) -> None:
            if minutes:
                said = self.tr("{name} is told you are running {minutes} min late ({ref}).")
            else:
                said = self.tr("{name} is told you are on your way ({ref}).")
            self._inform(
                said.format(name=row.customer, minutes=minutes, ref=row.reference)
                + " "
                + self.tr("The mail goes with the next sync.")
            )
            self._recorded()

        def failed(error: Exception) -> None:
            self._inform(refusal_sentence(error))

        self._runner.run(write, done, failed)

    # --- the end of the day ----------------------------------------------------------------

    def end_day(self) -> None:
        """List the visits not solved and ask, for each, what to tell the user."""
        store = self._store
        now = self._clock()
        local = now.astimezone()
        day_end = datetime.combine(local.date(), time(23, 59, 59), tzinfo=local.tzinfo)

        def read() -> list[Unsolved]:
            with store.read_session() as session:
                return unsolved_visits(session, day_end)

        self._runner.run(read, self._offer, lambda e: self._inform(refusal_sentence(e)))

    def _offer(self, visits: list[Unsolved]) -> None:
        if not visits:
            self._inform(self.tr("Every visit of the day is solved: nothing to tell anyone."))
            return
        from fieldapp.ui.end_of_day import EndDayDialog  # loaded when the day ends

        dialog = EndDayDialog(
            visits,
            self._store,
            self._runner,
            author=self._author,
            clock=self._clock,
            parent=self._window,
        )
        dialog.recorded.connect(self._day_told)
        self.dialog = dialog
        dialog.open()
        self.end_day_offered.emit(dialog)

    def _day_told(self, count: int) -> None:
        self._inform(
            counted(
                count,
                translate("RoundCustomer", "{count} user told where their visit stands."),
                translate("RoundCustomer", "{count} users told where their visit stands."),
            )
        )
        self._recorded()

    def check_end_of_day(self) -> None:
        """Offer the end-of-day list once a day, once the time chosen has passed."""
        local = self._clock().astimezone()
        settings = app_settings()
        at = end_of_day_time(settings.value(END_OF_DAY_KEY, ""))
        if at is None or local.time() < at or (self.dialog is not None and self.dialog.isVisible()):
            return
        if str(settings.value(PROMPTED_KEY, "")) == local.date().isoformat():
            return
        settings.setValue(PROMPTED_KEY, local.date().isoformat())
        self.end_day()
