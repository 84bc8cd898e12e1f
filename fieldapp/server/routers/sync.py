"""The technician's sync endpoints: the change feed (pull) and event batches (push)."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.protocol import (
    API_PREFIX,
    CLIENT_VERSION_HEADER,
    FEED_SHAPE_HEADER,
    ChangesPage,
    ConflictPage,
    ConflictStatus,
    PushFeedResponse,
    PushRequest,
    PushResponse,
)
from fieldapp.protocol.common import KNOWLEDGE_HEADER, SERVER_INFO_HEADER, SYNC_STATE_HEADER
from fieldapp.protocol.constants import NEXT_PAGE_HEADER
from fieldapp.server import conflicts, feed_older, feed_pages, knowledge_version
from fieldapp.server.answers import compressed_body
from fieldapp.server.db import SessionDep, on_postgresql, read_after_write, write_transaction
from fieldapp.server.lanes import Lane, bearer_token, declares_json, digit_query
from fieldapp.server.paging import Page
from fieldapp.server.push import push_events
from fieldapp.server.routers.info import describe
from fieldapp.server.security import (
    Principal,
    SyncTechnician,
    Technician,
    UncheckedTechnician,
    mark_seen,
)
from fieldapp.server.settings import ServerSettings

router = APIRouter(prefix="/sync", tags=["sync"])


@router.get("/changes", response_model=ChangesPage)
def get_changes(
    *,
    request: Request,
    caller: SyncTechnician,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Changes to the caller's visits after `cursor`, oldest first.

    Store `next_cursor` with the applied changes in one transaction. `must_refetch`: the
    cursor is older than the tombstone horizon (or from another database); push pending
    events, then download afresh from cursor 0. A laptop older than 0.2.0 (by its version
    header), or one reading an older feed shape (X-FieldApp-Feed), gets the feed without
    the visit fields, event types and payload fields it cannot read. A laptop that sends
    X-FieldApp-Sync-State gets the server's info with each page (X-FieldApp-Server-Info,
    GET /info's JSON) and the knowledge snapshot's version with the last
    (X-FieldApp-Knowledge), so a sync with nothing new is this one request. Every page but
    a must-refetch answer says where the feed goes on in X-FieldApp-Next-Page, so the
    laptop asks for the next page before it decodes this one.
    """
    now = datetime.now(UTC)
    headers: dict[str, str] = {}
    # Its session made here, not by a dependency: an async generator dependency costs the
    # hottest request an exit stack and more of FastAPI's solving.
    sessions: sessionmaker[Session] = request.app.state.sessionmaker
    with sessions() as session:
        with session.begin():
            user, seen_due = caller.check(session, now)
            body = _feed_page(
                request, session, user, cursor=cursor, limit=limit, now=now, headers=headers
            )
            end = _page_end(body)
            if end is not None:
                next_cursor, has_more = end
                headers[NEXT_PAGE_HEADER] = f"{next_cursor} {'more' if has_more else 'last'}"
        if seen_due:
            with write_transaction(session):
                mark_seen(session, user.id, now)
    # JSON rendered from the rows, not 5000 validated pydantic objects: the shape is
    # ChangesPage's (tests/server validate real pages with it). Compressed here, in the
    # endpoint's thread (zstd if asked, else gzip as the middleware would: answers.py).
    body, encoding = compressed_body(body, request.headers.get("accept-encoding"))
    headers.update(encoding)
    return Response(body, media_type="application/json", headers=headers)


def _feed_page(
    request: Request,
    session: Session,
    user: Principal,
    *,
    cursor: int,
    limit: int | None,
    now: datetime,
    headers: dict[str, str],
) -> bytes:
    """The page of `user`'s feed after `cursor` as GET /sync/changes answers it (also carried
    beside a push that asks for it), in the caller's transaction; the sync's state that goes
    beside it is added to `headers`."""
    # The settings from the app, not a dependency: one fewer for FastAPI to solve on the
    # hottest requests.
    settings: ServerSettings = request.app.state.settings
    page_size = min(limit or settings.max_page, settings.max_page)
    older = feed_older.spared_for(
        request.headers.get(CLIENT_VERSION_HEADER), request.headers.get(FEED_SHAPE_HEADER)
    )
    body = feed_pages.read_changes(session, user.id, cursor, page_size, now, older=older)
    if SYNC_STATE_HEADER in request.headers:
        # The sync's state beside the page (protocol.common.SYNC_STATE_HEADER): a sync
        # with nothing new needs no /info and no /sync/knowledge request.
        headers[SERVER_INFO_HEADER] = _info_json(request, now)
        if _last_page(body):
            scope = knowledge_version.scope_of(session, user, now)
            headers[KNOWLEDGE_HEADER] = scope.version
    return body


