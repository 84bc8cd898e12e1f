"""Dispatch: the period's visits; create, assign, reassign, reschedule, cancel (a move earlier or
onto a technician shows first what it delays), import a CSV, save a service report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain.priority import DEFAULT_MATRIX
from fieldapp.protocol import (
    BoardStatus,
    VisitImportResult,
    VisitPublic,
    VisitStatus,
)
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.colleagues import ColleaguesDialog
from fieldapp.ui.supervisor.common import (
    FileChooser,
    FileRequest,
    Loader,
    Period,
    Table,
)
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.dispatch_list import DispatchList, read_dispatch, visit_columns
from fieldapp.ui.supervisor.dispatch_moves import DispatchMoves
from fieldapp.ui.supervisor.priority import PriorityActions
from fieldapp.ui.supervisor.priority_inputs import Cells
from fieldapp.ui.supervisor.tab import (
    ReadingTab,
    TechnicianCombo,
    filter_row,
    follow_selection,
    open_timeline_on_activate,
)
from fieldapp.ui.supervisor.team import EVERYONE, TeamDirectory
from fieldapp.ui.supervisor.time_requests import TimeRequestsPanel
from fieldapp.ui.supervisor.timeline import save_service_report
from fieldapp.ui.table_model import TableModel
from fieldapp.ui.visit.attachments import size_words


class DispatchTab(PriorityActions, DispatchMoves, ReadingTab[DispatchList]):
    """The dispatcher's list and actions. Every change runs in the background, one at a time.

    Args:
        inform: shows a sentence about what was done (the window's status bar).
        open_timeline: opens a visit's timeline (by visit id).

    Signals:
        loaded(): the list was read.
        preview_shown(object): a PreviewDialog is open, waiting for a yes or no.
        changed(str): a visit was created, changed or cancelled (its id).
    """

    preview_shown = Signal(object)
    changed = Signal(str)
    imported = Signal(object)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        period: Callable[[], Period],
        choose_file: FileChooser,
        inform: Callable[[str], Any],
        open_timeline: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._runner = runner
        self._team = team
        self._period = period
        self._choose_file = choose_file
        self._inform = inform
        self.dialog: Any = None  # the dialog open now (tests answer it)
        self.action_loader: Loader[Any] = Loader(runner, self)
        self.report_loader: Loader[int] = Loader(runner, self)

        self.technician_combo = TechnicianCombo(
            team,
            self.tr("Whose visits"),
            self,
            everyone=self.tr("Everyone"),
            unassigned=self.tr("Unassigned"),
        )
        self.cancelled_check = QCheckBox(self.tr("S&how cancelled"), self)
        self.technician_combo.activated.connect(lambda _i: self.refresh())
        self.cancelled_check.toggled.connect(lambda _on: self.refresh())
        self.summary = QLabel(self)
        filters = filter_row(
            self,
            [(self.tr("Visit&s of:"), self.technician_combo), self.cancelled_check],
            self.summary,
        )

        self.progress: dict[str, BoardStatus] = {}  # filled with each read
        self.assistants: dict[str, list[str]] = {}  # visit id -> who assists, each read
        self.model: TableModel[VisitPublic] = TableModel(
            visit_columns(team, self.progress, self.assistants), self
        )
        # Ten columns on a 1366 px screen: the location (the longest text) takes what is
        # left, and no other column grows past 30 characters (the Customer column took half
        # the width and pushed Technician, Status and Origin off screen).
        self.table = Table(self.model, self.tr("Visits to dispatch"), stretch=3, widest=30)
        open_timeline_on_activate(self.table, open_timeline)
        self.table.set_empty_text(self.tr("No visit in this period."))

        def button(icon_name: str, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
            widget = QPushButton(icon(icon_name), text, self)
            widget.setAccessibleName(name)
            widget.clicked.connect(lambda _checked=False: slot())
            return widget

        self.new_button = button(
            "add", self.tr("&New visit\u2026"), self.tr("New visit"), self.open_create_dialog
        )
        self.assign_button = button(
            "assign", self.tr("&Assign\u2026"), self.tr("Assign"), self.open_assign_dialog
        )
        self.reschedule_button = button(
            "reschedule",
            self.tr("&Reschedule\u2026"),
            self.tr("Reschedule"),
            self.open_reschedule_dialog,
        )
        self.colleagues_button = button(
            "assign",
            self.tr("Collea&gues\u2026"),
            self.tr("Colleagues"),
            self.open_colleagues_dialog,
        )
        self.cancel_button = button(
            "decline",
            self.tr("Canc&el visit\u2026"),
            self.tr("Cancel visit"),
            self.open_cancel_dialog,
        )
        self.reopen_button = button(
            "reschedule",
            self.tr("Reopen as ret&urn visit\u2026"),
            self.tr("Reopen visit: the fix failed"),
            self.open_reopen_dialog,
        )
        self.reopen_button.setToolTip(
            self.tr(
                "The fix failed after sign-off: reopen the visit as a linked return visit for "
                "its technician"
            )
        )
        self.import_button = button(
            "import", self.tr("&Import CSV\u2026"), self.tr("Import CSV"), self.import_csv
        )
        self.report_button = button(
            "report",
            self.tr("Service re&port\u2026"),
            self.tr("Save service report"),
            self.save_report,
        )
        self.priority_button = button(
            "reschedule",
            self.tr("Priorit&y\u2026"),
            self.tr("Priority of the visit"),
            self.open_priority_dialog,
        )
        self.matrix_button = button(
            "board",
            self.tr("Priority matrix\u2026"),
            self.tr("Priority matrix"),
            self.open_matrix_dialog,
        )
        self.matrix: Cells = DEFAULT_MATRIX  # as last read: the new-visit dialog's preview
        actions = QHBoxLayout()
        for widget in (
            self.new_button,
            self.assign_button,
            self.colleagues_button,
            self.reschedule_button,
            self.priority_button,
        ):
            actions.addWidget(widget)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.reopen_button)
        actions.addStretch(1)
        actions.addWidget(self.matrix_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.report_button)
        # Users who asked for another time on the confirmation e-mail's page, to answer here.
        self.requests = TimeRequestsPanel(client, runner, team=team, inform=inform, parent=self)
        self.requests.changed.connect(self._request_answered)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        # The visits are the tab's work: on a 768 px screen the few requests got as much
        # height as the visits (10 rows shown of a day's list, 1 request in a half-empty list).
        layout.addWidget(self.table, 3)
        layout.addLayout(actions)
        layout.addWidget(self.requests, 1)
        follow_selection(self.update_buttons, self.table, self.action_loader, self.report_loader)

    # --- the list ---------------------------------------------------------------------------

    def _request_answered(self, visit_id: str) -> None:
        self.changed.emit(visit_id)
        self.refresh()

    def reader(self) -> Callable[[], DispatchList]:
        period = self._period()
        chosen = self.technician_combo.currentData()
        technician = EVERYONE if chosen is None else str(chosen)  # "" is Unassigned
        cancelled = self.cancelled_check.isChecked()
        return lambda: read_dispatch(self._client, period, technician, cancelled)

    def on_loaded(self, found: DispatchList) -> None:
        self.requests.show_read(found.requests)  # read with the list, in the same job
        visits = found.visits
        self.progress.clear()
        self.progress.update(found.progress)
        self.assistants.clear()
        self.assistants.update(found.assistants)
        chosen = self.table.selected()
        self.model.set_rows(visits)
        if chosen is not None:
            self.table.select_where(lambda v: v.id == chosen.id)
        unassigned = sum(
            1 for v in visits if v.assignee is None and v.status is not VisitStatus.CANCELLED
        )
        self.summary.setText(
            counted(len(visits), self.tr("{count} visit"), self.tr("{count} visits"))
            + " \u00b7 "
            + self.tr("{count} unassigned").format(count=unassigned)
        )
        self.update_buttons()

    def update_buttons(self) -> None:
        visit = self.table.selected()
        idle = not self.action_loader.busy
        open_visit = visit is not None and visit.status is not VisitStatus.CANCELLED
        self.new_button.setEnabled(idle)
        self.import_button.setEnabled(idle)
        self.assign_button.setEnabled(idle and open_visit)
        self.assign_button.setText(
            self.tr("Re&assign\u2026")
            if visit is not None and visit.assignee
            else self.tr("&Assign\u2026")
        )
        self.reschedule_button.setEnabled(idle and open_visit)
        self.colleagues_button.setEnabled(idle and open_visit and bool(visit and visit.assignee))
        self.priority_button.setEnabled(idle and open_visit)
        self.matrix_button.setEnabled(idle)
        self.cancel_button.setEnabled(idle and open_visit)
        completed = visit is not None and self.progress.get(visit.id) is BoardStatus.COMPLETED
        self.reopen_button.setEnabled(idle and open_visit and completed)
        self.report_button.setEnabled(visit is not None and not self.report_loader.busy)

    # --- changes ----------------------------------------------------------------------------

    def _show(self, dialog: Any) -> Any:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _done(self, sentence: str) -> Callable[[VisitPublic], None]:
        def finish(visit: VisitPublic) -> None:
            who = self._team.name_of(visit.assignee)
            self._inform(sentence.format(ref=visit.reference, who=who))
            self.changed.emit(visit.id)
            self.refresh()

        return finish

    def open_colleagues_dialog(self) -> ColleaguesDialog | None:
        """Who assists the holder on the selected visit: add a technician, take one off."""
        visit = self.table.selected()
        if visit is None or visit.status is VisitStatus.CANCELLED or visit.assignee is None:
            return None
        dialog = ColleaguesDialog(self._client, self._runner, self._team, visit, self)
        dialog.finished.connect(lambda _result: self.on_colleagues_closed(dialog))
        return self._show(dialog)  # type: ignore[no-any-return]

    def on_colleagues_closed(self, dialog: ColleaguesDialog) -> None:
        if dialog.changed_count:
            self._inform(
                self.tr("Changed who assists on {reference}.").format(
                    reference=dialog.visit.reference
                )
            )
            self.changed.emit(dialog.visit.id)
            self.refresh()

    def open_cancel_dialog(self) -> NoteDialog | None:
        visit = self.table.selected()
        if visit is None or visit.status is VisitStatus.CANCELLED or self.action_loader.busy:
            return None
        dialog = NoteDialog(
            self.tr("Cancel {reference}").format(reference=visit.reference),
            self.tr(
                "Cancel the visit to {customer}? The technician's laptop drops it at its next "
                "sync, with this reason."
            ).format(customer=visit.customer_name),
            self.tr("Cancel visit"),
            placeholder=self.tr("The user left the company."),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.action_loader.start(
                lambda: self._client.cancel_visit(visit.id, dialog.note),
                self._done(self.tr("Cancelled {ref}.")),
            )
        )
        return self._show(dialog)  # type: ignore[no-any-return]

    def open_reopen_dialog(self) -> NoteDialog | None:
        visit = self.table.selected()
        if visit is None or self.progress.get(visit.id) is not BoardStatus.COMPLETED:
            return None
        if self.action_loader.busy:
            return None
        dialog = NoteDialog(
            self.tr("Reopen {reference}").format(reference=visit.reference),
            self.tr(
                "The fix failed for {customer}? The visit stays signed off and a linked return "
                "visit goes to its technician for the next working day (Reschedule moves it); "
                "what fails becomes its problem."
            ).format(customer=visit.customer_name),
            self.tr("Reopen visit"),
            placeholder=self.tr("The printer jams again after ten pages."),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.action_loader.start(
                lambda: self._client.reopen_visit(visit.id, dialog.note),
                self._done(self.tr("Reopened as {ref}.")),
            )
        )
        return self._show(dialog)  # type: ignore[no-any-return]

    def import_csv(self) -> bool:
        """Choose a .csv (or .json) of visits and create them all, or none."""
        if self.action_loader.busy:
            return False
        path = self._choose_file(
            self,
            FileRequest(self.tr("Import visits"), "", self.tr("Visits (*.csv *.json)"), save=False),
        )
        if path is None:
            return False

        def done(result: VisitImportResult) -> None:
            self._inform(
                counted(
                    result.created,
                    self.tr("Imported {count} visit from {name}."),
                    self.tr("Imported {count} visits from {name}."),
                    name=path.name,
                )
            )
            self.imported.emit(result)
            self.refresh()

        return self.action_loader.start(lambda: self._client.import_visits(path), done)

    def save_report(self) -> bool:
        visit = self.table.selected()
        if visit is None:
            return False
        return save_service_report(
            self,
            self.report_loader,
            self._client,
            choose_file=self._choose_file,
            visit_id=visit.id,
            reference=visit.reference,
            on_saved=lambda path, size: self._inform(
                self.tr("Saved the service report to {path} ({size}).").format(
                    path=path, size=size_words(size)
                )
            ),
        )
