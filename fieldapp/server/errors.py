"""Every error leaves the server as a protocol.ErrorBody JSON; handlers for each kind of failure."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from fieldapp.server.openapi import allowed_methods

log = logging.getLogger(__name__)

# Answers hold one user's data, often personal: no cache (browser, proxy) keeps a copy.
NO_STORE = {"Cache-Control": "no-store"}

_STATUS_ERRORS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    429: "too_many_attempts",
}

# Starlette's bare reason phrases ("Not Found"), said as sentences.
_STATUS_SENTENCES = {
    404: "There is nothing at this address of the API.",
    405: "This address does not accept that HTTP method.",
}


class ApiError(Exception):
    """A failure with an HTTP status, a machine-readable code and a human sentence.

    Service functions (dispatch, admin) raise it too, so the CLI can print `message`.
    """

    def __init__(
        self,
        status_code: int,
        error: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.error = error
        self.message = message
        self.headers = dict(headers or {})
        self.details = details


def error_response(
    status_code: int,
    error: str,
    message: str,
    *,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A JSONResponse shaped like protocol.ErrorBody."""
    body: dict[str, Any] = {"error": error, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status_code, headers={**NO_STORE, **(headers or {})})


def _field_name(loc: Sequence[int | str]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """The errors as plain JSON: location, type and message, never the input (it may be
    huge or a password) nor pydantic's ctx (it may hold exception objects)."""
    details = []
    for error in errors[:20]:
        loc = [p if isinstance(p, int) else str(p)[:100] for p in error.get("loc", ())]
        details.append(
            {
                "loc": loc,
                "type": str(error.get("type", "invalid")),
                "msg": str(error.get("msg", "invalid value"))[:300],
            }
        )
    return details


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(
        exc.status_code, exc.error, exc.message, details=exc.details, headers=exc.headers
    )


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    error = _STATUS_ERRORS.get(exc.status_code, "http_error")
    message = str(exc.detail) or "The request was refused."
    if exc.status_code in _STATUS_SENTENCES and message == HTTPStatus(exc.status_code).phrase:
        message = _STATUS_SENTENCES[exc.status_code]
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        methods = allowed_methods(request.app.routes, request.scope["path"])
        if methods:
            headers["Allow"] = ", ".join(methods)
    return error_response(exc.status_code, error, message, headers=headers)


# For a request refused as invalid: a check that comes first (its bearer token), to run in a
# worker thread, or None.
PendingCheck = Callable[[Request], Callable[[], object] | None]


def _validation_error_handler(
    pending_check: PendingCheck | None,
) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """The handler of invalid requests: the answer of `pending_check`'s check if it refuses
    the request, otherwise 422 (400 for a body that is not JSON)."""

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        check = pending_check(request) if pending_check is not None else None
        if check is not None:
            try:
                await run_in_threadpool(check)
            except ApiError as error:
                return await _on_api_error(request, error)
            except OperationalError as error:
                return await _on_operational_error(request, error)
        return _invalid(exc)

    return on_validation_error


def _invalid(exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if errors and errors[0].get("type") == "json_invalid":
        reason = str(errors[0].get("ctx", {}).get("error", "invalid JSON"))[:200]
        return error_response(
            400, "malformed_json", f"The request body is not valid JSON: {reason}."
        )
    if not errors:
        return error_response(422, "invalid_request", "The request is not valid.", details=[])
    first = errors[0]
    field = _field_name(first.get("loc", ()))
    message = f"The field '{field[:120]}' is not valid: {str(first.get('msg', ''))[:300]}."
    return error_response(422, "invalid_request", message, details=validation_details(errors))


def _disk_full(exc: Exception) -> bool:
    """The database refused a write for want of space (SQLite, or PostgreSQL's 53100)."""
    original = getattr(exc, "orig", None)
    if isinstance(original, sqlite3.Error):
        return original.sqlite_errorcode == sqlite3.SQLITE_FULL
    return getattr(original, "sqlstate", None) == "53100"  # disk_full


async def _on_operational_error(_request: Request, exc: Exception) -> JSONResponse:
    if _disk_full(exc):
        log.error("the database's disk is full: writes are refused until space is freed")
        return error_response(
            503,
            "server_disk_full",
            "The server has run out of disk space; what you sent is kept and will be sent "
            "again once an administrator frees some.",
            headers={"Retry-After": "60"},
        )
    log.warning("database unavailable: %s", type(exc).__name__)
    return error_response(
        503,
        "database_unavailable",
        "The server's database is busy or unreachable; try again shortly.",
        headers={"Retry-After": "5"},
    )


async def _on_integrity_error(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("write refused by a database constraint: %s", type(exc).__name__)
    return error_response(
        409,
        "conflict",
        "The change conflicts with data stored meanwhile; reload and try again.",
    )


async def _on_data_error(_request: Request, exc: Exception) -> JSONResponse:
    # The request's checks should have refused the value first; this is the safety net
    # (a number past a column's range, say), so it is logged for a check to be added.
    log.warning("a value was refused by the database: %s", str(exc).splitlines()[0][:200])
    return error_response(
        422, "invalid_value", "A value in the request is out of the range the server can store."
    )


async def _on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error while handling a request", exc_info=exc)
    return error_response(
        500, "internal_error", "Something went wrong on the server; the error has been logged."
    )


def install_error_handlers(app: FastAPI, pending_check: PendingCheck | None = None) -> None:
    """Register the JSON handlers on `app`; `pending_check`: see _validation_error_handler."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(HTTPException, _on_http_exception)
    app.add_exception_handler(RequestValidationError, _validation_error_handler(pending_check))
    app.add_exception_handler(OperationalError, _on_operational_error)
    app.add_exception_handler(IntegrityError, _on_integrity_error)
    app.add_exception_handler(DataError, _on_data_error)
    app.add_exception_handler(Exception, _on_unexpected)
