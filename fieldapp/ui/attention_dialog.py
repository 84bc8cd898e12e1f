"""The skeleton shared by the dialogs that list items needing the technician's attention."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelection, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store.db import Store
from fieldapp.ui import window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.resources import icon
from fieldapp.ui.table_model import Column, TableModel

T = TypeVar("T")


class AttentionListDialog(QDialog, Generic[T]):
    """An intro, a table of `T` (or a label when there is none), a status line, and a Close
    button beside the subclass's action buttons; the rows are read on the BackgroundRunner.

    Subclasses give `__init__` the wording, the columns and `read` (runs on a worker thread),
    and implement `_action_buttons` (creates and connects the action buttons) and
    `_update_buttons` (enables them for the selection).

    Signals:
        changed(): an item was acted on (the round and its counts changed).
        loaded(): the list was (re)read.
    """

    changed = Signal()
    loaded = Signal()

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        parent: QWidget | None,
        *,
        read: Callable[[Store], list[T]],
        title: str,
        size: tuple[int, int],
        intro: str,
        columns: Sequence[Column[T]],
        key: Callable[[T], str],
        stretch: Collection[int],
        table_name: str,
        empty_text: str,
        status_name: str,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._read = read
        self.setWindowTitle(title)
        self.setWindowIcon(icon("warning"))
        window_place.fit_size(self, QSize(*size))
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        self.model: TableModel[T] = TableModel(columns, self, key=key)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(table_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(columns)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(status_name)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in self._action_buttons():
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._update_buttons()
        self.reload()

    def _action_buttons(self) -> Sequence[QPushButton]:
        """The buttons beside Close, created and connected to their slots."""
        raise NotImplementedError

    def _update_buttons(self) -> None:
        """Enable the action buttons for what is selected."""
        raise NotImplementedError

    def reload(self) -> None:
        read, store = self._read, self._store
        self._runner.run(lambda: read(store), self.on_loaded, self.on_failed)

    def on_loaded(self, items: list[T]) -> None:
        self.model.set_rows(items)
        empty = not items
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if items:
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_buttons()
        self.loaded.emit()

    def on_failed(self, error: Exception) -> None:
        self.status_label.setText(error_text(error))
        self._update_buttons()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected(self) -> T | None:
        row = self.selected_row()
        return self.model.row_at(row) if row is not None else None

    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def on_done(self, words: str) -> None:
        """Say what was done, and read the list again."""
        self.status_label.setText(words)
        self.changed.emit()
        self.reload()
