"""The team board: per technician, the period's visits and where each stands; one technician's
visits below, a double-click opening a visit's timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import BoardPage, BoardStatus, BoardTechnician, BoardVisit
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.supervisor.common import (
    Period,
    Table,
    ago,
    attention_color,
    count_column,
    local,
    location_words,
    number,
    translate,
    window_words,
)
from fieldapp.ui.supervisor.priority_inputs import priority_words
from fieldapp.ui.supervisor.tab import (
    ReadingTab,
    TechnicianCombo,
    filter_row,
    open_timeline_on_activate,
)
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.steps import STEP_WORDS, said

# The server's board statuses (protocol values) as the screens say them, translated where shown.
STATUS_WORDS: dict[BoardStatus, str] = {
    BoardStatus.UPCOMING: QT_TRANSLATE_NOOP("BoardStatus", "Upcoming"),
    BoardStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("BoardStatus", "In progress"),
    BoardStatus.COMPLETED: QT_TRANSLATE_NOOP("BoardStatus", "Completed"),
    BoardStatus.ESCALATED: QT_TRANSLATE_NOOP("BoardStatus", "Escalated"),
    BoardStatus.DECLINED: QT_TRANSLATE_NOOP("BoardStatus", "Declined by the user"),
    BoardStatus.NO_REPAIR: QT_TRANSLATE_NOOP("BoardStatus", "No repair needed"),
    BoardStatus.OVERDUE: QT_TRANSLATE_NOOP("BoardStatus", "Overdue"),
    BoardStatus.CANCELLED: QT_TRANSLATE_NOOP("BoardStatus", "Cancelled"),
}
_OPEN = "open"  # the status filter's default: every status but cancelled


def status_label(status: BoardStatus) -> str:
    """A board status in the user's language."""
    return translate("BoardStatus", STATUS_WORDS[status])


def step_words(visit: BoardVisit) -> str:
    """The visit's step as a person says it; a busy user's visit says when to come back."""
    words = said(STEP_WORDS.get(visit.step, str(visit.step)))
    if not visit.return_at:
        return words
    return translate("SupervisorWords", "{step} at {time}").format(
        step=words, time=local(visit.return_at)
    )


_WAITING = (BoardStatus.OVERDUE, BoardStatus.UPCOMING)


def current_step(technician: BoardTechnician) -> str:
    """What the technician is doing now: the visit in progress they last synced; else the
    visit that waits for them (overdue first), or that their visits are all closed."""
    working = [v for v in technician.visits if v.status is BoardStatus.IN_PROGRESS]
    if working:
        latest = max(working, key=lambda v: (v.last_event_received_at is not None, v.window_start))
        return f"{step_words(latest)} \u00b7 {latest.reference}"
    for status in _WAITING:
        waiting = [v for v in technician.visits if v.status is status]
        if waiting:
            first = min(waiting, key=lambda v: v.window_start)
            said = (
                translate("SupervisorWords", "Overdue: {reference} at {time}")
                if status is BoardStatus.OVERDUE
                else translate("SupervisorWords", "Next: {reference} at {time}")
            )
            return said.format(reference=first.reference, time=local(first.window_start))
    if technician.visits:
        return translate("SupervisorWords", "All visits closed")
    return translate("SupervisorWords", "No visits")


def technician_columns(now: Callable[[], datetime]) -> tuple[Column[BoardTechnician], ...]:
    synced_tip = translate(
        "BoardTab",
        "The last time this technician's laptop reached the server; "
        "anything recorded after it has not arrived yet.",
    )
    never = translate("BoardTab", "Never synced")
    return (
        Column(
            translate("BoardTab", "Technician"),
            lambda t: t.full_name or t.technician,
            tip=lambda t: t.technician,
        ),
        Column(translate("BoardTab", "Now"), current_step),
        count_column(translate("BoardTab", "Visits"), lambda t: t.counts.total),
        count_column(status_label(BoardStatus.UPCOMING), lambda t: t.counts.upcoming),
        count_column(status_label(BoardStatus.IN_PROGRESS), lambda t: t.counts.in_progress),
        count_column(status_label(BoardStatus.COMPLETED), lambda t: t.counts.completed),
        count_column(status_label(BoardStatus.ESCALATED), lambda t: t.counts.escalated),
        count_column(translate("BoardTab", "Declined"), lambda t: t.counts.declined),
        count_column(translate("BoardTab", "No repair\nneeded"), lambda t: t.counts.no_repair),
        count_column(status_label(BoardStatus.OVERDUE), lambda t: t.counts.overdue, alarming=True),
        Column(
            translate("BoardTab", "Last synced"),
            lambda t: ago(t.last_contact_at, now()) if t.last_contact_at else never,
            sort=lambda t: t.last_contact_at.timestamp() if t.last_contact_at else 0.0,
            tip=lambda t: synced_tip,
        ),
    )


def _location(visit: BoardVisit) -> str:
    return location_words(visit.site, visit.building, visit.floor, visit.room)


