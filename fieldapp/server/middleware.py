"""The server's one middleware layer: request guards run before routing (client version,
body size cap, NUL characters, a body that stops arriving), and every answer's way out (no
caching, gzip: answers.py)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.server.answers import answer_sender
from fieldapp.server.errors import error_response
from fieldapp.server.lanes import Lane, replay

ATTACHMENTS_PATH = f"{protocol.API_PREFIX}/attachments/"
INFO_PATH = f"{protocol.API_PREFIX}/info"
# A JSON string escape that decodes to NUL: \u0000 preceded by an even number of backslashes.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_ACCEPT_ENCODING = b"accept-encoding"
_CONTENT_LENGTH = b"content-length"
_CLIENT_VERSION = protocol.CLIENT_VERSION_HEADER.lower().encode()
_API_VERSION = protocol.API_VERSION_HEADER.lower().encode()
_READ = frozenset({_ACCEPT_ENCODING, _CONTENT_LENGTH, _CLIENT_VERSION, _API_VERSION})


def _read_headers(scope: Scope) -> dict[bytes, str]:
    """The headers the guard reads, each by its first value as Starlette's Headers.get
    gives it, in one pass over the request's (Headers.get scans them all for each)."""
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in _READ and name not in found:
            found[name] = value.decode("latin-1")
    return found


def _holds_nul(body: bytes) -> bool:
    """Whether a JSON body holds a NUL, raw or escaped. The regex runs only on a body that
    holds the escape's text: tried from every position of a push of three notes, it took
    ~20 us, half the request guard's own work."""
    return b"\x00" in body or (b"\\u0000" in body and _JSON_NUL.search(body) is not None)


def _body_limit(scope: Scope) -> int:
    if scope["method"] == "PUT" and scope["path"].startswith(ATTACHMENTS_PATH):
        return protocol.MAX_ATTACHMENT_BYTES
    return protocol.MAX_BODY_BYTES


def _where_to_update(scope: Scope) -> str:
    """ " from <address>" when the server is told where the laptop app is (an old laptop
    cannot read it from /info, but shows this sentence)."""
    settings = getattr(scope["app"].state, "settings", None)
    url = getattr(settings, "client_download_url", "")
    return f" from {url}" if isinstance(url, str) and url else ""


def _version_refusal(scope: Scope, headers: Mapping[bytes, str]) -> Response | None:
    """The 426 for a laptop this server cannot work with, by its version headers: a client
    older than the server's minimum, or one speaking another API version (what the laptop's
    check of /info refuses, so a laptop may push without asking /info: docs/sync.md)."""
    state = scope["app"].state
    version = headers.get(_CLIENT_VERSION)
    minimum: str = state.min_client_version
    if version is not None and not protocol.version_at_least(version, minimum):
        return error_response(
            426,
            "client_too_old",
            f"This FieldApp ({version[:20]}) is too old for the server; "
            f"please update to version {minimum} or newer{_where_to_update(scope)}.",
        )
    api = headers.get(_API_VERSION)
    if api is not None and api != str(state.api_version):
        return error_response(
            426,
            "api_version",
            f"This FieldApp speaks version {api[:10]} of the sync protocol, the server "
            f"version {state.api_version}; ask the server's /info which to update.",
        )
    return None


