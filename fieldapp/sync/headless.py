"""`fieldapp sync`: one sync without a window, with a progress line and a summary."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from fieldapp.paths import AppPaths
from fieldapp.store import LocalStorageError
from fieldapp.sync.account import current_account, log_in, resume
from fieldapp.sync.client import ServerClient
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.engine import SyncEngine, SyncProgress, SyncSummary
from fieldapp.sync.errors import AuthError, SyncError
from fieldapp.sync.vault import CacheUnavailable, note_watermark, open_private_store


class HeadlessSyncError(Exception):
    """A sync that could not run or finish, with the sentence to print."""


def describe(summary: SyncSummary) -> str:
    """One line a technician reads: what moved and what needs them."""
    parts = [
        f"pulled {summary.pulled}",
        f"pushed {summary.pushed}",
        f"duplicate {summary.duplicate}",
        f"rejected {summary.rejected}",
    ]
    if summary.retry_later:
        parts.append(f"{summary.retry_later} to retry later")
    if summary.uploaded:
        parts.append(f"{summary.uploaded} attachment(s) uploaded")
    if summary.missing_files:
        parts.append(
            f"{summary.missing_files} attachment(s) not sent: the file is gone from this laptop "
            "(re-attach or drop it under Round > Missing files)"
        )
    if summary.fetched:
        parts.append(f"{summary.fetched} file(s) from colleagues fetched")
    if summary.conflicts:
        parts.append(f"{len(summary.conflicts)} visit(s) in conflict")
    if summary.refetched:
        parts.append("full download done")
    done = "Sync done: " + ", ".join(parts) + "."
    return f"{done} {summary.update.sentence()}" if summary.update else done


def describe_progress(progress: SyncProgress) -> str:
    total = f"/{progress.total}" if progress.total is not None else ""
    return f"{progress.phase}: {progress.done}{total}"


def run_headless_sync(
    paths: AppPaths,
    *,
    server_url: str | None,
    username: str | None,
    password_reader: Callable[[], str],
    progress: Callable[[str], None],
    tokens: TokenStore | None = None,
    start_afresh: bool = False,
    ca_bundle: str | None = None,
) -> str:
    """Sync the cache at `paths` once and return the summary line.

    The saved token of the cache's account is used when there is one; otherwise (or when the
    server says it expired) the password is asked for with `password_reader`.

    Args:
        start_afresh: the technician agreed to put a damaged cache aside (what can be read
            of it is saved) or to carry on with one found missing, empty or behind.
        ca_bundle: a PEM file of CA certificates trusted besides the system's store.

    Raises:
        HeadlessSyncError: with a sentence saying what went wrong; nothing recorded is lost.
    """
    tokens = tokens or TokenStore()
    try:
        store = open_private_store(paths, tokens, start_afresh=start_afresh)
    except (LocalStorageError, SyncError, CacheUnavailable) as error:
        raise HeadlessSyncError(error.message) from None
    if store.rescue is not None:
        progress(store.rescue.sentence())
    try:
        account = current_account(store)
        url = (server_url or (account.server_url if account else "")).rstrip("/")
        user = username or (account.username if account else "")
        if not url or not user:
            raise HeadlessSyncError(
                "This laptop has not synced before: give --server-url and --username."
            )
        with ServerClient(url, ca_bundle=ca_bundle) as client:
            resumed = resume(store, client, tokens)
            if resumed is None or resumed.username != user:
                log_in(store, client, tokens, user, password_reader())
            engine = SyncEngine(store, client)
            report = lambda p: progress(describe_progress(p))  # noqa: E731
            try:
                summary = engine.sync(report)
            except AuthError:
                if resumed is None:
                    raise
                # The saved token expired or was revoked: one fresh login, then carry on.
                progress("Your saved login has expired; log in again.")
                log_in(store, client, tokens, user, password_reader())
                summary = engine.sync(report)
        return describe(summary)
    except (SyncError, LocalStorageError) as error:
        raise HeadlessSyncError(error.message) from None
    finally:
        # Even after a failed sync: the cursor may have moved (pages are applied one by one).
        with contextlib.suppress(SyncError, SQLAlchemyError):
            note_watermark(store, paths, tokens)
        store.dispose()
