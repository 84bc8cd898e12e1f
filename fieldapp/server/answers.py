"""Every answer on its way out: `Cache-Control: no-store` unless it says otherwise, and
compressed (zstd or gzip).

One `send` wrapper per request (made by middleware.RequestGuardMiddleware), instead of a
middleware layer each: a request through the ASGI stack paid a coroutine, a wrapped `send`
and a parse of the headers per layer. The common answers take a short path: one too small
to compress (most of them: a push's answer, a feed page with nothing new, an error) and one
its endpoint compressed already, or left plain for a client that takes no coding of ours
(a feed page, in the endpoint's thread: `compressed_body`) go out as they are. Everything
else (a large answer, a stream, a file) goes through Starlette's own gzip responders,
exactly as Starlette's GZipMiddleware sends it.

The feed's pages go out as zstd to a client that asks for it (the laptop does, when its
urllib3 can decode it): level 1 compresses the initial sync's 31 MB of pages in a quarter of
gzip level 1's CPU, to two thirds of its size, and inflates in about 60% of gzip's time
(docs/performance.md, "Session 15"). Any other client gets gzip as before, or nothing.
"""

from __future__ import annotations

import sys
import zlib

from starlette.middleware.gzip import GZipResponder, IdentityResponder
from starlette.types import Message, Send

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

# A 5000-change page of JSON shrinks about tenfold even at gzip's level 1 (~10 ms for 5 MB);
# images are excluded (Starlette's default list).
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 1
# zstd's level 1: 14.8x on the initial sync's pages in 22 ms of CPU, where its levels 2-4
# gave less (12.2-13.8x) for more (29-39 ms), and gzip's level 1 9.9x for 88 ms. From the
# same minimum size: zstd is the cheaper of the two at every size down to 1 KiB.
ZSTD_LEVEL = 1
_NO_STORE = (b"cache-control", b"no-store")
_VARY = "Accept-Encoding"


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether a request with this Accept-Encoding takes a gzipped answer (as Starlette's
    GZipMiddleware decides it)."""
    return accept_encoding is not None and "gzip" in accept_encoding


def accepts_zstd(accept_encoding: str | None) -> bool:
    """Whether a request with this Accept-Encoding names zstd among its codings and does
    not refuse it (`zstd;q=0`)."""
    if accept_encoding is None or "zstd" not in accept_encoding.lower():
        return False
    for coding in accept_encoding.split(","):
        name, _, parameters = coding.partition(";")
        if name.strip().lower() == "zstd":
            return not _refused(parameters)
    return False


def _refused(parameters: str) -> bool:
    """Whether a coding's parameters give it the weight 0 (RFC 9110, 12.4.2)."""
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value) == 0
            except ValueError:
                return False  # not a weight: ignored
    return False


def compressed_body(body: bytes, accept_encoding: str | None) -> tuple[bytes, dict[str, str]]:
    """`body` as an endpoint sends it, and the headers to send with it: as zstd (level
    ZSTD_LEVEL) when the request takes zstd and the body is worth compressing, else gzipped
    (level 1) when it takes gzip, as the middleware would send it.

    For an endpoint running in a worker thread (the feed): the compression then happens in
    that thread, not on the event loop or in one more thread hand-off."""
    if len(body) < GZIP_MINIMUM_BYTES:
        return body, {}
    if accepts_zstd(accept_encoding):
        return zstd.compress(body, ZSTD_LEVEL), {"Content-Encoding": "zstd", "Vary": _VARY}
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
            and (len(message.get("body", b"")) < GZIP_MINIMUM_BYTES or _coded(start["headers"]))
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


def _coded(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether an answer's coding was chosen by its endpoint (`compressed_body`): it is
    encoded already, or says it varies with Accept-Encoding (a body left plain for a client
    that takes no coding of ours; Starlette's responder would name Accept-Encoding twice)."""
    return any(
        name.lower() == b"content-encoding"
        or (name.lower() == b"vary" and b"accept-encoding" in value.lower())
        for name, value in headers
    )


async def _unused_app(*_args: object) -> None:  # pragma: no cover - the responders' app
    raise RuntimeError("the gzip responder is only used for its send")