def _info_json(request: Request, now: datetime) -> str:
    """GET /info's answer to this client, as a header's value."""
    # pydantic's own JSON (~3.5 us) where model_dump and json.dumps took ~8 us; ASCII as
    # json.dumps wrote it (a header's value is Latin-1).
    return describe(request, now).model_dump_json(exclude_none=True, ensure_ascii=True)


def _page_end(body: bytes) -> tuple[int, bool] | None:
    """The rendered page's next_cursor and has_more; None for a must-refetch answer (or a
    tail not in feed_pages._page_json's shape). Read from the tail, as `_last_page`: the
    page's own keys come after its changes, whatever keys those hold."""
    at = body.rfind(b'"next_cursor":')
    if at < 0:
        return None
    cursor, comma, rest = body[at + len(b'"next_cursor":') :].partition(b",")
    if not (comma and cursor.isdigit() and rest.startswith(b'"has_more":')):
        return None
    has_more = rest.startswith(b'"has_more":true,"must_refetch":false')
    if not has_more and not rest.startswith(b'"has_more":false,"must_refetch":false'):
        return None
    return int(cursor), has_more


def _last_page(body: bytes) -> bool:
    """Whether the rendered page says it is the feed's last (feed_pages._page_json puts
    has_more after the changes, so only the tail is looked at)."""
    at = body.rfind(b'"has_more":')
    return at >= 0 and body.startswith(b"false", at + len(b'"has_more":'))


