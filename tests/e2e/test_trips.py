"""End to end with real processes: work interrupted to fetch a part and finished on a second
trip, recorded offline on the laptop in two goes, synced to a real server after each, and
seen by a supervisor: the visit waiting for its return on the board, then the trips on its
timeline, its time on task, and first-visit resolution left true (a second trip is none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.protocol import TimelinePage
from fieldapp.ui.supervisor.timeline import Timeline, trips_words
from tests.e2e.round_kit import (
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
    supervisor_get,
)

DAY = "2026-11-26T"


def at(hhmm: str) -> str:
    return f"{DAY}{hhmm}:00+00:00"


GRANTED = {"granted_by": "Ada Park", "explanation": "Look at the printer", "expected_minutes": 30}
DIAGNOSED = {
    "user_perspective": "Blank pages",
    "source_category": "hardware",
    "findings": "The fuser unit is worn",
}
RESOLVED = {"explanation": "Fuser replaced", "demonstrated": True, "user_confirmed": True}


@pytest.mark.slow
def test_a_visit_finished_on_a_second_trip_reaches_the_supervisor_with_its_time_on_task(
    tmp_path: Path,
) -> None:
    round_ = start_round(tmp_path)
    ada, ben = round_.ids["INC-1000"], round_.ids["INC-1001"]

    # Offline, first trip to Ada: the printer needs a part from the store room.
    record_offline(round_.laptop_dir, ada, [
        ("arrived", {"greeting_done": True}, at("08:00")),
        ("permission_granted", GRANTED, at("08:05")),
        ("diagnosed", DIAGNOSED, at("08:15")),
        ("departed", {"reason": "part_needed", "note": "A fuser unit",
                      "return_at": at("10:00"), "agreed_with": "Ada Park"}, at("08:30")),
    ])  # fmt: skip
    # Ben's VPN is fixed at the first visit.
    record_offline(round_.laptop_dir, ben, [
        ("arrived", {"greeting_done": True}, at("09:00")),
        ("permission_granted", {**GRANTED, "granted_by": "Ben Ode"}, at("09:05")),
        ("diagnosed", {**DIAGNOSED, "source_category": "network"}, at("09:10")),
        ("resolved", RESOLVED, at("09:35")),
        ("signed_off", {"summary": "VPN profile renewed"}, at("09:45")),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 9, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        board = supervisor_day(server.base_url, "board")
    [kyra] = board["technicians"]
    waiting = next(v for v in kyra["visits"] if v["id"] == ada)
    assert waiting["step"] == "awaiting_return"
    assert waiting["return_at"].startswith(f"{DAY}10:00")

    # Offline again: back with the part, Ada is asked again, the printer is fixed.
    record_offline(round_.laptop_dir, ada, [
        ("arrived", {"greeting_done": True}, at("10:00")),
        ("permission_granted", GRANTED, at("10:02")),
        ("resolved", RESOLVED, at("10:20")),
        ("signed_off", {"summary": "Fuser replaced, prints clean"}, at("10:30")),
    ])  # fmt: skip

    with round_.serve() as server:
        assert "pushed 4, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")
        page = TimelinePage.model_validate(
            supervisor_get(server.base_url, f"/visits/{ada}/timeline")
        )

    team = report["team"]
    assert {k: team[k] for k in (
        "completed", "first_visit_resolution", "first_visit_resolution_rate",
        "finished_later_trip", "trips", "visits_several_trips", "on_site_minutes",
        "promises_due", "promises_kept_on_time",
    )} == {
        "completed": 2,
        # Ada's printer took a second trip: completed, but no first-visit resolution
        "first_visit_resolution": 1, "first_visit_resolution_rate": 1 / 2,
        "finished_later_trip": 1, "trips": 3, "visits_several_trips": 1,
        "on_site_minutes": 30 + 30 + 45,
        # the return time agreed at the departure, kept by the second arrival
        "promises_due": 1, "promises_kept_on_time": 1,
    }  # fmt: skip
    assert [t.minutes for t in page.trips] == [30, 30]
    assert page.on_site_minutes == 60
    words = trips_words(Timeline(page.visit, page.entries, page.trips, page.on_site_minutes))
    assert words.splitlines()[0] == "2 trips \u00b7 60 min on site"
    assert "(left: to fetch a part)" in words.splitlines()[1]
    assert "(signed off)" in words.splitlines()[2]