class RequestGuardMiddleware:
    """Refuse, with a JSON error and before any endpoint runs:

    - a client older than the server's minimum (protocol.MIN_CLIENT_VERSION), or one that
      says it speaks another API version (426; /info always answers, so such a client can
      still learn what it needs);
    - a body over the limit (413), by Content-Length or while streaming without one; the
      body is read here in full, so an endpoint never sees a partial body (except an
      attachment upload, which its endpoint streams to disk and caps itself);
    - NUL characters in the path, the query or a JSON body (422): PostgreSQL cannot store
      them in text, and no field has a use for them.

    - a body that stops arriving for `stall_seconds` (408, and the connection closed): each
      wait for the next piece of a request body is bounded (connections.py bounds the
      request head). Once the body is complete, a wait on `receive` (for the client's
      disconnect, while a response streams) is left alone.

    And give every answer that does not say otherwise (attachments are immutable and say
    so) `Cache-Control: no-store`, gzipped when the client takes it (answers.py).

    One layer for all of it: each layer of the ASGI stack costs every request a coroutine,
    wrapped `send`/`receive` functions and a parse of the headers.

    A request whose method and path have a lane (`lanes`: lanes.py, the sync endpoints)
    goes from here to the lane once it has passed the guards, not through the routing.
    """

    def __init__(
        self,
        app: ASGIApp,
        stall_seconds: float,
        lanes: Mapping[tuple[str, str], Lane] | None = None,
    ) -> None:
        self.app = app
        self.stall_seconds = stall_seconds
        self.lanes = dict(lanes or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _read_headers(scope)
        send = answer_sender(send, headers.get(_ACCEPT_ENCODING))
        if scope["path"] != INFO_PATH:
            refusal = _version_refusal(scope, headers)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        query: bytes = scope.get("query_string", b"")
        if "\x00" in scope["path"] or b"%00" in query or b"\x00" in query:
            await self._nul(scope, receive, send)
            return
        if scope["method"] not in _BODY_METHODS:
            lane = self.lanes.get((scope["method"], scope["path"]))
            if lane is not None:
                await lane(scope, b"", receive, send, self.app)
            else:
                await self.app(scope, receive, send)
            return
        try:
            await self._with_body(scope, receive, send, headers)
        except _BodyStalled:
            await self._stalled(scope, receive, send)

    async def _with_body(
        self, scope: Scope, receive: Receive, send: Send, headers: Mapping[bytes, str]
    ) -> None:
        limit = _body_limit(scope)
        declared = headers.get(_CONTENT_LENGTH)
        if declared is not None:
            if not declared.isdigit():
                response = error_response(400, "bad_request", "Content-Length is not a number.")
                await response(scope, receive, send)
                return
            if int(declared) > limit:
                await self._too_large(scope, receive, send, limit)
                return
        if limit == protocol.MAX_ATTACHMENT_BYTES:
            # An upload is streamed to disk by its endpoint, which enforces the limit as the
            # bytes arrive: buffering it here would hold up to 50 MiB per request in memory.
            await self._streamed(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await self._next_piece(receive)
            if message["type"] == "http.disconnect":
                return
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(scope, receive, send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if limit == protocol.MAX_BODY_BYTES and _holds_nul(body):
            await self._nul(scope, receive, send)
            return
        lane = self.lanes.get((scope["method"], scope["path"]))
        if lane is not None:
            await lane(scope, body, receive, send, self.app)
        else:
            await self.app(scope, replay(body, receive), send)

    async def _next_piece(self, receive: Receive) -> Message:
        """The next message of a request body, within the stall bound (_BodyStalled)."""
        try:
            async with asyncio.timeout(self.stall_seconds):
                return await receive()
        except TimeoutError:
            raise _BodyStalled from None

    async def _streamed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The app reading the body itself (an upload), each piece within the stall bound."""
        body_complete = False
        response_started = False

        async def bounded_receive() -> Message:
            nonlocal body_complete
            if body_complete:
                return await receive()
            message = await self._next_piece(receive)
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_complete = True
            return message

        async def watched_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except _BodyStalled:
            if response_started:  # too late for a 408: let the server drop the connection
                raise _BodyCut from None
            raise

    async def _stalled(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            408,
            "body_timeout",
            f"The request body stopped arriving for {self.stall_seconds:g} s; send it again.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = error_response(
            413,
            "too_large",
            f"The request body is larger than the server accepts ({limit // (1024 * 1024)} MiB).",
        )
        await response(scope, receive, send)

    @staticmethod
    async def _nul(scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            422, "invalid_request", "The request contains a NUL character, which no field allows."
        )
        await response(scope, receive, send)


class _BodyStalled(Exception):
    """No piece of the request body arrived within the stall bound."""


class _BodyCut(Exception):
    """The body stalled after the answer had started: too late for a 408, the server drops
    the connection."""
