"""Logging out of a laptop for good (log out, switch user): the unsynced work said first, then
the token revoked, the cache and its files erased and their key forgotten."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.paths import AppPaths
from fieldapp.store import DiskFullError, Store, sync_counts
from fieldapp.store.drafts import DraftRow
from fieldapp.store.files import opened_copies_dir
from fieldapp.sync.account import current_account
from fieldapp.sync.client import ServerClient
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.errors import SyncError
from fieldapp.sync.vault import (
    CacheUnavailable,
    forget_cache_key,
    forget_watermark,
    open_private_store,
)


@dataclass(frozen=True, slots=True)
class Unsynced:
    """Work on this laptop that the server does not have."""

    events: int = 0  # recorded, not yet confirmed by the server (pending or rejected)
    drafts: int = 0  # typed on a visit's page, not recorded yet

    def __bool__(self) -> bool:
        return bool(self.events or self.drafts)

    def sentence(self) -> str:
        parts = []
        if self.events:
            parts.append(f"{self.events} event(s) the server has not confirmed")
        if self.drafts:
            parts.append(f"{self.drafts} unsaved draft(s)")
        return (
            f"This laptop still holds {' and '.join(parts)}; logging out erases them. Sync "
            "first (and record or discard the drafts) to keep them."
        )


def unsynced_work(store: Store) -> Unsynced:
    with store.read_session() as session:
        counts = sync_counts(session)
        drafts = session.scalar(select(func.count()).select_from(DraftRow)) or 0
    return Unsynced(counts.pending + counts.rejected, int(drafts))


@dataclass(frozen=True, slots=True)
class SignedOut:
    """What logging out did. `revoked`: the server forgot the token (else it expires);
    `had_login`: someone was logged in on this laptop at all."""

    revoked: bool
    had_login: bool = True
    everywhere: bool = False  # every session of the account was ended first

    def sentence(self) -> str:
        """What was done, in English (the app translates it: `template` in "SyncError")."""
        return self.template

    @property
    def template(self) -> str:
        if not self.had_login:
            return QT_TRANSLATE_NOOP(
                "SyncError", "Logged out: this laptop's cache and files were erased."
            )
        if self.everywhere:
            return QT_TRANSLATE_NOOP(
                "SyncError",
                "Logged out: this laptop's cache and files were erased, and the server ended "
                "every session of this account, on every device.",
            )
        if self.revoked:
            return QT_TRANSLATE_NOOP(
                "SyncError",
                "Logged out: this laptop's cache and files were erased, and the server revoked "
                "the login.",
            )
        return QT_TRANSLATE_NOOP(
            "SyncError",
            "Logged out: this laptop's cache and files were erased, and the server could not "
            "be told, so the login expires there by itself.",
        )


def _client_for(
    store: Store, tokens: TokenStore, client: ServerClient | None
) -> tuple[ServerClient | None, bool]:
    """The client to tell the server with (logged in when a token is kept), and whether it
    was made here (then the caller closes it); None when nobody is logged in here."""
    account = current_account(store)
    if account is None:
        return None, False
    owned = client is None
    client = client or ServerClient(account.server_url, timeout=(3.0, 10.0), retries=0)
    if not client.logged_in:
        client.set_token(tokens.load(account.server_url, account.username))
    return client, owned


def end_every_session(store: Store, tokens: TokenStore, client: ServerClient | None = None) -> None:
    """Ask the server to end every session of this laptop's account, on every device (a
    laptop lost or a password seen): the first step of "Log out everywhere".

    Raises:
        LogoutRefused: the server could not be told (offline, or this login already ended);
            nothing was changed here and the other devices are still logged in.
    """
    client, owned = _client_for(store, tokens, client)
    if client is None:
        return  # nobody logged in here: there are no sessions to end
    try:
        if not client.logged_in:
            raise LogoutRefused(
                "This laptop holds no login to end the other sessions with: log in, then "
                "choose Log out everywhere again. Nothing was erased."
            )
        client.logout_everywhere()
    except SyncError as error:
        raise LogoutRefused(
            f"The other sessions could not be ended: {error.message} Nothing was erased; "
            "try again when the server can be reached."
        ) from None
    finally:
        if owned:
            client.close()


def sign_out(
    store: Store,
    paths: AppPaths,
    tokens: TokenStore,
    client: ServerClient | None = None,
    *,
    everywhere: bool = False,
) -> SignedOut:
    """Revoke the token, erase the cache and its attachment files, forget key and watermark.

    The caller has said the unsynced work (unsynced_work) and the technician agreed. The
    store is closed here. Files go before the key: a crash between leaves a cache that can
    still be opened (and logged out of again), never a key-less file taken for damage.

    Args:
        everywhere: end_every_session already ended every session of the account, this
            one included: there is no token left to revoke.
    """
    account = current_account(store)
    revoked = everywhere
    if account is not None:
        if not everywhere:
            revoked = _revoke_this_login(store, tokens, client)
        tokens.delete(account.server_url, account.username)
    store.close_for_good()
    erase_cache_files(paths)
    forget_cache_key(paths, tokens)
    forget_watermark(paths, tokens)
    return SignedOut(revoked, had_login=account is not None, everywhere=everywhere)


def _revoke_this_login(store: Store, tokens: TokenStore, client: ServerClient | None) -> bool:
    """Tell the server to forget this laptop's token; whether it was told."""
    client, owned = _client_for(store, tokens, client)
    if client is None:
        return False
    try:
        if client.logged_in:
            client.logout()
            return True
    except SyncError:
        pass  # offline: forgotten here anyway, and it expires on the server
    finally:
        if owned:
            client.close()
    return False


