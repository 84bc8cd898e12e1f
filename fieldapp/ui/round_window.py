"""The technician's main window: the round of cached visits, promises, sync status and "Sync now".

Everything it shows is read from the cache on the BackgroundRunner, a page at a time, so
the window answers at once whatever the size of the cache and whatever the sync is doing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from fieldapp.store.attention import OpenPromise
from fieldapp.store.db import Store
from fieldapp.store.round_queries import RoundFilter, RoundQuery, RoundSort
from fieldapp.sync.errors import AuthError, OfflineError, SyncError, TLSError
from fieldapp.ui import round_layout
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.connectivity import PROBE_INTERVAL_MS, ConnectivityMonitor
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.promises import (
    Notifier,
    PromiseReminder,
    PromisesModel,
    PromisesPanel,
    reminder_text,
)
from fieldapp.ui.rejected_dialog import RejectedDialog
from fieldapp.ui.resources import icon
from fieldapp.ui.round_data import DEFAULT_ORDER, RoundStatus, read_rows, read_status, utc_now
from fieldapp.ui.round_layout import FILTERS
from fieldapp.ui.round_model import (
    COLUMNS,
    CUSTOMER,
    LOCATION,
    PRIORITY,
    STEP,
    SYNC,
    WINDOW,
    RoundTableModel,
)

log = logging.getLogger(__name__)

# Read by the app, the tests and the benchmarks from here, where they were first.
__all__ = [
    "AUTO_SYNC_MS",
    "FILTERS",
    "RoundStatus",
    "RoundWindow",
    "read_rows",
    "read_status",
    "utc_now",
]

Clock = Callable[[], datetime]
AUTO_SYNC_MS = 5 * 60 * 1000
SYNC_SOON_MS = 5 * 1000  # after an event is recorded: let a few more come, then send them
REFRESH_MS = 60 * 1000  # re-read the round: windows pass, "today" moves on
REMINDER_MS = 30 * 1000
KEEP_LOADED_MAX = 2000  # rows kept across a refresh (more would make refreshes slow)


class RoundWindow(QMainWindow):
    """The round: today's visits (and upcoming, overdue, done), searchable and in walking order.

    Args:
        store: the open cache.
        runner: the background runner every cache read and the sync go through.
        sync: runs one sync (on a worker thread) and returns a summary; raises SyncError.
        user_label: the technician's name for the title bar.
        clock: the current time (timezone-aware); tests move it.
        probe: checks the server answers (on a worker thread); None: no probing.
        probe_interval_ms: time between probes while the server cannot be reached.
        auto_sync_ms: time between automatic syncs while it can.
        use_system_network: also listen to the system's network reachability.
        use_tray: None: remind through the system tray if there is one; False: never.

    Signals:
        visit_opened(str): the technician opened a visit (Enter or double-click on a row, a
            promise, a rejected event or a reminder); the visit's id.
        sync_finished(str): a one-line summary after each sync, or the error sentence.
        login_required(str): a sync failed because the login expired or was revoked (or
            there is none); the sentence to show above the login dialog.
        round_loaded(): the table shows the rows of the current filter, search and order.
        status_loaded(): the status bar, tab counts and promises were re-read.
    """

    visit_opened = Signal(str)
    sync_finished = Signal(str)
    login_required = Signal(str)
    round_loaded = Signal()
    status_loaded = Signal()

    # built by fieldapp.ui.round_layout
    sync_action: QAction
    find_action: QAction
    filter_actions: list[QAction]
    round_order_action: QAction
    reverse_action: QAction
    rejected_action: QAction
    open_action: QAction
    close_action: QAction
    promises_action: QAction
    model: RoundTableModel
    table: QTableView
    empty_label: QLabel
    search: QLineEdit
    order_combo: QComboBox
    reverse_button: QToolButton
    toolbar: QToolBar
    notice: NoticeBar
    tabs: QTabBar
    result_label: QLabel
    promises_model: PromisesModel
    promises_panel: PromisesPanel
    reminder: PromiseReminder
    notifier: Notifier
    connection_icon: QLabel
    connection_label: QLabel
    last_sync_label: QLabel
    pending_label: QLabel
    rejected_button: QToolButton

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        sync: Callable[[], object],
        *,
        user_label: str = "",
        clock: Clock = utc_now,
        probe: Callable[[], object] | None = None,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        auto_sync_ms: int = AUTO_SYNC_MS,
        use_system_network: bool = False,
        use_tray: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._sync = sync
        self._clock = clock
        self._syncing = False
        self._filter = RoundFilter.TODAY
        self._orders = dict(DEFAULT_ORDER)
        self._keep_visit: str | None = None
        self._keep_scroll = 0
        self._first_load = True
        self._status: RoundStatus | None = None
        self.rejected_dialog: RejectedDialog | None = None
        self.setWindowTitle(f"FieldApp \u2014 {user_label}" if user_label else "FieldApp")
        self.setWindowIcon(icon("app"))
        self.resize(1280, 720)

        round_layout.build_actions(self)
        round_layout.build_table(self, runner, clock)
        round_layout.build_toolbar(self)
        round_layout.build_central(self)
        round_layout.build_promises(self, clock, use_tray)
        round_layout.build_status_bar(self)
        round_layout.build_menus(self)
        self.table.setFocus()

        self.connectivity = ConnectivityMonitor(
            runner,
            probe,
            interval_ms=probe_interval_ms,
            use_system=use_system_network,
            parent=self,
        )
        self.connectivity.online_changed.connect(self.on_online_changed)
        self.connectivity.came_online.connect(self.sync_now)
        self._set_connection(None)

        self._sync_soon_timer = QTimer(self)
        self._sync_soon_timer.setSingleShot(True)
        self._sync_soon_timer.setInterval(SYNC_SOON_MS)
        self._sync_soon_timer.timeout.connect(self.on_sync_timer)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(auto_sync_ms)
        self._sync_timer.timeout.connect(self.on_sync_timer)
        self._sync_timer.start()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._refresh_timer.start()
        self._reminder_timer = QTimer(self)
        self._reminder_timer.setInterval(REMINDER_MS)
        self._reminder_timer.timeout.connect(self.check_reminders)
        self._reminder_timer.start()

    # --- reading ----------------------------------------------------------------------------

    @property
    def current_filter(self) -> RoundFilter:
        return self._filter

    @property
    def current_order(self) -> tuple[RoundSort, bool]:
        """The order of the current filter: (sort, descending)."""
        return self._orders[self._filter]

    def query(self) -> RoundQuery:
        """What the table shows now, as a query of the cache."""
        sort, descending = self.current_order
        return RoundQuery(
            now=self._clock(),
            filter=self._filter,
            search=self.search.text(),
            sort=sort,
            descending=descending,
        )

    def refresh(self) -> None:
        """Re-read the round and the status from the cache, keeping the selection."""
        self._load_rows(keep=True)
        self.refresh_status()

    def refresh_status(self) -> None:
        now = self._clock()
        self._runner.run(
            lambda: read_status(self._store, now), self.on_status_read, self.on_work_failed
        )

    def _load_rows(self, *, keep: bool) -> None:
        if keep:
            self._keep_visit = self.current_visit_id()
            self._keep_scroll = self.table.verticalScrollBar().value()
        else:
            self._keep_visit = None
            self._keep_scroll = 0
        query = self.query()
        store = self._store
        at_least = min(self.model.rowCount(), KEEP_LOADED_MAX) if keep else 0
        self.model.load(
            lambda offset, limit: read_rows(store, query, offset, limit), at_least=at_least
        )

    def on_rows_loaded(self) -> None:
        if self._first_load:
            self._first_load = False
            self._fit_columns()
        row = self.model.row_of(self._keep_visit) if self._keep_visit else None
        if row is None and self.model.rowCount() and self.table.hasFocus():
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.verticalScrollBar().setValue(self._keep_scroll)
        self._update_empty_state()
        self.round_loaded.emit()

    def _fit_columns(self) -> None:
        """Widths from the first rows, capped so the problem column keeps some room."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        self.table.resizeColumnsToContents()
        at_least = {WINDOW: "Tomorrow 00:00\u201300:00", PRIORITY: "Critical"}
        for column, sample in at_least.items():
            wanted = metrics.horizontalAdvance(sample) + 24
            header.resizeSection(column, max(header.sectionSize(column), wanted))
        for column, most in ((CUSTOMER, 180), (LOCATION, 240), (STEP, 150), (SYNC, 120)):
            header.resizeSection(column, min(header.sectionSize(column), most))

    def _update_empty_state(self) -> None:
        text = self.search.text().strip()
        label = FILTERS[self.tabs.currentIndex()][1].replace("&", "")
        if self.model.rowCount():
            self.empty_label.hide()
            loaded = self.model.rowCount()
            more = "+" if self.model.has_more() else ""
            self.result_label.setText(
                f"{loaded}{more} visit{'s' if loaded != 1 or more else ''} match \u201c{text}\u201d"
                if text
                else ""
            )
            return
        self.result_label.setText("")
        if text:
            message = f"No visit in {label} matches \u201c{text}\u201d."
            if self._filter is not RoundFilter.ALL:
                message += " Search all visits with Ctrl+5."
        else:
            message = {
                RoundFilter.TODAY: "No open visits today.",
                RoundFilter.UPCOMING: "No upcoming visits.",
                RoundFilter.OVERDUE: "Nothing overdue.",
                RoundFilter.DONE: "No finished visits on this laptop yet.",
                RoundFilter.ALL: "No visits on this laptop yet: sync to fetch your round (F5).",
            }[self._filter]
        self.empty_label.setText(message)
        self._place_empty_label()
        self.empty_label.show()

    def _place_empty_label(self) -> None:
        viewport = self.table.viewport()
        self.empty_label.setGeometry(24, 24, max(0, viewport.width() - 48), 80)

    def on_status_read(self, status: RoundStatus) -> None:
        self._status = status
        last = status.last_sync_at
        self.last_sync_label.setText(
            f"Last sync {last.astimezone():%H:%M}" if last else "Never synced"
        )
        self.last_sync_label.setToolTip(
            f"Last successful sync: {last.astimezone():%A %d %B, %H:%M}" if last else ""
        )
        self.pending_label.setText(f"{status.pending} to sync" if status.pending else "All sent")
        self.pending_label.setToolTip(
            f"{status.pending} event(s) recorded on this laptop wait to be sent"
            if status.pending
            else "Everything recorded on this laptop reached the server"
        )
        self.rejected_button.setText(f"{status.rejected} rejected")
        self.rejected_button.setVisible(status.rejected > 0)
        self.rejected_button.setToolTip(
            "The server refused some events: see why and what to do (Ctrl+Shift+E)"
        )
        for index, (kind, label, _tip) in enumerate(FILTERS):
            count = status.counts.get(kind)
            self.tabs.setTabText(index, f"{label} ({count})" if count else label)
        self.promises_model.set_promises(status.promises)
        self.reminder.set_promises(status.promises)
        self.check_reminders()
        self.status_loaded.emit()

    def on_work_failed(self, error: Exception | str) -> None:
        self.statusBar().showMessage(f"Could not read the local cache: {error}")

    # --- filter, search, order --------------------------------------------------------------

    def set_filter(self, kind: RoundFilter) -> None:
        """Show the visits of `kind` (Ctrl+1 to Ctrl+5)."""
        index = [f for f, _label, _tip in FILTERS].index(kind)
        if self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)  # on_tab_changed loads
        else:
            self._load_rows(keep=False)

    def on_tab_changed(self, index: int) -> None:
        self._filter = FILTERS[index][0]
        self._show_order()
        self._load_rows(keep=False)

    def on_search_text_changed(self, _text: str) -> None:
        self._load_rows(keep=False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_order(self, sort: RoundSort, descending: bool = False) -> None:
        """Order the current filter's visits; ROUND ignores `descending`."""
        self._orders[self._filter] = (sort, descending and sort is not RoundSort.ROUND)
        self._show_order()
        self._load_rows(keep=True)

    def reverse_order(self) -> None:
        sort, descending = self.current_order
        if sort is RoundSort.ROUND:
            sort = RoundSort.WINDOW
        self.set_order(sort, not descending)

    def on_order_chosen(self, index: int) -> None:
        sort = self.order_combo.itemData(index)
        if isinstance(sort, RoundSort):
            self.set_order(sort, self.current_order[1])

    def on_header_clicked(self, column: int) -> None:
        sort = COLUMNS[column][2]
        if sort is None:
            self._show_order()
            return
        current, descending = self.current_order
        self.set_order(sort, not descending if current is sort else False)

    def _show_order(self) -> None:
        sort, descending = self.current_order
        self.order_combo.setCurrentIndex(self.order_combo.findData(sort))
        self.reverse_action.setChecked(descending)
        self.reverse_action.setEnabled(True)
        header = self.table.horizontalHeader()
        column = next((n for n, c in enumerate(COLUMNS) if c[2] is sort), None)
        blocked = header.blockSignals(True)
        if column is None:
            header.setSortIndicatorShown(False)
        else:
            header.setSortIndicatorShown(True)
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(column, order)
        header.blockSignals(blocked)

    # --- opening ----------------------------------------------------------------------------

    def current_visit_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.row_at(index.row()).visit_id

    def open_current_visit(self) -> None:
        visit_id = self.current_visit_id()
        if visit_id is not None:
            self.visit_opened.emit(visit_id)

    def on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.visit_opened.emit(self.model.row_at(index.row()).visit_id)

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown):
                self._focus_table()
                return True
            if key == Qt.Key.Key_Escape:
                if self.search.text():
                    self.search.clear()
                else:
                    self._focus_table()
                return True
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
        return super().eventFilter(watched, event)

    # --- rejected events and promises -------------------------------------------------------

    def open_rejected_dialog(self) -> RejectedDialog:
        """Show the rejected events (window-modal); returns the dialog."""
        if self.rejected_dialog is None:
            dialog = RejectedDialog(self._store, self._runner, self)
            dialog.changed.connect(self.refresh)
            dialog.visit_opened.connect(self.on_rejected_visit_opened)
            self.rejected_dialog = dialog
        else:
            self.rejected_dialog.reload()
        self.rejected_dialog.open()
        return self.rejected_dialog

    def on_rejected_visit_opened(self, visit_id: str) -> None:
        if self.rejected_dialog is not None:
            self.rejected_dialog.accept()
        self.visit_opened.emit(visit_id)

    def check_reminders(self) -> None:
        self.promises_model.refresh_times()
        self.reminder.check()

    def on_promise_due(self, promise: OpenPromise) -> None:
        visit_id = promise.visit_id
        self.notifier.notify(
            "Promise due",
            reminder_text(promise, self._clock()),
            action_text="Open visit",
            action=lambda: self.visit_opened.emit(visit_id),
        )

    # --- syncing ----------------------------------------------------------------------------

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

    def on_event_recorded(self, _event_type: str = "") -> None:
        """An event was recorded elsewhere (a visit window): re-read, and sync soon."""
        self.refresh()
        self._sync_soon_timer.start()

    def on_sync_timer(self) -> None:
        if self.connectivity.online is not False:  # offline: the probe says when to sync
            self.sync_now()

    def on_sync_done(self, summary: object) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self.connectivity.report(True)
        self.statusBar().showMessage(str(summary), 8000)
        self.sync_finished.emit(str(summary))
        self.refresh()

    def on_sync_failed(self, error: Exception) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        message = str(error)
        if isinstance(error, AuthError):
            self.connectivity.report(True)  # the server answered: it wants a login
            self.statusBar().showMessage(message)
            self.login_required.emit(message)
        elif isinstance(error, OfflineError | TLSError) or not isinstance(error, SyncError):
            self.connectivity.report(False)
            self.statusBar().showMessage(message)
        else:
            self.connectivity.report(True)
            self.statusBar().showMessage(message)
        self.sync_finished.emit(message)
        self.refresh()

    def on_online_changed(self, online: bool) -> None:
        self._set_connection(online)

    def _set_connection(self, online: bool | None) -> None:
        if online is None:
            text, name, tip = (
                "Not connected yet",
                "offline",
                "The app has not reached the server yet",
            )
        elif online:
            text, name, tip = "Online", "online", "The server answered the last sync"
        else:
            text = "Offline"
            name = "offline"
            tip = "Working from this laptop's copy; sync resumes when the server answers"
        self.connection_label.setText(text)
        self.connection_label.setToolTip(tip)
        self.connection_icon.setPixmap(icon(name).pixmap(16, 16))
        self.connection_icon.setToolTip(tip)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        timers = (
            self._sync_timer,
            self._sync_soon_timer,
            self._refresh_timer,
            self._reminder_timer,
        )
        for timer in timers:
            timer.stop()
        self.connectivity.stop()
        self._runner.wait()
        super().closeEvent(event)
