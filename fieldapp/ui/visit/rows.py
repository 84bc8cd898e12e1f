"""A read-only table over a list of rows (files, promises, notes) and the view that shows one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its title, the text of a row, and optionally a longer tooltip."""

    title: str
    text: Callable[[T], str]
    tip: Callable[[T], str] | None = None


class RowsModel(QAbstractTableModel, Generic[T]):
    """Adapts a list of rows, replaced wholesale after each read of the visit.

    Args:
        key: what identifies a row across reads (to keep the selection on it).
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        key: Callable[[T], str],
        parent: QWidget | None = None,
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

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row whose key is `key`, or -1."""
        return next((n for n, item in enumerate(self._rows) if self.key(item) == key), -1)

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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(item) if column.tip else column.text(item)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None


class RowsView(QTableView):
    """A table in the timeline's look: whole rows, one selected at a time, kept across reads,
    as tall as its rows (between `lines` and `max_lines` of them) so a short list stays short.

    Args:
        stretch: the columns that share the remaining width (their text wraps when `wrap`).
    """

    def __init__(
        self,
        model: RowsModel[Any],
        name: str,
        *,
        stretch: tuple[int, ...],
        lines: int = 2,
        max_lines: int = 6,
        wrap: bool = False,
    ) -> None:
        super().__init__()
        self.rows_model = model
        self.lines = lines
        self.max_lines = max_lines
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(wrap)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self._wanted: str | None = None
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.modelReset.connect(self.fit_height)
        header.sectionResized.connect(lambda *_: self.fit_height())
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as the rows shown, `lines` at least and `max_lines` at most."""
        count = self.rows_model.rowCount()
        default = self.verticalHeader().defaultSectionSize()
        if self.wordWrap():  # rows as tall as their wrapped text at today's column widths
            for row in range(count):
                self.setRowHeight(row, max(default, self.sizeHintForRow(row)))
        shown = [self.rowHeight(row) for row in range(min(count, self.max_lines))]
        body = sum(shown) + default * max(0, self.lines - len(shown))
        header = self.horizontalHeader().sizeHint().height()
        height = header + body + 2 * self.frameWidth()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.wordWrap() and event.size().width() != event.oldSize().width():
            # The header lays its stretched columns out on a zero timer; measure after it.
            QTimer.singleShot(0, self, self.fit_height)

    def selected(self) -> Any | None:
        """The selected row's item, or None."""
        rows = self.selectionModel().selectedRows()
        return self.rows_model.row_at(rows[0].row()) if rows else None

    def select_key(self, key: str) -> None:
        row = self.rows_model.row_of(key)
        if row >= 0:
            self.selectRow(row)

    def _remember_selection(self) -> None:
        item = self.selected()
        self._wanted = self.rows_model.key(item) if item is not None else None

    def _restore_selection(self) -> None:
        if self._wanted is not None:
            self.select_key(self._wanted)
