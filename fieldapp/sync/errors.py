"""Every way talking to the server can fail, as one typed hierarchy with a sentence for the user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from fieldapp.domain.words import QT_TRANSLATE_NOOP


class SyncError(Exception):
    """Base of sync failures.

    The sentence is given as a template marked for translation
    (`QT_TRANSLATE_NOOP("SyncError", "Cannot reach {server}...")`) with its values apart, so
    the app can say it in its own language (fieldapp.ui.laptop_words.error_text); `message`
    is the English sentence, filled in, for the log and the command line.

    Attributes:
        message: a plain (English) sentence the UI can show as it is.
        template: the sentence before its values go in (the catalogue's source text).
        values: the `{name}` values of the template.
        transient: True if the same call may well succeed later without anyone acting.
        detail: technical detail for the log (never a token or a password).
    """

    transient = False
    context: ClassVar[str] = "SyncError"  # the catalogue context of the templates

    def __init__(
        self,
        message: str,
        *,
        detail: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        self.template = message
        self.values = dict(values or {})
        self.message = message.format(**self.values) if self.values else message
        super().__init__(self.message)
        self.detail = detail

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class OfflineError(SyncError):
    """The server could not be reached or did not answer: no network, DNS, refused, timeout."""

    transient = True


class AnswerLostError(SyncError):
    """Work was sent, but the server's answer was lost, cut off or late: it may have stored
    some or all of it. The outbox is untouched, so the next sync sends it again and the
    server answers "duplicate" for what it already has."""

    transient = True


class AnswerNotKeptError(SyncError):
    """The server answered for work sent (events, a file), but this laptop could not note
    the answer (its disk is full or its data folder read-only). The outbox still holds the
    work, so the next sync sends it again and the server answers "duplicate"."""

    values_context: ClassVar[str] = "StoreError"  # the cause and the remedy are the cache's

    def __init__(self, cause: str, remedy: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server received your work and answered, but this laptop could not note "
                "the answer: {cause}. Nothing is lost: {remedy}; the next sync then settles "
                "it, without duplicates.",
            ),
            detail=cause,
            values={"cause": cause, "remedy": remedy},
        )


class ServerError(SyncError):
    """The server answered with a 5xx error (after the automatic retries)."""

    transient = True

    def __init__(
        self,
        message: str,
        *,
        status: int,
        detail: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, detail=detail, values=values)
        self.status = status


class ThrottledError(SyncError):
    """The server asked us to slow down (429); `retry_after` seconds if it said."""

    transient = True

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(SyncError):
    """Not logged in (401). `reason` is the server's code: invalid_credentials,
    token_expired, token_revoked, account_disabled or not_authenticated."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class VersionError(SyncError):
    """This app and the server do not speak the same protocol version."""


class ClientTooOldError(VersionError):
    """The server needs a newer version of this app."""


class ServerTooOldError(VersionError):
    """The server is older than this app's protocol."""


class ServerTooNewError(VersionError):
    """The server speaks a newer protocol than this app."""


class MalformedResponseError(SyncError):
    """The server's answer could not be read: not JSON, cut off, or not the protocol's shape."""


class RequestRejectedError(SyncError):
    """The server refused the request (a 4xx other than 401/426/429), with its reason."""

    def __init__(
        self, message: str, *, status: int, code: str, values: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message, values=values)
        self.status = status
        self.code = code


class TLSError(SyncError):
    """The server's certificate could not be verified."""


class CredentialStoreUnavailable(SyncError):
    """No usable system keyring to keep the login token in."""
