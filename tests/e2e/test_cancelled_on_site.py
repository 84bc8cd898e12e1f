"""End to end with real processes: on the laptop, offline, the user tells the technician a
visit is no longer needed, and on another visit the technician borrows a part while dispatch
cancels it; after the sync the supervisor sees the 'no longer needed' figure and the
cancelled visit's work as an open conflict, borrowed part included, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.e2e.round_kit import (
    ARRIVED,
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
    supervisor_get,
    supervisor_headers,
)


def supervisor_cancel(base_url: str, visit_id: str, reason: str) -> None:
    answer = requests.post(
        f"{base_url}/api/v1/visits/{visit_id}/cancel",
        json={"reason": reason},
        headers=supervisor_headers(base_url),
        timeout=10,
    )
    answer.raise_for_status()


@pytest.mark.slow
def test_no_longer_needed_and_work_meeting_a_cancellation_reach_the_supervisor(
    tmp_path: Path,
) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids

    # Offline: Ada says at her desk that she no longer needs it.
    record_offline(round_.laptop_dir, ids["INC-1000"], [
        ARRIVED,
        ("closed_without_repair", {"outcome": "no_longer_needed",
                                   "explanation": "Ada bought a new mouse herself"}),
    ])  # fmt: skip
    # Ben's machine: a power supply borrowed from desk 4.12, while dispatch cancels the visit.
    record_offline(round_.laptop_dir, ids["INC-1001"], [
        ARRIVED,
        ("permission_granted", {"granted_by": "Ben Ode", "explanation": "Swap the PSU",
                                "expected_minutes": 20}),
        ("diagnosed", {"user_perspective": "Will not start", "source_category": "hardware",
                       "findings": "Dead power supply", "borrowed_parts": ["PSU of 4.12"]}),
    ])  # fmt: skip

    with round_.serve() as server:
        supervisor_cancel(server.base_url, ids["INC-1001"], "Duplicate ticket.")
        said = run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")
        conflicts = supervisor_get(server.base_url, "/conflicts?status=open")

    assert "pushed 2, duplicate 0, rejected 3" in said
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
