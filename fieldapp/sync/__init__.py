"""The laptop side of the sync protocol: HTTP client, credentials, and the push/pull engine."""

from importlib import import_module
from typing import TYPE_CHECKING

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
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"fieldapp.sync.{module}"), name)
    globals()[name] = value
    return value


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
