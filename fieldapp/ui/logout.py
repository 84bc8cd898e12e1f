"""Log out and Switch user: the question about unsynced work, and the erasing (worker thread)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from fieldapp.paths import AppPaths
from fieldapp.store import Store
from fieldapp.sync import ServerClient, TokenStore
from fieldapp.sync.signout import CANCEL, DISCARD, SYNC_FIRST, Unsynced, sign_out
from fieldapp.sync.vault import open_private_store
from fieldapp.ui.moments import counted

translate = QCoreApplication.translate


def unsynced_sentence(left: Unsynced) -> str:
    """What logging out would erase, in the app's language."""
    events = counted(
        left.events,
        translate("Logout", "{count} event the server has not confirmed"),
        translate("Logout", "{count} events the server has not confirmed"),
    )
    drafts = counted(
        left.drafts,
        translate("Logout", "{count} unsaved draft"),
        translate("Logout", "{count} unsaved drafts"),
    )
    if left.events and left.drafts:
        held = translate("Logout", "{events} and {drafts}").format(events=events, drafts=drafts)
    else:
        held = events if left.events else drafts
    return translate(
        "Logout",
        "This laptop still holds {held}; logging out erases them. Sync first (and record or "
        "discard the drafts) to keep them.",
    ).format(held=held)


def ask_unsynced_work(left: Unsynced) -> str:
    """Sync first, discard or cancel: the technician's choice before logging out."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, translate("Logout", "Unsynced work"), unsynced_sentence(left)
    )
    sync_first = box.addButton(translate("Logout", "Sync first"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(
        translate("Logout", "Log out and erase them"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return SYNC_FIRST if clicked is sync_first else DISCARD if clicked is discard else CANCEL


class QuitHold:
    """Keeps the app running while no window is open between two users.

    Logging out closes the round before the cache is erased and the login dialog opens;
    with Qt's quit-on-last-window-closed that close ended the app (Switch user quit).
    While held, only the app's own quit (cancelled login, Log out) ends it.
    """

    def __init__(self) -> None:
        self._saved: bool | None = None

    def hold(self) -> None:
        if self._saved is None:
            self._saved = QGuiApplication.quitOnLastWindowClosed()
        QGuiApplication.setQuitOnLastWindowClosed(False)

    def release(self) -> None:
        """A window is on screen again: closing it quits as before."""
        if self._saved is not None:
            QGuiApplication.setQuitOnLastWindowClosed(self._saved)
            self._saved = None


def sign_out_and_reopen(
    store: Store,
    paths: AppPaths,
    tokens: TokenStore,
    client: ServerClient | None,
    *,
    everywhere: bool = False,
) -> tuple[str, Store]:
    """Log out (token revoked, cache and files erased, key forgotten) and open the new,
    empty cache the next user starts from. Runs on a worker thread; returns the sentence."""
    try:
        done = sign_out(store, paths, tokens, client, everywhere=everywhere)
    finally:
        if client is not None:
            client.close()
    return translate("SyncError", done.template), open_private_store(paths, tokens)
