"""Dispatch dialogs: a new visit, assign or reassign, reschedule (the preview of what a move
would delay is dispatch_preview.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from PySide6.QtCore import QDateTime, QLocale, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.priority import DEFAULT_MATRIX
from fieldapp.protocol import VisitCreate, VisitPublic
from fieldapp.ui import window_place
from fieldapp.ui.resources import error_color
from fieldapp.ui.supervisor.common import (
    translate,
    window_words,
)
from fieldapp.ui.supervisor.priority_inputs import Cells, PriorityInputs
from fieldapp.ui.supervisor.team import UNASSIGNED, TeamDirectory
from fieldapp.ui.supervisor.visit_facts import VisitFacts


def _aware(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=UTC)


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def _time_edit(name: str, value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(_qdatetime(value))
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setLocale(QLocale())  # the language's day and month names
    edit.setDisplayFormat(
        translate("SupervisorWords", "ddd dd MMM yyyy  HH:mm", "a day and time (QLocale format)")
    )
    return edit


def _first_problem(error: ValidationError, labels: dict[str, str] | None = None) -> str:
    """The first refused field, by its label on the form when it has one; the reason is
    pydantic's (English) sentence."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(p) for p in first.get("loc", ()))
    name = (labels or {}).get(field) or field.replace("_", " ").capitalize()
    if not name:
        name = translate("SupervisorWords", "The form")
    return f"{name}: {first.get('msg', 'invalid')}."


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


class _FormDialog(QDialog):
    """A form with a hint line for what is wrong and OK/Cancel; `check()` decides OK."""

    def __init__(self, title: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setHorizontalSpacing(12)  # a label never touches its field
        self.form.setVerticalSpacing(8)
        # Asked before Cancel throws away what was typed (tests answer it themselves).
        self.ask_discard: Callable[[], bool] = self._ask_discard
        self._ordered = False
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(translate("FormDialog", "What is missing"))
        self.hint.setStyleSheet(f"color: {error_color(self)};")
        self.hint.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.action_button: QPushButton = self.buttons.addButton(
            action, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.action_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.columns = QHBoxLayout()  # a dialog may add a second column beside the form
        self.columns.setSpacing(24)
        self.columns.addLayout(self.form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.columns)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def check(self) -> str:
        """Why the form cannot be sent as it is ('' when it can)."""
        return ""

    def typed(self) -> bool:
        """Whether Cancel would lose something typed (asked first then)."""
        return False

    def inputs(self) -> list[QWidget]:
        """The form's fields in reading order."""
        found = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(widget)
        return found

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if not self._ordered:
            # The buttons were made before the fields: without this, Tab would start on
            # Cancel and the first thing typed would go nowhere.
            self._ordered = True
            chain = [*self.inputs(), self.action_button, *self.buttons.buttons()]
            chain = list(dict.fromkeys(chain))
            for before, after in itertools.pairwise(chain):
                QWidget.setTabOrder(before, after)
            if chain:
                chain[0].setFocus(Qt.FocusReason.TabFocusReason)
        super().showEvent(event)

    def _ask_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            translate("FormDialog", "Throw away what you typed?"),
            parent=self,
        )
        discard = box.addButton(
            translate("FormDialog", "&Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            translate("FormDialog", "&Keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        if self.typed() and not self.ask_discard():
            return
        super().reject()

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.hint.setText(problem)
            self.hint.show()
            return
        super().accept()


class VisitDialog(_FormDialog):
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
        self.start_edit = _time_edit(self.tr("Window start"), start)
        self.end_edit = _time_edit(self.tr("Window end"), start + timedelta(hours=1))
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
            window_start=_aware(self.start_edit.dateTime()),
            window_end=_aware(self.end_edit.dateTime()),
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
            return _first_problem(error, self.labels | self.facts.labels)
        return ""


class AssignDialog(_FormDialog):
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


class RescheduleDialog(_FormDialog):
    """A new window for the visit."""

    def __init__(self, visit: VisitPublic, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reschedule {reference}").format(reference=visit.reference),
            self.tr("Reschedule"),
            parent,
        )
        self.visit = visit
        self.start_edit = _time_edit(self.tr("New window start"), visit.window_start)
        self.end_edit = _time_edit(self.tr("New window end"), visit.window_end)
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
        self.end_edit.setDateTime(_qdatetime(_aware(start) + self._length))

    @property
    def new_window(self) -> tuple[datetime, datetime]:
        return _aware(self.start_edit.dateTime()), _aware(self.end_edit.dateTime())

    def check(self) -> str:
        start, end = self.new_window
        if end <= start:
            return self.tr("The window must end after it starts.")
        if (start, end) == (self.visit.window_start, self.visit.window_end):
            return self.tr("Choose a new time, or cancel.")
        return ""
