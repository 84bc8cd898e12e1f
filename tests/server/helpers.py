"""Test helpers: a live server with its database, API clients per user, visit and event builders."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.server.admin import add_user
from fieldapp.server.db import write_transaction
from fieldapp.server.models import Base
from fieldapp.server.settings import ServerSettings
from tests.domain.factories import MINIMAL

_names = itertools.count(1)
T0 = datetime(2030, 3, 11, 9, 0, tzinfo=UTC)  # a Monday


def cheap_settings(data_dir: Any, database_url: str, **overrides: Any) -> ServerSettings:
    """Settings for tests: argon2 made cheap (production keeps argon2-cffi's defaults), and
    the per-address login throttle out of reach, as every test logs in from 127.0.0.1 (the
    throttle's tests set their own)."""
    throttle = {"login_address_max_failures": 1_000_000}
    return ServerSettings(
        data_dir=data_dir,
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
        **(throttle | overrides),
    )


class Client:
    """A requests.Session for one user, speaking to the API root."""

    def __init__(self, api: str, username: str = "", token: str | None = None) -> None:
        self.api = api
        self.username = username
        self.token = token
        self.http = requests.Session()
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.http.request(method, self.api + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def close(self) -> None:
        self.http.close()

    # --- sync -------------------------------------------------------------------------------

    def changes(self, cursor: int = 0, limit: int | None = None) -> dict[str, Any]:
        params = {"cursor": cursor} | ({"limit": limit} if limit else {})
        response = self.get("/sync/changes", params=params)
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    def all_changes(self, cursor: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while True:
            page = self.changes(cursor, limit)
            out += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out

    def push(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post("/sync/events", json={"events": list(events)})
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results


@dataclass
class Live:
    """A running server (uvicorn in a thread) and direct access to its database."""

    base_url: str
    app: FastAPI
    settings: ServerSettings
    clients: list[Client] = field(default_factory=list)

    @property
    def api(self) -> str:
        return self.base_url + protocol.API_PREFIX

    @contextmanager
    def db(self) -> Iterator[Session]:
        """A session in a write transaction, committed at the end of the block."""
        with self.app.state.sessionmaker() as session, write_transaction(session):
            yield session

    def count(self, model: type[Base], *where: Any) -> int:
        with self.db() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def anonymous(self) -> Client:
        client = Client(self.api)
        self.clients.append(client)
        return client

    def user(self, role: str = "technician", name: str | None = None) -> str:
        """Create a user (password: 'pw-' + username) and return the username."""
        username = name or f"{role[:4]}{next(_names)}-{uuid.uuid4().hex[:6]}"
        with self.db() as session:
            add_user(
                session,
                username,
                "pw-" + username,
                role,
                f"{role.title()} {username}",
                passwords=self.app.state.passwords,
            )
        return username

    def login(self, username: str, password: str | None = None) -> Client:
        anonymous = self.anonymous()
        response = anonymous.post(
            "/auth/login", json={"username": username, "password": password or "pw-" + username}
        )
        assert response.status_code == 200, response.text
        client = Client(self.api, username, response.json()["token"])
        self.clients.append(client)
        return client

    def technician(self) -> Client:
        return self.login(self.user("technician"))

    def supervisor(self) -> Client:
        return self.login(self.user("supervisor"))

    def close_clients(self) -> None:
        for client in self.clients:
            client.close()
        self.clients.clear()


def visit_body(assignee: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A valid VisitCreate body with a unique reference."""
    body: dict[str, Any] = {
        "reference": f"REF-{uuid.uuid4().hex[:10]}",
        "customer_name": "Priya Natarajan",
        "building": "North Tower",
        "floor": "3",
        "room": "3.14",
        "window_start": T0.isoformat(),
        "window_end": (T0 + timedelta(hours=1)).isoformat(),
        "problem": "Virus alert pop-up.",
        "assignee": assignee,
    }
    body.update(overrides)
    return body


def create_visit(supervisor: Client, assignee: str | None = None, **overrides: Any) -> str:
    response = supervisor.post("/visits", json=visit_body(assignee, **overrides))
    assert response.status_code == 201, response.text
    visit_id: str = response.json()["id"]
    return visit_id


def event(
    visit_id: str,
    kind: EventType,
    payload: dict[str, Any] | None = None,
    *,
    at: datetime = T0,
    event_id: str | None = None,
) -> dict[str, Any]:
    """An EventIn body (MINIMAL payload of the type unless given)."""
    return {
        "id": event_id or str(uuid.uuid4()),
        "visit_id": visit_id,
        "type": kind.value,
        "occurred_at": at.isoformat(),
        "payload": MINIMAL[kind] if payload is None else payload,
    }


def walk(visit_id: str, *kinds: EventType) -> list[dict[str, Any]]:
    """Events of `kinds`, one minute apart."""
    return [event(visit_id, k, at=T0 + timedelta(minutes=i)) for i, k in enumerate(kinds)]
