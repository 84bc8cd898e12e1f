"""The team board: per technician, the period's visits and where each stands; one technician's
visits below, a double-click opening a visit's timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from fieldapp.protocol import BoardPage, BoardStatus, BoardTechnician, BoardVisit
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.supervisor.common import (
    Period,
    Table,
    ago,
    attention_color,
    count_column,
    local,
    location_words,
    window_words,
)
from fieldapp.ui.supervisor.tab import (
    ReadingTab,
    TechnicianCombo,
    filter_row,
    open_timeline_on_activate,
)
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.steps import STEP_WORDS

STATUS_WORDS: dict[BoardStatus, str] = {
    BoardStatus.UPCOMING: "Upcoming",
    BoardStatus.IN_PROGRESS: "In progress",
    BoardStatus.COMPLETED: "Completed",
    BoardStatus.ESCALATED: "Escalated",
    BoardStatus.DECLINED: "Declined by the user",
    BoardStatus.NO_REPAIR: "No repair needed",
    BoardStatus.OVERDUE: "Overdue",
    BoardStatus.CANCELLED: "Cancelled",
}
_OPEN = "open"  # the status filter's default: every status but cancelled


def step_words(visit: BoardVisit) -> str:
    """The visit's step as a person says it; a busy user's visit says when to come back."""
    words = STEP_WORDS.get(visit.step, str(visit.step))
    return f"{words} at {local(visit.return_at)}" if visit.return_at else words


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
            late = "Overdue" if status is BoardStatus.OVERDUE else "Next"
            return f"{late}: {first.reference} at {local(first.window_start)}"
    if technician.visits:
        return "All visits closed"
    return "No visits"


def technician_columns(now: Callable[[], datetime]) -> tuple[Column[BoardTechnician], ...]:
    return (
        Column("Technician", lambda t: t.full_name or t.technician, tip=lambda t: t.technician),
        Column("Now", current_step),
        count_column("Visits", lambda t: t.counts.total),
        count_column("Upcoming", lambda t: t.counts.upcoming),
        count_column("In progress", lambda t: t.counts.in_progress),
        count_column("Completed", lambda t: t.counts.completed),
        count_column("Escalated", lambda t: t.counts.escalated),
        count_column("Declined", lambda t: t.counts.declined),
        count_column("No repair\nneeded", lambda t: t.counts.no_repair),
        count_column("Overdue", lambda t: t.counts.overdue, alarming=True),
        Column(
            "Last synced",
            lambda t: ago(t.last_contact_at, now()) if t.last_contact_at else "Never synced",
            sort=lambda t: t.last_contact_at.timestamp() if t.last_contact_at else 0.0,
            tip=lambda t: (
                "The last time this technician's laptop reached the server; "
                "anything recorded after it has not arrived yet."
            ),
        ),
    )


def _location(visit: BoardVisit) -> str:
    return location_words(visit.site, visit.building, visit.floor, visit.room)


VISIT_COLUMNS: tuple[Column[BoardVisit], ...] = (
    Column(
        "Window",
        lambda v: window_words(v.window_start, v.window_end),
        sort=lambda v: v.window_start,
    ),
    Column("Reference", lambda v: v.reference),
    Column("Customer", lambda v: v.customer_name),
    Column("Location", _location),
    Column("Priority", lambda v: v.priority.value.capitalize() + (" (VIP)" if v.vip else "")),
    Column("Step", step_words),
    Column(
        "Status",
        lambda v: STATUS_WORDS[v.status],
        color=lambda v: attention_color() if v.status is BoardStatus.OVERDUE else None,
    ),
    Column(
        "Last event received",
        lambda v: local(v.last_event_received_at),
        sort=lambda v: v.last_event_received_at.timestamp() if v.last_event_received_at else 0.0,
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
            team, "Technician shown on the board", self, everyone="Everyone"
        )
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status of the visits listed")
        self.status_combo.addItem("Open and done (not cancelled)", _OPEN)
        for status, words in STATUS_WORDS.items():
            self.status_combo.addItem(words, status.value)
        self.site_edit = QLineEdit(self)
        self.site_edit.setAccessibleName("Site")
        self.site_edit.setPlaceholderText("Any site")
        self.site_edit.setClearButtonEnabled(True)
        self.site_edit.setMaximumWidth(200)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Board summary")
        filters = filter_row(
            self,
            (
                ("T&echnician:", self.technician_combo),
                ("St&atus:", self.status_combo),
                ("S&ite:", self.site_edit),
            ),
            self.summary,
        )

        self.technicians: TableModel[BoardTechnician] = TableModel(
            technician_columns(self._now), self
        )
        self.technician_table = Table(self.technicians, "Technicians on the board", stretch=1)
        self.technician_table.set_empty_text("No technician to show for these filters.")
        self.visits: TableModel[BoardVisit] = TableModel(VISIT_COLUMNS, self)
        self.visit_table = Table(self.visits, "Visits of the selected technician", stretch=3)
        open_timeline_on_activate(self.visit_table, open_timeline)
        self.visit_table.set_empty_text("Select a technician to see their visits.")
        self.visits_label = QLabel("Select a technician to see their visits.", self)
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
        unassigned = f"{page.unassigned} unassigned" if page.unassigned else "none unassigned"
        self.summary.setText(
            f"{page.total} technicians \u00b7 {listed} visits listed \u00b7 {unassigned}"
        )
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
            f"Visits of {item.full_name or item.technician} \u00b7 Enter or double-click opens "
            "a visit's timeline"
            if item is not None
            else "Select a technician to see their visits."
        )
        self.visit_table.set_empty_text(
            "No visit in the period for these filters."
            if item is not None
            else "Select a technician to see their visits."
        )
