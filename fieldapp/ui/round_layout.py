"""Builds the round window's widgets: actions, table, toolbar, tabs, promises, status bar, menus."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTabBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.clock import Clock
from fieldapp.ui import theme
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.focus_table import FocusTable
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.promises import Notifier, PromiseReminder, PromisesModel, PromisesPanel
from fieldapp.ui.resources import icon
from fieldapp.ui.round_filters import filter_words, order_words
from fieldapp.ui.round_model import RoundTableModel
from fieldapp.ui.settings_action import settings_action
from fieldapp.ui.walk_up import WALK_UP_SHORTCUT

if TYPE_CHECKING:
    from fieldapp.ui.round_window import RoundWindow

translate = QCoreApplication.translate


def add_action(
    window: RoundWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
    slot: Callable[[], object] | None,
) -> QAction:
    """An action of the window; `slot` None: what answers it connects it (RoundFilters)."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: RoundWindow) -> None:
    window.sync_action = add_action(
        window, translate("RoundWindow", "&Sync now"), QKeySequence(Qt.Key.Key_F5), window.sync_now
    )
    window.switch_user_action = add_action(
        window,
        translate("RoundWindow", "Switch &user\u2026"),
        None,
        window.switch_user_requested.emit,
    )
    window.logout_action = add_action(
        window, translate("RoundWindow", "&Log out\u2026"), None, window.logout_requested.emit
    )
    window.logout_everywhere_action = add_action(
        window,
        translate("RoundWindow", "Log out &everywhere\u2026"),
        None,
        window.logout_everywhere_requested.emit,
    )
    window.logout_everywhere_action.setToolTip(
        translate(
            "RoundWindow",
            "End every session of your account, on this laptop and any other (a laptop lost or "
            "a password seen), then log out here",
        )
    )
    window.sync_action.setIcon(icon("sync"))
    window.sync_action.setToolTip(
        translate("RoundWindow", "Send what you recorded and fetch changes (F5)")
    )
    # Find, the filters, round order and reverse: connected by RoundFilters.
    window.find_action = add_action(
        window, translate("RoundWindow", "&Find"), QKeySequence.StandardKey.Find, None
    )
    window.filter_actions = [
        add_action(window, label.replace("&", ""), f"Ctrl+{number}", None)
        for number, (_kind, label, _tip) in enumerate(filter_words(), 1)
    ]
    window.round_order_action = add_action(
        window, translate("RoundWindow", "&Round order"), "Ctrl+R", None
    )
    window.round_order_action.setToolTip(
        translate("RoundWindow", "Order by building and floor, keeping the time windows (Ctrl+R)")
    )
    window.reverse_action = add_action(
        window, translate("RoundWindow", "Re&verse order"), "Ctrl+Shift+O", None
    )
    window.rejected_action = add_action(
        window,
        translate("RoundWindow", "Re&jected events\u2026"),
        "Ctrl+Shift+E",
        window.open_rejected_dialog,
    )
    window.rejected_action.setIcon(icon("warning"))
    window.missing_files_action = add_action(
        window,
        translate("RoundWindow", "&Missing files\u2026"),
        None,
        window.open_missing_files_dialog,
    )
    window.missing_files_action.setIcon(icon("warning"))
    window.open_action = add_action(
        window, translate("RoundWindow", "&Open visit"), None, window.open_current_visit
    )
    window.settings_action = settings_action(window, window.settings_requested.emit)
    window.walk_up_action = add_action(
        window,
        translate("RoundWindow", "New &walk-up\u2026"),
        WALK_UP_SHORTCUT,
        window.open_walk_up_dialog,
    )
    window.walk_up_action.setIcon(icon("add"))
    window.walk_up_action.setToolTip(
        translate(
            "RoundWindow",
            "Someone at the next desk asks for help: open a visit for it now ({keys})",
        ).format(keys=WALK_UP_SHORTCUT)
    )
    window.close_action = add_action(
        window, translate("RoundWindow", "&Close"), QKeySequence.StandardKey.Close, window.close
    )


