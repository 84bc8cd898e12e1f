"""The sync protocol's calls (info, login, feed, push, attachments, conflicts) on the HTTP
session of http.py, and the check that this app and a server can work together."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fieldapp import protocol
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.logs import keep_out_of_logs
from fieldapp.protocol.constants import (
    KNOWLEDGE_HEADER,
    NEXT_PAGE_HEADER,
    SERVER_INFO_HEADER,
    SYNC_STATE_HEADER,
)
from fieldapp.protocol.feed import FeedPage, PageRefused, decode_page, split_push_answer
from fieldapp.sync.errors import (
    ClientTooOldError,
    MalformedResponseError,
    RequestRejectedError,
    ServerTooNewError,
    ServerTooOldError,
)
from fieldapp.sync.http import ApiSession, unreadable

# The wire models are named through `protocol` when a call first needs them: the app makes
# its client at start, before the round's first rows, and builds no pydantic model then.
if TYPE_CHECKING:
    import requests

    from fieldapp.protocol import (
        AttachmentReceipt,
        ConflictPublic,
        EventIn,
        LoginResponse,
        PushResponse,
        RoundHistory,
        ServerInfo,
    )
    from fieldapp.protocol.knowledge import KnowledgeSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """A page of the change feed and what the server told beside it: its info (None: not
    told, or unreadable) and, with the feed's last page, the knowledge snapshot's version."""

    page: FeedPage
    info: ServerInfo | None
    knowledge: str | None


@dataclass(frozen=True, slots=True)
class NextPage:
    """Where the feed goes on, as the server told it beside a page (NEXT_PAGE_HEADER)."""

    cursor: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class FeedReply:
    """A page of the change feed as it came (its answer, and its body not decoded yet), and
    where the feed goes on (None: the server did not tell, or not readably)."""

    response: requests.Response
    body: bytes
    next_page: NextPage | None

    def answer(self) -> FeedAnswer:
        """The page decoded, with what the server told beside it."""
        response = self.response
        knowledge = response.headers.get(KNOWLEDGE_HEADER)
        return FeedAnswer(
            _page(self.body), _told_info(response), knowledge[:64] if knowledge else None
        )


def _next_page(response: requests.Response) -> NextPage | None:
    told = response.headers.get(NEXT_PAGE_HEADER)
    if told is None:
        return None
    cursor, _, more = told.partition(" ")
    if not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 19) or more not in (
        "more",
        "last",
    ):
        log.warning("the feed's next page told beside a page cannot be read: %.40r", told)
        return None
    return NextPage(int(cursor), more == "more")


# Told the server's info beside an answer (None: not told), with the laptop's clock as the
# request went out and as the answer came back; before the answer is applied. It raises a
# VersionError if this app and the server cannot work together.
MeetServer = Callable[["ServerInfo | None", datetime, datetime], None]


@dataclass(frozen=True, slots=True)
class PushAnswer:
    """The server's answer to a push, its info told beside it (None: not told, or
    unreadable), and the feed's page it carried (None: not asked, not carried by an older
    server, or unreadable: the pull fetches it then)."""

    response: PushResponse
    info: ServerInfo | None
    feed: FeedAnswer | None = None


def _told_info(response: requests.Response) -> ServerInfo | None:
    """The server's info beside an answer (SERVER_INFO_HEADER); None if not told or unreadable."""
    told = response.headers.get(SERVER_INFO_HEADER)
    if told is None:
        return None
    from pydantic import ValidationError

    try:
        return protocol.ServerInfo.model_validate_json(told)
    except ValidationError:
        log.warning("the server's info beside its answer cannot be read; asking /info")
        return None


def _carried(raw: bytes, info: ServerInfo | None, response: requests.Response) -> FeedAnswer | None:
    """The feed's page a push's answer carried; None if it cannot be read: the push's
    answer is still written down, and the pull asks for the page as it would have."""
    try:
        page = decode_page(raw)
    except PageRefused as error:
        log.warning("the feed's page beside the push's answer cannot be read (%s)", error)
        return None
    knowledge = response.headers.get(KNOWLEDGE_HEADER)
    return FeedAnswer(page, info, knowledge[:64] if knowledge else None)


