"""The view that shows a visit's rows (files, promises, notes) in the timeline's look."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fieldapp.ui.table_model import TableModel


class RowsView(QTableView):
    """A table in the timeline's look: whole rows, one selected at a time, kept across reads,
    as tall as its rows (between `lines` and `max_lines` of them) so a short list stays short.

    Args:
        stretch: the columns that share the remaining width (their text wraps when `wrap`).
    """

    def __init__(
        self,
        model: TableModel[Any],
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
        rows = self.selectionModel().selectedRows()
        self._wanted = self.rows_model.key_at(rows[0].row()) if rows else None

    def _restore_selection(self) -> None:
        if self._wanted is not None:
            self.select_key(self._wanted)