def build_table(window: RoundWindow, runner: BackgroundRunner, clock: Clock) -> None:
    window.model = RoundTableModel(window, runner=runner, clock=clock)
    window.model.loaded.connect(window.on_rows_loaded)
    window.model.load_failed.connect(window.on_work_failed)
    window.table = FocusTable(window)
    window.table.setModel(window.model)
    window.table.setAccessibleName(translate("RoundWindow", "Visits of the round"))
    window.table.setAccessibleDescription(
        translate(
            "RoundWindow",
            "Enter opens the selected visit; Ctrl+F searches; Ctrl+1 to Ctrl+5 change the list.",
        )
    )
    window.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    window.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    window.table.setAlternatingRowColors(True)
    window.table.setWordWrap(False)
    window.table.setTabKeyNavigation(False)
    window.table.verticalHeader().setVisible(False)
    window.table.verticalHeader().setDefaultSectionSize(window.table.fontMetrics().height() + 12)
    header = window.table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(False)
    header.setHighlightSections(False)
    window.table.activated.connect(window.on_row_activated)
    window.empty_label = QLabel(window.table.viewport())
    window.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.empty_label.setWordWrap(True)
    window.empty_label.setEnabled(False)  # the palette's disabled text: quiet, readable
    window.empty_label.setAccessibleName(translate("RoundWindow", "No visits"))
    window.empty_label.hide()


def build_toolbar(window: RoundWindow) -> None:
    window.search = QLineEdit(window)
    window.search.setPlaceholderText(
        translate("RoundWindow", "Search reference, customer, location or problem (Ctrl+F)\u2026")
    )
    window.search.setAccessibleName(translate("RoundWindow", "Search visits"))
    window.search.setClearButtonEnabled(True)
    window.search.setMinimumWidth(280)
    window.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    window.order_combo = QComboBox(window)
    window.order_combo.setAccessibleName(translate("RoundWindow", "Order of the visits"))
    for sort, label in order_words():
        window.order_combo.addItem(label, sort)
    order_label = QLabel(translate("RoundWindow", "&Order:"), window)
    order_label.setBuddy(window.order_combo)
    window.reverse_button = QToolButton(window)
    window.reverse_button.setDefaultAction(window.reverse_action)
    window.reverse_button.setText("\u2193")
    window.reverse_button.setAccessibleName(translate("RoundWindow", "Reverse order"))
    window.reverse_button.setToolTip(translate("RoundWindow", "Reverse the order (Ctrl+Shift+O)"))
    window.reverse_action.setCheckable(True)

    toolbar = QToolBar(translate("RoundWindow", "Round"), window)
    toolbar.setObjectName("round-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(window.sync_action)
    toolbar.addAction(window.walk_up_action)
    toolbar.addSeparator()
    toolbar.addWidget(order_label)
    toolbar.addWidget(window.order_combo)
    toolbar.addWidget(window.reverse_button)
    toolbar.addSeparator()
    toolbar.addWidget(window.search)
    window.toolbar = toolbar
    window.addToolBar(toolbar)


def build_central(window: RoundWindow) -> None:
    window.notice = NoticeBar(window)
    window.tabs = QTabBar(window)
    window.tabs.setAccessibleName(translate("RoundWindow", "Which visits to show"))
    window.tabs.setDocumentMode(True)
    window.tabs.setExpanding(False)
    window.tabs.setDrawBase(False)
    for number, (_kind, label, tip) in enumerate(filter_words(), 1):
        index = window.tabs.addTab(label)
        window.tabs.setTabToolTip(
            index, translate("RoundWindow", "{tip} ({keys})").format(tip=tip, keys=f"Ctrl+{number}")
        )
    window.result_label = QLabel(window)
    window.result_label.setAccessibleName(translate("RoundWindow", "Search result"))
    window.result_label.setEnabled(False)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(window.tabs)
    row.addStretch(1)
    row.addWidget(window.result_label)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(8, 6, 8, 0)
    layout.setSpacing(6)
    layout.addWidget(window.notice)
    layout.addLayout(row)
    layout.addWidget(window.table, 1)
    window.setCentralWidget(central)
    window.setTabOrder(window.search, window.tabs)
    window.setTabOrder(window.tabs, window.table)


def build_promises(window: RoundWindow, clock: Clock, use_tray: bool | None) -> None:
    window.promises_model = PromisesModel(clock, window)
    window.promises_panel = PromisesPanel(window.promises_model, window)
    window.promises_panel.visit_opened.connect(window.visit_opened)
    window.promises_panel.setMinimumWidth(240)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.promises_panel)
    window.promises_action = window.promises_panel.toggleViewAction()
    window.promises_action.setText(translate("RoundWindow", "&Promises"))
    window.promises_action.setShortcut(QKeySequence("Ctrl+P"))
    window.promises_action.setIcon(icon("promise"))
    window.promises_action.setToolTip(
        translate("RoundWindow", "Show or hide the open promises (Ctrl+P)")
    )
    window.addAction(window.promises_action)
    window.reminder = PromiseReminder(clock, parent=window)
    window.reminder.remind.connect(window.on_promise_due)
    window.notifier = Notifier(window.notice, use_tray=use_tray, parent=window)


