"""A real sync server in a thread, driven through its admin services, and a laptop syncing to it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.protocol import VisitCreate, VisitUpdate
from fieldapp.server.admin import add_user, cancel_visit, create_visit, update_visit
from fieldapp.server.app import create_app
from fieldapp.server.db import write_transaction
from fieldapp.server.models import EventRecord, User
from fieldapp.server.models_auth import Token
from fieldapp.server.settings import ServerSettings
from fieldapp.store import Store, open_store, record_event
from fieldapp.sync import ServerClient, SyncEngine
from tests.domain.factories import MINIMAL
from tests.support.servers import running_uvicorn

WINDOW = datetime(2030, 3, 11, 9, 0, tzinfo=UTC)


def cheap_settings(data_dir: Path, database_url: str = "") -> ServerSettings:
    """A server (embedded SQLite unless `database_url` says otherwise) with cheap argon2."""
    return ServerSettings(
        data_dir=data_dir,
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
    )


@dataclass
class Server:
    """A running FieldApp server and direct access to its database (as an admin would have)."""

    base_url: str
    app: FastAPI

    @contextmanager
    def db(self) -> Iterator[Session]:
        with self.app.state.sessionmaker() as session, write_transaction(session):
            yield session

    def add_technician(self, username: str | None = None) -> tuple[str, str]:
        """Create a technician; return (username, password)."""
        username = username or f"tech-{uuid.uuid4().hex[:8]}"
        password = "pw-" + username
        with self.db() as session:
            add_user(
                session, username, password, "technician", username.title(),
                passwords=self.app.state.passwords,
            )  # fmt: skip
        return username, password

    def create_visit(self, assignee: str | None, **fields: Any) -> str:
        number = uuid.uuid4().hex[:8]
        data = VisitCreate(
            reference=f"INC-{number}",
            customer_name=f"Customer {number}",
            building="North Tower",
            room="3.14",
            window_start=WINDOW,
            window_end=WINDOW + timedelta(hours=1),
            problem="Virus alert pop-up.",
            assignee=assignee,
            **fields,
        )
        with self.db() as session:
            return create_visit(session, data, datetime.now(UTC)).id

    def cancel(self, visit_id: str, reason: str = "The user left the company.") -> None:
        with self.db() as session:
            cancel_visit(session, visit_id, reason, datetime.now(UTC))

    def reassign(self, visit_id: str, username: str | None) -> None:
        with self.db() as session:
            update_visit(session, visit_id, VisitUpdate(assignee=username), datetime.now(UTC))

    def reschedule(self, visit_id: str, start: datetime) -> None:
        change = VisitUpdate(window_start=start, window_end=start + timedelta(hours=1))
        with self.db() as session:
            update_visit(session, visit_id, change, datetime.now(UTC))

    def event_ids(self, visit_id: str | None = None) -> list[str]:
        with self.db() as session:
            stmt = select(EventRecord.id).order_by(EventRecord.server_seq)
            if visit_id is not None:
                stmt = stmt.where(EventRecord.visit_id == visit_id)
            return list(session.scalars(stmt))

    def event_count(self) -> int:
        with self.db() as session:
            return session.scalar(select(func.count()).select_from(EventRecord)) or 0

    def expire_tokens(self, username: str) -> None:
        past = datetime.now(UTC) - timedelta(minutes=1)
        with self.db() as session:
            user_id = session.scalar(select(User.id).where(User.username == username))
            session.execute(update(Token).where(Token.user_id == user_id).values(expires_at=past))


@contextmanager
def running_server(
    data_dir: Path, database_url: str = "", *, serve: Callable[[FastAPI], Any] = lambda app: app
) -> Iterator[Server]:
    """The real server on an ephemeral port; `serve` may wrap the app in an ASGI layer that
    rewrites what goes in or out (a server of another version, say)."""
    app = create_app(cheap_settings(data_dir, database_url))
    with running_uvicorn(serve(app)) as base_url:
        yield Server(base_url, app)


def fast_client(base_url: str, token: str | None = None) -> ServerClient:
    """A client that gives up quickly: tests should not wait for production backoff."""
    return ServerClient(base_url, timeout=(2.0, 10.0), retries=1, backoff_factor=0.01, token=token)


@dataclass
class Laptop:
    """A technician's cache, logged-in client and sync engine."""

    store: Store
    client: ServerClient
    engine: SyncEngine
    username: str

    def record(self, visit_id: str, kind: EventType, payload: dict[str, Any] | None = None) -> str:
        with self.store.session() as session, session.begin():
            event = record_event(
                session,
                visit_id,
                kind,
                MINIMAL[kind] if payload is None else payload,
                author=self.username,
                now=datetime.now(UTC),
            )
        return event.id

    def engine_for(self, client: ServerClient) -> SyncEngine:
        return SyncEngine(self.store, client, page_size=self.engine.page_size)


@contextmanager
def laptop_for(
    server_url: str, db_path: Path, username: str, password: str, key: bytes | None = None
) -> Iterator[Laptop]:
    store = open_store(db_path, key)
    client = fast_client(server_url)
    try:
        client.login(username, password)
        yield Laptop(store, client, SyncEngine(store, client), username)
    finally:
        client.close()
        store.dispose()
