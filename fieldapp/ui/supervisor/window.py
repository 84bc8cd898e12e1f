"""The supervisors' window: a period, tabs over the server's supervisor API, F5 to refresh."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui import theme, window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.resources import icon
from fieldapp.ui.settings_action import settings_action
from fieldapp.ui.supervisor.board import BoardTab
from fieldapp.ui.supervisor.charts import ChartsTab
from fieldapp.ui.supervisor.common import FileChooser, Loader, Period, choose_file
from fieldapp.ui.supervisor.conflicts import ConflictsTab
from fieldapp.ui.supervisor.dispatch import DispatchTab
from fieldapp.ui.supervisor.equipment import EquipmentTab
from fieldapp.ui.supervisor.export import ExportTab
from fieldapp.ui.supervisor.knowledge import KnowledgeTab
from fieldapp.ui.supervisor.metrics import MetricsTab
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.supervisor.timeline import TimelineDialog

MAX_DAYS = 366  # the server's longest date range


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class SupervisorWindow(QMainWindow):
    """Team board, care metrics, charts, dispatch, conflicts, export for a period, the
    equipment out and the knowledge base.

    Every call to the server runs on the runner; a failure shows its sentence in the notice
    bar. Only the tab on screen reads when the period changes or on F5; the others read when
    they are shown next.

    Args:
        client: the logged-in supervisors' client.
        runner: runs every network call off the UI thread.
        user_label: who is logged in, for the title.
        choose_file: asks for a file to save or open (default: the system's file dialog).

    Signals:
        timeline_opened(object): a TimelineDialog was opened.
        settings_requested(): View > Settings (Ctrl+,) was chosen.
    """

    timeline_opened = Signal(object)
    settings_requested = Signal()

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        user_label: str,
        parent: QWidget | None = None,
        *,
        choose_file: FileChooser = choose_file,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._runner = runner
        self._choose_file = choose_file
        self._stale: set[QWidget] = set()
        self.timelines: list[TimelineDialog] = []
        self.setWindowTitle(self.tr("FieldApp supervision \u2014 {user}").format(user=user_label))
        self.setWindowIcon(icon("app"))
        window_place.place(self, "supervision", QSize(1320, 800), fill=0.9)
        self.notice = NoticeBar(self)
        self.team = TeamDirectory(client, runner, self)
        self._build_period()
        team, period = self.team, self.period
        self.board = BoardTab(
            client, runner, team=team, period=period, open_timeline=self.open_timeline
        )
        self.metrics = MetricsTab(client, runner, team=team, period=period)
        self.charts = ChartsTab(client, runner, team=team, period=period)
        self.dispatch = DispatchTab(
            client,
            runner,
            team=team,
            period=period,
            choose_file=choose_file,
            inform=self.inform,
            open_timeline=self.open_timeline,
        )
        self.conflicts = ConflictsTab(client, runner, team=team)
        self.export = ExportTab(client, runner, team=team, period=period, choose_file=choose_file)
        self.equipment = EquipmentTab(client, runner, team=team, open_timeline=self.open_timeline)
        self.knowledge = KnowledgeTab(client, runner, open_timeline=self.open_timeline)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Supervision"))
        pages: tuple[tuple[QWidget, str, str, str], ...] = (
            (self.board, "board", self.tr("Team &board"), self.tr("Each technician's day")),
            (
                self.metrics,
                "metrics",
                self.tr("Care &metrics"),
                self.tr("Metrics and follow-up items"),
            ),
            (
                self.charts,
                "chart",
                self.tr("&Charts"),
                self.tr("Completions, promises, satisfaction"),
            ),
            (
                self.dispatch,
                "dispatch",
                self.tr("&Dispatch"),
                self.tr("Create, assign and cancel visits"),
            ),
            (
                self.conflicts,
                "conflict",
                self.tr("Conf&licts"),
                self.tr("Late events of a previous assignee"),
            ),
            (self.export, "export", self.tr("E&xport"), self.tr("CSV files of visits and metrics")),
            (
                self.equipment,
                "promise",
                self.tr("E&quipment out"),
                self.tr("Parts and loans not back yet"),
            ),
            (
                self.knowledge,
                "report",
                self.tr("Knowledge"),
                self.tr("Articles and incidents' known fixes"),
            ),
        )
        for number, (tab, icon_name, title, tip) in enumerate(pages, 1):
            index = self.tabs.addTab(tab, icon(icon_name), title)
            self.tabs.setTabToolTip(index, f"{tip} (Ctrl+{number})")
            # Help > Keyboard shortcuts lists it by this name
            name = self.tr("{tab} tab").format(tab=title.replace("&", ""))
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _c=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)
        self.refresh_action = QAction(icon("sync"), self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(lambda _c=False: self.refresh())
        self.addAction(self.refresh_action)
        self.refresh_button.setToolTip(self.tr("Read the tab again from the server (F5)"))
        self.refresh_button.clicked.connect(lambda _c=False: self.refresh())
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self.refresh_action)
        theme.add_theme_menu(view, self)
        view.addSeparator()
        view.addAction(settings_action(self, self.settings_requested.emit))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.period_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.busy_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.busy_label)

        self.loaders: list[Loader[Any]] = [self.team.loader]
        tabs = (self.board, self.metrics, self.charts, self.dispatch, self.conflicts)
        for tab in (*tabs, self.equipment, self.dispatch.requests, self.knowledge):
            self.loaders += [v for v in vars(tab).values() if isinstance(v, Loader)]
        self.loaders += [self.export.loader]
        for loader in self.loaders:
            loader.failed.connect(self.show_error)
            loader.busy_changed.connect(self.on_busy_changed)
        # The tabs the days apply to; the others (conflicts, equipment out, knowledge) read
        # everything whatever the days, so the date bar is hidden over them.
        self.dated: tuple[QWidget, ...] = (
            self.board,
            self.metrics,
            self.charts,
            self.dispatch,
            self.export,
        )
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.team.changed.connect(self.on_team_changed)
        self._show_period_for(self.tabs.currentWidget())
        self.board.technician_table.setFocus()

    # --- the period -------------------------------------------------------------------------

    def _build_period(self) -> None:
        today = datetime.now().astimezone().date()  # this computer's day
        self.from_edit = QDateEdit(_qdate(today), self)
        self.to_edit = QDateEdit(_qdate(today), self)
        days = ((self.from_edit, self.tr("First day")), (self.to_edit, self.tr("Last day")))
        for edit, name in days:
            edit.setCalendarPopup(True)
            edit.setLocale(QLocale())  # the language's day and month names
            edit.setDisplayFormat(self.tr("ddd dd MMM yyyy", "a day (QLocale format)"))
            edit.setAccessibleName(name)
            edit.setToolTip(
                self.tr("Days in this computer's time zone ({zone})").format(zone=self.client.zone)
            )
            edit.dateChanged.connect(self.on_period_edited)
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.week_button = QPushButton(self.tr("Last &7 days"), self)
        self.month_button = QPushButton(self.tr("Last &30 days"), self)
        self.today_button.clicked.connect(lambda: self.set_period(today_only=True))
        self.week_button.clicked.connect(lambda: self.set_period(days=7))
        self.month_button.clicked.connect(lambda: self.set_period(days=30))
        self.refresh_button = QPushButton(icon("sync"), self.tr("Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        from_label = QLabel(self.tr("&From"), self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(self.tr("t&o"), self)
        to_label.setBuddy(self.to_edit)
        bar = QHBoxLayout()
        widgets: list[QWidget] = [from_label, self.from_edit, to_label, self.to_edit]
        widgets += [self.today_button, self.week_button, self.month_button]
        for widget in widgets:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.period_bar = bar
        self.period_widgets = widgets  # shown only over a tab that reads the period

    def period(self) -> Period:
        start, end = _day(self.from_edit.date()), _day(self.to_edit.date())
        return Period(min(start, end), max(start, end))

    def set_period(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        *,
        days: int | None = None,
        today_only: bool = False,
    ) -> None:
        """Show these days (or the last `days` days, or today) and read the tab again."""
        today = datetime.now().astimezone().date()  # this computer's day
        if today_only:
            date_from = date_to = today
        elif days is not None:
            date_from, date_to = today - timedelta(days=days - 1), today
        for edit, day in ((self.from_edit, date_from), (self.to_edit, date_to)):
            if day is not None:
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.on_period_edited()

    def on_period_edited(self) -> None:
        start, end = _day(self.from_edit.date()), _day(self.to_edit.date())
        if (max(start, end) - min(start, end)).days + 1 > MAX_DAYS:
            self.show_error(
                self.tr("A period covers at most {days} days; choose a shorter one.").format(
                    days=MAX_DAYS
                )
            )
            return
        self.refresh()

    # --- reading ----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the tab on screen again; the others read when they are shown next."""
        self.notice.hide()
        current = self.tabs.currentWidget()
        self._stale = {
            widget
            for widget in (self.tabs.widget(i) for i in range(self.tabs.count()))
            if widget is not None and widget is not current
        }
        if not self.team.members:
            self.team.load()
        self._refresh_tab(current)

    def _refresh_tab(self, tab: QWidget) -> None:
        refresh = getattr(tab, "refresh", None)
        if callable(refresh):
            refresh()

    def _show_period_for(self, tab: QWidget | None) -> None:
        dated = tab in self.dated
        for widget in self.period_widgets:
            widget.setVisible(dated)

    def on_tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        self._show_period_for(tab)
        if tab in self._stale:
            self._stale.discard(tab)
            self._refresh_tab(tab)

    def on_team_changed(self) -> None:
        # Names arrived after the rows: redraw the tables that show them.
        models = (self.metrics.follow_ups, self.dispatch.model, self.conflicts.model)
        for model in (*models, self.equipment.model):
            model.redraw()

    def on_busy_changed(self, _busy: bool) -> None:
        busy = any(loader.busy for loader in self.loaders)
        self.busy_label.setText(self.tr("Talking to the server\u2026") if busy else "")

    def show_error(self, sentence: str) -> None:
        self.notice.show_notice(sentence)

    def inform(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, 15_000)

    # --- timelines --------------------------------------------------------------------------

    def open_timeline(self, visit_id: str) -> TimelineDialog:
        """Open (or raise) the timeline of a visit, reading it from the server."""
        for dialog in self.timelines:
            if dialog.visit_id == visit_id and dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = TimelineDialog(self.client, self._runner, visit_id, self._choose_file, self)
        dialog.report_saved.connect(
            lambda path: self.inform(
                self.tr("Saved the service report to {path}.").format(path=path)
            )
        )
        dialog.article_promoted.connect(self.on_article_promoted)
        dialog.finished.connect(lambda _r, d=dialog: self._forget_timeline(d))
        self.timelines.append(dialog)
        dialog.show()
        dialog.load()
        self.timeline_opened.emit(dialog)
        return dialog

    def on_article_promoted(self, title: str) -> None:
        self.inform(
            self.tr(
                "Promoted to the article \u201c{title}\u201d: laptops get it at their next sync."
            ).format(title=title)
        )
        if self.tabs.currentWidget() is self.knowledge:
            self.knowledge.refresh()
        else:
            self._stale.add(self.knowledge)

    def _forget_timeline(self, dialog: TimelineDialog) -> None:
        if dialog in self.timelines:
            self.timelines.remove(dialog)
        dialog.deleteLater()
