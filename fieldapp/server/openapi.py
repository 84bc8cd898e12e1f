"""The OpenAPI document's error answers: each operation lists every error it can give, found
from what its route depends on, so a new endpoint is documented without listing them.

What a route gets (an answer its decorator already documents keeps that description):

- every operation: 422 (a field is invalid, or a NUL in the path or query), 426 (a client
  older than the server accepts; not /info);
- a method with a body (POST, PUT, PATCH, DELETE): 400 (not JSON, bad Content-Length) and
  413 (over the size cap), both from RequestGuardMiddleware, and 409 (a write refused by
  a database constraint, errors.py);
- a path parameter: 404 (nothing there, or not visible to the caller);
- the bearer token (any dependency on a fastapi.security scheme): 401;
- the database session (db.get_session), or a dependency marked `reads_database`: 503 (busy,
  unreachable, or its disk is full);
- a dependency decorated with `may_answer` (role checks: 403; throttles: 429): those.

Every error answer is an ErrorBody (FastAPI's own HTTPValidationError never leaves the
server: errors.py shapes every 422).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import fastapi.routing
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security.base import SecurityBase
from starlette.routing import compile_path

from fieldapp import protocol
from fieldapp.protocol import ErrorBody
from fieldapp.server.db import get_session

_Call = TypeVar("_Call", bound=Callable[..., Any])
_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_BODY_METHODS = frozenset({"post", "put", "patch", "delete"})
# Answers a dependency can give, registered by `may_answer`.
_DEPENDENCY_ANSWERS: dict[Callable[..., Any], dict[int, str]] = {}

_INVALID = "The request is not valid: `message` names the field, `details` lists each problem."
_TOO_OLD = f"The client (header {protocol.CLIENT_VERSION_HEADER}) is older than the server accepts."
_MALFORMED = "The body is not valid JSON, or its Content-Length is not a number."
_TOO_LARGE = "The body is larger than the server accepts."
_STALLED = "The body stopped arriving before it was complete; the connection is closed."
_CONFLICT = "The change conflicts with data stored meanwhile; reload and try again."
_NOT_FOUND = "There is no such thing at this address (or the caller may not see it)."
_NOT_LOGGED_IN = "Not logged in: no bearer token, or it is unknown, expired or revoked."
_UNAVAILABLE = "The database is busy, unreachable or out of disk space; see Retry-After."


def may_answer(answers: Mapping[int, str]) -> Callable[[_Call], _Call]:
    """Mark a FastAPI dependency as one that may refuse a request with these statuses
    (status: description); every operation that depends on it documents them."""

    def mark(call: _Call) -> _Call:
        _DEPENDENCY_ANSWERS.setdefault(call, {}).update(answers)
        return call

    return mark


def reads_database(call: _Call) -> _Call:
    """Mark a dependency that opens its own database connection (not db.get_session's
    session): it may answer 503 as that one does."""
    return may_answer({503: _UNAVAILABLE})(call)


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from _dependencies(dependency)


def _path_params(dependant: Dependant) -> bool:
    return bool(dependant.path_params) or any(d.path_params for d in _dependencies(dependant))


def route_errors(path: str, route: APIRoute, method: str) -> dict[int, str]:
    """The error statuses `route` at `path` may answer to `method` (lower case)."""
    errors = {422: _INVALID}
    if path != f"{protocol.API_PREFIX}/info":
        errors[426] = _TOO_OLD
    if method in _BODY_METHODS:
        errors |= {400: _MALFORMED, 408: _STALLED, 409: _CONFLICT, 413: _TOO_LARGE}
    if _path_params(route.dependant):
        errors[404] = _NOT_FOUND
    for dependency in _dependencies(route.dependant):
        call: object = dependency.call  # a security scheme is a callable object
        if isinstance(call, SecurityBase):
            errors[401] = _NOT_LOGGED_IN
        elif call is get_session:
            errors[503] = _UNAVAILABLE
        elif callable(call) and call in _DEPENDENCY_ANSWERS:
            errors |= _DEPENDENCY_ANSWERS[call]
    return errors


def _api_routes(routes: list[Any]) -> Iterator[tuple[str, APIRoute]]:
    """Each endpoint with its full path, as the OpenAPI document names it."""
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if contexts is None:  # FastAPI before 0.16x: an included route is an APIRoute here
        yield from ((r.path_format, r) for r in routes if isinstance(r, APIRoute))
        return
    for context in contexts(routes):  # FastAPI 0.16x: included routers stay apart
        route = context.original_route
        if isinstance(route, APIRoute) and context.path_format:
            yield context.path_format, route


@functools.cache
def _path_pattern(path_format: str) -> re.Pattern[str]:
    return compile_path(path_format)[0]


def allowed_methods(routes: list[Any], path: str) -> list[str]:
    """The methods the endpoints at `path` accept, for a 405's Allow header (Starlette's
    own names only the first route matching the path, not the others at the same path).

    Where a literal path and a template both match (/visits/import, /visits/{visit_id}),
    the one with the fewest parameters is the resource the document describes there.
    """
    by_parameters: dict[int, set[str]] = {}
    for path_format, route in _api_routes(routes):
        if _path_pattern(path_format).match(path):
            methods = by_parameters.setdefault(path_format.count("{"), set())
            methods |= route.methods or set()
    return sorted(by_parameters[min(by_parameters)]) if by_parameters else []


def _error_answer(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}


def add_error_answers(document: dict[str, Any], routes: list[Any]) -> None:
    """Add to each operation of `document` the error answers of its route (see the module
    docstring); FastAPI's HTTPValidationError 422 becomes an ErrorBody one."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    for path, route in _api_routes(routes):
        operations = document.get("paths", {}).get(path, {})
        for method in route.methods or ():
            operation = operations.get(method.lower())
            if operation is None:
                continue
            answers = operation.setdefault("responses", {})
            for status, description in route_errors(path, route, method.lower()).items():
                documented = answers.get(str(status))
                # FastAPI's own 422 names a body errors.py never sends.
                if documented is None or "HTTPValidationError" in str(documented):
                    answers[str(status)] = _error_answer(description)
    text = str(document.get("paths", {}))
    for unused in ("HTTPValidationError", "ValidationError"):
        if f"#/components/schemas/{unused}'" not in text:
            schemas.pop(unused, None)


class DocumentedErrorsAPI(FastAPI):
    """FastAPI whose OpenAPI document lists each operation's error answers (see above)."""

    _answers_added_to: dict[str, Any] | None = None

    def openapi(self) -> dict[str, Any]:
        document = super().openapi()  # made anew when a route was added since
        if document is not self._answers_added_to:
            add_error_answers(document, self.routes)
            self._answers_added_to = document
        return document
