"""End to end with real processes: visits closed with no repair at the desk (resolved
remotely, already fixed on arrival, no fault found) are recorded offline on the laptop,
synced to a real server, and seen by a supervisor with the right figures (first-visit
resolution and the escalation rate left true)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.round_kit import (
    ARRIVED,
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
)


@pytest.mark.slow
def test_no_repair_outcomes_recorded_offline_reach_the_supervisors_figures(
    tmp_path: Path,
) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids

    # Offline: Ada's VPN reset by phone before the visit (no arrival, no permission).
    record_offline(round_.laptop_dir, ids["INC-1000"], [
        ("closed_without_repair", {"outcome": "resolved_remotely",
                                   "explanation": "Reset the VPN profile by phone",
                                   "confirmed_by": "Ada Park"}),
    ])  # fmt: skip
    # Ben's printer works again by the time Kyra arrives: nobody touches his machine.
    record_offline(round_.laptop_dir, ids["INC-1001"], [
        ARRIVED,
        ("closed_without_repair", {"outcome": "fixed_on_arrival",
                                   "explanation": "The printer prints again"}),
    ])  # fmt: skip
    # Cleo lets Kyra check her machine: nothing wrong with it.
    record_offline(round_.laptop_dir, ids["INC-1002"], [
        ARRIVED,
        ("permission_granted", {"granted_by": "Cleo Ray", "explanation": "Check the disk",
                                "expected_minutes": 15}),
        ("closed_without_repair", {"outcome": "no_fault_found",
                                   "explanation": "Disk and memory tests pass"}),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 6, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")
        board = supervisor_day(server.base_url, "board")

    team = report["team"]
    assert {k: team[k] for k in (
        "visits", "arrived", "completed", "escalations", "permission_recorded",
        "resolved_remotely", "fixed_on_arrival", "no_fault_found",
        "first_visit_resolution", "first_visit_resolution_rate", "escalation_rate",
        "promises_due",
    )} == {
        "visits": 3, "arrived": 2, "completed": 0, "escalations": 0, "permission_recorded": 1,
        "resolved_remotely": 1, "fixed_on_arrival": 1, "no_fault_found": 1,
        # nothing was repaired or escalated: no rate to bend
        "first_visit_resolution": 0, "first_visit_resolution_rate": None,
        "escalation_rate": None, "promises_due": 0,
    }  # fmt: skip
    [kyra] = board["technicians"]
    status = {v["reference"]: v["status"] for v in kyra["visits"]}
    assert status == {"INC-1000": "no_repair", "INC-1001": "no_repair", "INC-1002": "no_repair"}
    assert kyra["counts"]["no_repair"] == 3
