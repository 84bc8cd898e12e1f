"""The events the server refused: each with its visit, the reason and what to do about it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.attention import RejectedEvent, rejected_events
from fieldapp.store.db import Store
from fieldapp.store.recording import discard_rejected_event
from fieldapp.ui.attention_dialog import AttentionListDialog
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text, server_sentence
from fieldapp.ui.moments import clock, short_day
from fieldapp.ui.table_model import Column
from fieldapp.ui.visit.steps import EVENT_WORDS, said

_Index = QModelIndex | QPersistentModelIndex

# What to do about each refusal, translated where shown (context "RejectedDialog").
_GONE = QT_TRANSLATE_NOOP(
    "RejectedDialog",
    "Nothing more can be recorded on this visit. If you did work there, tell the visit's "
    "coordinator what you did (quote the reference), then dismiss this event.",
)
_OUT_OF_STEP = QT_TRANSLATE_NOOP(
    "RejectedDialog",
    "The server's record of this visit differs from this laptop's. Open the visit, record "
    "the step it asks for first, then record this one again; dismiss this event afterwards.",
)
ADVICE: dict[str, str] = {
    "visit_cancelled": _GONE,
    "visit_cancelled_kept": QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Dispatch cancelled this visit before your work reached the server. A supervisor "
        "reviews what you recorded (a borrowed part, say); keep this event until they decide, "
        "and tell the coordinator if a part is still out.",
    ),
    "visit_not_found": QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "This visit is not yours any more. Tell the coordinator what you did (quote the "
        "reference) so the new technician knows, then dismiss this event.",
    ),
    "visit_closed": QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "The visit was already closed on the server. If what you recorded still matters, add "
        "it as a note, then dismiss this event.",
    ),
    "id_conflict": QT_TRANSLATE_NOOP(
        "RejectedDialog", "Record this step again on the visit, then dismiss this event."
    ),
    "invalid_payload": QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Open the visit and record this step again with the details corrected, then dismiss "
        "this event.",
    ),
}
translate = QCoreApplication.translate


class _RoomyRows(QStyledItemDelegate):
    """Adds air above and below each row's (wrapped) text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 10)


def advice_for(code: str | None) -> str:
    """What the technician should do about a rejection with this code."""
    return translate("RejectedDialog", ADVICE.get(code or "", _OUT_OF_STEP))


def event_label(kind: str) -> str:
    """The event's name as the visit window's timeline says it."""
    words = EVENT_WORDS.get(EventType(kind)) if kind in _KINDS else None
    return said(words) if words else kind.replace("_", " ").capitalize()


_KINDS = frozenset(str(kind) for kind in EventType)


def read_rejected(store: Store) -> list[RejectedEvent]:
    """The rejected events (runs on a worker thread)."""
    with store.read_session() as session:
        return rejected_events(session)


def discard(store: Store, event_id: str) -> bool:
    """Dismiss one rejected event (runs on a worker thread)."""
    with store.session() as session, session.begin():
        return discard_rejected_event(session, event_id)


def _reason(item: RejectedEvent) -> str:
    """The server's reason, or its code, or that it refused."""
    stored = item.entry.stored
    # The server's sentence in the app's language when it is one the app knows (a visit
    # taken off the round); another stays as the server wrote it, the advice beside it ours.
    if stored.reject_message:
        return server_sentence(stored.reject_message)
    return stored.reject_code or translate("RejectedDialog", "Refused by the server.")


def when_recorded(moment: datetime) -> str:
    """ "Wed 26 Nov 14:05" in the app's language."""
    return f"{short_day(moment.astimezone().date())} {clock(moment)}"


# Titles translated by TableModel in the "Columns" context.
REJECTED_COLUMNS: tuple[Column[RejectedEvent], ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Visit"),
        lambda item: f"{item.visit_reference} \u00b7 {item.customer_name}",
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Event"),
        lambda item: event_label(str(item.entry.stored.event.type)),
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Recorded"),
        lambda item: when_recorded(item.entry.stored.event.occurred_at),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Reason"), _reason),
    Column(
        QT_TRANSLATE_NOOP("Columns", "What to do"),
        lambda item: advice_for(item.entry.stored.reject_code),
    ),
)


class RejectedDialog(AttentionListDialog[RejectedEvent]):
    """Lists every rejected event; one can be dismissed after reading, or its visit opened.

    Signals:
        changed(): an event was dismissed (the counts in the status bar changed).
        visit_opened(str): the technician asked to open the selected event's visit.
        loaded(): the list was (re)read from the cache.
    """

    visit_opened = Signal(str)

    def __init__(
        self, store: Store, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            store,
            runner,
            parent,
            read=read_rejected,
            title=translate("RejectedDialog", "Rejected events"),
            size=(960, 420),
            intro=translate(
                "RejectedDialog",
                "The server refused these events. They are kept on this laptop and are not "
                "sent again. Read each reason, do what it says, then dismiss the event.",
            ),
            columns=REJECTED_COLUMNS,
            key=lambda item: item.entry.stored.event.id,
            stretch={3, 4},
            table_name=translate("RejectedDialog", "Rejected events"),
            empty_text=translate(
                "RejectedDialog", "No rejected events: everything recorded was accepted."
            ),
            status_name=translate("RejectedDialog", "Rejected events status"),
        )
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegate(_RoomyRows(self.table))
        self.table.activated.connect(self.on_row_activated)

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        self.open_button = QPushButton(self.tr("&Open visit"), self)
        self.open_button.setToolTip(self.tr("Open the visit this event belongs to"))
        self.dismiss_button = QPushButton(self.tr("&Dismiss"), self)
        self.dismiss_button.setToolTip(
            self.tr(
                "Remove this rejected event from the laptop once you have read it and acted on it"
            )
        )
        self.open_button.clicked.connect(self.on_open_clicked)
        self.dismiss_button.clicked.connect(self.on_dismiss_clicked)
        return (self.open_button, self.dismiss_button)

    def on_failed(self, error: Exception) -> None:
        # The buttons stay as they were: a failed dismissal is not offered again at once.
        self.status_label.setText(
            self.tr("Could not read the rejected events: {error}").format(error=error_text(error))
        )

    def _update_buttons(self) -> None:
        chosen = self.selected_row() is not None
        self.open_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.visit_opened.emit(self.model.row_at(index.row()).entry.stored.event.visit_id)

    def on_open_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.visit_opened.emit(self.model.row_at(row).entry.stored.event.visit_id)

    def on_dismiss_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        item = self.model.row_at(row)
        event_id = item.entry.stored.event.id
        self.dismiss_button.setEnabled(False)
        self._runner.run(
            lambda: discard(self._store, event_id),
            lambda _removed: self.on_dismissed(item),
            self.on_failed,
        )

    def on_dismissed(self, item: RejectedEvent) -> None:
        label = event_label(str(item.entry.stored.event.type))
        self.on_done(
            self.tr("Dismissed: {event} on {visit}.").format(
                event=label, visit=item.visit_reference
            )
        )
