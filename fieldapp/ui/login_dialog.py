"""Login dialog: server URL, username and password, checked against the server off the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.errors import AuthError, OfflineError, SyncError, ThrottledError
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.resources import error_color, icon

translate = QCoreApplication.translate

LoginFn = Callable[[str, str, str], object]


def normalized_url(text: str) -> str:
    """The server address as typed, with https:// added when no scheme was given; empty when
    only a scheme was typed (the placeholder's "https://" is not an address)."""
    scheme, separator, rest = text.strip().partition("://")
    if not separator:
        scheme, rest = "https", scheme
    rest = rest.strip().rstrip("/")
    if not rest or rest.lower() in ("http:", "https:"):
        return ""
    return f"{scheme}://{rest}"


def login_error_text(error: Exception, url: str) -> str:
    """The sentence the dialog shows for a failed login, with the way forward.

    The typed sync errors carry a plain sentence (`SyncError.message`); a few are said
    differently here because at login there is no work waiting to be sent yet.
    """
    if isinstance(error, OfflineError):
        return translate(
            "LoginDialog",
            "Cannot reach the server at {server}. Check the address, and that this laptop is "
            "connected to the network, then try again.",
        ).format(server=url)
    said = error_text(error)
    if isinstance(error, AuthError) and error.reason == "invalid_credentials":
        return translate(
            "LoginDialog", "{error} Check them (the password is case-sensitive) and try again."
        ).format(error=said)
    if isinstance(error, ThrottledError):
        if error.retry_after:
            return translate(
                "LoginDialog", "{error} Wait {seconds} seconds, then try again."
            ).format(error=said, seconds=round(error.retry_after))
        return translate("LoginDialog", "{error} Wait a moment, then try again.").format(error=said)
    if isinstance(error, SyncError):  # CredentialStoreUnavailable says what to install
        return said
    return translate(
        "LoginDialog", "Logging in failed unexpectedly ({error}). Try again, or tell IT."
    ).format(error=type(error).__name__)


class LoginDialog(QDialog):
    """Asks for the server and the credentials; `result_value` holds what `login` returned.

    The login runs on the runner; a failure keeps the dialog open with a sentence saying
    what went wrong and what to do, so the technician can correct and retry.

    Args:
        runner: runs `login` in the background.
        login: (server_url, username, password) -> the logged-in connection; raises on
            failure (SyncError subclasses give the sentence shown).
        server_url, username: prefilled (the cache remembers both).
        message: shown above the fields, e.g. why a new login is needed.
    """

    def __init__(
        self,
        runner: BackgroundRunner,
        login: LoginFn,
        *,
        server_url: str = "",
        username: str = "",
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._login = login
        self._busy = False
        self._abandoned = False  # cancelled while a login was under way
        self.result_value: object = None
        self.setWindowTitle(self.tr("Log in to FieldApp"))
        self.setWindowIcon(icon("login"))
        self.setMinimumWidth(460)

        self.message_label = QLabel(message, self)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Why to log in"))
        self.message_label.setVisible(bool(message))
        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setPlaceholderText("https://fieldapp.example.org")
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.username_edit = QLineEdit(username, self)
        self.username_edit.setAccessibleName(self.tr("Username"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Login problem"))
        self.error_label.setStyleSheet(f"color: {error_color(self)}; padding: 4px 0;")
        self.error_label.hide()
        self.busy_label = QLabel(self.tr("Logging in\u2026"), self)
        self.busy_label.setAccessibleName(self.tr("Login progress"))
        self.busy_label.setEnabled(False)
        self.busy_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server_edit)
        form.addRow(self.tr("&Username:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Log in"))
        self.buttons.accepted.connect(self.on_login_requested)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.buttons)
        # The first box still to fill: a known server is not where the typing starts.
        first = next(
            (e for e in (self.server_edit, self.username_edit) if not e.text()),
            self.password_edit,
        )
        first.setFocus()

    @property
    def busy(self) -> bool:
        return self._busy

    def on_login_requested(self) -> None:
        if self._busy:
            return
        url = normalized_url(self.server_edit.text())
        user = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not url or not user or not password:
            self.show_error(self.tr("Enter the server address, your username and your password."))
            return
        self._set_busy(True)
        self.error_label.hide()
        self._runner.run(
            lambda: self._login(url, user, password),
            self.on_login_done,
            lambda error: self.on_failed(error, url),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        for edit in (self.server_edit, self.username_edit, self.password_edit):
            edit.setReadOnly(busy)
        self.busy_label.setVisible(busy)

    def on_login_done(self, value: object) -> None:
        if self._abandoned:
            return
        self._set_busy(False)
        self.result_value = value
        self.accept()

    def on_failed(self, error: Exception, url: str = "") -> None:
        if self._abandoned:
            return
        self._set_busy(False)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.show_error(login_error_text(error, url or normalized_url(self.server_edit.text())))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def reject(self) -> None:
        # A login under way still finishes in the background; its answer is then ignored.
        self._abandoned = self._busy
        super().reject()
