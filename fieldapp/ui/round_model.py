"""Table model of the technician's round: one row per cached visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class RoundRow:
    """What the round table shows of one visit."""

    visit_id: str
    window_start: datetime
    window_end: datetime
    reference: str
    customer: str
    location: str
    priority: str
    step: str
    pending: int
    rejected: int
    conflict: str | None = None

    @property
    def sync_mark(self) -> str:
        if self.conflict:
            return "conflict"
        if self.rejected:
            return f"{self.rejected} rejected"
        if self.pending:
            return f"{self.pending} to sync"
        return ""


def _window(row: RoundRow) -> str:
    start = row.window_start.astimezone()
    end = row.window_end.astimezone()
    return f"{start:%a %d %b %H:%M}\u2013{end:%H:%M}"


_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("Time window", _window),
    ("Reference", lambda r: r.reference),
    ("Customer", lambda r: r.customer),
    ("Location", lambda r: r.location),
    ("Priority", lambda r: r.priority.capitalize()),
    ("Step", lambda r: r.step.replace("_", " ").capitalize()),
    ("Sync", lambda r: r.sync_mark),
)


class RoundTableModel(QAbstractTableModel):
    """Adapts a list of RoundRow to Qt's table views; rows are replaced wholesale on refresh."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RoundRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.UserRole:
            return row.visit_id
        if role == Qt.ItemDataRole.ToolTipRole and row.conflict:
            return row.conflict
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_COLUMNS)
        ):
            return _COLUMNS[section][0]
        return None

    def set_rows(self, rows: list[RoundRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RoundRow:
        return self._rows[row]
