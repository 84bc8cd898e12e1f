"""The FastAPI application factory and the function that serves it with uvicorn."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import uvicorn
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from fieldapp import __version__, protocol
from fieldapp.server.blobs import BlobStore
from fieldapp.server.connections import BodyTimeoutMiddleware, uvicorn_options
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.demo_data import DEMO_PASSWORD, USERS, seed_demo
from fieldapp.server.errors import install_error_handlers
from fieldapp.server.feed import prune_feed
from fieldapp.server.hash_gate import HashGate
from fieldapp.server.login import LoginService, prune_logins
from fieldapp.server.middleware import RequestGuardMiddleware
from fieldapp.server.migrate import upgrade_engine
from fieldapp.server.openapi import DocumentedErrorsAPI
from fieldapp.server.outbox import send_due_mail
from fieldapp.server.routers import (
    attachments,
    auth,
    board,
    conflicts,
    dispatching,
    exports,
    follow_ups,
    info,
    mail,
    metrics,
    sync,
    team,
    timeline,
    visits,
)
from fieldapp.server.security import Passwords
from fieldapp.server.settings import ServerSettings
from fieldapp.server.uploads import move_bytes_to_disk, stale_uploads, sweep_uploads

log = logging.getLogger(__name__)
# An upload half-written this long ago was cut off by a crash (a stalled one is cut far sooner).
_STALE_UPLOAD_SECONDS = 24 * 3600

DESCRIPTION = (
    "Central sync server of FieldApp: dispatch of desk visits, the technicians' change feed "
    "and event push, content-addressed attachments. Errors are JSON `ErrorBody` objects."
)


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """Build the app: engine, migrations to head, pruning of tombstones, old login failures
    and expired tokens (now and every prune_interval_hours), the sweep of uploads no event
    names (as often), mail sending, routers.

    Everything lives on `app.state` (settings, engine, sessionmaker, passwords, logins, blobs:
    the attachment files); the engine and the logins' hashing threads are released when the
    app shuts down.
    """
    settings = settings or ServerSettings()
    engine = make_engine(settings.database_url)
    try:
        upgrade_engine(engine)
        sessions = make_sessionmaker(engine)

        def prune() -> None:
            with sessions() as session, write_transaction(session):
                horizon = settings.tombstone_horizon_days
                prune_feed(session, datetime.now(UTC), horizon_days=horizon)
                prune_logins(session, datetime.now(UTC), settings)

        prune()
        blobs = BlobStore(settings.attachment_dir)
        with sessions() as session:
            while True:  # files kept in the database before revision 0005 go to disk
                with write_transaction(session):
                    if not move_bytes_to_disk(session, blobs):
                        break

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
    app.state.engine = engine
    app.state.sessionmaker = sessions
    app.state.passwords = Passwords(settings)
    gate = HashGate(settings.login_hash_concurrency, settings.login_hash_queue)
    app.state.logins = LoginService(sessions, app.state.passwords, settings, gate)
    app.state.blobs = blobs
    install_error_handlers(app)
    # A 5000-change page of JSON shrinks about twentyfold even at level 1 (~10 ms for 5 MB);
    # images are excluded by default.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)
    app.add_middleware(RequestGuardMiddleware)
    # Outside the guard, which reads whole bodies: a stalled one is cut while it reads.
    app.add_middleware(BodyTimeoutMiddleware, seconds=settings.stall_timeout_seconds)
    for module in (
        info,
        auth,
        sync,
        attachments,
        dispatching,  # before visits: POST /visits/import
        visits,
        timeline,
        board,
        team,
        metrics,
        follow_ups,
        conflicts,
        exports,
        mail,
    ):
        app.include_router(module.router, prefix=protocol.API_PREFIX)
    return app


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


def run_server(
    settings: ServerSettings,
    host: str = "127.0.0.1",
    port: int = 8765,
    demo_data: bool = False,
) -> None:
    """Serve until interrupted; with `demo_data`, seed the demo site first (if empty)."""
    app = create_app(settings)
    if demo_data:
        with app.state.sessionmaker() as session, write_transaction(session):
            seeded = seed_demo(session, datetime.now(UTC), passwords=app.state.passwords)
        if seeded:
            names = ", ".join(username for username, _, _ in USERS)
            log.warning("demo data created: users %s, password %r", names, DEMO_PASSWORD)
    # Everything loaded so far (SQLAlchemy, FastAPI, pydantic, the app: ~120,000 objects)
    # lives as long as the process. Freezing it keeps the cyclic GC from walking it again
    # in every full collection: a 5000-change page allocates enough to set one off every
    # few pages, and each took ~70 ms instead of ~6 ms.
    gc.freeze()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        **uvicorn_options(settings),
    )
