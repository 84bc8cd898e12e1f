"""The FastAPI application factory and the function that serves it with uvicorn."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import uvicorn
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from fieldapp import __version__, protocol
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.demo_data import DEMO_PASSWORD, USERS, seed_demo
from fieldapp.server.errors import install_error_handlers
from fieldapp.server.feed import prune_feed
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

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Central sync server of FieldApp: dispatch of desk visits, the technicians' change feed "
    "and event push, content-addressed attachments. Errors are JSON `ErrorBody` objects."
)


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """Build the app: engine, migrations to head, tombstone pruning (now and every
    prune_interval_hours), mail sending, routers.

    Everything lives on `app.state` (settings, engine, sessionmaker, passwords); the engine
    is disposed when the app shuts down.
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

        prune()
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
        chores = [_every(period, prune, stop, "pruning the feed", at_once=False)]  # done above
        if settings.mail_enabled:
            chores.append(_every(settings.mail_poll_seconds, send_mail, stop, "sending mail"))
        tasks = [asyncio.create_task(chore) for chore in chores]
        try:
            yield
        finally:
            stop.set()
            # Lets a chore in progress finish (a send is bounded by the SMTP timeout).
            await asyncio.gather(*tasks)
            engine.dispose()

    # Each operation's OpenAPI entry lists the errors it can answer (see server/openapi.py).
    app = DocumentedErrorsAPI(
        title="FieldApp", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = sessions
    app.state.passwords = Passwords(settings)
    install_error_handlers(app)
    # A 5000-change page of JSON shrinks about twentyfold even at level 1 (~10 ms for 5 MB);
    # images are excluded by default.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)
    app.add_middleware(RequestGuardMiddleware)
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
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
