"""The app's controller: the cache, the account (keyring token or login dialog), the round."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog

from fieldapp.clock import Clock, utc_now
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import Role
from fieldapp.store import Store
from fieldapp.store.housekeeping import sweep_attachments
from fieldapp.sync.account import Account, current_account, resume
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.errors import AuthError, CredentialStoreUnavailable
from fieldapp.sync.signout import Unsynced
from fieldapp.sync.vault import note_watermark
from fieldapp.ui import app_logout
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.connection import ClientFactory, Connection, connect
from fieldapp.ui.connectivity import PROBE_INTERVAL_MS
from fieldapp.ui.help_menu import HelpMenu
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.logout import QuitHold, ask_unsynced_work
from fieldapp.ui.preferences import Clients, load_preferences
from fieldapp.ui.round_sync import after_first_paint
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.settings_apply import open_settings
from fieldapp.ui.update_notice import show_update
from fieldapp.ui.visit_window import VisitWindows

if TYPE_CHECKING:
    from fieldapp.sync.summary import SyncSummary
    from fieldapp.ui.login_dialog import LoginDialog
    from fieldapp.ui.supervisor import SupervisorWindow

log = logging.getLogger(__name__)


class FieldApp(QObject):
    """The technician's app: account, login dialog and round window, wired together.

    A visit opened from the round (Enter, a double-click, a promise, a reminder, a rejected
    event) opens in a window of its own (VisitWindows); what it records refreshes the round
    and asks for a sync shortly after.

    Starting never waits for the network when the cache already belongs to someone: the
    round opens from the cache at once, and the first sync runs in the background. A
    missing token, an expired or revoked one (a sync answering AuthError) or no keyring
    opens the login dialog over the round; cancelling it leaves the round working offline.
    Only a laptop that never logged in starts with the login dialog alone.

    Args:
        store: the open cache.
        tokens: where login tokens are kept.
        runner: the background runner for every slow call.
        server_url: the server to use (default: the one the cache belongs to).
        clock, use_system_network, use_tray, probe_interval_ms, auto_sync_ms: passed to
            RoundWindow.
        client_factory: makes the server client for a URL (default: `clients`, trusting the
            CA bundle of the settings; tests: one with short timeouts).
        probe: checks a server URL answers (default: `clients.probe`).
        ask_unsynced: asks what to do with unsynced work before logging out (sync first,
            discard or cancel); default: a message box.

    Signals:
        window_shown(): the round window is on screen.
        quit_requested(): the technician cancelled the first login, or logged out.
        signed_out(str): the laptop was logged out of (cache erased); the sentence.
    """

    window_shown = Signal()
    quit_requested = Signal()
    signed_out = Signal(str)

    def __init__(
        self,
        store: Store,
        tokens: TokenStore,
        runner: BackgroundRunner,
        *,
        server_url: str | None = None,
        clock: Clock = utc_now,
        use_system_network: bool = True,
        use_tray: bool | None = None,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        auto_sync_ms: int | None = None,
        client_factory: ClientFactory | None = None,
        probe: Callable[[str], object] | None = None,
        ask_unsynced: Callable[[Unsynced], str] = ask_unsynced_work,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tokens = tokens
        self.runner = runner
        self._server_url = server_url.rstrip("/") if server_url else None
        self._clock = clock
        self._use_system_network = use_system_network
        self._use_tray = use_tray
        self._probe_interval_ms = probe_interval_ms
        preferences = load_preferences()
        self._auto_sync_ms = auto_sync_ms or preferences.sync_ms
        self.clients = Clients(preferences.ca_bundle)
        self._client_factory = client_factory or self.clients
        self._probe = probe or self.clients.probe
        self.ask_unsynced = ask_unsynced
        self.connection: Connection | None = None
        self.window: RoundWindow | None = None
        self.visits: VisitWindows | None = None  # the visits opened from the round
        self.login_dialog: LoginDialog | None = None
        self.supervisor_window: SupervisorWindow | None = None  # its module loads on first use
        self.supervisor_help: HelpMenu | None = None
        self.retired_window: RoundWindow | None = None
        self._login_reason = ""
        self.quit_hold = QuitHold()  # no window between two users must not end the app

    # --- start ------------------------------------------------------------------------------

    def start(self, demo_login: tuple[str, str] | None = None) -> None:
        """Show the round (or, on a laptop that never logged in, the login dialog)."""
        if demo_login is not None and self._server_url:
            self.connection = self._connect(self._server_url, *demo_login)
            self._show_window()
            return
        account = current_account(self.store)
        if account is None:
            self.ask_login("", first_run=True)
            return
        keyring_problem = ""
        if self._server_url is None or self._server_url == account.server_url:
            client = self._client_factory(account.server_url)
            try:
                resumed = resume(self.store, client, self.tokens)  # the keyring, no network
            except CredentialStoreUnavailable as error:
                resumed, keyring_problem = None, error_text(error)
            if resumed is None:
                client.close()
            else:
                self.connection = Connection(client, resumed.username, self.store)
        self._show_window()
        if self.connection is None:
            self.ask_login(keyring_problem or self.tr("Log in to sync your round."))

    def _connect(self, url: str, user: str, password: str) -> Connection:
        return connect(
            self.store, self.tokens, url, user, password, client_factory=self._client_factory
        )

    def _account_label(self, account: Account | None = None) -> str:
        account = account or current_account(self.store)
        if account is None:
            return ""
        return account.full_name or account.username

    def _show_window(self) -> None:
        account = current_account(self.store)  # read once: each read is a few queries
        if account is not None and account.role == Role.SUPERVISOR:
            self._show_supervisor_window()
            return
        window = RoundWindow(
            self.store,
            self.runner,
            self._sync,
            user_label=self._account_label(account),
            author=account.username if account is not None else "",
            clock=self._clock,
            probe=self._probe_current,
            use_system_network=self._use_system_network,
            use_tray=self._use_tray,
            probe_interval_ms=self._probe_interval_ms,
            auto_sync_ms=self._auto_sync_ms,
        )
        window.login_required.connect(self.on_login_required)
        window.settings_requested.connect(self.open_settings)
        username = account.username if account else ""
        self.visits = VisitWindows(
            self.store,
            self.runner,
            author=username,
            technician_name=(account.full_name if account else "") or username,
            clock=self._clock,
            fetch_attachment=self._fetch_attachment,
            parent=self,
        )
        window.visit_opened.connect(self.visits.open)
        self.visits.event_recorded.connect(window.on_event_recorded)
        window.sync_finished.connect(self.visits.refresh_all)
        self.visits.set_online(window.syncer.connectivity.online)
        window.syncer.connectivity.online_changed.connect(self.visits.set_online)
        window.sync_finished.connect(self.on_sync_finished)
        window.logout_requested.connect(lambda: self.request_logout(switch=False))
        window.switch_user_requested.connect(lambda: self.request_logout(switch=True))
        window.logout_everywhere_requested.connect(
            lambda: self.request_logout(switch=False, everywhere=True)
        )
        self.window = window
        window.show()
        self.quit_hold.release()
        window.refresh()
        # The first sync and the sweep begin once the round's first rows are painted.
        after_first_paint(window.round_loaded, window.table.viewport(), self._sweep_attachments)
        if self.connection is not None:
            window.sync_after_first_rows()
        self.window_shown.emit()

    def _sweep_attachments(self) -> None:
        store = self.store
        self.runner.run(
            lambda: sweep_attachments(store),
            lambda _sweep: None,
            lambda error: log.warning("the attachments sweep failed: %s", error),
        )

    def _show_supervisor_window(self) -> None:
        """Supervisors work online: the board, metrics and dispatch come from the server."""
        if self.connection is None:
            self.ask_login(self.tr("Supervisors work online: log in to see the team."))
            return
        # Loaded when a supervisor first needs it: a technician's start never does.
        from fieldapp.sync.supervisor import SupervisorClient
        from fieldapp.ui.supervisor import SupervisorWindow

        window = SupervisorWindow(
            SupervisorClient(self.connection.client), self.runner, self._account_label()
        )
        self.supervisor_window = window
        window.settings_requested.connect(self.open_settings)
        self.supervisor_help = HelpMenu(window, self.store)  # the rightmost menu
        show_update(window.statusBar(), self.connection.update)  # heard of at login
        window.show()
        self.quit_hold.release()
        window.refresh()
        self.window_shown.emit()

    # --- work for the window (worker threads) -----------------------------------------------

    def _sync(self) -> SyncSummary:
        connection = self.connection  # read once: a new login may replace it meanwhile
        if connection is None:
            raise AuthError(
                QT_TRANSLATE_NOOP("SyncError", "Log in to the server to sync."),
                reason="not_authenticated",
            )
        return connection.sync()

    def _fetch_attachment(self, sha256: str) -> bytes:
        """Bytes of a file attached on another laptop (worker thread)."""
        connection = self.connection
        if connection is None:
            raise AuthError(
                QT_TRANSLATE_NOOP("SyncError", "Log in to fetch files from the server."),
                reason="not_authenticated",
            )
        return connection.client.download_attachment(sha256)

    def on_sync_finished(self, _message: str) -> None:
        """Say a newer FieldApp the server announced; remember in the keyring how far the
        cache got, to notice one that comes back empty or behind at the next start (vault.py)."""
        if self.connection is not None and self.window is not None:
            show_update(self.window.statusBar(), self.connection.update)
        store, paths, tokens = self.store, self.store.paths, self.tokens
        if paths is None:  # a bare cache file (tests): not the app's
            return
        self.runner.run(
            lambda: note_watermark(store, paths, tokens),
            lambda _none: None,
            lambda error: log.warning("the cache's watermark was not kept: %s", error),
        )

    # --- log out, switch user --------------------------------------------------------------

    def request_logout(self, *, switch: bool, everywhere: bool = False) -> None:
        """Log out for good (or to let another user in): unsynced work is said first.

        `everywhere` first ends every session of the account on the server (other laptops
        too); if the server cannot be told, nothing here is erased (see app_logout).
        """
        app_logout.request_logout(self, switch=switch, everywhere=everywhere)

    def say(self, sentence: str) -> None:
        """Show a sentence in the round window's notice bar (if the round is open)."""
        if self.window is not None:
            self.window.notice.show_notice(sentence)

    def _probe_current(self) -> object:
        url = self.server_address()
        if not url:
            raise AuthError(
                QT_TRANSLATE_NOOP("SyncError", "Log in to the server to sync."),
                reason="not_authenticated",
            )
        return self._probe(url)

    def open_settings(self) -> None:
        open_settings(self)

    def use_server(self, url: str) -> None:
        """Use the server at `url` from now on: its login (which rebinds the cache)."""
        self._server_url = url.rstrip("/")
        self.ask_login(self.tr("Log in to {server} to use it.").format(server=self._server_url))

    def server_address(self) -> str:
        """The server the laptop uses now (or will at its next login)."""
        return self.connection.client.base_url if self.connection else self._known_url()

    def _known_url(self) -> str:
        account = current_account(self.store)
        return self._server_url or (account.server_url if account else "")

    # --- login ------------------------------------------------------------------------------

    def on_login_required(self, message: str) -> None:
        self.ask_login(message)

    def ask_login(self, message: str, *, first_run: bool = False) -> LoginDialog:
        """Open the login dialog (once); on success the round syncs with the new login."""
        if self.login_dialog is not None:
            return self.login_dialog
        from fieldapp.ui.login_dialog import LoginDialog  # a start with a login needs none

        account = current_account(self.store)
        dialog = LoginDialog(
            self.runner,
            self._connect,
            server_url=self._server_url or (account.server_url if account else ""),
            username=account.username if account else "",
            message=message,
            parent=self.window,
        )
        dialog.finished.connect(lambda result: self.on_login_finished(dialog, result, first_run))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def on_login_finished(self, dialog: LoginDialog, result: int, first_run: bool) -> None:
        self.login_dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or not isinstance(dialog.result_value, Connection):
            if first_run:
                self.quit_requested.emit()
            elif self.window is not None:
                self.window.notice.show_notice(
                    self.tr("Not logged in: sync is paused. Your work stays on this laptop."),
                    action_text=self.tr("Log in\u2026"),
                    action=lambda: self.ask_login(""),
                )
            return
        old, self.connection = self.connection, dialog.result_value
        if old is not None and not (self.window is not None and self.window.syncing):
            old.close()
        if self.supervisor_window is not None:
            self.supervisor_window.close()
            self.supervisor_window = None
        if self.window is None:
            self._show_window()
            return
        self.window.setWindowTitle(
            QCoreApplication.translate("RoundWindow", "FieldApp \u2014 {user}").format(
                user=self._account_label()
            )
        )
        self.window.notice.hide()
        self.window.sync_now()

    def close(self) -> None:
        """Close the windows and the connection (at exit)."""
        self.quit_hold.release()
        if self.visits is not None:
            self.visits.close_all()
        if self.window is not None:
            self.window.close()
        if self.supervisor_window is not None:
            self.supervisor_window.close()
        self.runner.wait()
        if self.retired_window is not None:
            # Its last results are still queued for it: deliver them (a moment, at exit)
            # before it may be deleted, then let what they started finish.
            QCoreApplication.processEvents()
            self.runner.wait()
        if self.connection is not None:
            self.connection.close()
