"""Small dialogs the supervisor tabs share: a note to close or resolve something with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from fieldapp.ui.supervisor.form_dialog import FormDialog


class NoteDialog(FormDialog):
    """Asks for a note (a reason, what was done) before an action; opened with `open()`.
    Cancel asks before throwing a typed note away, as every supervisor form does.

    Args:
        prompt: what the note is for, in a sentence.
        action: the text of the button that does it ("Close item", "Cancel visit").
        required: the action stays disabled while the note is empty.
    """

    def __init__(
        self,
        title: str,
        prompt: str,
        action: str,
        *,
        required: bool = True,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, action, parent)
        self.setMinimumWidth(460)
        self.required = required
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(placeholder)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        label.setBuddy(self.note_edit)
        self.form.addRow(label)
        self.form.addRow(self.note_edit)
        self.note_edit.textChanged.connect(self._update)
        self._update()

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _update(self) -> None:
        self.action_button.setEnabled(bool(self.note) or not self.required)

    def check(self) -> str:
        return self.tr("Write a note first.") if self.required and not self.note else ""

    def typed(self) -> bool:
        return bool(self.note)
