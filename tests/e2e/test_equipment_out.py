"""End to end with real processes: a borrowed part that broke (recorded with who agreed, so
sign-off needs no false "returned"), a part left out on an escalated visit and a loaner laptop
lent until a due date, all recorded offline on the laptop, synced to a real server, and seen
by a supervisor: the list of equipment still out and its own figures in the metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.round_kit import (
    ARRIVED,
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
    supervisor_get,
)

PERMISSION = ("permission_granted", {"granted_by": "the user", "explanation": "Open the case",
                                     "expected_minutes": 30})  # fmt: skip
FIGURES = ("parts_borrowed", "parts_disposed", "parts_out", "loans_made", "loans_out",
           "loans_overdue", "completed", "escalations", "first_visit_resolution")  # fmt: skip


@pytest.mark.slow
def test_parts_and_loans_recorded_offline_reach_the_supervisors_list_and_figures(
    tmp_path: Path,
) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids
    due = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)

    # Offline: Ada's power supply is replaced by one from the meeting-room PC, which then
    # breaks; facilities agree to write it off. Her laptop goes to the workshop, so she
    # gets a loaner until next week; sign-off ticks nothing false.
    ada = record_offline(round_.laptop_dir, ids["INC-1000"], [
        ARRIVED,
        PERMISSION,
        ("part_borrowed", {"part": "Power supply", "whose": "Meeting room 4.12"}),
        ("diagnosed", {"user_perspective": "It will not start", "source_category": "hardware",
                       "findings": "The power supply is dead"}),
        ("resolved", {"explanation": "Swapped the power supply", "demonstrated": True,
                      "user_confirmed": True}),
        ("part_disposed", {"part": "Power supply", "fate": "broken",
                           "agreed_with": "Dan from facilities", "note": "Fan seized"}),
        ("loan_made", {"item": "Loaner laptop L-07", "lent_to": "Ada Park",
                       "whose": "IT loan pool", "due_at": due.isoformat()}),
        ("signed_off", {"summary": "Power supply replaced; a loaner until the repair"}),
    ])  # fmt: skip
    # Ben's dock is swapped for one from desk 4.20 while his goes to the hardware team.
    record_offline(round_.laptop_dir, ids["INC-1001"], [
        ARRIVED,
        PERMISSION,
        ("diagnosed", {"user_perspective": "No screen", "source_category": "hardware",
                       "findings": "The dock is faulty", "borrowed_parts": ["Dock"]}),
        ("escalated", {"reason": "Dock under warranty", "team": "Hardware",
                       "next_update_at": due.isoformat()}),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 12, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        team = supervisor_day(server.base_url, "metrics")["team"]
        out = supervisor_get(server.base_url, "/equipment-out")

    assert {k: team[k] for k in FIGURES} == {
        "parts_borrowed": 2, "parts_disposed": 1, "parts_out": 1,
        "loans_made": 1, "loans_out": 1, "loans_overdue": 0,
        "completed": 1, "escalations": 1, "first_visit_resolution": 1,
    }  # fmt: skip
    assert isinstance(out, dict)
    assert [
        (i["reference"], i["kind"], i["item"], i["whose"], i["holder"], i["technician"])
        for i in out["items"]
    ] == [
        ("INC-1000", "loan", "Loaner laptop L-07", "IT loan pool", "Ada Park", "kyra"),
        ("INC-1001", "part", "Dock", "", "", "kyra"),
    ]
    loan = out["items"][0]
    assert datetime.fromisoformat(loan["due_at"]) == due
    assert loan["overdue"] is False

    # The loaner comes back, after the visit was signed off: recorded offline, synced.
    loan_id = ada[6]
    record_offline(round_.laptop_dir, ids["INC-1000"], [("loan_returned", {"loan_id": loan_id})])
    with round_.serve() as server:
        assert "pushed 1, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        team = supervisor_day(server.base_url, "metrics")["team"]
        out = supervisor_get(server.base_url, "/equipment-out")

    assert (team["loans_made"], team["loans_out"]) == (1, 0)
    assert isinstance(out, dict)
    assert [i["item"] for i in out["items"]] == ["Dock"]
