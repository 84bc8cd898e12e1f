"""The supervisors' priority dialogs: a visit's impact, urgency and VIP override, and the
matrix every visit's priority is worked out by (its nine cells, in versions on the server)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from fieldapp.domain.priority import LEVELS, PRIORITIES, InvalidMatrix, check_matrix
from fieldapp.protocol import PriorityMatrixPublic, VisitPublic, VisitStatus, VisitUpdate
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.moments import counted
from fieldapp.ui.supervisor.common import Loader, Table, translate
from fieldapp.ui.supervisor.form_dialog import FormDialog
from fieldapp.ui.supervisor.priority_inputs import (
    Cells,
    PriorityInputs,
    level_label,
    matrix_cells,
    priority_label,
)


class PriorityDialog(FormDialog):
    """A visit's impact, urgency and VIP; `change()` is the update to send."""

    def __init__(self, visit: VisitPublic, matrix: Cells, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Priority of {reference}").format(reference=visit.reference),
            self.tr("Set priority"),
            parent,
        )
        self.visit = visit
        about = QLabel(
            self.tr(
                "The priority is worked out from how many and how badly the problem affects "
                "(impact) and how soon it must be fixed (urgency), never from a person's title."
            ),
            self,
        )
        about.setWordWrap(True)
        self.form.addRow(about)
        self.priority_inputs = PriorityInputs(matrix, self)
        self.priority_inputs.set_values(visit.impact.value, visit.urgency.value, visit.vip)
        self.form.addRow(self.priority_inputs)

    def change(self) -> VisitUpdate:
        impact, urgency, vip = self.priority_inputs.values()
        return VisitUpdate(impact=impact, urgency=urgency, vip=vip)


class MatrixDialog(FormDialog):
    """The nine cells of the priority matrix; `cells()` is the matrix to set."""

    def __init__(self, matrix: PriorityMatrixPublic, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Priority matrix"), self.tr("Set matrix"), parent)
        version = (
            self.tr("Version {version}, set by {who}.").format(
                version=matrix.version, who=matrix.set_by
            )
            if matrix.set_by
            else self.tr("Version {version} (the default).").format(version=matrix.version)
        )
        about = self.about = QLabel(
            version
            + " "
            + self.tr(
                "Each visit's priority is worked out from its impact (rows) and urgency "
                "(columns); open visits follow a change at once, VIP visits stay critical. "
                "More impact or more urgency never gives a lower priority."
            ),
            self,
        )
        about.setWordWrap(True)
        self.form.addRow(about)
        grid = QGridLayout()
        for column, urgency in enumerate(LEVELS, start=1):
            urgency_words = self.tr("{level} urgency").format(level=level_label(urgency))
            grid.addWidget(QLabel(urgency_words, self), 0, column)
        self.combos: dict[tuple[str, str], QComboBox] = {}
        current = matrix_cells(matrix)
        for row, impact in enumerate(reversed(LEVELS), start=1):
            impact_words = self.tr("{level} impact").format(level=level_label(impact))
            grid.addWidget(QLabel(impact_words, self), row, 0)
            for column, urgency in enumerate(LEVELS, start=1):
                combo = QComboBox(self)
                combo.setAccessibleName(
                    self.tr("Priority for {impact} impact and {urgency} urgency").format(
                        impact=level_label(impact).lower(), urgency=level_label(urgency).lower()
                    )
                )
                for priority in PRIORITIES:
                    combo.addItem(priority_label(priority), priority)
                combo.setCurrentIndex(combo.findData(current[impact][urgency]))
                self.combos[impact, urgency] = combo
                grid.addWidget(combo, row, column)
        self.form.addRow(grid)

    def cells(self) -> dict[str, dict[str, str]]:
        return {
            impact: {urgency: str(self.combos[impact, urgency].currentData()) for urgency in LEVELS}
            for impact in LEVELS
        }

    def check(self) -> str:
        try:
            check_matrix(self.cells())
        except InvalidMatrix as error:
            return error_text(error)
        return ""


class PriorityActions:
    """The Dispatch tab's "Priority…" (a visit's impact, urgency and VIP) and "Priority
    matrix…" actions: each reads the matrix in force in the background first."""

    _client: SupervisorClient
    _inform: Callable[[str], Any]
    action_loader: Loader[Any]
    table: Table[VisitPublic]
    matrix: Cells

    if TYPE_CHECKING:  # the tab's own (DispatchTab, ReadingTab)

        def _show(self, dialog: Any) -> Any: ...

        def _done(self, sentence: str) -> Callable[[VisitPublic], None]: ...

        def refresh(self) -> None: ...

    def open_priority_dialog(self) -> bool:
        """Read the matrix, then ask for the visit's impact, urgency and VIP (the priority
        they give is shown as they are chosen)."""
        visit = self.table.selected()
        if visit is None or visit.status is VisitStatus.CANCELLED or self.action_loader.busy:
            return False

        def ask(matrix: PriorityMatrixPublic) -> None:
            self.matrix = matrix_cells(matrix)
            dialog = PriorityDialog(visit, self.matrix, self.table)
            dialog.accepted.connect(
                lambda: self.action_loader.start(
                    lambda: self._client.update_visit(visit.id, dialog.change()),
                    self._done(translate("DispatchTab", "Set the priority of {ref}.")),
                )
            )
            self._show(dialog)

        return self.action_loader.start(self._client.priority_matrix, ask)

    def open_matrix_dialog(self) -> bool:
        """Read the matrix in force, then let the supervisor set a new version of it."""
        if self.action_loader.busy:
            return False

        def set_it(cells: dict[str, dict[str, str]]) -> None:
            def done(matrix: PriorityMatrixPublic) -> None:
                self.matrix = matrix_cells(matrix)
                moved = matrix.visits_reprioritised
                self._inform(
                    counted(
                        moved,
                        translate(
                            "DispatchTab",
                            "Priority matrix version {version} set; {count} open visit got a "
                            "new priority.",
                        ),
                        translate(
                            "DispatchTab",
                            "Priority matrix version {version} set; {count} open visits got a "
                            "new priority.",
                        ),
                        version=matrix.version,
                    )
                )
                self.refresh()

            self.action_loader.start(lambda: self._client.set_priority_matrix(cells), done)

        def ask(matrix: PriorityMatrixPublic) -> None:
            self.matrix = matrix_cells(matrix)
            dialog = MatrixDialog(matrix, self.table)
            dialog.accepted.connect(lambda: set_it(dialog.cells()))
            self._show(dialog)

        return self.action_loader.start(self._client.priority_matrix, ask)
