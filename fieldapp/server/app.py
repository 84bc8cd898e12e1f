"""The FastAPI application factory, and what a server does once before it serves."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from fieldapp import __version__, protocol
from fieldapp.server.blobs import BlobStore
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.errors import install_error_handlers
from fieldapp.server.feed import prune_feed
from fieldapp.server.hash_gate import HashGate
from fieldapp.server.login import LoginService, prune_logins
from fieldapp.server.middleware import RequestGuardMiddleware
from fieldapp.server.migrate import head_revision, schema_revision, upgrade_engine
from fieldapp.server.openapi import DocumentedErrorsAPI
from fieldapp.server.outbox import send_due_mail
from fieldapp.server.routers import (
    assistants,
    attachments,
    auth,
    board,
    conflicts,
    customer_page,
    devices,
    dispatching,
    equipment,
    exports,
    follow_ups,
    health,
    info,
    knowledge,
    mail,
    metrics,
    priority,
    sync,
    team,
    time_requests,
    timeline,
    visits,
)
from fieldapp.server.security import Passwords, pending_check
from fieldapp.server.settings import ServerSettings
from fieldapp.server.uploads import move_bytes_to_disk, stale_uploads, sweep_uploads

log = logging.getLogger(__name__)
# An upload half-written this long ago was cut off by a crash (a stalled one is cut far sooner).
_STALE_UPLOAD_SECONDS = 24 * 3600

DESCRIPTION = (
    "Central sync server of FieldApp: dispatch of desk visits, the technicians' change feed "
    "and event push, content-addressed attachments. Errors are JSON `ErrorBody` objects."
)


def create_app(settings: ServerSettings | None = None, *, prepare: bool = True) -> FastAPI:
    """Build the app: engine, migrations to head, pruning of tombstones, old login failures
    and expired tokens (now and every prune_interval_hours), the sweep of uploads no event
    names (as often), mail sending, routers.

    With `prepare` false (a worker of several, whose parent ran prepare_database once), the
    database is not migrated: it must already be at this server's schema.

    Everything lives on `app.state` (settings, engine, sessionmaker, passwords, logins, blobs:
    the attachment files); the engine and the logins' hashing threads are released when the
    app shuts down.
    """
    settings = settings or ServerSettings()
    engine = make_engine(settings.database_url)
    try:
        sessions = make_sessionmaker(engine)
        blobs = BlobStore(settings.attachment_dir)
        if prepare:
            _prepare(engine, settings, blobs)
        else:
            _check_schema(engine)

        def prune() -> None:
            _prune(sessions, settings)

        def sweep() -> None:
            grace = timedelta(hours=settings.orphan_upload_grace_hours)
            now = datetime.now(UTC)
            with sessions() as session:
                with session.begin():
                    stale = stale_uploads(session, now, grace)
                if stale:
                    with write_transaction(session):
                        swept = sweep_uploads(session, blobs, stale, now, grace)
                    log.info("%d attachment(s) no event names were removed", swept)
            blobs.drop_stale_incoming(older_than_seconds=_STALE_UPLOAD_SECONDS)

    except BaseException:
        engine.dispose()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        # The sync endpoints' thread pool (anyio's default limiter, 40 threads).
        to_thread.current_default_thread_limiter().total_tokens = settings.request_threads

        def send_mail() -> None:
            with sessions() as session:
                send_due_mail(session, settings, datetime.now(UTC))

        # A server that runs for months must keep pruning, not only when it starts.
        period = settings.prune_interval_hours * 3600
        chores = [
            _every(period, prune, stop, "pruning the feed", at_once=False),  # done above
            _every(period, sweep, stop, "sweeping orphan uploads"),
        ]
        if settings.mail_enabled:
            chores.append(_every(settings.mail_poll_seconds, send_mail, stop, "sending mail"))
        tasks = [asyncio.create_task(chore) for chore in chores]
        try:
            yield
        finally:
            stop.set()
            # Lets a chore in progress finish (a send is bounded by the SMTP timeout).
            await asyncio.gather(*tasks)
            await asyncio.to_thread(gate.close)  # waits for hashes in progress
            engine.dispose()

    # Each operation's OpenAPI entry lists the errors it can answer (see server/openapi.py).
    app = DocumentedErrorsAPI(
        title="FieldApp", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    # The protocol this server speaks and the oldest laptop it accepts: /info tells them and
    # the request guard refuses a laptop that does not fit (tests make a server of another
    # version by changing them).
    app.state.api_version = protocol.API_VERSION
    app.state.min_client_version = protocol.MIN_CLIENT_VERSION
    app.state.engine = engine
    app.state.sessionmaker = sessions
    app.state.passwords = Passwords(settings)
    gate = HashGate(settings.login_hash_concurrency, settings.login_hash_queue)
    app.state.logins = LoginService(sessions, app.state.passwords, settings, gate)
    app.state.blobs = blobs
    install_error_handlers(app, pending_check)
    # Our one middleware layer: the guards, the body's stall bound, no-store and gzip.
    app.add_middleware(
        RequestGuardMiddleware, stall_seconds=settings.stall_timeout_seconds, lanes=sync.lanes()
    )
    for module in (
        info,
        auth,
        sync,
        attachments,
        dispatching,  # before visits: POST /visits/import
        visits,
        assistants,
        timeline,
        board,
        team,
        metrics,
        priority,
        follow_ups,
        conflicts,
        exports,
        mail,
        equipment,
        devices,
        knowledge,
        time_requests,
    ):
        app.include_router(module.router, prefix=protocol.API_PREFIX)
    # Outside the versioned API: probes keep their address whatever the API version.
    app.include_router(health.router)
    # The page a confirmation e-mail links to: its address must outlive API versions too.
    app.include_router(customer_page.router)
    return app


def prepare_database(settings: ServerSettings) -> None:
    """What a server does once as it starts, before it serves: migrate the database to head,
    prune it, and move files kept in the database before revision 0005 to disk. The parent
    of several workers does it for them, once."""
    engine = make_engine(settings.database_url)
    try:
        _prepare(engine, settings, BlobStore(settings.attachment_dir))
    finally:
        engine.dispose()


def _prepare(engine: Engine, settings: ServerSettings, blobs: BlobStore) -> None:
    upgrade_engine(engine)
    sessions = make_sessionmaker(engine)
    _prune(sessions, settings)
    with sessions() as session:
        while True:  # files kept in the database before revision 0005 go to disk
            with write_transaction(session):
                if not move_bytes_to_disk(session, blobs):
                    break


def _check_schema(engine: Engine) -> None:
    revision, expected = schema_revision(engine), head_revision()
    if revision != expected:
        raise RuntimeError(
            f"The database is at schema {revision or 'none'}, this server needs {expected}; "
            "the server's first process migrates it before starting its workers."
        )


def _prune(sessions: sessionmaker[Session], settings: ServerSettings) -> None:
    with sessions() as session, write_transaction(session):
        horizon = settings.tombstone_horizon_days
        prune_feed(session, datetime.now(UTC), horizon_days=horizon)
        prune_logins(session, datetime.now(UTC), settings)


async def _every(
    seconds: float,
    chore: Callable[[], object],
    stop: asyncio.Event,
    what: str,
    *,
    at_once: bool = True,
) -> None:
    """Run `chore` in a worker thread every `seconds` until `stop` is set; the first time at
    once unless `at_once` is false."""
    due = at_once
    while not stop.is_set():
        if due:
            try:
                await asyncio.to_thread(chore)
            except Exception:  # the loop must outlive a database hiccup; the next round retries
                log.exception("%s failed", what)
        due = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)
