"""End to end with real processes: on the laptop, offline, the user tells the technician a
visit is no longer needed, and on another visit the technician borrows a part while dispatch
cancels it; after the sync the supervisor sees the 'no longer needed' figure and the
cancelled visit's work as an open conflict, borrowed part included, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.e2e.test_offline_round import (
    PASSWORD,
    record_offline,
    run_cli,
    supervisor_get,
    visits_file,
)
from tests.support.servers import free_port, server_process

DAY = {"date_from": "2026-11-26", "date_to": "2026-11-26"}


def supervisor_cancel(base_url: str, visit_id: str, reason: str) -> None:
    login = requests.post(
        f"{base_url}/api/v1/auth/login", json={"username": "sam", "password": PASSWORD}, timeout=10
    )
    login.raise_for_status()
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    answer = requests.post(
        f"{base_url}/api/v1/visits/{visit_id}/cancel",
        json={"reason": reason},
        headers=headers,
        timeout=10,
    )
    answer.raise_for_status()


@pytest.mark.slow
def test_no_longer_needed_and_work_meeting_a_cancellation_reach_the_supervisor(
    tmp_path: Path,
) -> None:
    server_dir = tmp_path / "server"
    laptop_dir = tmp_path / "laptop"
    admin = ("admin", "--data-dir", str(server_dir))
    run_cli(*admin, "add-user", "kyra", "--role", "technician", "--full-name", "Kyra Jones",
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_cli(*admin, "add-user", "sam", "--role", "supervisor", "--full-name", "Sam Lee",
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert "3 visits imported" in run_cli(*admin, "import-visits", str(visits_file(tmp_path)))
    port = free_port()
    server_args = ["--data-dir", str(server_dir)]
    sync_args = ("sync", "--data-dir", str(laptop_dir), "--server-url", f"http://127.0.0.1:{port}")
    with server_process(server_args, port) as server:
        run_cli(*sync_args, "--username", "kyra", "--password-stdin", stdin=PASSWORD + "\n")
        listing = supervisor_get(server.base_url, "/visits?limit=10")
    assert isinstance(listing, dict)
    ids = {v["reference"]: v["id"] for v in listing["visits"]}
    arrived = ("arrived", {"greeting_done": True})

    # Offline: Ada says at her desk that she no longer needs it.
    record_offline(laptop_dir, ids["INC-1000"], [
        arrived,
        ("closed_without_repair", {"outcome": "no_longer_needed",
                                   "explanation": "Ada bought a new mouse herself"}),
    ])  # fmt: skip
    # Ben's machine: a power supply borrowed from desk 4.12, while dispatch cancels the visit.
    record_offline(laptop_dir, ids["INC-1001"], [
        arrived,
        ("permission_granted", {"granted_by": "Ben Ode", "explanation": "Swap the PSU",
                                "expected_minutes": 20}),
        ("diagnosed", {"user_perspective": "Will not start", "source_category": "hardware",
                       "findings": "Dead power supply", "borrowed_parts": ["PSU of 4.12"]}),
    ])  # fmt: skip

    with server_process(server_args, port) as server:
        supervisor_cancel(server.base_url, ids["INC-1001"], "Duplicate ticket.")
        said = run_cli(*sync_args)
        query = "&".join(f"{k}={v}" for k, v in DAY.items())
        report = supervisor_get(server.base_url, f"/metrics?{query}")
        conflicts = supervisor_get(server.base_url, "/conflicts?status=open")

    assert "pushed 2, duplicate 0, rejected 3" in said
    assert isinstance(report, dict)
    team = report["team"]
    assert {k: team[k] for k in ("visits", "no_longer_needed", "completed", "escalations")} == {
        "visits": 2,  # the cancelled visit is not counted
        "no_longer_needed": 1,
        "completed": 0,
        "escalations": 0,
    }
    assert isinstance(conflicts, dict)
    kept = [c for c in conflicts["conflicts"] if c["visit_id"] == ids["INC-1001"]]
    assert [c["event"]["type"] for c in kept] == ["arrived", "permission_granted", "diagnosed"]
    assert kept[2]["event"]["payload"]["borrowed_parts"] == ["PSU of 4.12"]
    assert all(c["status"] == "open" and c["technician"] == "kyra" for c in kept)
