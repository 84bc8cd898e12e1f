"""What a broken HTTP exchange tells the user: nothing was sent, or it was and the answer lost."""

from __future__ import annotations

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, ReadTimeoutError

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.sync.errors import (
    AnswerLostError,
    MalformedResponseError,
    OfflineError,
    SyncError,
    TLSError,
)

# After work was sent and its answer did not come back whole, all that is known is this:
# "Everything is kept on this laptop; the next sync settles it, without duplicates." Each
# sentence is written whole, so a translator sees it whole.


def _cause(error: requests.RequestException) -> object:
    """urllib3's own error under `error` (once the retries gave up, the last one's reason)."""
    reason: object = error.args[0] if error.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return reason


def link_error(
    error: requests.RequestException, base_url: str, what: str, *, sends_work: bool
) -> SyncError:
    """The typed error for a request that failed on the way.

    Args:
        error: what requests raised.
        base_url: the server, named in the sentence.
        what: "METHOD /path", for the log.
        sends_work: the request stores something on the server. Once such a request has
            gone out, a lost, late or cut answer means the server may have stored it: the
            sentence says so, never "nothing was changed".
    """
    name = type(error).__name__
    cause = _cause(error)
    at = {"server": base_url}
    if isinstance(error, requests.exceptions.SSLError):
        return TLSError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The connection to {server} is not secure: its certificate could not be "
                "verified. Check the server address, or ask IT for the server's CA certificate.",
            ),
            detail=name,
            values=at,
        )
    # urllib3's NewConnectionError and NameResolutionError are ConnectTimeoutError's kind:
    # the connection never opened, so the request never went out.
    if isinstance(error, requests.exceptions.ConnectTimeout) or isinstance(
        cause, ConnectTimeoutError
    ):
        return OfflineError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "Cannot reach the server at {server} (no network, or the server is down); "
                "nothing was sent. Your work is kept and will be sent later.",
            ),
            detail=name,
            values=at,
        )
    late = isinstance(error, requests.exceptions.ReadTimeout) or isinstance(cause, ReadTimeoutError)
    cut = isinstance(
        error, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    )
    if sends_work and late:
        return AnswerLostError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server at {server} did not answer in time after your work was sent: it "
                "may have stored part of it. Everything is kept on this laptop; the next sync "
                "settles it, without duplicates.",
            ),
            detail=f"{what}: {name}",
            values=at,
        )
    if sends_work and cut:
        return AnswerLostError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server's answer was cut off after your work was sent: the server may have "
                "stored part of it. Everything is kept on this laptop; the next sync settles "
                "it, without duplicates.",
            ),
            detail=f"{what}: incomplete body",
        )
    if sends_work and isinstance(error, requests.exceptions.ConnectionError):
        return AnswerLostError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The connection to the server at {server} broke after your work was sent, "
                "before the server's answer arrived: the server may have stored part of it. "
                "Everything is kept on this laptop; the next sync settles it, without "
                "duplicates.",
            ),
            detail=f"{what}: {name}",
            values=at,
        )
    if late:
        return OfflineError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server at {server} did not answer in time; your work is kept and will be "
                "sent later.",
            ),
            detail=name,
            values=at,
        )
    if cut:
        return MalformedResponseError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server's answer was cut off or garbled; nothing was changed. Try again.",
            ),
            detail=f"{what}: incomplete body",
        )
    if isinstance(error, requests.exceptions.ConnectionError):
        return OfflineError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The connection to the server at {server} broke before its answer arrived; "
                "your work is kept and will be sent later.",
            ),
            detail=name,
            values=at,
        )
    return SyncError(
        QT_TRANSLATE_NOOP("SyncError", "Talking to the server at {server} failed."),
        detail=name,
        values=at,
    )
