"""Visits of several trips pushed through the API: the server applies the same rules, works
out time on task from the events, shows the trips on the timeline, and a visit finished on
a later trip is no first-visit resolution.

One technician, Monday 2030-03-11 (UTC):
T1 09:00  arrived, permission, diagnosed, left at 09:30 for a part (back at 11:00, agreed
          with Priya); arrived 11:00, permission, resolved, signed off 11:30: 2 trips, 60 min
T2 12:00  arrived, permission, diagnosed, resolved, signed off 12:45: 1 trip, 45 min
T3 13:00  arrived, left at 13:10 as the user needs the PC back: away, 1 trip, 10 min
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from fieldapp.domain import EventType as E
from tests.server.helpers import Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import MON, RANGE, at, visit


def seed(live: Live) -> dict[str, Any]:
    supervisor = live.supervisor()
    tech = live.technician()
    t1, t2, t3 = (visit(supervisor, tech, at(MON, hour)) for hour in ("9:00", "12:00", "13:00"))
    push_ok(
        tech,
        ev(t1, E.ARRIVED, at(MON, "9:00")),
        ev(t1, E.PERMISSION_GRANTED, at(MON, "9:05")),
        ev(t1, E.DIAGNOSED, at(MON, "9:15")),
        ev(
            t1,
            E.DEPARTED,
            at(MON, "9:30"),
            reason="part_needed",
            note="A power supply from the store room.",
            return_at=iso(at(MON, "11:00")),
            agreed_with="Priya",
        ),
    )
    push_ok(
        tech,
        ev(t1, E.ARRIVED, at(MON, "11:00")),
        ev(t1, E.PERMISSION_GRANTED, at(MON, "11:02")),
        ev(t1, E.RESOLVED, at(MON, "11:20")),
        ev(t1, E.SIGNED_OFF, at(MON, "11:30")),
    )
    push_ok(
        tech,
        ev(t2, E.ARRIVED, at(MON, "12:00")),
        ev(t2, E.PERMISSION_GRANTED, at(MON, "12:05")),
        ev(t2, E.DIAGNOSED, at(MON, "12:15")),
        ev(t2, E.RESOLVED, at(MON, "12:35")),
        ev(t2, E.SIGNED_OFF, at(MON, "12:45")),
    )
    push_ok(
        tech,
        ev(t3, E.ARRIVED, at(MON, "13:00")),
        ev(t3, E.DEPARTED, at(MON, "13:10"), reason="user_needs_pc"),
    )
    return {"supervisor": supervisor, "tech": tech, "ids": [t1, t2, t3]}


EXPECTED = {
    "visits": 3, "arrived": 3, "completed": 2, "arrivals": 4,
    "trips": 4, "visits_several_trips": 1, "finished_later_trip": 1,
    "on_site_minutes": 60 + 45 + 10,
    # T1 came back for a part: completed, but not at the first visit
    "first_visit_resolution": 1, "first_visit_resolution_rate": 1 / 2,
    # the return time agreed at the departure is a promise, kept by the next arrival
    "promises_due": 1, "promises_kept_on_time": 1,
}  # fmt: skip


def test_time_on_task_and_first_visit_resolution_count_trips(fresh_live: Live) -> None:
    data = seed(fresh_live)

    report = data["supervisor"].get("/metrics", params=RANGE).json()

    team = report["team"]
    assert {k: team[k] for k in EXPECTED} == EXPECTED
    assert team["on_site_minutes_per_visit"] == pytest.approx(115 / 3)
    (tech,) = report["technicians"]
    assert tech["metrics"]["on_site_minutes"] == 115
    assert tech["metrics"]["finished_later_trip"] == 1


def test_the_timeline_shows_each_trip_and_the_minutes_on_site(fresh_live: Live) -> None:
    data = seed(fresh_live)
    t1, _, t3 = data["ids"]

    page = data["supervisor"].get(f"/visits/{t1}/timeline").json()

    assert page["on_site_minutes"] == 60
    first, second = page["trips"]
    assert (first["number"], first["minutes"], first["ended_by"], first["reason"]) == (
        1,
        30,
        "departed",
        "part_needed",
    )
    assert (second["minutes"], second["ended_by"], second["reason"]) == (30, "signed_off", None)
    assert first["technicians"] == [data["tech"].username]
    away = data["supervisor"].get(f"/visits/{t3}/timeline").json()
    (trip,) = away["trips"]
    assert (trip["minutes"], trip["reason"]) == (10, "user_needs_pc")


def test_the_visits_export_has_each_visits_trips_and_minutes_on_site(fresh_live: Live) -> None:
    data = seed(fresh_live)

    answer = data["supervisor"].get("/export/visits.csv", params=RANGE)

    rows = {r["visit_id"]: r for r in csv.DictReader(io.StringIO(answer.text))}
    t1, t2, t3 = (rows[v] for v in data["ids"])
    assert (t1["trips"], t1["on_site_minutes"], t1["finished_later_trip"]) == ("2", "60", "yes")
    assert (t2["trips"], t2["on_site_minutes"], t2["finished_later_trip"]) == ("1", "45", "no")
    assert (t3["trips"], t3["on_site_minutes"], t3["first_visit_resolution"]) == ("1", "10", "no")


def test_the_board_shows_the_visit_left_for_now_waiting_for_its_return(fresh_live: Live) -> None:
    data = seed(fresh_live)

    page = data["supervisor"].get("/board", params=RANGE).json()

    (tech,) = page["technicians"]
    steps = {v["id"]: v["step"] for v in tech["visits"]}
    assert steps[data["ids"][2]] == "awaiting_return"


def test_the_server_keeps_the_rules_across_trips(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    push_ok(tech, ev(v, E.ARRIVED, at(MON, "9:00")))

    again, unasked, granted, left, away, back, unasked_again = tech.push(
        ev(v, E.ARRIVED, at(MON, "9:01")),
        ev(v, E.DIAGNOSED, at(MON, "9:02")),
        ev(v, E.PERMISSION_GRANTED, at(MON, "9:03")),
        ev(v, E.DEPARTED, at(MON, "9:10"), reason="continue_later"),
        ev(v, E.DIAGNOSED, at(MON, "9:11")),
        ev(v, E.ARRIVED, at(MON, "10:00")),
        ev(v, E.DIAGNOSED, at(MON, "10:01")),
    )

    assert (again["status"], again["code"]) == ("rejected", "already_arrived")
    assert (unasked["status"], unasked["code"]) == ("rejected", "permission_required")
    assert (granted["status"], left["status"], back["status"]) == ("accepted",) * 3
    assert (away["status"], away["code"]) == ("rejected", "away_from_desk")
    # no one diagnoses without permission: each trip asks again
    assert (unasked_again["status"], unasked_again["code"]) == ("rejected", "permission_required")


def test_a_rebuild_gives_what_the_pushes_left_for_the_trips(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == pushed
    assert len(pushed["visit_trips"]) == 4
    assert sorted(f["on_site_seconds"] for f in pushed["visit_facts"]) == [600, 2700, 3600]
