"""Logging in and out: the token to the keyring, the server and user to the cache's meta table."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete

from fieldapp.store import Store, get_meta, set_meta, sync_counts
from fieldapp.store.devices import clear_history
from fieldapp.store.drafts import DraftRow
from fieldapp.store.knowledge import SNAPSHOT_VERSION
from fieldapp.store.meta import CURSOR, FULL_NAME, ROLE, SERVER_URL, USERNAME
from fieldapp.store.models import (
    AttachmentRow,
    EventRow,
    IncidentFixRow,
    KnowledgeRow,
    OutboxRow,
    Visit,
)
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.errors import SyncError

if TYPE_CHECKING:
    from fieldapp.protocol import LoginResponse
    from fieldapp.sync.client import ServerClient


class AccountSwitchRefused(SyncError):
    """The cache holds unsynced work of another user or server; it must be synced first."""


@dataclass(frozen=True, slots=True)
class Account:
    """Who the cache belongs to; two accounts are the same if server and username are.

    Attributes:
        full_name: the name customers read (confirmation, desk note); the username when the
            server gave none.
    """

    server_url: str
    username: str
    full_name: str = field(default="", compare=False)
    role: str = field(default="technician", compare=False)

    def __post_init__(self) -> None:
        if not self.full_name:
            object.__setattr__(self, "full_name", self.username)


def current_account(store: Store) -> Account | None:
    """The server and user this cache belongs to, if anyone logged in."""
    with store.read_session() as session:
        server_url = get_meta(session, SERVER_URL)
        username = get_meta(session, USERNAME)
        full_name = get_meta(session, FULL_NAME)
        role = get_meta(session, ROLE)
    if server_url is None or username is None:
        return None
    return Account(server_url, username, full_name or "", role or "technician")


def log_in(
    store: Store, client: ServerClient, tokens: TokenStore, username: str, password: str
) -> LoginResponse:
    """Log in, keep the token in the keyring and note the account (and full name) in the cache.

    A different user or server than the cache's previous one empties the cache first (it
    held someone else's visits and drafts), unless it still holds their unsynced work: then
    nothing happens and AccountSwitchRefused says so.
    """
    previous = current_account(store)
    switching = previous is not None and previous != Account(client.base_url, username)
    if switching:
        with store.read_session() as session:
            counts = sync_counts(session)
        if counts.pending or counts.rejected:
            assert previous is not None
            raise AccountSwitchRefused(
                f"This laptop still holds {counts.pending + counts.rejected} event(s) of "
                f"{previous.username} on {previous.server_url} that the server has not "
                "confirmed; log in as them and sync first."
            )
    answer = client.login(username, password)
    tokens.save(client.base_url, username, answer.token)
    with store.session() as session, session.begin():
        if switching:
            # The knowledge base too: the previous account's sites' fixes are not this one's.
            wiped = (OutboxRow, EventRow, Visit, AttachmentRow, DraftRow, KnowledgeRow)
            for model in (*wiped, IncidentFixRow):
                session.execute(delete(model))
            set_meta(session, CURSOR, None)
            set_meta(session, SNAPSHOT_VERSION, None)
            clear_history(session)  # the previous round's devices and people
        set_meta(session, SERVER_URL, client.base_url)
        set_meta(session, USERNAME, username)
        set_meta(session, FULL_NAME, answer.user.full_name.strip() or None)
        set_meta(session, ROLE, answer.user.role.value)
    return answer


def resume(store: Store, client: ServerClient, tokens: TokenStore) -> Account | None:
    """Give `client` the saved token of the cache's account; None if there is none."""
    account = current_account(store)
    if account is None or account.server_url != client.base_url:
        return None
    token = tokens.load(account.server_url, account.username)
    if token is None:
        return None
    client.set_token(token)
    return account


def log_out(store: Store, client: ServerClient, tokens: TokenStore) -> None:
    """Revoke the token on the server (if reachable) and forget it; the cache is kept."""
    account = current_account(store)
    with contextlib.suppress(SyncError):  # forgotten here anyway; it expires on the server
        client.logout()
    if account is not None:
        tokens.delete(account.server_url, account.username)
