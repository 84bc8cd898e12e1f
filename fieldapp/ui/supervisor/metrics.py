"""Care metrics per technician and for the team over the period, per source category (table
and charts), and the ratings of 2 or less as follow-up items a supervisor closes with a note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.protocol import (
    CategoryMetrics,
    FollowUpPage,
    FollowUpPublic,
    FollowUpStatus,
)
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.categories import CategoryCharts
from fieldapp.ui.supervisor.common import (
    Loader,
    Period,
    Table,
    attention_color,
    local,
    translate,
)
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.metrics_columns import MetricsRow, metric_columns
from fieldapp.ui.supervisor.tab import ReadingTab, follow_selection
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel


@dataclass(frozen=True, slots=True)
class MetricsData:
    rows: list[MetricsRow]
    follow_ups: list[FollowUpPublic]
    categories: list[CategoryMetrics]


def follow_up_status(item: FollowUpPublic) -> str:
    if item.status is FollowUpStatus.OPEN:
        return translate("MetricsTab", "Open")
    return translate("MetricsTab", "Closed by {who}: {note}").format(
        who=item.closed_by, note=item.note or ""
    )


def follow_up_columns(team: TeamDirectory) -> tuple[Column[FollowUpPublic], ...]:
    return (
        Column(
            translate("MetricsTab", "Signed off"),
            lambda f: local(f.signed_off_at),
            sort=lambda f: f.signed_off_at,
        ),
        Column(translate("MetricsTab", "Reference"), lambda f: f.reference),
        Column(translate("MetricsTab", "Customer"), lambda f: f.customer_name),
        Column(translate("MetricsTab", "Technician"), lambda f: team.name_of(f.technician)),
        Column(
            translate("MetricsTab", "Rating"),
            lambda f: f"{f.satisfaction} / 5",
            sort=lambda f: f.satisfaction,
            color=lambda _f: attention_color(),
        ),
        Column(translate("MetricsTab", "Customer's comment"), lambda f: f.comment or "\u2013"),
        Column(translate("MetricsTab", "Follow-up"), follow_up_status),
    )


def read_metrics(client: SupervisorClient, period: Period, closed_too: bool) -> MetricsData:
    """The team's metrics, every technician's (page after page), the team's per source
    category and the follow-up items."""
    report = client.metrics(period.date_from, period.date_to)
    rows = [MetricsRow(translate("MetricsTab", "Whole team"), None, report.team)]
    technicians = list(report.technicians)
    while report.technicians and len(technicians) < report.total:
        report = client.metrics(period.date_from, period.date_to, offset=len(technicians))
        technicians += report.technicians
    rows += [MetricsRow(t.full_name or t.technician, t.technician, t.metrics) for t in technicians]
    status = None if closed_too else FollowUpStatus.OPEN
    page: FollowUpPage = client.follow_ups(status)
    items = list(page.items)
    while page.items and len(items) < page.total:
        page = client.follow_ups(status, offset=len(items))
        items += page.items
    categories = client.category_metrics(period.date_from, period.date_to).categories
    return MetricsData(rows, items, categories)


class MetricsTab(ReadingTab[MetricsData]):
    """Metrics table over the period; follow-up items below with Close\u2026

    Signals:
        loaded(): metrics and follow-ups were read and shown.
        follow_up_closed(int): an item was closed (its id).
    """

    follow_up_closed = Signal(int)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        period: Callable[[], Period],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._period = period
        self.data: MetricsData | None = None
        self.close_dialog: NoteDialog | None = None
        self.close_loader: Loader[FollowUpPublic] = Loader(runner, self)

        self.model: TableModel[MetricsRow] = TableModel(metric_columns(), self)
        self.table = Table(self.model, self.tr("Care metrics per technician"), stretch=0)
        self.table.set_empty_text(self.tr("No metrics for this period."))
        self.follow_ups: TableModel[FollowUpPublic] = TableModel(follow_up_columns(team), self)
        self.follow_up_table = Table(self.follow_ups, self.tr("Follow-up items"), stretch=5)
        self.follow_up_table.set_empty_text(
            self.tr("No rating of 2 or less is waiting for a follow-up.")
        )
        self.closed_check = QCheckBox(self.tr("Show clo&sed items too"), self)
        self.close_button = QPushButton(icon("done"), self.tr("Close &item\u2026"), self)
        self.close_button.setAccessibleName(self.tr("Close the selected follow-up item"))
        self.close_button.clicked.connect(self.open_close_dialog)
        self.closed_check.toggled.connect(lambda _on: self.refresh())
        follow_header = QHBoxLayout()
        title = QLabel(self.tr("Follow-up items: ratings of 2 or less, every period"), self)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        follow_header.addWidget(title)
        follow_header.addStretch(1)
        follow_header.addWidget(self.closed_check)
        follow_header.addWidget(self.close_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(follow_header)
        lower_layout.addWidget(self.follow_up_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.per_category = CategoryCharts(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.per_category)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 260, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        follow_selection(self._update_buttons, self.follow_up_table, self.close_loader)

    def reader(self) -> Callable[[], MetricsData]:
        period = self._period()
        closed_too = self.closed_check.isChecked()
        return lambda: read_metrics(self._client, period, closed_too)

    def on_loaded(self, data: MetricsData) -> None:
        self.data = data
        self.model.set_rows(data.rows)
        self.follow_ups.set_rows(data.follow_ups)
        self.per_category.show_categories(data.categories)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.follow_up_table.selected()
        self.close_button.setEnabled(
            item is not None and item.status is FollowUpStatus.OPEN and not self.close_loader.busy
        )

    def open_close_dialog(self) -> NoteDialog | None:
        """Ask what was done about the selected item; closing it follows on OK."""
        item = self.follow_up_table.selected()
        if item is None or item.status is not FollowUpStatus.OPEN or self.close_loader.busy:
            return None
        dialog = NoteDialog(
            self.tr("Close follow-up of {reference}").format(reference=item.reference),
            self.tr("{customer} rated the visit {rating} out of 5. What was done about it?").format(
                customer=item.customer_name, rating=item.satisfaction
            ),
            self.tr("Close item"),
            placeholder=self.tr("Called the customer, apologised and booked a return visit\u2026"),
            parent=self,
        )
        dialog.accepted.connect(lambda: self._close(item.id, dialog.note))
        self.close_dialog = dialog
        dialog.open()
        return dialog

    def _close(self, item_id: int, note: str) -> None:
        self.close_loader.start(
            lambda: self._client.close_follow_up(item_id, note), self.on_follow_up_closed
        )

    def on_follow_up_closed(self, item: FollowUpPublic) -> None:
        self.follow_up_closed.emit(item.id)
        self.refresh()
