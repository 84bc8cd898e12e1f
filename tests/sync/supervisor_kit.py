"""A real server seeded with a small team (admin services, and technicians' real pushes), and a
SupervisorClient logged in to it: shared by the supervisor client and window tests."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from fieldapp.domain import EventType
from fieldapp.domain import EventType as E
from fieldapp.protocol import EventIn, Role, VisitCreate, VisitUpdate
from fieldapp.server.admin import add_user, create_visit, update_visit
from fieldapp.sync import ServerClient
from fieldapp.sync.supervisor import SupervisorClient
from tests.domain.factories import MINIMAL
from tests.sync.harness import Server, fast_client, running_server

PASSWORD = "pw-team"
DONE_FLOW = (E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED)
REPORT_PDF = b"%PDF-1.4\n% a service report made on the laptop\n%%EOF\n"


def add_person(server: Server, username: str, role: Role, full_name: str) -> None:
    with server.db() as session:
        add_user(session, username, PASSWORD, role, full_name, passwords=server.app.state.passwords)


def new_visit(server: Server, assignee: str | None, start: datetime, **fields: Any) -> str:
    number = uuid.uuid4().hex[:6].upper()
    values: dict[str, Any] = {
        "reference": f"INC-{number}",
        "customer_name": f"Customer {number}",
        "site": "HQ",
        "building": "North",
        "floor": "3",
        "room": "3.14",
        "window_start": start,
        "window_end": start + timedelta(hours=1),
        "estimated_minutes": 30,
        "problem": "The printer says it is offline.",
        "assignee": assignee,
    }
    values.update(fields)
    with server.db() as session:
        return create_visit(session, VisitCreate.model_validate(values), datetime.now(UTC)).id


def event(visit_id: str, kind: EventType, at: datetime, /, **payload: Any) -> EventIn:
    return EventIn(
        id=str(uuid.uuid4()),
        visit_id=visit_id,
        type=kind,
        occurred_at=at,
        payload={**MINIMAL[kind], **payload},
    )


def push_all(client: ServerClient, *events: EventIn) -> None:
    """Push as a technician's laptop does; every event must be accepted."""
    results = client.push(list(events)).results
    refused = [(r.code, r.message) for r in results if r.status != "accepted"]
    assert not refused, refused


@dataclass
class Team:
    """The seeded server, the supervisor's client and what was seeded (visit ids by name).

    ana (Ana Lopez): done (5/5, with a service report), unhappy (2/5), escalated, late
    (window over, nothing done), upcoming. ben (Ben Okafor): working (arrived), upcoming.
    One visit unassigned. One conflict: ana's note on a visit since given to ben.
    """

    server: Server
    client: SupervisorClient
    now: datetime
    ids: dict[str, str] = field(default_factory=dict)
    laptops: dict[str, ServerClient] = field(default_factory=dict)

    @property
    def date_from(self) -> date:
        return (self.now - timedelta(days=1)).date()

    @property
    def date_to(self) -> date:
        return (self.now + timedelta(days=1)).date()


def seed(team: Team) -> None:
    server, now = team.server, team.now
    add_person(server, "sue", Role.SUPERVISOR, "Sue Visor")
    add_person(server, "ana", Role.TECHNICIAN, "Ana Lopez")
    add_person(server, "ben", Role.TECHNICIAN, "Ben Okafor")
    past, soon = now - timedelta(hours=3), now + timedelta(hours=2)
    ids = team.ids
    for name in ("done", "unhappy", "escalated"):
        ids[name] = new_visit(server, "ana", now - timedelta(minutes=30))
    ids["late"] = new_visit(server, "ana", past, customer_name="Late Larry")
    ids["upcoming"] = new_visit(server, "ana", soon)
    ids["working"] = new_visit(server, "ben", now - timedelta(minutes=30))
    ids["ben_upcoming"] = new_visit(server, "ben", soon + timedelta(minutes=30))
    ids["unassigned"] = new_visit(server, None, soon)
    ids["moved"] = new_visit(server, "ana", soon + timedelta(hours=3))
    for username in ("ana", "ben"):
        laptop = fast_client(server.base_url)
        laptop.login(username, PASSWORD)
        team.laptops[username] = laptop
    ana, ben = team.laptops["ana"], team.laptops["ben"]
    t = now - timedelta(minutes=20)
    flow = [event(ids[n], kind, t) for n in ("done", "unhappy") for kind in DONE_FLOW]
    push_all(ana, *flow, event(ids["escalated"], E.ARRIVED, t))
    push_all(ana, event(ids["escalated"], E.PERMISSION_GRANTED, t))
    push_all(ana, event(ids["escalated"], E.ESCALATED, t))
    push_all(ana, event(ids["done"], E.SIGNED_OFF, t, satisfaction=5))
    push_all(ana, event(ids["unhappy"], E.SIGNED_OFF, t, satisfaction=2, comment="Took too long."))
    sha = ana.upload_attachment(
        hashlib.sha256(REPORT_PDF).hexdigest(), REPORT_PDF, "application/pdf"
    ).sha256
    report = {
        "sha256": sha,
        "filename": "done-service-report.pdf",
        "media_type": "application/pdf",
        "size": len(REPORT_PDF),
        "kind": "service_report",
    }
    push_all(ana, event(ids["done"], E.ATTACHMENT_ADDED, t, **report))
    push_all(ben, event(ids["working"], E.ARRIVED, t))
    with server.db() as session:
        update_visit(session, ids["moved"], VisitUpdate(assignee="ben"), datetime.now(UTC))
    results = ana.push([event(ids["moved"], E.NOTE, t, text="The user moved to desk 3.15.")])
    assert results.results[0].code == "visit_reassigned"


@contextmanager
def seeded_team(
    data_dir: Path, serve: Callable[[FastAPI], Any] = lambda app: app
) -> Iterator[Team]:
    """A running server holding the team above, and the supervisor logged in to it (`serve`
    as in running_server)."""
    with running_server(data_dir, serve=serve) as server:
        server_client = fast_client(server.base_url)
        team = Team(server, SupervisorClient(server_client), datetime.now(UTC))
        try:
            seed(team)
            server_client.login("sue", PASSWORD)
            yield team
        finally:
            server_client.close()
            for laptop in team.laptops.values():
                laptop.close()