def build_status_bar(window: RoundWindow) -> None:
    bar = window.statusBar()
    window.connection_icon = QLabel(window)
    window.connection_label = QLabel(window)
    window.connection_label.setAccessibleName(translate("RoundWindow", "Connection"))
    window.last_sync_label = QLabel(window)
    window.last_sync_label.setAccessibleName(translate("RoundWindow", "Last sync"))
    window.pending_label = QLabel(window)
    window.pending_label.setAccessibleName(translate("RoundWindow", "Events waiting to sync"))
    window.rejected_button = QToolButton(window)
    window.rejected_button.setIcon(icon("warning"))
    window.rejected_button.clicked.connect(window.open_rejected_dialog)
    window.rejected_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.rejected_button.setAutoRaise(True)
    window.rejected_button.setAccessibleName(translate("RoundWindow", "Rejected events"))
    window.rejected_button.hide()
    bar.addPermanentWidget(window.rejected_button)
    window.missing_files_button = QToolButton(window)
    window.missing_files_button.setIcon(icon("warning"))
    window.missing_files_button.clicked.connect(window.open_missing_files_dialog)
    window.missing_files_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.missing_files_button.setAutoRaise(True)
    window.missing_files_button.setAccessibleName(translate("RoundWindow", "Files missing"))
    window.missing_files_button.setToolTip(
        translate(
            "RoundWindow",
            "Some attachments cannot be sent: their file is gone. Re-attach or drop them",
        )
    )
    window.missing_files_button.hide()
    bar.addPermanentWidget(window.missing_files_button)
    for label in (window.pending_label, window.last_sync_label):
        label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(label)
    bar.addPermanentWidget(window.connection_icon)
    window.connection_label.setContentsMargins(0, 0, 8, 0)
    bar.addPermanentWidget(window.connection_label)


def build_menus(window: RoundWindow) -> None:
    menu = window.menuBar().addMenu(translate("RoundWindow", "&Round"))
    window.round_menu = menu
    menu.addAction(window.sync_action)
    menu.addAction(window.sync_news.action)
    menu.addAction(window.find_action)
    menu.addAction(window.open_action)
    menu.addAction(window.walk_up_action)
    menu.addSeparator()
    for action in window.filter_actions:
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(window.round_order_action)
    menu.addAction(window.reverse_action)
    menu.addSeparator()
    menu.addAction(window.rejected_action)
    menu.addAction(window.missing_files_action)
    menu.addSeparator()
    menu.addAction(window.settings_action)
    menu.addSeparator()
    menu.addAction(window.switch_user_action)
    menu.addAction(window.logout_action)
    menu.addAction(window.logout_everywhere_action)
    menu.addAction(window.close_action)
    view = window.menuBar().addMenu(translate("RoundWindow", "&View"))
    view.addAction(window.promises_action)
    view.addSeparator()
    theme.add_theme_menu(view, window)
