"""End to end with real processes: a second technician joins a visit. The holder adds a
colleague offline on her laptop; after a sync the colleague's laptop has the visit, he
arrives while she is at the desk and diagnoses offline, she finishes it offline; the
supervisor sees each event with its author and each technician's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.round_kit import (
    add_technician,
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
    supervisor_get,
)


def at(hhmm: str) -> str:
    """A laptop time on the visits' day (Ada's window is 08:00 to 08:45)."""
    return f"2026-11-26T{hhmm}:00+00:00"


ARRIVES = ("arrived", {"greeting_done": True})
GRANTED = ("permission_granted", {"granted_by": "Ada Park", "explanation": "Clean the rollers",
                                  "expected_minutes": 30})  # fmt: skip
TONY_JOINS = ("assistant_added", {"username": "tony", "reason": "Two to lift the printer"})
DIAGNOSED = ("diagnosed", {"user_perspective": "Blank pages", "source_category": "hardware",
                           "findings": "Worn fuser roller"})  # fmt: skip
FETCHING = ("departed", {"reason": "part_needed", "note": "A roller from the store room"})
RESOLVED = ("resolved", {"explanation": "New roller", "demonstrated": True,
                         "user_confirmed": True})  # fmt: skip
SIGNED = ("signed_off", {"summary": "Roller replaced; prints again", "satisfaction": 5})


@pytest.mark.slow
def test_a_colleague_added_offline_records_on_the_visit_and_counts(tmp_path: Path) -> None:
    round_ = start_round(tmp_path)
    visit_id = round_.ids["INC-1000"]
    tony_dir, tony_sync = add_technician(round_, "tony", "Tony Blake")

    # Kyra, offline at Ada's desk: she arrives, Ada agrees, she asks Tony to come and help.
    record_offline(round_.laptop_dir, visit_id, [
        (*ARRIVES, at("08:05")), (*GRANTED, at("08:06")), (*TONY_JOINS, at("08:07")),
    ])  # fmt: skip
    with round_.serve() as server:
        assert "pushed 3, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        run_cli(*tony_sync)  # the visit reaches Tony's laptop with its three events
        # Tony, offline: he arrives while Kyra is there, finds the fault, fetches a part.
        record_offline(tony_dir, visit_id, [
            (*ARRIVES, at("08:10")), (*DIAGNOSED, at("08:15")), (*FETCHING, at("08:30")),
        ], author="tony")  # fmt: skip
        assert "pushed 3, duplicate 0, rejected 0" in run_cli(*tony_sync)
        run_cli(*round_.sync_args)  # Tony's diagnosis reaches Kyra's laptop
        record_offline(round_.laptop_dir, visit_id, [
            (*RESOLVED, at("08:45")), (*SIGNED, at("08:50")),
        ])  # fmt: skip
        assert "pushed 2, duplicate 0, rejected 0" in run_cli(*round_.sync_args)

        timeline = supervisor_get(server.base_url, f"/visits/{visit_id}/timeline?limit=50")
        team = supervisor_get(server.base_url, f"/visits/{visit_id}/assistants")
        listing = supervisor_get(server.base_url, "/visits?assignee=kyra&limit=10")
        report = supervisor_day(server.base_url, "metrics")

    assert isinstance(timeline, dict)
    authored = [(e["type"], e["author"]) for e in timeline["entries"]]
    assert authored == [
        ("arrived", "kyra"), ("permission_granted", "kyra"), ("assistant_added", "kyra"),
        ("arrived", "tony"), ("diagnosed", "tony"), ("departed", "tony"),
        ("resolved", "kyra"), ("signed_off", "kyra"),
    ]  # fmt: skip
    # One trip to the desk, both of them there: each one's own stay is their time on site.
    [trip] = timeline["trips"]
    assert sorted(trip["technicians"]) == ["kyra", "tony"]
    assert (trip["minutes"], timeline["on_site_minutes"]) == (45, 45)  # the visit's own time
    assert isinstance(team, dict)
    assert team["holder"] == "kyra"
    assert [(m["username"], m["added_by"]) for m in team["assistants"]] == [("tony", "kyra")]
    assert isinstance(listing, dict)
    assert listing["assistants"] == {visit_id: ["tony"]}

    by_name = {t["technician"]: t["metrics"] for t in report["technicians"]}
    kyra, tony = by_name["kyra"], by_name["tony"]
    # The visit and its outcome are the holder's: completed at the first visit.
    assert (kyra["visits"], kyra["completed"], kyra["first_visit_resolution"]) == (3, 1, 1)
    assert (kyra["visits_assisted"], kyra["events_recorded"]) == (0, 5)
    # Each one's own time at the desk: Kyra 08:05 to 08:50, Tony 08:10 to 08:30.
    assert (kyra["on_site_minutes"], tony["on_site_minutes"]) == (45, 20)
    # Tony's part: the visit he assisted on and the three events he recorded on it.
    assert (tony["visits"], tony["visits_assisted"], tony["events_recorded"]) == (0, 1, 3)
    assert report["team"]["visits_assisted"] == 1
    assert report["team"]["events_recorded"] == 8
    assert report["team"]["on_site_minutes"] == 65
