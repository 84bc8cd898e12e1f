"""A read-only table model over a list of rows, its columns described once as typed `Column`s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """A column: its title, the text of a row, and optionally more about that row's cell.

    The title is English, marked with QT_TRANSLATE_NOOP("Columns", ...) (fieldapp/domain/words):
    the header shows it translated in that context.

    Args:
        tip: the cell's tooltip, None for none (default: its text, none when the text is empty).
        sort: the cell's sort key under `SORT_ROLE` (default: its text).
        color: the cell's text colour (None: the palette's).
        numeric: right-aligned, as numbers are.
        bold: whether the cell's text is bold.
    """

    title: str
    text: Callable[[T], str]
    tip: Callable[[T], str | None] | None = None
    sort: Callable[[T], Any] | None = None
    color: Callable[[T], QColor | None] | None = None
    numeric: bool = False
    bold: Callable[[T], bool] | None = None


class TableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of rows, replaced wholesale after each load.

    `SORT_ROLE` gives each cell's sort key (numbers sort as numbers, times as times) and
    `KEY_ROLE` the row's key.

    Args:
        key: what identifies a row across loads (to keep the selection on it).
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: QObject | None = None,
        *,
        key: Callable[[T], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.key = key
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def redraw(self) -> None:
        """Every cell's text may have changed (e.g. the names of the team arrived)."""
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def key_at(self, row: int) -> str | None:
        """The key of the row at `row` (None when the model has no `key`)."""
        return self.key(self._rows[row]) if self.key is not None else None

    def row_of(self, key: str) -> int:
        """The row whose key is `key`, or -1."""
        return next((n for n in range(len(self._rows)) if self.key_at(n) == key), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        item = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in _TEXT_ROLES:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(item) if column.tip else column.text(item) or None
        if role == SORT_ROLE:
            return column.sort(item) if column.sort else column.text(item)
        if role == KEY_ROLE:
            return self.key(item) if self.key is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return column.color(item)
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(item):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate("Columns", self.columns[section].title)
        return None
