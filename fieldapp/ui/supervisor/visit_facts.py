"""The facts New visit asks for besides who, where and when: what the user already tried, the
business impact, their skill, the incident it belongs to, the coordinator and who can take
over. The technician reads them in the visit's header before walking to the desk."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from fieldapp.domain.codes import SKILL_LEVELS
from fieldapp.ui.codes import chosen_code, fill_codes
from fieldapp.ui.supervisor.team import TeamDirectory


def _text_box(name: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class VisitFacts(QWidget):
    """A form of the visit's facts; `values()` gives them as VisitCreate fields."""

    def __init__(self, team: TeamDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        # field -> its name on the form (what is wrong with it is said with it)
        self.labels: dict[str, str] = {
            "already_tried": self.tr("Already tried"),
            "business_impact": self.tr("Business impact"),
            "incident_summary": self.tr("Incident summary"),
            "incident_ref": self.tr("Incident"),
            "coordinator": self.tr("Coordinator"),
            "skill_level": self.tr("Skill level"),
            "backup_technician": self.tr("Who can take over"),
        }
        self.texts: dict[str, QPlainTextEdit] = {
            "already_tried": _text_box(self.labels["already_tried"], 2, self),
            "business_impact": _text_box(self.labels["business_impact"], 2, self),
            "incident_summary": _text_box(self.labels["incident_summary"], 3, self),
        }
        self.lines: dict[str, QLineEdit] = {}
        for name, placeholder in (
            ("incident_ref", self.tr("e.g. INC-4471, when it is part of one")),
            ("coordinator", self.tr("Who coordinates the incident or the move")),
        ):
            edit = QLineEdit(self)
            edit.setAccessibleName(self.labels[name])
            edit.setPlaceholderText(placeholder)
            self.lines[name] = edit
        self.skill_combo = QComboBox(self)
        self.skill_combo.setAccessibleName(self.labels["skill_level"])
        self.skill_combo.setEditable(True)
        self.skill_combo.addItem("", "")
        fill_codes(self.skill_combo, SKILL_LEVELS)  # sent as codes, shown in the language
        self.backup_combo = QComboBox(self)
        self.backup_combo.setAccessibleName(self.labels["backup_technician"])
        self.backup_combo.setEditable(True)
        self.backup_combo.addItems(["", *(m.full_name or m.username for m in team.members)])
        for label, widget in (
            (self.tr("&Already tried:"), self.texts["already_tried"]),
            (self.tr("Business impa&ct:"), self.texts["business_impact"]),
            (self.tr("S&kill level:"), self.skill_combo),
            (self.tr("I&ncident:"), self.lines["incident_ref"]),
            (self.tr("Incident summar&y:"), self.texts["incident_summary"]),
            (self.tr("Coor&dinator:"), self.lines["coordinator"]),
            (self.tr("Who can take o&ver:"), self.backup_combo),
        ):
            self.form.addRow(label, widget)

    def values(self) -> dict[str, str]:
        found = {name: box.toPlainText().strip() for name, box in self.texts.items()}
        found |= {name: edit.text().strip() for name, edit in self.lines.items()}
        found["skill_level"] = self.skill_level()
        found["backup_technician"] = self.backup_combo.currentText().strip()
        return found

    def skill_level(self) -> str:
        """The level chosen, as its code (fieldapp.domain.codes), or as typed."""
        return chosen_code(self.skill_combo)

    def typed(self) -> bool:
        return any(self.values().values())

    def inputs(self) -> list[QWidget]:
        """The fields in reading order (for the dialog's Tab order)."""
        found: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                found.append(widget)
        return found
