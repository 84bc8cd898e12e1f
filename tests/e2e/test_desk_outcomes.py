"""End to end with real processes: the desk situations with their own outcome are recorded
offline on the laptop, synced to a real server, and seen by a supervisor with the right
figures (declined, absent with a note left, the absent user's return; first-visit resolution
and the escalation rate left true)."""

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

WORK_DONE: list[tuple[str, dict[str, object]]] = [
    ("diagnosed", {"user_perspective": "It fails", "source_category": "software",
                   "findings": "A corrupt profile"}),
    ("resolved", {"explanation": "Rebuilt the profile", "demonstrated": True,
                  "user_confirmed": True}),
]  # fmt: skip


@pytest.mark.slow
def test_desk_outcomes_recorded_offline_reach_the_supervisors_figures(tmp_path: Path) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids

    # Offline: Ada declines, the visit is closed as declined.
    record_offline(round_.laptop_dir, ids["INC-1000"], [
        ARRIVED,
        ("permission_declined", {"declined_by": "Ada Park", "next_step": "close",
                                 "reason": "Board report due; not today."}),
    ])  # fmt: skip
    # Ben is away and it can wait: a note, then back later and done.
    record_offline(round_.laptop_dir, ids["INC-1001"], [
        ARRIVED,
        ("user_absent_note_left", {"desk_note": "IT came by for INC-1001; back later."}),
        ARRIVED,
        ("permission_granted", {"granted_by": "Ben Ode", "explanation": "Fix the VPN",
                                "expected_minutes": 20}),
        *WORK_DONE,
        ("signed_off", {"summary": "VPN stable"}),
    ])  # fmt: skip
    # Cleo is away and it is urgent; she comes back before the end: no desk-note checks.
    record_offline(round_.laptop_dir, ids["INC-1002"], [
        ARRIVED,
        ("user_absent_urgent", {"reason": "Her account is sending spam",
                                "open_files_warned": True}),
        WORK_DONE[0],
        ("user_returned", {"returned": "Cleo Ray", "explanation": "Told her what I changed"}),
        WORK_DONE[1],
        ("signed_off", {"summary": "Password reset, spam stopped", "satisfaction": 5}),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 15, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")
        board = supervisor_day(server.base_url, "board")

    team = report["team"]
    assert {k: team[k] for k in (
        "visits", "arrived", "completed", "escalations", "permission_recorded",
        "declined_by_user", "closed_declined", "absent_note_left", "absent_user_returned",
        "first_visit_resolution", "first_visit_resolution_rate", "escalation_rate",
        "promises_due",
    )} == {
        "visits": 3, "arrived": 3, "completed": 2, "escalations": 0, "permission_recorded": 3,
        "declined_by_user": 1, "closed_declined": 1, "absent_note_left": 1,
        "absent_user_returned": 1,
        # Cleo's only: Ben's took two arrivals; Ada's is out of the denominator
        "first_visit_resolution": 1, "first_visit_resolution_rate": 0.5,
        "escalation_rate": 0.0, "promises_due": 0,
    }  # fmt: skip
    [kyra] = board["technicians"]
    status = {v["reference"]: v["status"] for v in kyra["visits"]}
    assert status == {"INC-1000": "declined", "INC-1001": "completed", "INC-1002": "completed"}