def erase_cache_files(paths: AppPaths) -> None:
    """Remove the cache, its WAL files, copies kept aside and every attachment file."""
    db = paths.cache_db
    for path in paths.data_dir.glob(f"{db.name}*"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    for path in paths.data_dir.glob(f".{db.name}*"):  # an interrupted encryption's copy
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    shutil.rmtree(paths.attachments_dir, ignore_errors=True)
    shutil.rmtree(opened_copies_dir(paths.data_dir, paths.attachments_dir), ignore_errors=True)
    paths.ensure()


class LogoutRefused(Exception):
    """Logging out would drop unsynced work the technician has not agreed to drop."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# What the technician chose about unsynced work: send it first, drop it, or stay logged in.
SYNC_FIRST, DISCARD, CANCEL = "sync", "discard", "cancel"


def run_headless_logout(
    paths: AppPaths,
    *,
    choose: Callable[[Unsynced], str],
    password_reader: Callable[[], str],
    progress: Callable[[str], None],
    tokens: TokenStore | None = None,
    everywhere: bool = False,
) -> str:
    """`main.py logout`: say the unsynced work, let `choose` decide, log out; the sentence.

    With `everywhere`, every session of the account (other devices too) is ended on the
    server before anything here is erased; if the server cannot be told, nothing is.

    Raises:
        LogoutRefused: unsynced work the technician would not drop (nothing was erased).
        HeadlessSyncError: the cache could not be opened, or the sync first failed.
    """
    # The command line's own: the app's start (which imports this module) needs no engine.
    from fieldapp.sync.headless import run_headless_sync

    tokens = tokens or TokenStore()
    store = _open(paths, tokens)
    left = unsynced_work(store)
    if left:
        choice = choose(left)
        if choice == SYNC_FIRST:
            store.dispose()
            progress(run_headless_sync(paths, server_url=None, username=None,
                                       password_reader=password_reader, progress=progress,
                                       tokens=tokens))  # fmt: skip
            store = _open(paths, tokens)
            left = unsynced_work(store)
            if left:
                store.dispose()
                raise LogoutRefused(
                    f"{left.sentence()} (They are still here after the sync: see the round's "
                    "rejected events.) Nothing was erased."
                )
        elif choice != DISCARD:
            store.dispose()
            raise LogoutRefused(f"{left.sentence()} Nothing was erased; you are still logged in.")
    if everywhere:
        try:
            end_every_session(store, tokens)
        except LogoutRefused:
            store.dispose()
            raise
    return sign_out(store, paths, tokens, everywhere=everywhere).sentence()


def _open(paths: AppPaths, tokens: TokenStore) -> Store:
    from fieldapp.sync.headless import HeadlessSyncError

    try:
        return open_private_store(paths, tokens)
    except (CacheUnavailable, DiskFullError, SyncError) as error:
        raise HeadlessSyncError(error.message) from None
