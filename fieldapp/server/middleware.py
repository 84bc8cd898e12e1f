"""Request guards run before routing (client version, body size cap, NUL characters) and
the header every answer carries (no caching)."""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp import protocol
from fieldapp.server.errors import NO_STORE, error_response

ATTACHMENTS_PATH = f"{protocol.API_PREFIX}/attachments/"
INFO_PATH = f"{protocol.API_PREFIX}/info"
# A JSON string escape that decodes to NUL: \u0000 preceded by an even number of backslashes.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


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


def _version_refusal(scope: Scope, headers: Headers) -> Response | None:
    """The 426 for a laptop this server cannot work with, by its version headers: a client
    older than the server's minimum, or one speaking another API version (what the laptop's
    check of /info refuses, so a laptop may push without asking /info: docs/sync.md)."""
    state = scope["app"].state
    version = headers.get(protocol.CLIENT_VERSION_HEADER)
    minimum: str = state.min_client_version
    if version is not None and not protocol.version_at_least(version, minimum):
        return error_response(
            426,
            "client_too_old",
            f"This FieldApp ({version[:20]}) is too old for the server; "
            f"please update to version {minimum} or newer{_where_to_update(scope)}.",
        )
    api = headers.get(protocol.API_VERSION_HEADER)
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

    And give every answer that does not say otherwise (attachments are immutable and say
    so) `Cache-Control: no-store`.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _not_stored(send)
        headers = Headers(scope=scope)
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
            await self.app(scope, receive, send)
            return
        await self._with_body(scope, receive, send, headers)

    async def _with_body(
        self, scope: Scope, receive: Receive, send: Send, headers: Headers
    ) -> None:
        limit = _body_limit(scope)
        declared = headers.get("content-length")
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
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
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
        if limit == protocol.MAX_BODY_BYTES and (b"\x00" in body or _JSON_NUL.search(body)):
            await self._nul(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

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


def _not_stored(send: Send) -> Send:
    """`send`, adding Cache-Control: no-store to a response start that has no Cache-Control."""

    async def send_not_stored(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            if "cache-control" not in headers:
                headers.update(NO_STORE)
        await send(message)

    return send_not_stored
