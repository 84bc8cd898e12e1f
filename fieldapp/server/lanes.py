"""The sync endpoints' short way through the server: a well-formed request goes from the
request guard straight to its endpoint.

Between the request guard and an endpoint FastAPI runs, for every request, the exception
layer, an exit-stack layer, the routing (each router, each route's pattern), two more exit
stacks, and the solving of the endpoint's parameters (the query, the bearer scheme, the body
parsed by `json.loads` and then validated in pydantic's Python mode). On the laptop's two
hottest requests (a push sync, a pull) that was an eighth of the server's instructions.

A lane is one endpoint (a plain `def`, run in the thread pool as FastAPI runs it) and a
parser that reads the arguments of a request it can vouch for: a query of plain digits, a
bearer token, a JSON body pydantic validates from its bytes. Whatever the parser does not
recognise (it returns None) goes on through FastAPI exactly as before, so every refusal
(401 before 422, a 422's details, a 400 for JSON that does not parse) is FastAPI's own, and
the route, its parameters and its OpenAPI entry stay declared as for any endpoint. What the
endpoint raises is answered by the app's exception handlers, as FastAPI's exception layer
answers it; what they do not handle goes up to the server-error layer, as it did.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi.security.utils import get_authorization_scheme_param
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A request's arguments for its endpoint, or None: FastAPI reads the request instead.
Parser = Callable[[Request, bytes], dict[str, Any] | None]
# The one content type a lane reads a body of (what the laptop and `requests` send); any
# other, or none, is FastAPI's to judge (it refuses a body not declared JSON).
_JSON = "application/json"
# A query value a lane reads: plain digits, short enough to be an int64.
_MAX_DIGITS = 18


@dataclass(frozen=True, slots=True)
class Lane:
    """`endpoint` called with `parser`'s arguments, in the thread pool."""

    endpoint: Callable[..., Response]
    parser: Parser

    async def __call__(
        self, scope: Scope, body: bytes, receive: Receive, send: Send, routed: ASGIApp
    ) -> None:
        """Answer the request whose whole body is `body` (`receive` gives what follows it:
        the client's disconnect); or, if the parser leaves it, hand it to `routed` (the
        app's routing, FastAPI's) with its body to read again."""
        request = Request(scope, replay(body, receive))
        arguments = self.parser(request, body)
        if arguments is None:
            await routed(scope, replay(body, receive), send)
            return
        try:
            response = await run_in_threadpool(self.endpoint, **arguments)
        except Exception as error:
            handled = await _handled(request, error)
            if handled is None:
                raise
            response = handled
        await response(scope, receive, send)


def replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read as one message, then `receive`'s."""
    replayed = False

    async def receive_body() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return receive_body


async def _handled(request: Request, error: Exception) -> Response | None:
    """The answer of the app's handler for `error`, as FastAPI's exception layer (Starlette's
    ExceptionMiddleware) finds it: by status for an HTTPException, else by the error's
    classes. None for what only the server-error layer handles (Exception itself)."""
    handlers: dict[Any, Any] = request.app.exception_handlers
    handler = None
    if isinstance(error, HTTPException) and error.status_code != 500:
        handler = handlers.get(error.status_code)
    if handler is None:
        for cls in type(error).__mro__:
            if cls is Exception:
                return None
            if cls in handlers:
                handler = handlers[cls]
                break
    if handler is None:
        return None
    if inspect.iscoroutinefunction(handler):  # the app's handlers are plain functions
        response: Response = await handler(request, error)
    else:
        response = await run_in_threadpool(handler, request, error)
    error.__traceback__ = None  # as Starlette: a kept error must not keep its frames
    return response


def bearer_token(request: Request) -> str | None:
    """The request's bearer token as fastapi.security.HTTPBearer reads it, or None."""
    scheme, credentials = get_authorization_scheme_param(request.headers.get("authorization"))
    if not credentials or scheme.lower() != "bearer":
        return None
    return credentials


def digit_query(request: Request, names: frozenset[str]) -> dict[str, int] | None:
    """The query's parameters if each is one of `names`, given once, as plain digits (an
    int64); otherwise None (anything else is FastAPI's to read)."""
    values: dict[str, int] = {}
    query: bytes = request.scope.get("query_string", b"")
    if not query:
        return values
    for pair in query.split(b"&"):
        raw_name, equals, raw_value = pair.partition(b"=")
        name = raw_name.decode("latin-1")
        if (
            not equals
            or name not in names
            or name in values
            or not raw_value.isdigit()
            or len(raw_value) > _MAX_DIGITS
        ):
            return None
        values[name] = int(raw_value)
    return values


def declares_json(request: Request) -> bool:
    """Whether the request says its body is JSON as the laptop says it."""
    return request.headers.get("content-type") == _JSON
