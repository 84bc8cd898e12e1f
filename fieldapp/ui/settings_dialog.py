"""Settings (Ctrl+,): the server address, a CA bundle, the theme, the language and the sync
interval, with the app's version and any update the server announces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.errors import TLSError
from fieldapp.sync.tls import trust_context
from fieldapp.sync.updates import UpdateOffer
from fieldapp.ui import theme
from fieldapp.ui.languages import available_languages
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.login_dialog import normalized_url
from fieldapp.ui.moments import counted
from fieldapp.ui.preferences import END_OF_DAY_OFF, SYNC_MINUTES, Preferences
from fieldapp.ui.resources import error_color
from fieldapp.ui.update_notice import version_html


@dataclass(frozen=True, slots=True)
class Chosen:
    """What the technician chose in the dialog."""

    server_url: str
    theme: str
    preferences: Preferences


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a server address, in a sentence; None if it can."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return QCoreApplication.translate(
            "SettingsDialog", "The server address must look like https://fieldapp.example.org."
        )
    if any(c.isspace() for c in url):
        return QCoreApplication.translate(
            "SettingsDialog", "The server address cannot contain spaces."
        )
    return None


def _minutes(count: int) -> str:
    return counted(
        count,
        QCoreApplication.translate("SettingsDialog", "{count} minute"),
        QCoreApplication.translate("SettingsDialog", "{count} minutes"),
    )


class SettingsDialog(QDialog):
    """The settings; `chosen` holds the choices once accepted (checked first: a server
    address that is not one, a CA bundle that is not one keep the dialog open with a
    sentence).

    Args:
        preferences: the settings kept now.
        server_url: the server the laptop uses now.
        update: a newer FieldApp the server announced at the last sync, if any.
        choose_file: asks for the CA bundle file (tests give the path).
    """

    def __init__(
        self,
        preferences: Preferences,
        server_url: str,
        *,
        update: UpdateOffer | None = None,
        choose_file: Callable[[QWidget], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("FieldApp settings"))
        self.chosen: Chosen | None = None
        self._server_url = server_url
        self._choose_file = choose_file or _ask_for_bundle

        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.server_edit.setPlaceholderText("https://fieldapp.example.org")
        server_hint = _hint(
            self.tr(
                "Changing it asks you to log in there; this laptop's round then comes from "
                "that server (sync your work first)."
            ),
            self,
        )

        self.ca_edit = QLineEdit(preferences.ca_bundle, self)
        self.ca_edit.setAccessibleName(self.tr("CA bundle"))
        self.ca_edit.setPlaceholderText(self.tr("None (this computer's store only)"))
        self.browse_button = QPushButton(self.tr("&Browse\u2026"), self)
        self.browse_button.setAccessibleName(self.tr("Choose a CA bundle file"))
        self.browse_button.clicked.connect(self._browse)
        self.clear_button = QPushButton(self.tr("Cl&ear"), self)
        self.clear_button.setAccessibleName(self.tr("Clear the CA bundle"))
        self.clear_button.clicked.connect(self.ca_edit.clear)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.browse_button)
        ca_row.addWidget(self.clear_button)
        ca_hint = _hint(
            self.tr(
                "This computer's certificate store is always trusted (a company proxy's too). "
                "Name a PEM file of CA certificates only for a server with its own CA."
            ),
            self,
        )

        self.theme_combo = QComboBox(self)
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        for name, text in theme.THEMES:
            self.theme_combo.addItem(
                QCoreApplication.translate("Theme", text).replace("&", ""), name
            )
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(theme.saved_theme())))

        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Language"))
        for code, name in available_languages():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(preferences.language))
        )
        language_hint = _hint(self.tr("Used from the next start."), self)

        self.sync_combo = QComboBox(self)
        self.sync_combo.setAccessibleName(self.tr("Sync every"))
        for count in SYNC_MINUTES:
            self.sync_combo.addItem(_minutes(count), count)
        self.sync_combo.setCurrentIndex(max(0, self.sync_combo.findData(preferences.sync_minutes)))
        sync_hint = _hint(
            self.tr(
                "While the server answers; F5 syncs at any time, and what you record is sent "
                "within seconds."
            ),
            self,
        )

        self.end_of_day_combo = QComboBox(self)
        self.end_of_day_combo.setAccessibleName(self.tr("End-of-day list"))
        self.end_of_day_combo.addItem(self.tr("Never"), END_OF_DAY_OFF)
        times = [f"{h:02d}:{m:02d}" for h in range(12, 23) for m in (0, 30)]
        if preferences.end_of_day not in (*times, END_OF_DAY_OFF):
            times.append(preferences.end_of_day)
        for at in sorted(times):
            self.end_of_day_combo.addItem(at, at)
        self.end_of_day_combo.setCurrentIndex(
            max(0, self.end_of_day_combo.findData(preferences.end_of_day))
        )
        end_of_day_hint = _hint(
            self.tr(
                "Then the round lists the visits not solved, to tell each user where it stands."
            ),
            self,
        )

        self.version_label = QLabel(version_html(update), self)
        self.version_label.setAccessibleName(self.tr("Version"))
        self.version_label.setTextFormat(Qt.TextFormat.RichText)
        self.version_label.setOpenExternalLinks(True)
        self.version_label.setWordWrap(True)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.error_label = QLabel(self)
        self.error_label.setAccessibleName(self.tr("Problem"))
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {error_color(self)}; font-weight: bold;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server_edit)
        form.addRow("", server_hint)
        form.addRow(self.tr("&CA bundle:"), ca_row)
        form.addRow("", ca_hint)
        form.addRow(self.tr("&Theme:"), self.theme_combo)
        form.addRow(self.tr("&Language:"), self.language_combo)
        form.addRow("", language_hint)
        form.addRow(self.tr("S&ync every:"), self.sync_combo)
        form.addRow("", sync_hint)
        form.addRow(self.tr("&End of the day:"), self.end_of_day_combo)
        form.addRow("", end_of_day_hint)
        form.addRow(self.tr("Version:"), self.version_label)
        for widget, label in ((self.server_edit, 0), (self.ca_edit, 2)):
            item = form.itemAt(label, QFormLayout.ItemRole.LabelRole)
            shown = item.widget() if item is not None else None
            if isinstance(shown, QLabel):
                shown.setBuddy(widget)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.server_edit.setFocus()
        # Room for an address and a bundle's path, and hints in two lines, not four.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 84)

    def _browse(self) -> None:
        path = self._choose_file(self)
        if path:
            self.ca_edit.setText(path)

    def _say(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()

    def _check_and_accept(self) -> None:
        url = normalized_url(self.server_edit.text()) or self._server_url
        problem = url_problem(url) if url else None
        if problem:
            self._say(problem)
            self.server_edit.setFocus()
            return
        bundle = self.ca_edit.text().strip()
        if bundle:
            try:
                trust_context(bundle)
            except TLSError as error:
                self._say(error_text(error))
                self.ca_edit.setFocus()
                return
        self.chosen = Chosen(
            server_url=url,
            theme=str(self.theme_combo.currentData()),
            preferences=Preferences(
                ca_bundle=bundle,
                language=str(self.language_combo.currentData()),
                sync_minutes=int(self.sync_combo.currentData()),
                end_of_day=str(self.end_of_day_combo.currentData()),
            ),
        )
        self.accept()


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # raised to 4.5:1 by theme
    return label


def _ask_for_bundle(parent: QWidget) -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = documents if documents and Path(documents).is_dir() else str(Path.home())
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("SettingsDialog", "Choose a CA bundle"),
        start,
        QCoreApplication.translate(
            "SettingsDialog", "CA certificates (*.pem *.crt *.cer);;All files (*)"
        ),
    )
    return path
