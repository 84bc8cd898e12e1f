"""The step that offers the user choices, each with its time cost, and records the one chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import SPACING, heading, line_edit, wrapped_label

MIN_OPTIONS, MAX_OPTIONS = 2, 10


class OptionsEditor(QWidget):
    """The ways forward being offered: a description and a time cost each, 2 to 10 of them.

    Signals:
        changed(): an option was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(SPACING)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, QLineEdit, QSpinBox, QToolButton]] = []
        self.add_button = QPushButton(icon("add"), self.tr("&Add option"))
        self.add_button.setAccessibleName(self.tr("Add an option"))
        self.add_button.clicked.connect(self.on_add_clicked)
        self.set_draft_value([{}, {}])

    def draft_value(self) -> list[dict[str, Any]]:
        return [{"description": d.text(), "minutes": m.value()} for _, d, m, _ in self.rows]

    def set_draft_value(self, value: Any) -> None:
        if not isinstance(value, list):
            return
        items = [v for v in value if isinstance(v, dict)][:MAX_OPTIONS]
        while len(self.rows) > max(len(items), MIN_OPTIONS):
            self._remove_row(len(self.rows) - 1)
        while len(self.rows) < max(len(items), MIN_OPTIONS):
            self._add_row()
        for (_, description, minutes, _), item in zip(self.rows, items, strict=False):
            description.setText(str(item.get("description", "")))
            spent = item.get("minutes", 30)
            minutes.setValue(spent if isinstance(spent, int) else 30)
        self._layout_rows()
        self.changed.emit()

    def _add_row(self) -> None:
        number = len(self.rows) + 1
        label = QLabel()
        description = line_edit(
            self.tr("Option {number}").format(number=number), self.tr("What this way forward is")
        )
        minutes = QSpinBox()
        minutes.setRange(0, 10_000)
        minutes.setSingleStep(15)
        minutes.setValue(30)
        minutes.setSuffix(self.tr(" min"))
        minutes.setAccessibleName(self.tr("Option {number} minutes").format(number=number))
        remove = QToolButton()
        remove.setIcon(icon("remove"))
        remove.setToolTip(self.tr("Remove this option"))
        remove.setAccessibleName(self.tr("Remove option {number}").format(number=number))
        row = (label, description, minutes, remove)
        remove.clicked.connect(lambda: self.on_remove_clicked(row))
        description.textChanged.connect(self.changed)
        minutes.valueChanged.connect(self.changed)
        self.rows.append(row)

    def _remove_row(self, index: int) -> None:
        for widget in self.rows.pop(index):
            self.grid.removeWidget(widget)
            widget.deleteLater()

    def _layout_rows(self) -> None:
        for number, (label, description, minutes, remove) in enumerate(self.rows):
            label.setText(f"{number + 1}.")
            description.setAccessibleName(self.tr("Option {number}").format(number=number + 1))
            minutes.setAccessibleName(self.tr("Option {number} minutes").format(number=number + 1))
            remove.setAccessibleName(self.tr("Remove option {number}").format(number=number + 1))
            remove.setEnabled(len(self.rows) > MIN_OPTIONS)
            for column, widget in enumerate((label, description, minutes, remove)):
                self.grid.addWidget(widget, number, column)
        self.grid.addWidget(self.add_button, len(self.rows), 1, Qt.AlignmentFlag.AlignLeft)
        self.add_button.setEnabled(len(self.rows) < MAX_OPTIONS)
        for before, after in zip(self.rows, self.rows[1:], strict=False):
            QWidget.setTabOrder(before[2], after[1])
        self.setFocusProxy(self.rows[0][1])  # focusing the editor starts at option 1

    def on_add_clicked(self) -> None:
        self._add_row()
        self._layout_rows()
        self.rows[-1][1].setFocus()
        self.changed.emit()

    def on_remove_clicked(self, row: tuple[QLabel, QLineEdit, QSpinBox, QToolButton]) -> None:
        if row in self.rows and len(self.rows) > MIN_OPTIONS:
            self._remove_row(self.rows.index(row))
            self._layout_rows()
            self.changed.emit()