@router.post("/events", response_model=PushFeedResponse)
def post_events(
    *,
    request: Request,
    body: PushRequest,
    caller: SyncTechnician,
    cursor: Annotated[int | None, Query(ge=0, le=2**62)] = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Push a batch of recorded events; one result per event, in order.

    accepted (with server_seq, received_at), duplicate (already stored: safe to retry) or
    rejected (code and sentence; `retryable` if the laptop should try again by itself).
    A laptop that sends X-FieldApp-Sync-State gets the server's info beside the answer
    (X-FieldApp-Server-Info), as beside the feed: a laptop that knows the server checks
    its versions (`checks_versions`) pushes without asking /info first. A push that names
    a `cursor` (and a `limit`, as GET /sync/changes takes them) gets, once its events have
    committed, the page GET /sync/changes would answer then in `feed`, with the knowledge
    snapshot's version beside the feed's last page (X-FieldApp-Knowledge, asked with
    X-FieldApp-Sync-State): a push sync is this one request. Without `cursor` the answer
    is a PushResponse, as before.
    """
    now = datetime.now(UTC)
    # Its session made here, not by a dependency (see get_changes).
    sessions: sessionmaker[Session] = request.app.state.sessionmaker
    engine: Engine = request.app.state.engine
    with ExitStack() as stack:
        # PostgreSQL: one connection for the whole request (one checkout from the pool, one
        # ping): the push's transaction, then the page's statements on it without one
        # (db.read_after_write). SQLite: the engine's (a write transaction's BEGIN IMMEDIATE
        # is an option of its connection, which must not outlive that transaction).
        postgresql = engine.dialect.name == "postgresql"
        bind = stack.enter_context(engine.connect()) if postgresql else engine
        session = stack.enter_context(sessions(bind=bind))
        answer, headers = _push(
            request, session, caller=caller, body=body, cursor=cursor, limit=limit, now=now
        )
    # Compressed here, in the endpoint's thread, as the feed's page is (answers.py).
    answer, encoding = compressed_body(answer, request.headers.get("accept-encoding"))
    headers.update(encoding)
    return Response(answer, media_type="application/json", headers=headers or None)


def _push(
    request: Request,
    session: Session,
    *,
    caller: UncheckedTechnician,
    body: PushRequest,
    cursor: int | None,
    limit: int | None,
    now: datetime,
) -> tuple[bytes, dict[str, str]]:
    """POST /sync/events' answer and its headers (see post_events)."""
    if on_postgresql(session):
        # One transaction for the token and the push: PostgreSQL takes no lock at BEGIN, and
        # the push's first statement locks only its visits (feed.lock_visits).
        with write_transaction(session):
            user, seen_due = caller.check(session, now)
            if seen_due:
                mark_seen(session, user.id, now)
            results = push_events(session, user, body.events, now)
    else:
        # SQLite: the token is checked before the push waits for its turn to write (its
        # BEGIN IMMEDIATE takes the write lock): a bad one never holds the write lock.
        with session.begin():
            user, seen_due = caller.check(session, now)
        with write_transaction(session):
            if seen_due:
                mark_seen(session, user.id, now)
            results = push_events(session, user, body.events, now)
    # Serialized here, in the endpoint's thread: FastAPI validates a returned model again
    # and serializes it in one more thread hand-off.
    answer = PushResponse(results=results, server_time=now).model_dump_json().encode()
    headers: dict[str, str] = {}
    if cursor is not None:
        # Read after the push committed: the page holds this push's events as any later
        # read of the feed would (docs/sync.md).
        read_at = datetime.now(UTC)
        with read_after_write(session):
            page = _feed_page(
                request, session, user, cursor=cursor, limit=limit, now=read_at, headers=headers
            )
        # The page rendered as the feed renders it, spliced in as PushFeedResponse.feed.
        answer = b"".join((answer[:-1], b',"feed":', page, b"}"))
    elif SYNC_STATE_HEADER in request.headers:
        headers[SERVER_INFO_HEADER] = _info_json(request, now)
    return answer, headers


# A well-formed feed or push request reaches its endpoint by a lane (lanes.py), without
# FastAPI's routing and parameter solving; the parsers read what FastAPI would read from it
# by the declarations above, and leave anything else to FastAPI.
_PAGE_QUERY = frozenset({"cursor", "limit"})
_MAX_CURSOR = 2**62


def _page_query(request: Request) -> dict[str, int] | None:
    """The cursor and limit of a feed request, within the bounds declared above, or None."""
    query = digit_query(request, _PAGE_QUERY)
    if query is None or query.get("cursor", 0) > _MAX_CURSOR or query.get("limit", 1) < 1:
        return None
    return query


def _changes_arguments(request: Request, _body: bytes) -> dict[str, Any] | None:
    query, token = _page_query(request), bearer_token(request)
    if query is None or token is None:
        return None
    return {"request": request, "caller": UncheckedTechnician(token), **query}


def _push_arguments(request: Request, body: bytes) -> dict[str, Any] | None:
    query, token = _page_query(request), bearer_token(request)
    if query is None or token is None or not body or not declares_json(request):
        return None
    try:
        # From the bytes (pydantic's JSON mode), not json.loads and then the Python mode:
        # a body that does not parse or validate so is FastAPI's to refuse, as it did.
        push = PushRequest.model_validate_json(body)
    except ValidationError:
        return None
    return {"request": request, "body": push, "caller": UncheckedTechnician(token), **query}


def lanes() -> dict[tuple[str, str], Lane]:
    """The lanes of the sync endpoints, by method and full path."""
    prefix = f"{API_PREFIX}{router.prefix}"
    return {
        ("GET", f"{prefix}/changes"): Lane(get_changes, _changes_arguments),
        ("POST", f"{prefix}/events"): Lane(post_events, _push_arguments),
    }


@router.get("/conflicts")
def get_my_conflicts(
    user: Technician, session: SessionDep, page: Page, status: ConflictStatus | None = None
) -> ConflictPage:
    """Conflicts the caller is part of: their own events kept after their visit was
    reassigned, and other technicians' late events on the visits they hold now; each with
    what a supervisor decided: accepted (with its server_seq) or dismissed (with a note)."""
    with session.begin():
        rows, total = conflicts.list_conflicts(
            session,
            status=status,
            technician_id=None,
            involving=user.id,
            offset=page.offset,
            limit=page.limit,
        )
    return ConflictPage(conflicts=rows, total=total, offset=page.offset, limit=page.limit)
