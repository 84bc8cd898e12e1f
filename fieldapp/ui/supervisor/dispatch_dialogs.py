"""Dispatch dialogs: a new visit, assign or reassign, reschedule (the preview of what a move
would delay is dispatch_preview.py; the form they share is form_dialog.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from pydantic import ValidationError
from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from fieldapp.domain.priority import DEFAULT_MATRIX
from fieldapp.protocol import VisitCreate, VisitPublic
from fieldapp.ui import window_place
from fieldapp.ui.supervisor.common import window_words
from fieldapp.ui.supervisor.form_dialog import (
    FormDialog,
    aware,
    first_problem,
    time_edit,
    to_qdatetime,
)
from fieldapp.ui.supervisor.priority_inputs import Cells, PriorityInputs
from fieldapp.ui.supervisor.team import UNASSIGNED, TeamDirectory
from fieldapp.ui.supervisor.visit_facts import VisitFacts


def next_reference(references: Iterable[str]) -> str:
    """The reference after the highest of the commonest kind in use ("HP-2612-007" after
    "HP-2612-006"), so the supervisor need not make one up; '' when none has a number."""
    numbered: dict[str, list[str]] = {}
    for reference in references:
        found = re.fullmatch(r"(.*?)(\d+)", reference.strip())
        if found:
            numbered.setdefault(found.group(1), []).append(found.group(2))
    if not numbered:
        return ""
    prefix, numbers = max(numbered.items(), key=lambda item: (len(item[1]), item[0]))
    width = max(len(n) for n in numbers)
    return f"{prefix}{max(int(n) for n in numbers) + 1:0{width}d}"


class VisitDialog(FormDialog):
    """A new visit: who, where, when, what; `visit()` is the VisitCreate to send."""

    def __init__(
        self,
        team: TeamDirectory,
        start: datetime,
        parent: QWidget | None = None,
        *,
        suggested_reference: str = "",
        matrix: Cells = DEFAULT_MATRIX,
    ) -> None:
        super().__init__(self.tr("New visit"), self.tr("Create visit"), parent)
        self._suggested_reference = suggested_reference
        window_place.fit_size(self, QSize(980, 0))
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, str] = {}  # field -> its label, for what is wrong with it
        for name, label, accessible, placeholder in (
            (
                "reference",
                self.tr("&Reference (required):"),
                self.tr("Reference"),
                self.tr("The number the customer quotes, e.g. INC-20417"),
            ),
            (
                "customer_name",
                self.tr("C&ustomer (required):"),
                self.tr("Customer"),
                self.tr("Full name"),
            ),
            ("contact_phone", self.tr("&Phone:"), self.tr("Phone"), ""),
            (
                "contact_email",
                self.tr("E-&mail:"),
                self.tr("E-mail"),
                self.tr("The confirmation and the report go here"),
            ),
            ("contact_extension", self.tr("E&xtension:"), self.tr("Extension"), ""),
            ("site", self.tr("&Site:"), self.tr("Site"), ""),
            ("building", self.tr("&Building:"), self.tr("Building"), ""),
            ("floor", self.tr("&Floor:"), self.tr("Floor"), ""),
            ("room", self.tr("R&oom / desk:"), self.tr("Room / desk"), ""),
            (
                "category",
                self.tr("Cate&gory:"),
                self.tr("Category"),
                self.tr("If known: printer, e-mail, laptop\u2026"),
            ),
        ):
            edit = QLineEdit(self)
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(placeholder)
            self.fields[name] = edit
            self.labels[name] = accessible
            self.form.addRow(label, edit)
        if suggested_reference:  # the next free one, selected: typing replaces it
            self.fields["reference"].setText(suggested_reference)
            self.fields["reference"].selectAll()
        self.start_edit = time_edit(self.tr("Window start"), start)
        self.end_edit = time_edit(self.tr("Window end"), start + timedelta(hours=1))
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setAccessibleName(self.tr("Estimated minutes"))
        self.minutes_spin.setRange(1, 10_000)
        self.minutes_spin.setValue(30)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.priority_inputs = PriorityInputs(matrix, self)
        self.priority_inputs.setToolTip(
            self.tr("From impact and urgency, never from a person's title.")
        )
        self.problem_edit = QPlainTextEdit(self)
        self.problem_edit.setAccessibleName(self.tr("Problem in the customer's words"))
        self.problem_edit.setTabChangesFocus(True)
        self.problem_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.technician_combo = QComboBox(self)
        self.technician_combo.setAccessibleName(self.tr("Technician"))
        team.fill(self.technician_combo, unassigned=self.tr("Not assigned yet"))
        self.labels |= {
            "window_start": self.tr("Window start"),
            "window_end": self.tr("Window end"),
            "estimated_minutes": self.tr("Estimated minutes"),
            "problem": self.tr("Problem"),
        }
        for label, widget in (
            (self.tr("&Window start:"), self.start_edit),
            (self.tr("Window &end:"), self.end_edit),
            (self.tr("Estimated &time:"), self.minutes_spin),
            (self.tr("Pr&iority:"), self.priority_inputs),
            (self.tr("Prob&lem:"), self.problem_edit),
            (self.tr("Tec&hnician:"), self.technician_combo),
        ):
            self.form.addRow(label, widget)
        self.facts = VisitFacts(team, self)
        self.columns.addWidget(self.facts, 1, Qt.AlignmentFlag.AlignTop)

    def inputs(self) -> list[QWidget]:
        return [*super().inputs(), *self.facts.inputs()]

    def typed(self) -> bool:
        suggested = {"reference": self._suggested_reference}
        changed = [n for n, e in self.fields.items() if e.text().strip() != suggested.get(n, "")]
        problem = self.problem_edit.toPlainText().strip()
        return bool(changed) or bool(problem) or self.facts.typed()

    def visit(self) -> VisitCreate:
        """The visit as typed. Raises ValidationError when a field is not acceptable."""
        values: dict[str, object] = {n: e.text().strip() for n, e in self.fields.items()}
        assignee = self.technician_combo.currentData()
        values.update(
            window_start=aware(self.start_edit.dateTime()),
            window_end=aware(self.end_edit.dateTime()),
            estimated_minutes=self.minutes_spin.value(),
            impact=self.priority_inputs.values()[0],
            urgency=self.priority_inputs.values()[1],
            vip=self.priority_inputs.values()[2],
            problem=self.problem_edit.toPlainText().strip(),
            assignee=assignee if assignee not in (None, UNASSIGNED) else None,
        )
        values.update(self.facts.values())
        return VisitCreate.model_validate(values)

    def check(self) -> str:
        if not self.fields["reference"].text().strip():
            return self.tr("Give the visit a reference.")
        if not self.fields["customer_name"].text().strip():
            return self.tr("Give the customer's name.")
        if self.end_edit.dateTime() <= self.start_edit.dateTime():
            return self.tr("The window must end after it starts.")
        try:
            self.visit()
        except ValidationError as error:
            return first_problem(error, self.labels | self.facts.labels)
        return ""


class AssignDialog(FormDialog):
    """Who does the visit: `assignee` is a username, or None to unassign."""

    def __init__(
        self, team: TeamDirectory, visit: VisitPublic, parent: QWidget | None = None
    ) -> None:
        if visit.assignee:
            title = self.tr("Reassign {reference}").format(reference=visit.reference)
            verb = self.tr("Reassign")
        else:
            title = self.tr("Assign {reference}").format(reference=visit.reference)
            verb = self.tr("Assign")
        super().__init__(title, verb, parent)
        self.visit = visit
        self.technician_combo = QComboBox(self)
        self.technician_combo.setAccessibleName(self.tr("Technician"))
        team.fill(self.technician_combo, unassigned=self.tr("Nobody (unassign)"))
        found = self.technician_combo.findData(visit.assignee or UNASSIGNED)
        self.technician_combo.setCurrentIndex(max(found, 0))
        about = QLabel(
            f"{visit.customer_name} \u00b7 {window_words(visit.window_start, visit.window_end)}"
            " \u00b7 "
            + (
                self.tr("now with {name}").format(name=team.name_of(visit.assignee))
                if visit.assignee
                else self.tr("not assigned yet")
            ),
            self,
        )
        about.setWordWrap(True)
        self.form.addRow(about)
        self.form.addRow(self.tr("&Technician:"), self.technician_combo)

    @property
    def assignee(self) -> str | None:
        chosen = self.technician_combo.currentData()
        return None if chosen in (None, UNASSIGNED) else str(chosen)

    def check(self) -> str:
        if self.assignee == self.visit.assignee:
            return self.tr("Choose someone else, or cancel.")
        return ""


class RescheduleDialog(FormDialog):
    """A new window for the visit."""

    def __init__(self, visit: VisitPublic, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reschedule {reference}").format(reference=visit.reference),
            self.tr("Reschedule"),
            parent,
        )
        self.visit = visit
        self.start_edit = time_edit(self.tr("New window start"), visit.window_start)
        self.end_edit = time_edit(self.tr("New window end"), visit.window_end)
        self.start_edit.dateTimeChanged.connect(self._keep_length)
        about = QLabel(
            f"{visit.customer_name} \u00b7 "
            + self.tr("now {window}").format(
                window=window_words(visit.window_start, visit.window_end)
            ),
            self,
        )
        about.setWordWrap(True)
        self.form.addRow(about)
        self.form.addRow(self.tr("Window &start:"), self.start_edit)
        self.form.addRow(self.tr("Window &end:"), self.end_edit)
        self._length = visit.window_end - visit.window_start

    def _keep_length(self, start: QDateTime) -> None:
        self.end_edit.setDateTime(to_qdatetime(aware(start) + self._length))

    @property
    def new_window(self) -> tuple[datetime, datetime]:
        return aware(self.start_edit.dateTime()), aware(self.end_edit.dateTime())

    def check(self) -> str:
        start, end = self.new_window
        if end <= start:
            return self.tr("The window must end after it starts.")
        if (start, end) == (self.visit.window_start, self.visit.window_end):
            return self.tr("Choose a new time, or cancel.")
        return ""
