"""The sync client's HTTP session: TLS, timeouts, backoff retries, the server's failures as typed
errors, and answers parsed into validated models."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from fieldapp import protocol
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.logs import keep_out_of_logs
from fieldapp.sync.errors import (
    AuthError,
    ClientTooOldError,
    MalformedResponseError,
    RequestRejectedError,
    ServerError,
    SyncError,
    ThrottledError,
    TLSError,
)

if TYPE_CHECKING:
    import requests
    from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

Model = TypeVar("Model", bound="BaseModel")
DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds
RETRY_STATUSES = (502, 503, 504)
# Every call of this protocol is idempotent (events carry their id, attachments their hash),
# so POST and PUT are retried like GET.
RETRY_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE"})

_AUTH_MESSAGES = {
    "invalid_credentials": QT_TRANSLATE_NOOP("SyncError", "Wrong user name or password."),
    "token_expired": QT_TRANSLATE_NOOP("SyncError", "Your login has expired; please log in again."),
    "token_revoked": QT_TRANSLATE_NOOP(
        "SyncError", "You were logged out of the server; please log in again."
    ),
    "not_authenticated": QT_TRANSLATE_NOOP("SyncError", "Please log in to the server to sync."),
    "account_disabled": QT_TRANSLATE_NOOP(
        "SyncError", "Your account has been disabled on the server; ask your supervisor."
    ),
}


SAFE_METHODS = frozenset({"GET", "HEAD"})


def _validation_summary(error: ValidationError) -> str:
    first = error.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "the answer"
    return f"{error.error_count()} problem(s), first at {where}: {first.get('msg', '')}"


class ApiSession:
    """Calls of one server's API under /api/v1, with a login. Not thread-safe: one per thread.

    Args:
        base_url: e.g. ``https://fieldapp.example.org`` (the API lives under /api/v1).
        session: a requests.Session to use (retries and timeouts are configured on it).
        timeout: (connect, read) seconds, applied to every call.
        ca_bundle: a CA certificate file to trust besides the OS certificate store (tls.py);
            TLS is always verified.
        token: a bearer token from an earlier login.
        retries: automatic retries of failed connections, reads and 502/503/504 answers.
        backoff_factor: base of the exponential wait between retries (seconds).
    """

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_bundle: str | None = None,
        token: str | None = None,
        retries: int = 3,
        backoff_factor: float = 0.5,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api = self.base_url + protocol.API_PREFIX
        self._timeout = timeout
        keep_out_of_logs(token)
        self._token = token
        self._owns_session = session is None
        self._given_session = session
        self._ca_bundle = ca_bundle
        self._retries = retries
        self._backoff_factor = backoff_factor
        # Made at the first call: requests, urllib3 and the trust store load then, not
        # when the app makes its client at start (before the round's first rows).
        self._http: requests.Session | None = None
        # A bundle that cannot be used is said at the first call, like any other reason
        # the server cannot be reached, instead of failing whoever makes the client.
        self._tls_problem: TLSError | None = None

    def _session(self) -> requests.Session:
        if self._http is not None:
            return self._http
        import requests
        from urllib3.util.retry import Retry

        from fieldapp.sync.tls import TrustingAdapter, trust_context

        http = self._given_session or requests.Session()
        retries, backoff_factor = self._retries, self._backoff_factor
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            backoff_factor=backoff_factor,
            backoff_jitter=backoff_factor,
            backoff_max=30,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=RETRY_METHODS,
            raise_on_status=False,
            # Otherwise urllib3 sleeps out a 429's Retry-After (a login lockout says minutes)
            # inside the call; a ThrottledError carrying it lets the caller decide.
            respect_retry_after_header=False,
        )
        try:
            context = trust_context(self._ca_bundle)
        except TLSError as error:
            self._tls_problem, context = error, trust_context()
        adapter = TrustingAdapter(context, max_retries=retry)
        http.mount("http://", adapter)
        http.mount("https://", adapter)
        http.verify = True  # the adapter's context holds what is trusted
        http.headers.update(
            {
                protocol.CLIENT_VERSION_HEADER: protocol.CLIENT_VERSION,
                protocol.API_VERSION_HEADER: str(protocol.API_VERSION),
                protocol.INFO_SHAPE_HEADER: str(protocol.INFO_SHAPE),
                protocol.FEED_SHAPE_HEADER: str(protocol.FEED_SHAPE),
                "User-Agent": f"FieldApp/{protocol.CLIENT_VERSION}",
                "Accept": "application/json",
                "Accept-Encoding": accept_encoding(),
            }
        )
        self._http = http
        return http

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r}, logged_in={self.logged_in})"

    @property
    def logged_in(self) -> bool:
        return self._token is not None

    def set_token(self, token: str | None) -> None:
        """Use `token` (from the keyring, say) for the calls that need a login."""
        keep_out_of_logs(token)
        self._token = token

    def close(self) -> None:
        if self._owns_session and self._http is not None:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- for the other API clients (fieldapp.sync.supervisor) -------------------------------

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
        stream: bool = False,
    ) -> requests.Response:
        """A logged-in call of `path` (under /api/v1) with this client's session, timeouts,
        retries and typed errors. With `stream`, the caller reads the body and closes it."""
        return self._request(
            method,
            path,
            params=params,
            body=body,
            content_type=content_type,
            stream=stream,
            sends_work=method.upper() not in SAFE_METHODS,
        )

    def parse(self, model: type[Model], response: requests.Response) -> Model:
        """The answer's JSON as `model`, or MalformedResponseError."""
        return self._parse(model, response)

    # --- plumbing --------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        params: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
        stream: bool = False,
        sends_work: bool = False,
        extra_headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One call; `sends_work`: the request stores something on the server, so an answer
        lost after it went out must not be reported as "nothing changed"."""
        http = self._session()
        import requests  # loaded by _session

        if self._tls_problem is not None:
            raise self._tls_problem
        headers: dict[str, str] = dict(extra_headers or {})
        if body is not None:
            headers["Content-Type"] = content_type
        if auth:
            if self._token is None:
                raise AuthError(_AUTH_MESSAGES["not_authenticated"], reason="not_authenticated")
            headers["Authorization"] = f"Bearer {self._token}"
        started = time.monotonic()
        try:
            response = http.request(
                method,
                self._api + path,
                params=params,
                data=body,
                headers=headers,
                timeout=self._timeout,
                stream=stream,
            )
        except requests.exceptions.RequestException as error:
            from fieldapp.sync.link_errors import link_error

            raise link_error(
                error, self.base_url, f"{method} {path}", sends_work=sends_work
            ) from None
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        if response.status_code >= 400:
            raise self._failure(response)
        return response

    def _request_whole(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> tuple[requests.Response, bytes]:
        """`_request` of a large answer that stores nothing, and its body read in one piece:
        inflated in one call, where requests' `content` reads and inflates 10 KiB at a time
        (a feed page of 5 MB: 500 calls; 10 ms of an initial sync's CPU), and the coding's
        end checked (a zstd frame cut short is an error, not an empty page)."""
        response = self._request(
            method, path, params=params, extra_headers=extra_headers, stream=True
        )
        import requests  # loaded by _request

        try:
            return response, b"".join(response.iter_content(None))
        except requests.exceptions.RequestException as error:
            from fieldapp.sync.link_errors import link_error

            raise link_error(error, self.base_url, f"{method} {path}", sends_work=False) from None
        finally:
            response.close()  # back to the pool once read whole; dropped otherwise

    def _failure(self, response: requests.Response) -> SyncError:
        from pydantic import ValidationError

        status = response.status_code
        try:
            body = protocol.ErrorBody.model_validate_json(response.content)
            code, message = body.error, body.message
        except ValidationError:
            code, message = f"http_{status}", ""
        if status == 401:
            return AuthError(
                _AUTH_MESSAGES.get(code, message or _AUTH_MESSAGES["not_authenticated"]),
                reason=code if code in _AUTH_MESSAGES else "not_authenticated",
            )
        if status == 426:
            return ClientTooOldError(
                message
                or QT_TRANSLATE_NOOP(
                    "SyncError",
                    "This version of FieldApp is too old for the server; please update.",
                )
            )
        if status == 429:
            retry_after = _seconds(response.headers.get("Retry-After"))
            return ThrottledError(
                message
                or QT_TRANSLATE_NOOP(
                    "SyncError", "The server is busy; please try again in a moment."
                ),
                retry_after=retry_after,
            )
        if status == 503 and message:  # the server says what it lacks, in the user's words
            return ServerError(message, status=status, detail=code)
        if status >= 500:
            return ServerError(
                QT_TRANSLATE_NOOP(
                    "SyncError",
                    "The server had a problem (HTTP {status}); your work is kept and will be "
                    "sent later.",
                ),
                status=status,
                detail=message or None,
                values={"status": status},
            )
        if message:  # the server's own sentence (English): shown as it is
            return RequestRejectedError(message, status=status, code=code)
        return RequestRejectedError(
            QT_TRANSLATE_NOOP("SyncError", "The server refused the request (HTTP {status})."),
            status=status,
            code=code,
            values={"status": status},
        )

    def _parse(
        self, model: type[Model], response: requests.Response, *, sent_work: bool = False
    ) -> Model:
        from pydantic import ValidationError

        try:
            return model.model_validate_json(response.content)
        except ValidationError as error:
            raise unreadable(
                f"{model.__name__}: {_validation_summary(error)}", sent_work=sent_work
            ) from None


def accept_encoding() -> str:
    """The codings the laptop takes its answers in: zstd first when this urllib3 decodes it
    (its zstd extra, backports.zstd before Python 3.14, a dependency of ours): the server
    sends the feed's big pages as zstd then, which the laptop inflates in about 60% of
    gzip's time (server/answers.py). gzip otherwise, as before."""
    from urllib3.util import make_headers

    decoded = make_headers(accept_encoding=True)["accept-encoding"].split(",")
    return "zstd, gzip" if "zstd" in decoded else "gzip"


def unreadable(detail: str, *, sent_work: bool = False) -> MalformedResponseError:
    """The error for an answer that is not what the protocol says (`detail`: what and where)."""
    if sent_work:
        return MalformedResponseError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server's answer to your work could not be read: the server may "
                "have stored part of it. Everything is kept on this laptop; the next "
                "sync settles it, without duplicates.",
            ),
            detail=detail,
        )
    return MalformedResponseError(
        QT_TRANSLATE_NOOP(
            "SyncError",
            "The server sent an answer this app cannot read; nothing was changed. The "
            "server may be misconfigured or a network device may have altered it.",
        ),
        detail=detail,
    )


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
