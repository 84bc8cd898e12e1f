"""The visit's timeline as a table: each event in words, its times and where it stands in sync."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.visit_detail import TimelineEntry
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.event_words import event_details
from fieldapp.ui.visit.steps import EVENT_WORDS, said
from fieldapp.ui.visit.widgets import local_time
from fieldapp.ui.visit.words import translate

_SYNC_WORDS = {
    "pending": QT_TRANSLATE_NOOP("Timeline", "Waiting to sync"),
    "synced": QT_TRANSLATE_NOOP("Timeline", "Synced"),
    "rejected": QT_TRANSLATE_NOOP("Timeline", "Rejected"),
}


def details(
    entry: TimelineEntry,
    options: dict[str, str] | None = None,
    promises: dict[str, str] | None = None,
) -> str:
    """A few words of the entry's event (see event_details), naming the option chosen and
    the promise kept from `options` and `promises`."""
    event = entry.stored.event
    return event_details(event.type, event.payload, options=options, promises=promises)


def sync_words(entry: TimelineEntry) -> str:
    stored = entry.stored
    words = translate("Timeline", _SYNC_WORDS.get(stored.sync_state, stored.sync_state))
    if stored.sync_state == "rejected":
        why = stored.reject_message or stored.reject_code
        return translate("Timeline", "{state}: {reason}").format(
            state=words, reason=why or translate("Timeline", "no reason given")
        )
    if stored.sync_state == "pending" and entry.retry_reason:
        return translate("Timeline", "{state} (retrying: {reason})").format(
            state=words, reason=entry.retry_reason
        )
    return words


def _server_time(entry: TimelineEntry) -> str:
    return local_time(entry.stored.received_at) if entry.stored.received_at else ""


def _server_time_tip(entry: TimelineEntry) -> str | None:
    if entry.stored.received_at:
        return None
    return translate("Timeline", "The server has not confirmed this event yet.")


def _no_tip(_: TimelineEntry) -> None:
    return None


class TimelineModel(TableModel[TimelineEntry]):
    """Adapts a visit's TimelineEntry list; replaced wholesale on each read."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = (
            Column(
                QT_TRANSLATE_NOOP("Columns", "What"),
                lambda e: said(EVENT_WORDS.get(e.stored.event.type, str(e.stored.event.type))),
                _no_tip,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Details"),
                lambda e: details(e, self._options, self._promises),
                _no_tip,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Laptop time"),
                lambda e: local_time(e.stored.event.occurred_at),
                _no_tip,
            ),
            Column(QT_TRANSLATE_NOOP("Columns", "Server time"), _server_time, _server_time_tip),
            Column(QT_TRANSLATE_NOOP("Columns", "Sync"), sync_words),
        )
        super().__init__(columns, parent)
        self._options: dict[str, str] = {}
        self._promises: dict[str, str] = {}

    def set_entries(
        self, entries: list[TimelineEntry], promises: dict[str, str] | None = None
    ) -> None:
        """Show these entries; `promises` (id -> description) names the promises kept."""
        self._options = {
            str(option["key"]): str(option["description"])
            for entry in entries
            if entry.stored.event.type is EventType.OPTIONS_OFFERED
            for option in entry.stored.event.payload.get("options", ())
        }
        self._promises = dict(promises or {})
        self.set_rows(entries)


class TimelineView(QTableView):
    """The timeline table: whole rows, alternating colours, the details column stretched."""

    def __init__(self, model: TimelineModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setAccessibleName(self.tr("Timeline of the visit"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