def visit_columns() -> tuple[Column[BoardVisit], ...]:
    """The columns of a technician's visits (titles in the language of the moment)."""
    return (
        Column(
            translate("BoardTab", "Window"),
            lambda v: window_words(v.window_start, v.window_end),
            sort=lambda v: v.window_start,
        ),
        Column(translate("BoardTab", "Reference"), lambda v: v.reference),
        Column(translate("BoardTab", "Customer"), lambda v: v.customer_name),
        Column(translate("BoardTab", "Location"), _location),
        Column(translate("BoardTab", "Priority"), lambda v: priority_words(v.priority, v.vip)),
        Column(translate("BoardTab", "Step"), step_words),
        Column(
            translate("BoardTab", "Status"),
            lambda v: status_label(v.status),
            color=lambda v: attention_color() if v.status is BoardStatus.OVERDUE else None,
        ),
        Column(
            translate("BoardTab", "Last event received"),
            lambda v: local(v.last_event_received_at),
            sort=lambda v: (
                v.last_event_received_at.timestamp() if v.last_event_received_at else 0.0
            ),
        ),
    )


class BoardTab(ReadingTab[BoardPage]):
    """The team board for the window's period, with its own filters.

    Args:
        period: the window's period, read at each refresh.
        open_timeline: opens a visit's timeline (by visit id).

    Signals:
        loaded(): a board was read and shown.
    """

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        period: Callable[[], Period],
        open_timeline: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._period = period
        self.page: BoardPage | None = None

        self.technician_combo = TechnicianCombo(
            team, self.tr("Technician shown on the board"), self, everyone=self.tr("Everyone")
        )
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Status of the visits listed"))
        self.status_combo.addItem(self.tr("Open and done (not cancelled)"), _OPEN)
        for status in STATUS_WORDS:
            self.status_combo.addItem(status_label(status), status.value)
        self.site_edit = QLineEdit(self)
        self.site_edit.setAccessibleName(self.tr("Site"))
        self.site_edit.setPlaceholderText(self.tr("Any site"))
        self.site_edit.setClearButtonEnabled(True)
        self.site_edit.setMaximumWidth(200)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Board summary"))
        filters = filter_row(
            self,
            (
                (self.tr("T&echnician:"), self.technician_combo),
                (self.tr("St&atus:"), self.status_combo),
                (self.tr("S&ite:"), self.site_edit),
            ),
            self.summary,
        )

        self.technicians: TableModel[BoardTechnician] = TableModel(
            technician_columns(self._now), self
        )
        self.technician_table = Table(
            self.technicians, self.tr("Technicians on the board"), stretch=1
        )
        self.technician_table.set_empty_text(self.tr("No technician to show for these filters."))
        self.visits: TableModel[BoardVisit] = TableModel(visit_columns(), self)
        self.visit_table = Table(
            self.visits, self.tr("Visits of the selected technician"), stretch=3
        )
        open_timeline_on_activate(self.visit_table, open_timeline)
        self.visit_table.set_empty_text(self.tr("Select a technician to see their visits."))
        self.visits_label = QLabel(self.tr("Select a technician to see their visits."), self)
        self.visits_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.visits_label.font())
        font.setBold(True)
        self.visits_label.setFont(font)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.visits_label)
        lower_layout.addWidget(self.visit_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.technician_table)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.technician_combo.activated.connect(lambda _i: self.refresh())
        self.status_combo.activated.connect(lambda _i: self.refresh())
        self.site_edit.editingFinished.connect(self.refresh)
        self.technician_table.selectionModel().selectionChanged.connect(self.on_technician_selected)

    def _now(self) -> datetime:
        return self.page.server_time if self.page else datetime.now(UTC)

    def reader(self) -> Callable[[], BoardPage]:
        """The board for the period and the filters."""
        period = self._period()
        technician = self.technician_combo.technician()
        status = self.status_combo.currentData()
        site = self.site_edit.text().strip() or None
        statuses = [] if status in (None, _OPEN) else [BoardStatus(status)]
        return lambda: self._client.board(
            period.date_from, period.date_to, technician=technician, statuses=statuses, site=site
        )

    def on_loaded(self, page: BoardPage) -> None:
        chosen = self.selected_technician()
        self.page = page
        self.technicians.set_rows(page.technicians)
        listed = sum(len(t.visits) for t in page.technicians)
        unassigned = (
            self.tr("{count} unassigned").format(count=number(page.unassigned))
            if page.unassigned
            else self.tr("none unassigned")
        )
        technicians = counted(
            page.total, self.tr("{count} technician"), self.tr("{count} technicians")
        )
        listed_words = counted(
            listed, self.tr("{count} visit listed"), self.tr("{count} visits listed")
        )
        self.summary.setText(f"{technicians} \u00b7 {listed_words} \u00b7 {unassigned}")
        if not (chosen and self.technician_table.select_where(lambda t: t.technician == chosen)):
            if len(page.technicians) == 1:
                self.technician_table.selectRow(0)
            else:
                self.visits.set_rows([])

    def selected_technician(self) -> str | None:
        item = self.technician_table.selected()
        return item.technician if item is not None else None

    def on_technician_selected(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        item = self.technician_table.selected()
        self.visits.set_rows(item.visits if item is not None else [])
        self.visits_label.setText(
            self.tr(
                "Visits of {name} \u00b7 Enter or double-click opens a visit's timeline"
            ).format(name=item.full_name or item.technician)
            if item is not None
            else self.tr("Select a technician to see their visits.")
        )
        self.visit_table.set_empty_text(
            self.tr("No visit in the period for these filters.")
            if item is not None
            else self.tr("Select a technician to see their visits.")
        )
