"""Logging out of the app (for good, to switch user, or everywhere): unsynced work said first."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from fieldapp.store import Store
from fieldapp.sync.signout import DISCARD, SYNC_FIRST, Unsynced, end_every_session, unsynced_work
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.logout import sign_out_and_reopen

if TYPE_CHECKING:
    from fieldapp.ui.app import FieldApp

log = logging.getLogger("fieldapp.ui.app")  # the controller's log, as before this module
translate = QCoreApplication.translate


def request_logout(app: FieldApp, *, switch: bool, everywhere: bool = False) -> None:
    """Log out for good (or to let another user in): unsynced work is said first.

    `everywhere` first ends every session of the account on the server (other laptops
    too); if the server cannot be told, nothing here is erased.
    """
    store = app.store
    app.runner.run(
        lambda: unsynced_work(store),
        lambda left: _confirm_logout(app, left, switch, everywhere),
        lambda error: app.say(
            translate("Logout", "Could not log out: {error}").format(error=error_text(error))
        ),
    )


def _confirm_logout(app: FieldApp, left: Unsynced, switch: bool, everywhere: bool) -> None:
    if left:
        choice = app.ask_unsynced(left)
        if choice == SYNC_FIRST and app.window is not None:
            app.window.sync_now()
            app.say(
                translate("Logout", "Syncing first; choose Log out again once the sync is done.")
            )
            return
        if choice != DISCARD:
            return
    if not everywhere:
        _log_out(app, switch)
        return
    store, tokens = app.store, app.tokens
    client = app.connection.client if app.connection is not None else None
    app.runner.run(
        lambda: end_every_session(store, tokens, client),
        lambda _none: _log_out(app, switch, everywhere=True),
        lambda error: app.say(error_text(error)),
    )


def _log_out(app: FieldApp, switch: bool, *, everywhere: bool = False) -> None:
    store, paths, tokens = app.store, app.store.paths, app.tokens
    if paths is None:  # a bare cache file (tests): not the app's to erase
        return
    connection, app.connection = app.connection, None
    app.quit_hold.hold()  # the round closes before the next login dialog opens
    if app.visits is not None:
        app.visits.close_all()
    if app.window is not None:
        app.window.close()  # waits for the window's work: nothing touches the cache after
    # Kept alive (hidden) until the app ends: the results of that work are still queued
    # for it, and would reach deleted widgets if it went now.
    app.retired_window, app.window, app.visits = app.window, None, None

    client = connection.client if connection is not None else None
    erase = partial(sign_out_and_reopen, store, paths, tokens, client, everywhere=everywhere)
    app.runner.run(
        erase,
        lambda result: _on_signed_out(app, *result, switch=switch),
        lambda error: _on_sign_out_failed(app, error),
    )


def _on_signed_out(app: FieldApp, sentence: str, store: Store, *, switch: bool) -> None:
    app.store = store
    app.signed_out.emit(sentence)
    if switch:
        app.ask_login(
            translate("Logout", "{done} Log in as the next user.").format(done=sentence),
            first_run=True,
        )
    else:
        app.quit_requested.emit()


def _on_sign_out_failed(app: FieldApp, error: BaseException) -> None:
    log.error("logging out failed: %s", error)
    app.signed_out.emit(
        translate("Logout", "Logging out did not finish: {error}").format(error=error_text(error))
    )
    app.quit_requested.emit()
