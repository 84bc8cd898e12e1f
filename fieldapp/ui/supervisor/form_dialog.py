"""The supervisors' form dialogs: fields in a form, a line saying what is wrong, and an action
button that sends only a form that passes `check()` (Cancel asks before losing what was
typed); with the date-and-time field and the first-refusal sentence they share."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import ValidationError
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.resources import error_color
from fieldapp.ui.supervisor.common import translate


def aware(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=UTC)


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def time_edit(name: str, value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(value))
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setLocale(QLocale())  # the language's day and month names
    edit.setDisplayFormat(
        translate("SupervisorWords", "ddd dd MMM yyyy  HH:mm", "a day and time (QLocale format)")
    )
    return edit


def first_problem(error: ValidationError, labels: dict[str, str] | None = None) -> str:
    """The first refused field, by its label on the form when it has one; the reason is
    pydantic's (English) sentence."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(p) for p in first.get("loc", ()))
    name = (labels or {}).get(field) or field.replace("_", " ").capitalize()
    if not name:
        name = translate("SupervisorWords", "The form")
    return f"{name}: {first.get('msg', 'invalid')}."


class FormDialog(QDialog):
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
        """The form's fields in reading order (those spanning a row too)."""
        found = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole) or self.form.itemAt(
                row, QFormLayout.ItemRole.SpanningRole
            )
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
