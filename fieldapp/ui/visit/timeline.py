"""The visit's timeline as a table: each event in words, its times and where it stands in sync."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fieldapp.domain import EventType
from fieldapp.store.visit_detail import TimelineEntry
from fieldapp.ui.visit.notes import CATEGORIES
from fieldapp.ui.visit.steps import CHANNEL_WORDS, EVENT_WORDS, SOURCE_WORDS
from fieldapp.ui.visit.widgets import local_time

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("What", "Details", "Laptop time", "Server time", "Sync")
_SYNC_WORDS = {"pending": "Waiting to sync", "synced": "Synced", "rejected": "Rejected"}


def details(
    entry: TimelineEntry,
    options: dict[str, str] | None = None,
    promises: dict[str, str] | None = None,
) -> str:
    """A few words of the event's payload, enough to tell two events of a type apart.

    Args:
        options: option key -> description, to name the option chosen.
        promises: promise id -> description, to name the promise kept.
    """
    payload = entry.stored.event.payload
    if "key" in payload and options and payload["key"] in options:
        return options[payload["key"]]
    if entry.stored.event.type is EventType.NOTE:
        category = CATEGORIES.get(str(payload.get("category", "general")), CATEGORIES["general"])
        return f"{category.short}: {' '.join(str(payload['text']).split())}"
    if "promise_id" in payload and promises and payload["promise_id"] in promises:
        return promises[payload["promise_id"]]
    if "channel" in payload:
        return CHANNEL_WORDS.get(str(payload["channel"]), str(payload["channel"]))
    for name in (
        "team",
        "granted_by",
        "agreed_with",
        "request",
        "topic",
        "part",
        "filename",
        "description",
        "key",
    ):
        if payload.get(name):
            return str(payload[name])
    if "source_category" in payload:
        return SOURCE_WORDS.get(str(payload["source_category"]), "")
    if "satisfaction" in payload:
        return f"Satisfaction {payload['satisfaction']}/5"
    if "options" in payload:
        return f"{len(payload['options'])} options"
    if "answer" in payload:
        return "Yes" if payload["answer"] else "No"
    return ""


def sync_words(entry: TimelineEntry) -> str:
    stored = entry.stored
    words = _SYNC_WORDS.get(stored.sync_state, stored.sync_state)
    if stored.sync_state == "rejected":
        return f"{words}: {stored.reject_message or stored.reject_code or 'no reason given'}"
    if stored.sync_state == "pending" and entry.retry_reason:
        return f"{words} (retrying: {entry.retry_reason})"
    return words


class TimelineModel(QAbstractTableModel):
    """Adapts a visit's TimelineEntry list; replaced wholesale on each read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self._options: dict[str, str] = {}
        self._promises: dict[str, str] = {}

    def set_entries(
        self, entries: list[TimelineEntry], promises: dict[str, str] | None = None
    ) -> None:
        """Show these entries; `promises` (id -> description) names the promises kept."""
        self.beginResetModel()
        self._entries = list(entries)
        self._options = {
            str(option["key"]): str(option["description"])
            for entry in self._entries
            if entry.stored.event.type is EventType.OPTIONS_OFFERED
            for option in entry.stored.event.payload.get("options", ())
        }
        self._promises = dict(promises or {})
        self.endResetModel()

    def entry_at(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        stored = entry.stored
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return EVENT_WORDS.get(stored.event.type, str(stored.event.type))
            if column == 1:
                return details(entry, self._options, self._promises)
            if column == 2:
                return local_time(stored.event.occurred_at)
            if column == 3:
                return local_time(stored.received_at) if stored.received_at else ""
            if column == 4:
                return sync_words(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return sync_words(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and not stored.received_at:
            return "The server has not confirmed this event yet."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None


class TimelineView(QTableView):
    """The timeline table: whole rows, alternating colours, the details column stretched."""

    def __init__(self, model: TimelineModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setAccessibleName("Timeline of the visit")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
