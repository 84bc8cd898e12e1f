"""Visits closed with no repair at the desk, pushed through the API: the server applies the
same rules, each outcome has its own figure, and first-visit resolution and the escalation
rate count only what was repaired or escalated.

One technician, Monday 2030-03-11 (UTC):
R1 09:00  confirmed; resolved remotely by phone (no arrival, no permission)
R2 10:00  arrived: already fixed on arrival (no permission)
R3 11:00  arrived, permission, no fault found
R4 12:00  arrived, permission, diagnosed, shown working, signed off
R5 13:00  arrived, permission, diagnosed, escalated (next update Mon 17:00)
R6 14:00  arrived: the user no longer needs it (closed by the technician, not cancelled)
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fieldapp.domain import EventType as E
from tests.server.helpers import Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import MON, RANGE, at, visit

NR = E.CLOSED_WITHOUT_REPAIR


def seed(live: Live) -> dict[str, Any]:
    supervisor = live.supervisor()
    tech = live.technician()
    r1, r2, r3, r4, r5, r6 = (
        visit(supervisor, tech, at(MON, f"{hour}:00")) for hour in range(9, 15)
    )
    push_ok(
        tech,
        ev(r1, E.CONFIRMED, at(MON, "8:00")),
        ev(r1, NR, at(MON, "8:30"), outcome="resolved_remotely", confirmed_by="Priya"),
    )
    push_ok(
        tech,
        ev(r2, E.ARRIVED, at(MON, "10:00")),
        ev(r2, NR, at(MON, "10:05"), outcome="fixed_on_arrival"),
    )
    push_ok(
        tech,
        ev(r3, E.ARRIVED, at(MON, "11:00")),
        ev(r3, E.PERMISSION_GRANTED, at(MON, "11:05")),
        ev(r3, NR, at(MON, "11:20"), outcome="no_fault_found"),
    )
    start = at(MON, "12:00")
    push_ok(
        tech,
        *(
            ev(r4, kind, start + timedelta(minutes=5 * n))
            for n, kind in enumerate(
                (E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED, E.SIGNED_OFF)
            )
        ),
    )
    push_ok(
        tech,
        ev(r5, E.ARRIVED, at(MON, "13:00")),
        ev(r5, E.PERMISSION_GRANTED, at(MON, "13:05")),
        ev(r5, E.DIAGNOSED, at(MON, "13:10")),
        ev(r5, E.ESCALATED, at(MON, "13:15"), next_update_at=iso(at(MON, "17:00"))),
    )
    push_ok(
        tech,
        ev(r6, E.ARRIVED, at(MON, "14:00")),
        ev(r6, NR, at(MON, "14:05"), outcome="no_longer_needed"),
    )
    return {"supervisor": supervisor, "tech": tech, "ids": [r1, r2, r3, r4, r5, r6]}


EXPECTED = {
    "visits": 6, "arrived": 5, "completed": 1, "escalations": 1,
    "permission_recorded": 3, "first_visit_resolution": 1,
    "resolved_remotely": 1, "fixed_on_arrival": 1, "no_fault_found": 1, "no_longer_needed": 1,
    # closed with no repair is neither completed nor escalated: out of both denominators
    "first_visit_resolution_rate": 1 / 2, "escalation_rate": 1 / 2,
    "promises_due": 1,
}  # fmt: skip


def test_each_outcome_has_its_own_figure_and_the_rates_stay_true(fresh_live: Live) -> None:
    data = seed(fresh_live)

    report = data["supervisor"].get("/metrics", params=RANGE).json()

    team = report["team"]
    assert {k: team[k] for k in EXPECTED} == EXPECTED
    (tech,) = report["technicians"]
    assert tech["metrics"]["no_fault_found"] == 1


def test_the_board_shows_a_visit_closed_with_no_repair_as_such(fresh_live: Live) -> None:
    data = seed(fresh_live)

    page = data["supervisor"].get("/board", params=RANGE).json()

    (tech,) = page["technicians"]
    status = {v["id"]: v["status"] for v in tech["visits"]}
    r1, r2, r3, r4, r5, r6 = data["ids"]
    assert [status[r] for r in (r1, r2, r3, r6)] == ["no_repair"] * 4
    assert (status[r4], status[r5]) == ("completed", "escalated")
    assert tech["counts"]["no_repair"] == 4
    assert tech["counts"]["completed"] == 1


def test_the_server_refuses_a_look_at_the_machine_without_permission(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    push_ok(tech, ev(v, E.ARRIVED, at(MON, "9:00")))

    no_fault, remote, diagnosis, bad = tech.push(
        ev(v, NR, at(MON, "9:05"), outcome="no_fault_found"),
        ev(v, NR, at(MON, "9:06"), outcome="resolved_remotely"),
        ev(v, E.DIAGNOSED, at(MON, "9:07")),
        ev(v, NR, at(MON, "9:08"), outcome="no_fault", source_category="network"),
    )

    assert (no_fault["status"], no_fault["code"]) == ("rejected", "permission_required")
    assert (remote["status"], remote["code"]) == ("rejected", "on_site")
    assert (diagnosis["status"], diagnosis["code"]) == ("rejected", "permission_required")
    assert (bad["status"], bad["code"]) == ("rejected", "invalid_payload")


def test_a_rebuild_gives_what_the_pushes_left_for_the_new_outcomes(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == pushed
    outcomes = sorted(str(f["no_repair_outcome"]) for f in pushed["visit_facts"])
    assert outcomes == [
        "None",
        "None",
        "fixed_on_arrival",
        "no_fault_found",
        "no_longer_needed",
        "resolved_remotely",
    ]
