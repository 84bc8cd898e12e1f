"""Login dialog: server URL, username and password, checked against the server off the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import error_color, icon

LoginFn = Callable[[str, str, str], object]


class LoginDialog(QDialog):
    """Asks for the server and the credentials; `result_value` holds what `login` returned."""

    def __init__(
        self,
        runner: BackgroundRunner,
        login: LoginFn,
        *,
        server_url: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._login = login
        self._busy = False
        self.result_value: object = None
        self.setWindowTitle("Log in to FieldApp")
        self.setWindowIcon(icon("login"))
        self.setMinimumWidth(420)

        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setPlaceholderText("https://fieldapp.example.org")
        self.server_edit.setAccessibleName("Server address")
        self.username_edit = QLineEdit(username, self)
        self.username_edit.setAccessibleName("Username")
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Login problem")
        self.error_label.setStyleSheet(f"color: {error_color(self)}; padding: 4px 0;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("&Server:", self.server_edit)
        form.addRow("&Username:", self.username_edit)
        form.addRow("&Password:", self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Log in")
        self.buttons.accepted.connect(self.on_login_requested)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.password_edit if server_url and username else self.server_edit).setFocus()

    def on_login_requested(self) -> None:
        if self._busy:
            return
        url = self.server_edit.text().strip().rstrip("/")
        user = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not url or not user or not password:
            self.show_error("Enter the server address, your username and your password.")
            return
        self._busy = True
        self.buttons.setEnabled(False)
        self.error_label.hide()
        self._runner.run(
            lambda: self._login(url, user, password), self.on_login_done, self.on_failed
        )

    def on_login_done(self, value: object) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.result_value = value
        self.accept()

    def on_failed(self, error: Exception) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.show_error(str(error))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
