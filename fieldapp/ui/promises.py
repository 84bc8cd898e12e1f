"""Every open promise in one list, and reminders before they fall due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListView,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from fieldapp.clock import Clock
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.attention import OpenPromise
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.resources import icon
from fieldapp.ui.round_model import attention_color
from fieldapp.ui.round_rows import day_label
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.widgets import local_time, qdatetime
from fieldapp.ui.visit.words import promise_words, translate

REMIND_AHEAD = timedelta(minutes=15)
KIND_LABELS = {
    "return_visit": QT_TRANSLATE_NOOP("Promises", "Return visit"),
    "call_back": QT_TRANSLATE_NOOP("Promises", "Call back"),
    "next_update": QT_TRANSLATE_NOOP("Promises", "Next update"),
    "follow_up_call": QT_TRANSLATE_NOOP("Promises", "Follow-up call"),
    "loan_return": QT_TRANSLATE_NOOP("Promises", "Loan due back"),
    "other": QT_TRANSLATE_NOOP("Promises", "Promise"),
}


def kind_label(kind: str) -> str:
    return translate("Promises", KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def due_text(due: datetime, now: datetime) -> str:
    """ "14:15 (in 25 min)", "Overdue by 10 min", "Tomorrow 09:00"."""
    local = due.astimezone()
    today = now.astimezone().date()
    minutes = int((due - now).total_seconds() // 60)
    at = local_time(due, with_day=False)
    if minutes < 0:
        late = -minutes
        amount = (
            translate("Promises", "{minutes} min").format(minutes=late)
            if late < 120
            else translate("Promises", "{hours} h").format(hours=late // 60)
        )
        return translate("Promises", "Overdue by {amount} ({day} {time})").format(
            amount=amount, day=day_label(local.date(), today), time=at
        )
    if local.date() == today:
        if minutes < 120:
            return translate("Promises", "{time} (in {minutes} min)").format(
                time=at, minutes=minutes
            )
        return at
    return f"{day_label(local.date(), today)} {at}"


def reminder_text(promise: OpenPromise, now: datetime) -> str:
    """The sentence a reminder shows."""
    due = promise.promise.due_at
    who = promise.visit_reference + (f" ({promise.customer_name})" if promise.customer_name else "")
    kind = kind_label(promise.promise.kind)
    said = promise_words(promise.promise)
    at = local_time(due, with_day=False)
    if due <= now:
        return translate("Promises", "{kind} for {who} is overdue since {time}: {what}.").format(
            kind=kind, who=who, time=at, what=said
        )
    minutes = max(1, round((due - now).total_seconds() / 60))
    return translate(
        "Promises", "{kind} for {who} is due at {time}, in {minutes} min: {what}."
    ).format(kind=kind, who=who, time=at, minutes=minutes, what=said)


class PromiseReminder(QObject):
    """Decides when to remind of a promise: once, from `ahead` before it is due.

    Promises already overdue when first seen are reminded of once too. Driven by `check()`
    (the window calls it on a timer), with the time from the injected clock.

    Signals:
        remind(object): an OpenPromise to remind of now.
    """

    remind = Signal(object)

    def __init__(
        self, clock: Clock, *, ahead: timedelta = REMIND_AHEAD, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._ahead = ahead
        self._promises: list[OpenPromise] = []
        self._reminded: set[str] = set()

    def set_promises(self, promises: list[OpenPromise]) -> None:
        """The open promises as of now; forgets reminders of promises no longer open."""
        self._promises = list(promises)
        open_ids = {p.promise.id for p in promises}
        self._reminded &= open_ids

    def check(self) -> list[OpenPromise]:
        """Emit `remind` for each promise that is due within `ahead` and not reminded yet."""
        now = self._clock()
        due = [
            p
            for p in self._promises
            if p.promise.id not in self._reminded and p.promise.due_at - self._ahead <= now
        ]
        for promise in due:
            self._reminded.add(promise.promise.id)
            self.remind.emit(promise)
        return due


class Notifier(QObject):
    """Shows a reminder: a system tray message when there is a tray, else the window's notice.

    Args:
        notice: the in-window notice used without a system tray.
        use_tray: None: use the tray when the platform has one; False: never.
    """

    def __init__(
        self, notice: NoticeBar, *, use_tray: bool | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._notice = notice
        available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        if available and use_tray is not False:
            self.tray = QSystemTrayIcon(icon("app"), self)
            self.tray.setToolTip(self.tr("FieldApp"))
            self.tray.show()

    def notify(
        self,
        title: str,
        text: str,
        *,
        action_text: str = "",
        action: Callable[[], object] | None = None,
    ) -> None:
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, text, icon("promise"), 15_000)
        self._notice.show_notice(text, icon_name="promise", action_text=action_text, action=action)


def promise_text(item: OpenPromise, now: datetime) -> str:
    """When, what and for whom, on three lines."""
    promise = item.promise
    customer = f" \u00b7 {item.customer_name}" if item.customer_name else ""
    return (
        f"{due_text(promise.due_at, now)} \u2014 {kind_label(promise.kind)}\n"
        f"{item.visit_reference}{customer}\n{promise_words(promise)}"
    )


def promise_tip(item: OpenPromise) -> str:
    promise = item.promise
    due = QLocale().toString(qdatetime(promise.due_at), "dddd dd MMMM, HH:mm")
    made = QLocale().toString(qdatetime(promise.made_at), "dd MMM HH:mm")
    return f"{kind_label(promise.kind)}: {promise_words(promise)}\n" + translate(
        "Promises", "Due {due}; promised {made}."
    ).format(due=due, made=made)


class PromisesModel(TableModel[OpenPromise]):
    """The open promises, soonest due first, in one column; each row's key is its visit id."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        column = Column(
            QT_TRANSLATE_NOOP("Columns", "Promise"),
            lambda p: promise_text(p, self._now),
            promise_tip,
            color=lambda p: attention_color() if p.promise.due_at <= self._now else None,
        )
        super().__init__((column,), parent, key=lambda p: p.visit_id)
        self._clock = clock
        self._now = clock()

    def set_promises(self, promises: list[OpenPromise]) -> None:
        self._now = self._clock()
        self.set_rows(promises)

    def refresh_times(self) -> None:
        """Re-word the due times ("in 5 min") as the clock moves on."""
        self._now = self._clock()
        self.redraw()


class PromisesPanel(QDockWidget):
    """A dock listing every open promise; Enter or a double-click opens its visit.

    Signals:
        visit_opened(str): the visit id of the promise activated.
    """

    visit_opened = Signal(str)

    def __init__(self, model: PromisesModel, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Promises"), parent)
        self.setObjectName("promises-dock")
        self.setAccessibleName(self.tr("Open promises"))
        self.model = model
        self.list = QListView(self)
        self.list.setModel(model)
        self.list.setAccessibleName(self.tr("Open promises, soonest due first"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.activated.connect(self.on_row_activated)
        self.empty_label = QLabel(self.tr("No open promises."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        self.setWidget(body)
        model.modelReset.connect(self.on_model_reset)
        self.on_model_reset()

    def on_model_reset(self) -> None:
        empty = self.model.rowCount() == 0
        self.list.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.setWindowTitle(
            self.tr("Promises ({count})").format(count=self.model.rowCount())
            if not empty
            else self.tr("Promises")
        )

    def on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.visit_opened.emit(self.model.row_at(index.row()).visit_id)
