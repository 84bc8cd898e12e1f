"""Every answer on its way out: `Cache-Control: no-store` unless it says otherwise, and gzip.

One `send` wrapper per request (made by middleware.RequestGuardMiddleware), instead of a
middleware layer each: a request through the ASGI stack paid a coroutine, a wrapped `send`
and a parse of the headers per layer. The common answers take a short path: one too small
to compress (most of them: a push's answer, a feed page with nothing new, an error) and one
its endpoint compressed already (a feed page, gzipped in the endpoint's thread:
`gzip_body`) go out as they are. Everything else (a large answer, a stream, a file) goes
through Starlette's own gzip responders, exactly as Starlette's GZipMiddleware sends it.
"""

from __future__ import annotations

import zlib

from starlette.middleware.gzip import GZipResponder, IdentityResponder
from starlette.types import Message, Send

# A 5000-change page of JSON shrinks about twentyfold even at level 1 (~10 ms for 5 MB);
# images are excluded (Starlette's default list).
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 1
_NO_STORE = (b"cache-control", b"no-store")
_VARY = "Accept-Encoding"


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether a request with this Accept-Encoding takes a gzipped answer (as Starlette's
    GZipMiddleware decides it)."""
    return accept_encoding is not None and "gzip" in accept_encoding


def gzip_body(body: bytes, accept_encoding: str | None) -> tuple[bytes, dict[str, str]]:
    """`body` as an endpoint sends it, and the headers to send with it: gzipped (level 1)
    when the request takes gzip and the body is worth it, as the middleware would send it.

    For an endpoint running in a worker thread (the feed): the compression then happens in
    that thread, not on the event loop or in one more thread hand-off."""
    if len(body) < GZIP_MINIMUM_BYTES:
        return body, {}
    if not accepts_gzip(accept_encoding):
        return body, {"Vary": _VARY}
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(body) + compressor.flush(), {
        "Content-Encoding": "gzip",
        "Vary": _VARY,
    }


def answer_sender(send: Send, accept_encoding: str | None) -> Send:
    """`send` for one request: every response start gets `Cache-Control: no-store` unless
    it has a Cache-Control; the body is gzipped as Starlette's GZipMiddleware(minimum_size
    GZIP_MINIMUM_BYTES, compresslevel GZIP_LEVEL) would, when `accept_encoding` takes it."""
    start: Message | None = None
    responder: IdentityResponder | None = None

    async def send_answer(message: Message) -> None:
        nonlocal start, responder
        if responder is not None:
            await responder.send_with_compression(message)
            return
        kind = message["type"]
        if kind == "http.response.start":
            headers = message.get("headers") or ()
            if not any(name.lower() == b"cache-control" for name, _ in headers):
                message["headers"] = [*headers, _NO_STORE]  # a copy: never the response's
            else:
                message["headers"] = list(headers)
            start = message  # held until the body says how it goes out
            return
        if start is None:  # nothing held (early hints; nothing after a complete answer)
            await send(message)
            return
        if (
            kind == "http.response.body"
            and not message.get("more_body", False)
            and (
                len(message.get("body", b"")) < GZIP_MINIMUM_BYTES
                or any(name.lower() == b"content-encoding" for name, _ in start["headers"])
            )
        ):
            held, start = start, None
            await send(held)
            await send(message)
            return
        # A large answer, a stream, a file: Starlette's responders, from its start on.
        if accepts_gzip(accept_encoding):
            responder = GZipResponder(_unused_app, GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
        else:
            responder = IdentityResponder(_unused_app, GZIP_MINIMUM_BYTES)
        responder.send = send
        held, start = start, None
        await responder.send_with_compression(held)
        await responder.send_with_compression(message)

    return send_answer


async def _unused_app(*_args: object) -> None:  # pragma: no cover - the responders' app
    raise RuntimeError("the gzip responder is only used for its send")
