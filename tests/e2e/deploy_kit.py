"""Shared pieces of the deployment tests: a site seeded through the admin services (two
technicians, a supervisor, visits for each), laptops' visit lists, a server's workers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from fieldapp.protocol import VisitCreate
from fieldapp.server.admin import add_user, admin_session, create_visit
from fieldapp.store.round_queries import list_visits
from tests.server.helpers import cheap_settings
from tests.sync.harness import Laptop

PASSWORD = "correct horse battery"
TECHNICIANS = ("kyra", "jb")
WINDOW = datetime(2030, 3, 11, 9, 0, tzinfo=UTC)


def seed_site(data_dir: Path, database_url: str = "", visits_each: int = 2) -> dict[str, set[str]]:
    """Add kyra and jb (technicians) and sam (supervisor), and `visits_each` visits for each
    technician, straight into the database; return the visit ids by technician."""
    settings = cheap_settings(data_dir, database_url)
    ids: dict[str, set[str]] = {}
    with admin_session(settings) as session:
        for username in (*TECHNICIANS, "sam"):
            role = "supervisor" if username == "sam" else "technician"
            add_user(session, username, PASSWORD, role, username.title())
        for number, username in enumerate(TECHNICIANS * visits_each):
            start = WINDOW + timedelta(hours=number)
            data = VisitCreate(
                reference=f"INC-{2000 + number}",
                customer_name=f"Customer {number}",
                building="North Tower",
                room=f"3.{number}",
                window_start=start,
                window_end=start + timedelta(minutes=45),
                problem="The docking station no longer charges the laptop.",
                assignee=username,
            )
            ids.setdefault(username, set()).add(create_visit(session, data, WINDOW).id)
    return ids


def laptop_visits(laptop: Laptop) -> set[str]:
    """The ids of the visits in a laptop's cache."""
    with laptop.store.session() as session, session.begin():
        return {row.id for row in list_visits(session)}


def supervisor_events(base_url: str, visit_id: str) -> list[str]:
    """The ids of a visit's events, as the supervisor sam reads them."""
    api = f"{base_url}/api/v1"
    login = requests.post(
        f"{api}/auth/login", json={"username": "sam", "password": PASSWORD}, timeout=30
    )
    login.raise_for_status()
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    answer = requests.get(f"{api}/visits/{visit_id}/events", headers=headers, timeout=30)
    answer.raise_for_status()
    return [event["id"] for event in answer.json()]


def worker_processes(parent: int) -> list[int]:
    """The uvicorn workers (spawned processes) of the server process `parent`."""
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:  # gone meanwhile
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"spawn_main" in command and b"resource_tracker" not in command:
            workers.append(int(entry.name))
    return workers
