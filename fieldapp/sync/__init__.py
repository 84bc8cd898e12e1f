"""The laptop side of the sync protocol: HTTP client, credentials, and the push/pull engine."""

from typing import TYPE_CHECKING

from fieldapp.lazy import lazy_names
from fieldapp.sync.errors import (
    AnswerLostError,
    AnswerNotKeptError,
    AuthError,
    ClientTooOldError,
    CredentialStoreUnavailable,
    MalformedResponseError,
    OfflineError,
    RequestRejectedError,
    ServerError,
    ServerTooNewError,
    ServerTooOldError,
    SyncError,
    ThrottledError,
    TLSError,
    VersionError,
)

if TYPE_CHECKING:
    from fieldapp.sync.account import (
        Account,
        AccountSwitchRefused,
        current_account,
        log_in,
        log_out,
        resume,
    )
    from fieldapp.sync.client import ServerClient, check_compatible
    from fieldapp.sync.credentials import TokenStore
    from fieldapp.sync.engine import SyncEngine, SyncProgress, SyncSummary

# Loaded when first named: the app's start paints the round's first rows before it needs the
# HTTP client (requests) or the engine; the first sync loads them.
_LAZY = {
    "account": (
        "Account",
        "AccountSwitchRefused",
        "current_account",
        "log_in",
        "log_out",
        "resume",
    ),
    "client": ("ServerClient", "check_compatible"),
    "credentials": ("TokenStore",),
    "engine": ("SyncEngine", "SyncProgress", "SyncSummary"),
}
_MODULE_OF, __getattr__ = lazy_names(__name__, _LAZY, globals())


__all__ = [
    "Account",
    "AccountSwitchRefused",
    "AnswerLostError",
    "AnswerNotKeptError",
    "AuthError",
    "ClientTooOldError",
    "CredentialStoreUnavailable",
    "MalformedResponseError",
    "OfflineError",
    "RequestRejectedError",
    "ServerClient",
    "ServerError",
    "ServerTooNewError",
    "ServerTooOldError",
    "SyncEngine",
    "SyncError",
    "SyncProgress",
    "SyncSummary",
    "TLSError",
    "ThrottledError",
    "TokenStore",
    "VersionError",
    "check_compatible",
    "current_account",
    "log_in",
    "log_out",
    "resume",
]
