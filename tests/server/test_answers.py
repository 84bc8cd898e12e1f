"""Every answer's way out (server/answers.py) sends what Starlette's GZipMiddleware and the
old no-store layer sent: the same status, headers and bytes, for every kind of answer; a
body its endpoint compresses goes as zstd to a client that asks for zstd, else the same."""

from __future__ import annotations

import asyncio
import gzip
import sys
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp.server.answers import (
    GZIP_LEVEL,
    GZIP_MINIMUM_BYTES,
    accepts_zstd,
    answer_sender,
    compressed_body,
)

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

_SMALL = b'{"ok":true}'
_LARGE = b'{"changes":[' + b",".join(b'{"seq":%d,"kind":"visit"}' % n for n in range(900)) + b"]}"


def _stream() -> StreamingResponse:
    async def chunks() -> Any:
        for n in range(40):
            yield f"row {n}," * 60

    return StreamingResponse(chunks(), media_type="text/csv")


ANSWERS: dict[str, Callable[[], Response]] = {
    "small json": lambda: Response(_SMALL, media_type="application/json"),
    "large json": lambda: Response(_LARGE, media_type="application/json"),
    "exactly the minimum": lambda: Response(b"x" * GZIP_MINIMUM_BYTES, media_type="text/plain"),
    "just under it": lambda: Response(b"x" * (GZIP_MINIMUM_BYTES - 1), media_type="text/plain"),
    "an error": lambda: JSONResponse({"error": "x", "message": "y" * 2000}, status_code=422),
    "cached on purpose": lambda: Response(
        _LARGE, media_type="application/json", headers={"Cache-Control": "max-age=60"}
    ),
    "an image": lambda: Response(_LARGE, media_type="image/png"),
    "already encoded": lambda: Response(
        gzip.compress(_LARGE, mtime=0),
        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
    ),
    "partial": lambda: Response(_LARGE, status_code=206),
    "a stream": _stream,
    "empty": lambda: Response(status_code=204),
}


def _app(answer: Callable[[], Response]) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await answer()(scope, receive, send)

    return app


def _ours(inner: ASGIApp) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        accept = dict(scope["headers"]).get(b"accept-encoding", b"").decode()
        await inner(scope, receive, answer_sender(send, accept or None))

    return app


def _reference(inner: ASGIApp) -> ASGIApp:
    """What the server ran before: no-store outside Starlette's gzip."""
    gzipped = GZipMiddleware(inner, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        async def not_stored(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message["headers"]}
                if b"cache-control" not in names:
                    message["headers"] = [*message["headers"], (b"cache-control", b"no-store")]
            await send(message)

        await gzipped(scope, receive, not_stored)

    return app


def _call(app: ASGIApp, accept: str | None) -> list[Message]:
    headers = [] if accept is None else [(b"accept-encoding", accept.encode())]
    scope: Scope = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "headers": headers,
        "query_string": b"",
    }
    sent: list[Message] = []
    asked: list[bool] = []

    async def receive() -> Message:
        if not asked:
            asked.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client never leaves; the answer ends the call
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(_run(app(scope, receive, send)))
    return sent


async def _run(call: Awaitable[None]) -> None:
    await call


def _normal(messages: list[Message]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for message in messages:
        if message["type"] == "http.response.start":
            out.append(("start", (message["status"], sorted(message["headers"]))))
        else:
            out.append((message["type"], (message.get("body", b""), message.get("more_body"))))
    return out


@pytest.mark.parametrize("accept", ["gzip, deflate", None, "br"])
@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_an_answer_goes_out_as_starlette_sent_it(name: str, accept: str | None) -> None:
    answer = ANSWERS[name]
    ours = _normal(_call(_ours(_app(answer)), accept))
    reference = _normal(_call(_reference(_app(answer)), accept))
    assert ours == reference
    names = dict(ours[0][1][1])
    kept = b"max-age=60" if name == "cached on purpose" else b"no-store"
    assert names[b"cache-control"] == kept


@pytest.mark.parametrize("accept", ["gzip, deflate", None, "zstd;q=0, gzip", "br"])
@pytest.mark.parametrize("size", [0, GZIP_MINIMUM_BYTES - 1, GZIP_MINIMUM_BYTES, len(_LARGE)])
def test_a_body_an_endpoint_compresses_without_zstd_is_what_the_middleware_would_send(
    size: int, accept: str | None
) -> None:
    body = _LARGE[:size]
    sent, headers = compressed_body(body, accept)
    through = _call(_reference(_app(lambda: Response(body, media_type="application/json"))), accept)
    start = dict(through[0]["headers"])
    assert sent == through[1]["body"]
    assert headers.get("Content-Encoding") == start.get(b"content-encoding", b"").decode() or (
        "Content-Encoding" not in headers and b"content-encoding" not in start
    )
    assert headers.get("Vary", "").encode() == start.get(b"vary", b"")
    if headers.get("Content-Encoding") == "gzip":
        assert zlib.decompress(sent, 16 + zlib.MAX_WBITS) == body


@pytest.mark.parametrize("accept", ["zstd, gzip", "gzip, deflate, zstd", "ZSTD", "zstd;q=0.5"])
@pytest.mark.parametrize("size", [0, GZIP_MINIMUM_BYTES - 1, GZIP_MINIMUM_BYTES, len(_LARGE)])
def test_a_body_an_endpoint_compresses_goes_as_zstd_to_a_client_that_asks(
    size: int, accept: str
) -> None:
    body = _LARGE[:size]
    sent, headers = compressed_body(body, accept)
    if size < GZIP_MINIMUM_BYTES:  # too small to be worth it, as for gzip
        assert (sent, headers) == (body, {})
        return
    assert headers == {"Content-Encoding": "zstd", "Vary": "Accept-Encoding"}
    assert zstd.decompress(sent) == body
    assert len(sent) < len(body)


@pytest.mark.parametrize(
    ("accept", "takes"),
    [
        (None, False),
        ("", False),
        ("gzip, deflate", False),
        ("zstd", True),
        (" gzip ,  Zstd ", True),
        ("zstd; q=1.0", True),
        ("zstd;q=0", False),
        ("zstd; Q=0.000", False),
        ("zstd;q=nonsense", True),  # not a weight: ignored
        ("x-zstd-like, gzip", False),
        ("zstdx", False),
    ],
)
def test_zstd_is_taken_only_when_named_and_not_refused(accept: str | None, takes: bool) -> None:
    assert accepts_zstd(accept) is takes
