"""The laptop side of the sync protocol: HTTP client, credentials, and the push/pull engine."""

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
