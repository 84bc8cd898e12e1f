"""Small dialogs the supervisor tabs share: a note to close or resolve something with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.resources import error_color


class NoteDialog(QDialog):
    """Asks for a note (a reason, what was done) before an action; opened with `open()`.

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
        super().__init__(parent)
        self.setWindowTitle(title)
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
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {error_color(self)};")
        self.hint.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.action_button: QPushButton = self.buttons.addButton(
            action, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.action_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.note_edit.textChanged.connect(self._update)
        self._update()

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _update(self) -> None:
        self.action_button.setEnabled(bool(self.note) or not self.required)

    def accept(self) -> None:
        if self.required and not self.note:
            self.hint.setText(self.tr("Write a note first."))
            self.hint.show()
            return
        super().accept()
