"""The desk situations with their own outcome, pushed through the API: the server applies the
same rules, and each outcome has its own figure without bending first-visit resolution or the
escalation rate.

One technician, Monday 2030-03-11 (UTC):
D1 09:00  arrived, the user declined: closed as declined
D2 10:00  arrived, the user declined: escalate; escalated (next update Mon 17:00)
D3 11:00  arrived, the user declined: another time; back at 15:00, permission, diagnosed,
          shown working, signed off (second arrival: not a first-visit resolution)
D4 12:00  arrived, user absent and not urgent: note left; back at 16:00, permission,
          diagnosed, shown working, signed off
D5 13:00  arrived, user absent and urgent, diagnosed, the user came back, shown working,
          signed off without the absent-user checks
D6 14:00  arrived, permission, diagnosed, shown working, signed off
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fieldapp.domain import EventType as E
from tests.server.helpers import Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import MON, RANGE, at, visit


def done(v: str, start: datetime) -> list[dict[str, Any]]:
    """Permission, diagnosis, resolution shown working, sign-off: from `start`, 5 min apart."""
    return [
        ev(v, kind, start + timedelta(minutes=5 * n))
        for n, kind in enumerate((E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED, E.SIGNED_OFF))
    ]


def seed(live: Live) -> dict[str, Any]:
    supervisor = live.supervisor()
    tech = live.technician()
    d1, d2, d3, d4, d5, d6 = (
        visit(supervisor, tech, at(MON, f"{hour}:00")) for hour in range(9, 15)
    )
    push_ok(
        tech,
        ev(d1, E.ARRIVED, at(MON, "9:00")),
        ev(d1, E.PERMISSION_DECLINED, at(MON, "9:05"), next_step="close", reason="Not today."),
    )
    push_ok(
        tech,
        ev(d2, E.ARRIVED, at(MON, "10:00")),
        ev(d2, E.PERMISSION_DECLINED, at(MON, "10:05"), next_step="escalate"),
        ev(d2, E.ESCALATED, at(MON, "10:10"), next_update_at=iso(at(MON, "17:00"))),
    )
    push_ok(
        tech,
        ev(d3, E.ARRIVED, at(MON, "11:00")),
        ev(d3, E.PERMISSION_DECLINED, at(MON, "11:05"), next_step="another_time"),
        ev(d3, E.ARRIVED, at(MON, "15:00")),
        *done(d3, at(MON, "15:05")),
    )
    push_ok(
        tech,
        ev(d4, E.ARRIVED, at(MON, "12:00")),
        ev(d4, E.USER_ABSENT_NOTE_LEFT, at(MON, "12:05")),
        ev(d4, E.ARRIVED, at(MON, "16:00")),
        *done(d4, at(MON, "16:05")),
    )
    push_ok(
        tech,
        ev(d5, E.ARRIVED, at(MON, "13:00")),
        ev(d5, E.USER_ABSENT_URGENT, at(MON, "13:05")),
        ev(d5, E.DIAGNOSED, at(MON, "13:10")),
        ev(d5, E.USER_RETURNED, at(MON, "13:15")),
        ev(d5, E.RESOLVED, at(MON, "13:20")),
        ev(d5, E.SIGNED_OFF, at(MON, "13:25")),
    )
    push_ok(tech, ev(d6, E.ARRIVED, at(MON, "14:00")), *done(d6, at(MON, "14:05")))
    return {"supervisor": supervisor, "tech": tech, "ids": [d1, d2, d3, d4, d5, d6]}


EXPECTED = {
    "visits": 6, "arrived": 6, "completed": 4, "escalations": 1,
    "permission_recorded": 6, "first_visit_resolution": 2,
    "declined_by_user": 3, "closed_declined": 1, "absent_note_left": 1,
    "absent_user_returned": 1,
    # closed as declined is neither completed nor escalated: out of both denominators
    "first_visit_resolution_rate": 2 / 5, "escalation_rate": 1 / 5,
    # no outcome here promises anything but the escalation's next update
    "promises_due": 1,
}  # fmt: skip


def test_each_outcome_has_its_own_figure_and_the_rates_stay_true(fresh_live: Live) -> None:
    data = seed(fresh_live)

    report = data["supervisor"].get("/metrics", params=RANGE).json()

    team = report["team"]
    assert {k: team[k] for k in EXPECTED} == EXPECTED


def test_the_board_shows_a_visit_closed_as_declined_as_such(fresh_live: Live) -> None:
    data = seed(fresh_live)

    page = data["supervisor"].get("/board", params=RANGE).json()

    (tech,) = page["technicians"]
    status = {v["id"]: v["status"] for v in tech["visits"]}
    d1, d2, *_ = data["ids"]
    assert status[d1] == "declined"
    assert status[d2] == "escalated"
    assert tech["counts"]["declined"] == 1
    assert tech["counts"]["completed"] == 4


def test_the_server_refuses_work_after_a_refusal_with_the_rules_sentence(
    fresh_live: Live,
) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    push_ok(
        tech,
        ev(v, E.ARRIVED, at(MON, "9:00")),
        ev(v, E.PERMISSION_DECLINED, at(MON, "9:05"), next_step="escalate"),
    )

    diagnosis, granted, bad = tech.push(
        ev(v, E.DIAGNOSED, at(MON, "9:10")),
        ev(v, E.PERMISSION_GRANTED, at(MON, "9:11")),
        ev(v, E.PERMISSION_DECLINED, at(MON, "9:12"), next_step="never"),
    )

    assert (diagnosis["status"], diagnosis["code"]) == ("rejected", "permission_required")
    assert (granted["status"], granted["code"]) == ("rejected", "permission_already_recorded")
    assert (bad["status"], bad["code"]) == ("rejected", "invalid_payload")
    assert "next_step" in bad["message"]


def test_a_rebuild_gives_what_the_pushes_left_for_the_new_outcomes(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == pushed
    flags = [
        (f["declined_by_user"], f["closed_declined"], f["absent_note_left"])
        for f in pushed["visit_facts"]
    ]
    declined, not_closed, note_left, neither = (
        (True, True, False),
        (True, False, False),
        (False, False, True),
        (False, False, False),
    )
    assert sorted(flags) == sorted([declined, not_closed, not_closed, note_left, neither, neither])
