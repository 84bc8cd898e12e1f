"""The app's logged-in connection to the server (client and sync engine) and the login that
makes it; no Qt, so the login dialog's worker thread can run it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldapp import protocol
from fieldapp.store import Store
from fieldapp.sync.account import log_in
from fieldapp.sync.client import ServerClient
from fieldapp.sync.credentials import TokenStore
from fieldapp.sync.updates import UpdateOffer, update_offer

if TYPE_CHECKING:
    from fieldapp.sync.engine import SyncEngine
    from fieldapp.sync.summary import SyncSummary

# Changes asked for per page by the app: the protocol's cap. A page is decoded in one call
# that holds the GIL, during which the UI thread cannot run: msgspec (protocol/feed.py)
# takes 10-13 ms of CPU for 5,000 changes, less than pydantic took for 1,000 visits (16 ms,
# when pages were 1,000), and fewer, larger pages cost the laptop and the server less.
APP_PAGE_SIZE = protocol.MAX_PAGE

ClientFactory = Callable[[str], ServerClient]


@dataclass(slots=True)
class Connection:
    """The logged-in client and the engine that syncs through it on `store`.

    The engine (and its modules) is made when first used: the app's start resumes its login
    before the round's first rows, and syncs only after them.
    """

    client: ServerClient
    username: str
    store: Store
    page_size: int = APP_PAGE_SIZE
    update: UpdateOffer | None = None  # a newer FieldApp the last sync heard of
    _engine: SyncEngine | None = field(default=None, init=False, repr=False)
    _made: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def engine(self) -> SyncEngine:
        with self._made:  # a sync's worker thread and a logout's may ask at once
            if self._engine is None:
                from fieldapp.sync.engine import SyncEngine

                self._engine = SyncEngine(self.store, self.client, page_size=self.page_size)
            return self._engine

    def sync(self) -> SyncSummary:
        """One sync; the round window says what it did in words (ui/sync_news.py)."""
        summary = self.engine.sync()
        self.update = summary.update
        return summary

    def close(self) -> None:
        self.client.close()


def connect(
    store: Store,
    tokens: TokenStore,
    url: str,
    user: str,
    password: str,
    *,
    client_factory: ClientFactory = ServerClient,
    page_size: int = APP_PAGE_SIZE,
) -> Connection:
    """Log in (runs on a worker thread from the login dialog).

    The server's versions are checked first, so an incompatible server gets its sentence
    before any password is sent.

    Raises:
        SyncError: a subclass saying what went wrong (offline, wrong password, versions,
            no keyring...).
    """
    client = client_factory(url)
    try:
        info = client.info()
        log_in(store, client, tokens, user, password)
    except BaseException:
        client.close()
        raise
    return Connection(client, user, store, page_size, update=update_offer(info))
