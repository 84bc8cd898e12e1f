"""Serving the app with uvicorn: in one process, or in several workers sharing one socket
whose parent migrates the database once before starting them."""

from __future__ import annotations

import gc
import logging
from datetime import UTC, datetime
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from fieldapp.server.app import create_app, prepare_database
from fieldapp.server.connections import (
    FAST_PROTOCOL,
    HeadTimeoutH11Protocol,
    _HeadDeadline,
    bounded_protocol,
    uvicorn_options,
)
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.demo_data import DEMO_PASSWORD, USERS, seed_demo
from fieldapp.server.security import Passwords
from fieldapp.server.settings import ServerSettings

log = logging.getLogger(__name__)
# The same lines the CLI writes (each worker is a fresh process, its logging unset).
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# A worker answers the parent's health ping only once it has imported the app. On a busy
# machine, or started from the frozen app, that takes longer than uvicorn's 5 s, and the
# parent killed each new worker as hung and started another, over and over.
WORKER_HEALTHCHECK_SECONDS = 30


def run_server(
    settings: ServerSettings,
    host: str = "127.0.0.1",
    port: int = 8765,
    demo_data: bool = False,
) -> None:
    """Serve until interrupted, with settings.workers processes; with `demo_data`, seed the
    demo site first (if empty)."""
    proxies = {"proxy_headers": True, "forwarded_allow_ips": settings.forwarded_allow_ips}
    common: dict[str, Any] = {"host": host, "port": port, "server_header": False, **proxies}
    if settings.workers == 1:
        app = create_app(settings)
        if demo_data:
            _seed_demo(app.state.sessionmaker, app.state.passwords)
        _freeze()
        uvicorn.run(app, log_level="info", **common, **uvicorn_options(settings))
        return
    prepare_database(settings)  # once, before any worker opens the database
    if demo_data:
        engine = make_engine(settings.database_url)
        try:
            _seed_demo(make_sessionmaker(engine), Passwords(settings))
        finally:
            engine.dispose()
    # The config travels to each worker (pickled), the settings inside its app factory.
    config = _WorkerConfig(
        WorkerApp(settings),
        factory=True,
        workers=settings.workers,
        log_level="info",
        http=_WORKER_PROTOCOLS[bounded_protocol(settings.http_parser)],
        timeout_keep_alive=settings.keep_alive_seconds,
        head_timeout=settings.stall_timeout_seconds,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        **common,
    )
    socket = config.bind_socket()
    log.info("starting %d workers", settings.workers)
    Multiprocess(config, sockets=[socket]).run()


class WorkerApp:
    """The app factory each worker calls: the app on a database already migrated."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings

    def __call__(self) -> FastAPI:
        logging.basicConfig(level=logging.INFO, format=_LOG_FORMAT)
        logging.getLogger("urllib3").setLevel(logging.ERROR)
        app = create_app(self.settings, prepare=False)
        _freeze()
        return app


class _WorkerConfig(uvicorn.Config):
    """uvicorn's config carrying the request-head bound to the workers' protocol."""

    def __init__(self, app: Any, *, head_timeout: float, **options: Any) -> None:
        super().__init__(app, **options)
        self.head_timeout = head_timeout


class _WorkerHeadDeadline(_HeadDeadline):
    """The head deadline read from the config (a class made at run time, as uvicorn_options
    makes, cannot be pickled to a worker)."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        if isinstance(config, _WorkerConfig):
            self.head_timeout = config.head_timeout
        super().__init__(config, *args, **kwargs)


class WorkerH11Protocol(_WorkerHeadDeadline, HeadTimeoutH11Protocol):
    """The bounded h11 protocol of a worker."""


_WORKER_PROTOCOLS: dict[type[_HeadDeadline], type[_HeadDeadline]] = {
    HeadTimeoutH11Protocol: WorkerH11Protocol
}
if FAST_PROTOCOL is not None:

    class WorkerHttpToolsProtocol(_WorkerHeadDeadline, FAST_PROTOCOL):  # type: ignore[misc,valid-type]  # optional
        """The bounded httptools protocol of a worker."""

    _WORKER_PROTOCOLS[FAST_PROTOCOL] = WorkerHttpToolsProtocol


def _seed_demo(sessions: Any, passwords: Passwords) -> None:
    with sessions() as session, write_transaction(session):
        seeded = seed_demo(session, datetime.now(UTC), passwords=passwords)
    if seeded:
        names = ", ".join(username for username, _, _ in USERS)
        log.warning("demo data created: users %s, password %r", names, DEMO_PASSWORD)


def _freeze() -> None:
    # Everything loaded so far (SQLAlchemy, FastAPI, pydantic, the app: ~120,000 objects)
    # lives as long as the process. Freezing it keeps the cyclic GC from walking it again
    # in every full collection: a 5000-change page allocates enough to set one off every
    # few pages, and each took ~70 ms instead of ~6 ms.
    gc.freeze()
