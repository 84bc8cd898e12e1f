"""The technician's main window: the round of cached visits, promises, sync status and "Sync now".

Everything it shows is read from the cache on the BackgroundRunner, a page at a time, so
the window answers at once whatever the size of the cache and whatever the sync is doing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from fieldapp.clock import Clock, utc_now
from fieldapp.store.attention import OpenPromise
from fieldapp.store.db import Store
from fieldapp.store.round_queries import RoundFilter, RoundSort
from fieldapp.ui import round_layout, window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.connectivity import PROBE_INTERVAL_MS
from fieldapp.ui.help_menu import HelpMenu
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.promises import (
    Notifier,
    PromiseReminder,
    PromisesModel,
    PromisesPanel,
    reminder_text,
)
from fieldapp.ui.resources import icon
from fieldapp.ui.round_columns import fit_columns, keep_whole
from fieldapp.ui.round_customer import RoundCustomer
from fieldapp.ui.round_data import RoundStatus, read_rows, read_status
from fieldapp.ui.round_dialogs import RoundDialogs
from fieldapp.ui.round_filters import RoundFilters
from fieldapp.ui.round_model import RoundTableModel
from fieldapp.ui.round_rows import RoundRow
from fieldapp.ui.round_scan import RoundScan
from fieldapp.ui.round_status import show_status
from fieldapp.ui.round_sync import AUTO_SYNC_MS, RoundSync
from fieldapp.ui.sync_news import SyncNews

if TYPE_CHECKING:
    from fieldapp.ui.missing_files_dialog import MissingFilesDialog
    from fieldapp.ui.rejected_dialog import RejectedDialog
    from fieldapp.ui.walk_up import WalkUpDialog

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
        author: the technician's username, under which a walk-up is opened.
        clock: the current time (timezone-aware); tests move it.
        probe: checks the server answers (on a worker thread); None: no probing.
        probe_interval_ms: time between probes while the server cannot be reached.
        auto_sync_ms: time between automatic syncs while it can.
        use_system_network: also listen to the system's network reachability.
        use_tray: None: remind through the system tray if there is one; False: never.

    Signals:
        visit_opened(str): the technician opened a visit (Enter or double-click on a row, a
            promise, a rejected event, a reminder or a new walk-up); the visit's id.
        sync_finished(str): a one-line summary after each sync, or the error sentence.
        login_required(str): a sync failed because the login expired or was revoked (or
            there is none); the sentence to show above the login dialog.
        round_loaded(): the table shows the rows of the current filter, search and order.
        status_loaded(): the status bar, tab counts and promises were re-read.
        logout_requested(), switch_user_requested(), logout_everywhere_requested(): the
            technician chose Log out, Switch user or Log out everywhere in the Round menu
            (the controller says what is unsynced first).
        settings_requested(): the technician chose Round > Settings (Ctrl+,).
    """

    visit_opened = Signal(str)
    sync_finished = Signal(str)
    login_required = Signal(str)
    logout_requested = Signal()
    switch_user_requested = Signal()
    logout_everywhere_requested = Signal()
    settings_requested = Signal()
    round_loaded = Signal()
    status_loaded = Signal()

    # built by fieldapp.ui.round_layout
    sync_action: QAction
    find_action: QAction
    filter_actions: list[QAction]
    round_order_action: QAction
    reverse_action: QAction
    rejected_action: QAction
    missing_files_action: QAction
    open_action: QAction
    walk_up_action: QAction
    close_action: QAction
    promises_action: QAction
    logout_action: QAction
    switch_user_action: QAction
    logout_everywhere_action: QAction
    settings_action: QAction
    round_menu: QMenu
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
    missing_files_button: QToolButton

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        sync: Callable[[], object],
        *,
        user_label: str = "",
        author: str = "",
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
        self._clock = clock
        self._author = author
        self._keep_visit: str | None = None
        self._keep_scroll = 0
        self._first_load = True
        self.setWindowTitle(
            self.tr("FieldApp \u2014 {user}").format(user=user_label) if user_label else "FieldApp"
        )
        self.setWindowIcon(icon("app"))
        window_place.place(self, "round", QSize(1280, 720), fill=0.9)

        round_layout.build_actions(self)
        round_layout.build_table(self, runner, clock)
        round_layout.build_toolbar(self)
        round_layout.build_central(self)
        round_layout.build_promises(self, clock, use_tray)
        round_layout.build_status_bar(self)
        self.sync_news = SyncNews(self, self.statusBar(), self.notifier, clock=clock)
        round_layout.build_menus(self)
        self.help_menu = HelpMenu(self, store)  # the rightmost menu
        self.scan = RoundScan(self, store, runner, self.visit_opened.emit)
        self.dialogs = RoundDialogs(self, store, runner, author=author, clock=clock)
        # "On my way", "Running late..." and "End day...": messages to the users.
        self.customer = RoundCustomer(
            self,
            store,
            runner,
            author=author,
            clock=clock,
            selected=self.current_row,
            inform=lambda text: self.statusBar().showMessage(text, 15_000),
            recorded=self.on_event_recorded,
        )
        self.customer.add_to_menu(self.round_menu, before=self.rejected_action)
        self.table.setFocus()

        self.filters = RoundFilters(
            tabs=self.tabs,
            search=self.search,
            order_combo=self.order_combo,
            table=self.table,
            empty_label=self.empty_label,
            result_label=self.result_label,
            find_action=self.find_action,
            filter_actions=self.filter_actions,
            round_order_action=self.round_order_action,
            reverse_action=self.reverse_action,
            parent=self,
        )
        self.filters.changed.connect(self._load_rows)
        self.syncer = RoundSync(
            runner,
            sync,
            action=self.sync_action,
            status_bar=self.statusBar(),
            connection_icon=self.connection_icon,
            connection_label=self.connection_label,
            probe=probe,
            probe_interval_ms=probe_interval_ms,
            auto_sync_ms=auto_sync_ms,
            use_system_network=use_system_network,
            parent=self,
        )
        self.syncer.finished.connect(self.sync_finished)
        self.syncer.synced.connect(self.sync_news.on_synced)
        self.syncer.finished.connect(self.refresh)
        self.syncer.login_required.connect(self.login_required)
        self.search.textEdited.connect(lambda _text: self.syncer.note_typing())

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
        return self.filters.current_filter

    @property
    def current_order(self) -> tuple[RoundSort, bool]:
        """The order of the current filter: (sort, descending)."""
        return self.filters.current_order

    def set_filter(self, kind: RoundFilter) -> None:
        """Show the visits of `kind` (Ctrl+1 to Ctrl+5)."""
        self.filters.set_filter(kind)

    def refresh(self) -> None:
        """Re-read the round and the status from the cache, keeping the selection."""
        self._load_rows(keep=True)
        self.refresh_status()

    def refresh_status(self) -> None:
        now = self._clock()
        self._runner.run(
            lambda: read_status(self._store, now), self.on_status_read, self.on_work_failed
        )

    def _load_rows(self, keep: bool) -> None:
        """Re-read the rows; `keep`: keep the selection and the scroll."""
        if keep:
            self._keep_visit = self.current_visit_id()
            self._keep_scroll = self.table.verticalScrollBar().value()
        else:
            self._keep_visit = None
            self._keep_scroll = 0
        query = self.filters.query(self._clock())
        store, user = self._store, self._author
        at_least = min(self.model.rowCount(), KEEP_LOADED_MAX) if keep else 0
        self.model.load(
            lambda offset, limit: read_rows(store, query, offset, limit, user), at_least=at_least
        )

    def on_rows_loaded(self) -> None:
        if self._first_load and self.model.rowCount():
            # Not on an empty first read (a fresh cache before its first sync): widths
            # from the headers alone would cut every reference, customer and step.
            self._first_load = False
            fit_columns(self.table)
        else:
            keep_whole(self.table)
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
        self.filters.show_result(self.model.rowCount(), self.model.has_more())
        self.round_loaded.emit()

    def on_status_read(self, status: RoundStatus) -> None:
        show_status(
            status,
            last_sync_label=self.last_sync_label,
            pending_label=self.pending_label,
            rejected_button=self.rejected_button,
            missing_files_button=self.missing_files_button,
        )
        self.filters.show_counts(status.counts)
        self.promises_model.set_promises(status.promises)
        self.reminder.set_promises(status.promises)
        self.check_reminders()
        self.status_loaded.emit()

    def on_work_failed(self, error: Exception | str) -> None:
        self.statusBar().showMessage(
            self.tr("Could not read the local cache: {error}").format(error=error_text(error))
        )

    # --- opening ----------------------------------------------------------------------------

    def current_visit_id(self) -> str | None:
        row = self.current_row()
        return None if row is None else row.visit_id

    def current_row(self) -> RoundRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.row_at(index.row())

    def open_current_visit(self) -> None:
        visit_id = self.current_visit_id()
        if visit_id is not None:
            self.visit_opened.emit(visit_id)

    def on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.visit_opened.emit(self.model.row_at(index.row()).visit_id)

    def open_walk_up_dialog(self) -> WalkUpDialog:
        """New walk-up (Ctrl+N): open a visit for the next desk's request; returns the dialog."""
        return self.dialogs.open_walk_up()

    @property
    def walk_up_dialog(self) -> WalkUpDialog | None:
        return self.dialogs.walk_up

    # --- rejected events and promises -------------------------------------------------------

    def open_rejected_dialog(self) -> RejectedDialog:
        """Show the rejected events (window-modal); returns the dialog."""
        return self.dialogs.open_rejected()

    def open_missing_files_dialog(self) -> MissingFilesDialog:
        """Show the unsent events whose file is gone (window-modal); returns the dialog."""
        return self.dialogs.open_missing_files()

    def check_reminders(self) -> None:
        self.promises_model.refresh_times()
        self.reminder.check()

    def on_promise_due(self, promise: OpenPromise) -> None:
        visit_id = promise.visit_id
        self.notifier.notify(
            self.tr("Promise due"),
            reminder_text(promise, self._clock()),
            action_text=self.tr("Open visit"),
            action=lambda: self.visit_opened.emit(visit_id),
        )

    # --- syncing ----------------------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        return self.syncer.syncing

    def sync_now(self) -> None:
        """Start a background sync; a second click while one runs does nothing."""
        self.syncer.sync_now()

    def sync_after_first_rows(self) -> None:
        """Start a sync (`syncing` at once) whose work waits for the round's first rows
        (round_loaded) to be painted: the app's start paints them first."""
        self.syncer.sync_when(
            self.round_loaded, self.table.viewport(), rows_shown=lambda: self.model.rowCount() > 0
        )

    def on_event_recorded(self, _event_type: str = "") -> None:
        """An event was recorded elsewhere (a visit window): re-read, and sync soon."""
        self.refresh()
        self.syncer.sync_soon()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._refresh_timer.stop()
        self._reminder_timer.stop()
        self.customer.stop()
        self.syncer.stop()
        self._runner.wait()
        super().closeEvent(event)