def _page(body: bytes) -> FeedPage:
    try:
        return decode_page(body)
    except PageRefused as error:
        raise unreadable(f"ChangesPage: {error}") from None


def check_compatible(info: ServerInfo) -> None:
    """Raise the right VersionError if this app and the server cannot work together."""
    if info.api_version > protocol.API_VERSION:
        raise ServerTooNewError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server speaks a newer protocol (version {server}) than this app "
                "(version {app}); please update FieldApp.",
            ),
            values={"server": info.api_version, "app": protocol.API_VERSION},
        )
    if info.api_version < protocol.API_VERSION:
        raise ServerTooOldError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "The server is too old for this app (protocol version {server}, this app "
                "needs {app}); ask IT to update the server.",
            ),
            values={"server": info.api_version, "app": protocol.API_VERSION},
        )
    if not protocol.version_at_least(protocol.CLIENT_VERSION, info.min_client_version):
        values = {
            "app": protocol.CLIENT_VERSION,
            "needed": info.min_client_version[:20],
            "url": (info.client_download_url or "")[:200],
        }
        if info.client_download_url:
            raise ClientTooOldError(
                QT_TRANSLATE_NOOP(
                    "SyncError",
                    "This FieldApp ({app}) is too old for the server, which needs version "
                    "{needed} or newer: it cannot sync until it is updated. Please update "
                    "FieldApp from {url}.",
                ),
                values=values,
            )
        raise ClientTooOldError(
            QT_TRANSLATE_NOOP(
                "SyncError",
                "This FieldApp ({app}) is too old for the server, which needs version "
                "{needed} or newer: it cannot sync until it is updated. Please update FieldApp.",
            ),
            values=values,
        )


