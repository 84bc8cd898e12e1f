"""End to end with real processes: what the care audit measures (greeting, telling the user
when late, the source category, teaching offered and accepted, out-of-scope requests) is
recorded offline on the laptop, synced to a real server, and read by a supervisor per
technician and per source category."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.round_kit import (
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
)

GRANTED = ("permission_granted", {"granted_by": "The user", "explanation": "Fix it",
                                  "expected_minutes": 20})  # fmt: skip
RESOLVED = ("resolved", {"explanation": "Fixed", "demonstrated": True, "user_confirmed": True})
OUT_OF_SCOPE = ("note", {"text": "Asked to fix a personal phone", "category": "out_of_scope",
                         "answer_given": "Personal devices are not ours, sorry."})  # fmt: skip


def diagnosed(category: str) -> tuple[str, dict[str, object]]:
    return ("diagnosed", {"user_perspective": "It fails", "source_category": category,
                          "findings": "Found it"})  # fmt: skip


@pytest.mark.slow
def test_care_audit_figures_recorded_offline_reach_the_supervisor(tmp_path: Path) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids

    # Ada: late, told her, greeted; a network fault; she accepts a short lesson.
    record_offline(round_.laptop_dir, ids["INC-1000"], [
        ("arrived", {"greeting_done": True, "late_notice_given": True}),
        GRANTED, diagnosed("network"), RESOLVED, ("taught", {"topic": "Reconnect the dock"}),
    ])  # fmt: skip
    # Ben: late and not told, no greeting; software, then found to be hardware; no lesson;
    # he asks for help with his own phone.
    record_offline(round_.laptop_dir, ids["INC-1001"], [
        ("arrived", {"greeting_done": False, "late_notice_given": False}),
        GRANTED, diagnosed("software"), diagnosed("hardware"), RESOLVED,
        ("teaching_declined", {"comment": "No time today"}), OUT_OF_SCOPE,
    ])  # fmt: skip
    # Cleo: on time, greeted; a network fault; work goes on.
    record_offline(round_.laptop_dir, ids["INC-1002"], [
        ("arrived", {"greeting_done": True}), GRANTED, diagnosed("network"),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 15, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")
        per_category = supervisor_day(server.base_url, "metrics/categories")

    [kyra] = report["technicians"]
    wanted = (
        "arrivals", "arrivals_greeted", "greeting_rate", "late_arrivals", "late_arrivals_told",
        "late_told_rate", "diagnosed", "diagnosed_network", "diagnosed_software",
        "diagnosed_hardware", "teaching_offered", "teaching_accepted",
        "teaching_accepted_rate", "out_of_scope_requests",
    )  # fmt: skip
    expected = {
        "arrivals": 3, "arrivals_greeted": 2, "greeting_rate": 2 / 3, "late_arrivals": 2,
        "late_arrivals_told": 1, "late_told_rate": 0.5, "diagnosed": 3, "diagnosed_network": 2,
        "diagnosed_software": 0, "diagnosed_hardware": 1, "teaching_offered": 2,
        "teaching_accepted": 1, "teaching_accepted_rate": 0.5, "out_of_scope_requests": 1,
    }  # fmt: skip
    assert {k: kyra["metrics"][k] for k in wanted} == pytest.approx(expected)
    assert {k: report["team"][k] for k in wanted} == pytest.approx(expected)
    visits = {c["category"]: c["metrics"]["visits"] for c in per_category["categories"]}
    assert visits == {"network": 2, "software": 0, "hardware": 1, "configuration": 0,
                      "user_knowledge": 0}  # fmt: skip
    network = next(c["metrics"] for c in per_category["categories"] if c["category"] == "network")
    assert (network["late_told_rate"], network["teaching_accepted_rate"]) == (1.0, 1.0)
