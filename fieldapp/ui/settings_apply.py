"""Opens the settings dialog for the running app and puts what was chosen to work at once:
the theme, the sync interval, a new CA bundle (a new client for the same login), a new server
(its login); the language at the next start."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fieldapp.sync.account import resume
from fieldapp.sync.errors import SyncError
from fieldapp.ui import theme
from fieldapp.ui.preferences import load_preferences, save_preferences

if TYPE_CHECKING:
    from fieldapp.ui.app import FieldApp
    from fieldapp.ui.settings_dialog import Chosen, SettingsDialog

log = logging.getLogger(__name__)


def open_settings(app: FieldApp) -> SettingsDialog:
    """Open the dialog over the app's window (once at a time); the choices apply on OK."""
    from fieldapp.ui.settings_dialog import SettingsDialog  # loaded when first opened

    parent: QWidget | None = app.window or app.supervisor_window
    shown = [d for d in parent.findChildren(SettingsDialog) if d.isVisible()] if parent else []
    if shown:
        shown[0].raise_()
        shown[0].activateWindow()
        return shown[0]
    update = app.connection.update if app.connection is not None else None
    dialog = SettingsDialog(load_preferences(), app.server_address(), update=update, parent=parent)

    def finished(result: int) -> None:
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            apply_settings(app, dialog.chosen)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def apply_settings(app: FieldApp, chosen: Chosen) -> None:
    """Keep the choices and use them now."""
    before = load_preferences()
    save_preferences(chosen.preferences)
    qt_app = QApplication.instance()
    if isinstance(qt_app, QApplication) and chosen.theme != theme.saved_theme():
        theme.choose_theme(qt_app, chosen.theme)
    if app.window is not None:
        app.window.syncer.set_interval(chosen.preferences.sync_ms)
    if chosen.preferences.ca_bundle != before.ca_bundle:
        app.clients.ca_bundle = chosen.preferences.ca_bundle
        _reconnect(app)
    if chosen.server_url and chosen.server_url != app.server_address():
        app.use_server(chosen.server_url)


def _reconnect(app: FieldApp) -> None:
    """The same login through a client that trusts the new CA bundle (the token comes from
    the keyring, without the network); the old client is closed unless a sync still uses it."""
    old = app.connection
    if old is None:
        return
    client = app.clients(old.client.base_url)
    try:
        resumed = resume(app.store, client, app.tokens)
    except SyncError as error:  # no keyring now: the old client stays in use
        log.warning("the new CA bundle waits for the next login: %s", error)
        resumed = None
    if resumed is None:
        client.close()
        return
    app.connection = dataclasses.replace(old, client=client)  # an engine of its own
    if not (app.window is not None and app.window.syncing):
        old.close()