class ServerClient(ApiSession):
    """One server's sync API. Not thread-safe: use one client per thread.

    Args: those of http.ApiSession (base_url, session, timeout, ca_bundle, token, retries,
    backoff_factor).
    """

    # --- the protocol ----------------------------------------------------------------------

    def info(self) -> ServerInfo:
        """What the server is; raises a VersionError if it and this app cannot work together."""
        try:
            response = self._request("GET", "/info", auth=False)
        except RequestRejectedError as error:
            if error.status == 404:
                raise ServerTooOldError(
                    QT_TRANSLATE_NOOP(
                        "SyncError",
                        "This server does not offer the FieldApp sync protocol this app needs "
                        "({prefix}); check the address or ask IT to update it.",
                    ),
                    values={"prefix": protocol.API_PREFIX},
                ) from None
            raise
        info = self._parse(protocol.ServerInfo, response)
        check_compatible(info)
        return info

    def login(self, username: str, password: str) -> LoginResponse:
        """Exchange a password for a token; the client keeps the token for later calls."""
        keep_out_of_logs(password)
        body = protocol.LoginRequest(username=username, password=password).model_dump_json()
        response = self._request("POST", "/auth/login", auth=False, body=body.encode())
        answer = self._parse(protocol.LoginResponse, response)
        keep_out_of_logs(answer.token)
        self._token = answer.token
        return answer

    def logout(self) -> None:
        """Revoke the token on the server and forget it here (forgotten even if offline)."""
        try:
            if self._token is not None:
                self._request("POST", "/auth/logout")
        finally:
            self._token = None

    def logout_everywhere(self) -> None:
        """Revoke every token of this user on the server (all their devices) and forget ours.

        Unlike `logout`, the token is kept if the server was not reached: the other
        devices are still logged in, and the caller may want to try again.
        """
        self._request("POST", "/auth/logout-all")
        self._token = None

    def changes(self, cursor: int, limit: int) -> FeedPage:
        """One page of the change feed after `cursor`, checked as protocol.ChangesPage
        would check it (protocol/feed.py says why it is decoded apart)."""
        _, body = self._request_whole(
            "GET", "/sync/changes", params={"cursor": cursor, "limit": limit}
        )
        return _page(body)

    def feed(self, cursor: int, limit: int) -> FeedAnswer:
        """One page of the change feed, as `changes`, with the sync's state the server tells
        beside it (protocol.common.SYNC_STATE_HEADER); an older server tells none."""
        return self.feed_reply(cursor, limit).answer()

    def feed_reply(self, cursor: int, limit: int) -> FeedReply:
        """One page of the change feed, as `feed`, before it is decoded: where the feed goes
        on is told beside it (NEXT_PAGE_HEADER; an older server tells nothing), so the next
        page can be asked for while this one is decoded."""
        response, body = self._request_whole(
            "GET",
            "/sync/changes",
            params={"cursor": cursor, "limit": limit},
            extra_headers={SYNC_STATE_HEADER: "1"},
        )
        return FeedReply(response, body, _next_page(response))

    def conflicts(self) -> list[ConflictPublic]:
        """Every conflict this technician is part of, with the supervisor's decision."""
        found: list[ConflictPublic] = []
        while True:
            response = self._request(
                "GET", "/sync/conflicts", params={"offset": len(found), "limit": 500}
            )
            page = self._parse(protocol.ConflictPage, response)
            found.extend(page.conflicts)
            if not page.conflicts or len(found) >= page.total:
                return found

    def knowledge(self, known: str | None) -> KnowledgeSnapshot:
        """The knowledge snapshot (articles, the site's past fixes, incidents' known fixes);
        `unchanged` when it is still the version `known`."""
        params = {"known": known} if known else None
        response = self._request("GET", "/sync/knowledge", params=params)
        from fieldapp.protocol.knowledge import KnowledgeSnapshot

        return self._parse(KnowledgeSnapshot, response)

    def history(self) -> RoundHistory:
        """The history of the devices and people of this technician's round (bounded), for
        the laptop to keep offline in place of the last one."""
        return self._parse(protocol.RoundHistory, self._request("GET", "/sync/history"))

    def push(self, events: Sequence[EventIn]) -> PushResponse:
        """Send a batch of recorded events; one result per event."""
        return self.push_told(events).response

    def push_told(
        self, events: Sequence[EventIn], feed_from: tuple[int, int] | None = None
    ) -> PushAnswer:
        """Send a batch of recorded events, as `push`, with the server's info told beside
        the results (SYNC_STATE_HEADER; an older server tells none). `feed_from` (cursor,
        limit) asks for the feed's page from that cursor beside the answer
        (protocol.PushFeedResponse): a server that carries it answers the push and the
        feed's first page at once; an older one ignores the question."""
        body = protocol.PushRequest(events=list(events)).model_dump_json()
        params = None if feed_from is None else {"cursor": feed_from[0], "limit": feed_from[1]}
        response = self._request(
            "POST",
            "/sync/events",
            params=params,
            body=body.encode(),
            sends_work=True,
            extra_headers={SYNC_STATE_HEADER: "1"},
        )
        pushed, carried = split_push_answer(response.content)
        try:
            answer = protocol.PushResponse.model_validate_json(pushed)
        except ValueError:  # pydantic's ValidationError: said in the model's words
            answer = self._parse(protocol.PushResponse, response, sent_work=True)
        info = _told_info(response)
        feed = None if carried is None else _carried(carried, info, response)
        return PushAnswer(answer, info, feed)

    def upload_attachment(
        self, sha256: str, data: bytes, media_type: str = "application/octet-stream"
    ) -> AttachmentReceipt:
        """Store bytes on the server under their SHA-256 (idempotent)."""
        response = self._request(
            "PUT",
            f"/attachments/{sha256}",
            body=data,
            content_type=media_type or "application/octet-stream",
            sends_work=True,
        )
        return self._parse(protocol.AttachmentReceipt, response, sent_work=True)

    def download_attachment(self, sha256: str) -> bytes:
        """The bytes stored under `sha256` (attached on another laptop, say), checked against
        it: MalformedResponseError if the server sends anything else."""
        data = self._request("GET", f"/attachments/{sha256}").content
        if hashlib.sha256(data).hexdigest() != sha256:
            raise MalformedResponseError(
                QT_TRANSLATE_NOOP(
                    "SyncError",
                    "The server sent a different file than the one asked for; nothing was kept.",
                ),
                detail=f"GET /attachments/{sha256}: {len(data)} bytes of another hash",
            )
        return data
