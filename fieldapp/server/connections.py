"""Bounds on how long a client may hold a connection without progress: stalled bodies, idle heads.

uvicorn closes a keep-alive connection idle between requests (timeout_keep_alive), but
nothing else: a client that declares `Content-Length: 100` and sends 10 bytes, or that
connects and sends half a request head (or nothing), holds its connection and, for a body,
its request task, forever. Two guards close that:

- the request guard (middleware.RequestGuardMiddleware, ASGI): each wait for the next piece
  of a request body is bounded; a stalled body is answered 408 with `Connection: close`,
  and uvicorn then closes.
- the head deadline on uvicorn's protocols (HeadTimeoutH11Protocol on h11, pure Python;
  HeadTimeoutHttpToolsProtocol on httptools, llhttp in C, the server's choice when it is
  installed): a request head must be complete within the same bound from the moment the
  connection opens or its first byte arrives.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol, cast

from uvicorn.protocols.http.h11_impl import H11Protocol, RequestResponseCycle

try:  # uvicorn's C parser, in the server's dependencies (pyproject.toml)
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - a laptop-only install
    HttpToolsProtocol = None  # type: ignore[assignment,misc]  # the protocol is optional

from fieldapp.server.settings import ServerSettings

# The largest request head the server reads: h11's own bound (its max_incomplete_event_size),
# which the server has always had; the longest real head (a login's, with a token) is < 1 KiB.
MAX_HEAD_BYTES = 16 * 1024


class _Answers400(Protocol):
    def send_400_response(self, msg: str) -> None: ...


class _HeadDeadline(asyncio.Protocol):
    """A uvicorn HTTP/1.1 protocol (mixed in before it) that closes a connection whose request
    head is not complete within `head_timeout` seconds of the connection opening or of the
    head's first byte, and answers 400 (and closes) to a head over MAX_HEAD_BYTES.

    Both uvicorn protocols keep the request being answered in `cycle` (None until the first
    head is parsed) and make a new one when a head is complete, so "awaiting a head" is the
    same test on both: no cycle yet, or the last one's response is complete.
    """

    head_timeout: float = 30.0
    loop: asyncio.AbstractEventLoop  # set by the uvicorn protocol

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None
        # Made for a connection being accepted (connection_made follows at once): the
        # first head's deadline starts now.
        self._expect_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._awaiting_head():
            self._head_bytes = 0
            self._cancel_head_timer()
            return
        self._expect_head()
        # Everything since the last head was parsed is head: httptools buffers a head
        # without bound (h11 stops at the same size), so a head that never ends would grow
        # in memory until its deadline.
        self._head_bytes += len(data)
        transport = cast("asyncio.Transport | None", getattr(self, "transport", None))
        if self._head_bytes > MAX_HEAD_BYTES and transport and not transport.is_closing():
            cast("_Answers400", self).send_400_response("Request head too large.")

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _awaiting_head(self) -> bool:
        # uvicorn types `cycle` as always set, but it is None until the first request head.
        cycle = cast("RequestResponseCycle | None", getattr(self, "cycle", None))
        return cycle is None or cycle.response_complete

    def _expect_head(self) -> None:
        if self._head_timer is None:  # a deadline for the whole head, not for each byte
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_overdue)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        self._head_timer = None
        transport = cast("asyncio.Transport | None", getattr(self, "transport", None))
        if transport is not None and self._awaiting_head() and not transport.is_closing():
            transport.close()


class HeadTimeoutH11Protocol(_HeadDeadline, H11Protocol):
    """uvicorn's h11 protocol (pure Python) with the request-head deadline."""


if HttpToolsProtocol is not None:

    class HeadTimeoutHttpToolsProtocol(_HeadDeadline, HttpToolsProtocol):
        """uvicorn's httptools protocol (llhttp, in C) with the request-head deadline."""

    FAST_PROTOCOL: type[_HeadDeadline] | None = HeadTimeoutHttpToolsProtocol
else:  # httptools is not installed
    FAST_PROTOCOL = None


def bounded_protocol(parser: str = "auto") -> type[_HeadDeadline]:
    """The guarded protocol for `parser`: "httptools", "h11", or "auto" (httptools when it
    is installed, as uvicorn chooses)."""
    if parser == "h11" or (parser == "auto" and FAST_PROTOCOL is None):
        return HeadTimeoutH11Protocol
    if FAST_PROTOCOL is None:
        raise RuntimeError("httptools is not installed")
    return FAST_PROTOCOL


def uvicorn_options(settings: ServerSettings) -> dict[str, Any]:
    """The uvicorn.Config options that bound idle connections and request heads, on the
    protocol of the settings' `http_parser` (bounded_protocol)."""
    protocol = type(
        "BoundedProtocol",
        (bounded_protocol(settings.http_parser),),
        {"head_timeout": settings.stall_timeout_seconds},
    )
    return {"http": protocol, "timeout_keep_alive": settings.keep_alive_seconds}
