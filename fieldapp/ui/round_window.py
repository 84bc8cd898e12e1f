"""The technician's main window: the round of cached visits, sync status and "Sync now"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QToolBar,
    QWidget,
)

from fieldapp.store.db import Store
from fieldapp.store.meta import get_last_sync_at
from fieldapp.store.queries import list_visits, sync_counts
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.round_model import RoundRow, RoundTableModel

AUTO_SYNC_MS = 5 * 60 * 1000


@dataclass(frozen=True, slots=True)
class RoundSnapshot:
    """Everything the window shows, read in one go off the UI thread."""

    rows: list[RoundRow]
    pending: int
    rejected: int
    last_sync_at: datetime | None


def read_round(store: Store, search: str = "") -> RoundSnapshot:
    """Read the round from the cache (runs on a worker thread)."""
    with store.read_session() as session:
        visits = list_visits(session, search=search or None)
        counts = sync_counts(session)
        last_sync = get_last_sync_at(session)
    rows = [
        RoundRow(
            visit_id=v.id,
            window_start=v.window_start,
            window_end=v.window_end,
            reference=v.reference,
            customer=v.customer_name,
            location=" / ".join(part for part in (v.building, v.floor, v.room) if part),
            priority=v.priority,
            step=str(v.step),
            pending=v.pending_count,
            rejected=v.rejected_count,
            conflict=v.scope_lost_message if v.conflict else None,
        )
        for v in visits
    ]
    return RoundSnapshot(rows, counts.pending, counts.rejected, last_sync)


class RoundWindow(QMainWindow):
    """Lists the cached visits and runs sync in the background.

    Signals:
        sync_finished(str): a one-line summary after each sync, or the error sentence.
    """

    sync_finished = Signal(str)

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        sync: Callable[[], object],
        *,
        user_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._sync = sync
        self._syncing = False
        self._online: bool | None = None
        self.setWindowTitle(f"FieldApp \u2014 {user_label}" if user_label else "FieldApp")
        self.setWindowIcon(icon("app"))
        self.resize(1100, 640)

        self.model = RoundTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Visits of the round")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.table)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search reference, customer, location\u2026")
        self.search.setAccessibleName("Search visits")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(360)
        self.search.textChanged.connect(self.on_search_text_changed)

        self.sync_action = QAction(icon("sync"), "&Sync now", self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setToolTip("Send what you recorded and fetch changes (F5)")
        self.sync_action.triggered.connect(self.sync_now)
        find_action = QAction("Find", self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.search.setFocus)
        self.addAction(find_action)

        toolbar = QToolBar("Round", self)
        toolbar.setObjectName("round-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.sync_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

        self.connection_label = QLabel(self)
        self.connection_label.setAccessibleName("Connection")
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setAccessibleName("Last sync")
        self.pending_label = QLabel(self)
        self.pending_label.setAccessibleName("Events waiting to sync")
        for label in (self.connection_label, self.last_sync_label, self.pending_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self._set_connection(None)

        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_SYNC_MS)
        self._timer.timeout.connect(self.sync_now)
        self._timer.start()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh)

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the round from the cache in the background."""
        text = self.search.text().strip()
        self._runner.run(
            lambda: read_round(self._store, text), self.on_round_read, self.on_work_failed
        )

    def on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def on_round_read(self, snapshot: RoundSnapshot) -> None:
        self.model.set_rows(snapshot.rows)
        self.table.resizeColumnsToContents()
        last = snapshot.last_sync_at
        self.last_sync_label.setText(
            f"Last sync {last.astimezone():%H:%M}" if last else "Never synced"
        )
        text = f"{snapshot.pending} to sync"
        if snapshot.rejected:
            text += f", {snapshot.rejected} rejected"
        self.pending_label.setText(text)

    # --- syncing -------------------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        return self._syncing

    def sync_now(self) -> None:
        """Start a background sync; a second click while one runs does nothing."""
        if self._syncing:
            return
        self._syncing = True
        self.sync_action.setEnabled(False)
        self.statusBar().showMessage("Syncing\u2026")
        self._runner.run(self._sync, self.on_sync_done, self.on_sync_failed)

    def on_sync_done(self, summary: object) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self._set_connection(True)
        self.statusBar().showMessage(str(summary), 8000)
        self.sync_finished.emit(str(summary))
        self.refresh()

    def on_sync_failed(self, error: Exception) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self._set_connection(False)
        self.statusBar().showMessage(str(error))
        self.sync_finished.emit(str(error))
        self.refresh()

    def on_work_failed(self, error: Exception) -> None:
        self.statusBar().showMessage(f"Could not read the local cache: {error}")

    def _set_connection(self, online: bool | None) -> None:
        self._online = online
        if online is None:
            self.connection_label.setText("Not synced yet")
        elif online:
            self.connection_label.setText("Online")
        else:
            self.connection_label.setText("Offline")
        self.connection_label.setToolTip(
            "The last sync reached the server" if online else "Working from the local cache"
        )

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._timer.stop()
        self._runner.wait()
        super().closeEvent(event)