class ChoiceList(QWidget):
    """The options as offered, one radio button each; the value is the chosen key.

    Signals:
        changed(): the selection changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACING // 2)
        self.group = QButtonGroup(self)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.keys: list[str] = []
        self._wanted: str | None = None
        self.empty_label = wrapped_label(self.tr("No choices offered yet."), muted=True)
        self.column.addWidget(self.empty_label)

    def set_options(self, options: list[dict[str, Any]]) -> None:
        keys = [str(o["key"]) for o in options]
        if keys == self.keys and self.group.buttons():
            return
        wanted = self.draft_value() or self._wanted
        for button in self.group.buttons():
            self.group.removeButton(button)
            self.column.removeWidget(button)
            button.deleteLater()
        self.keys = keys
        for number, option in enumerate(options):
            text = self.tr("{option} \u2014 about {minutes} min").format(
                option=option["description"], minutes=option["minutes"]
            )
            button = QRadioButton(text)
            button.setAccessibleName(self.tr("Choice: {option}").format(option=text))
            self.group.addButton(button, number)
            self.column.addWidget(button)
        self.empty_label.setVisible(not options)
        self.set_draft_value(wanted)

    def draft_value(self) -> str | None:
        number = self.group.checkedId()
        return self.keys[number] if 0 <= number < len(self.keys) else None

    def set_draft_value(self, value: Any) -> None:
        if isinstance(value, str) and value in self.keys:
            button = self.group.button(self.keys.index(value))
            button.setChecked(True)
        else:
            self._wanted = value if isinstance(value, str) else None


class OptionsPage(StepPage):
    """Step 5: several ways forward, each with its time cost; then the user's choice."""

    key = StepKey.OPTIONS
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Several ways forward? Let the user choose, each with what it costs in time (\u201cfix "
        "the virus in 30 minutes, or set up the new laptop in 2 hours?\u201d).",
    )

    def build(self) -> None:
        self.editor = OptionsEditor()
        self.add_field("options", self.editor)
        self.body_layout.addWidget(self.editor)
        self.offer_button = QPushButton(icon("record"), self.tr("Record &choices offered"))
        self.offer_button.setAccessibleName(self.tr("Record the choices offered"))
        self.offer_button.clicked.connect(self.on_offer_clicked)
        offer_row = QHBoxLayout()
        offer_row.addStretch(1)
        offer_row.addWidget(self.offer_button)
        self.body_layout.addLayout(offer_row)
        self.register_button(self.offer_button, EventType.OPTIONS_OFFERED)
        self.body_layout.addWidget(heading(self.tr("The user\u2019s choice"), 1.1))
        self.choices = ChoiceList()
        self.add_field("chosen", self.choices)
        self.body_layout.addWidget(self.choices)
        form = self.form()
        self.chosen_by = line_edit(self.tr("Chosen by"), self.tr("Who chose (optional)"))
        form.addRow(self.tr("Chosen b&y:"), self.add_field("chosen_by", self.chosen_by))

    def add_buttons(self) -> None:
        self.skip_button = QPushButton(icon("next"), self.tr("&Skip: only one way forward"))
        self.skip_button.setAccessibleName(self.tr("Skip choices: only one way forward"))
        self.skip_button.clicked.connect(lambda: self.navigate.emit(str(StepKey.RESOLVE)))
        self.button_row.addWidget(self.skip_button)
        self.choose_button = self.add_record_button(
            self.tr("&Record choice"), EventType.OPTION_CHOSEN, self.on_choose_clicked
        )

    def refresh(self) -> None:
        assert self.snapshot is not None
        offered = self.snapshot.latest(EventType.OPTIONS_OFFERED)
        options = list(offered.payload["options"]) if offered else []
        self.choices.set_options(options)
        if options and not any(o["description"].strip() for o in self.editor.draft_value()):
            with self.quietly():  # what was offered, shown again
                self.editor.set_draft_value(options)
        self.skip_button.setVisible(not self.snapshot.state.options)

    def update_availability(self) -> None:
        super().update_availability()
        # What was offered is on record: shown, not editable, and not offered again.
        offered = self.snapshot is not None and bool(self.snapshot.state.options)
        self.editor.setEnabled(not offered)
        if offered:
            self.offer_button.setEnabled(False)
            self.offer_button.setToolTip(
                self.tr("The choices are recorded; record the user's choice.")
            )

    def record_default(self) -> bool:
        assert self.snapshot is not None
        button = self.choose_button if self.snapshot.state.options else self.offer_button
        if button.isEnabled():
            button.click()
            return True
        return False

    def on_offer_clicked(self) -> None:
        options = [o for o in self.editor.draft_value() if str(o["description"]).strip()]
        if len(options) < MIN_OPTIONS:
            self.show_error(
                self.tr("Describe at least two ways forward; one option is not a choice."),
                self.editor,
            )
            return
        self.record(
            EventType.OPTIONS_OFFERED,
            {
                "options": [
                    {
                        "key": f"option-{number}",
                        "description": str(o["description"]).strip(),
                        "minutes": o["minutes"],
                    }
                    for number, o in enumerate(options, start=1)
                ]
            },
        )

    def on_choose_clicked(self) -> None:
        key = self.choices.draft_value()
        if key is None:
            self.show_error(self.tr("Select the way forward the user chose."), self.choices)
            return
        self.record(
            EventType.OPTION_CHOSEN,
            {"key": key, "chosen_by": self.chosen_by.text().strip() or None},
        )
