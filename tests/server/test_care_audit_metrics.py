"""The care audit's figures (greeting, telling the user when late, source category, teaching,
out-of-scope requests) per technician, for the team and per source category, on SQLite and
PostgreSQL, against values worked out by hand.

Range: Monday 2030-03-11 and Tuesday 2030-03-12 (UTC). Two technicians:

A  V1 Mon 09:00  arrived late, told the user, greeted; diagnosed network; resolved; taught;
                 two out-of-scope requests noted
   V2 Mon 11:00  arrived late, did not tell, no greeting; diagnosed software, then again
                 hardware (the latest stands); resolved; teaching declined
B  V3 Mon 10:00  arrived on time (no late notice recorded), greeted; diagnosed network;
                 resolved; teaching declined; a general note and a policy request (neither
                 is out of scope)
   V4 Mon 23:30  (Tuesday 00:30 in Paris) arrived late, told, greeted; diagnosed
                 configuration; one out-of-scope request
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fieldapp.domain import EventType as E
from tests.server.helpers import Client, Live
from tests.server.supervision_kit import ev, push_ok
from tests.server.test_supervisor_dispatch import read_csv
from tests.server.test_supervisor_metrics import MON, RANGE, approx, at, visit

OUT_OF_SCOPE = {"category": "out_of_scope", "answer_given": "Personal phones are not ours."}
CATEGORIES = ("network", "software", "hardware", "configuration", "user_knowledge")


def _work(v: str, start: datetime, category: str, **arrival: Any) -> list[dict[str, Any]]:
    return [
        ev(v, E.ARRIVED, start, **arrival),
        ev(v, E.PERMISSION_GRANTED, start + timedelta(minutes=5)),
        ev(v, E.DIAGNOSED, start + timedelta(minutes=10), source_category=category),
    ]


def seed(live: Live) -> dict[str, Client]:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    v1, v2 = (visit(supervisor, a, at(MON, h)) for h in ("9:00", "11:00"))
    v3, v4 = (visit(supervisor, b, at(MON, h)) for h in ("10:00", "23:30"))
    t1, t2, t3, t4 = at(MON, "9:20"), at(MON, "11:20"), at(MON, "10:00"), at(MON, "23:30")
    push_ok(
        a,
        *_work(v1, t1, "network", greeting_done=True, late_notice_given=True),
        ev(v1, E.RESOLVED, t1 + timedelta(minutes=20)),
        ev(v1, E.TAUGHT, t1 + timedelta(minutes=25)),
        ev(v1, E.NOTE, t1 + timedelta(minutes=26), **OUT_OF_SCOPE),
        ev(v1, E.NOTE, t1 + timedelta(minutes=27), **OUT_OF_SCOPE),
    )
    push_ok(
        a,
        *_work(v2, t2, "software", greeting_done=False, late_notice_given=False),
        ev(v2, E.DIAGNOSED, t2 + timedelta(minutes=15), source_category="hardware"),
        ev(v2, E.RESOLVED, t2 + timedelta(minutes=20)),
        ev(v2, E.TEACHING_DECLINED, t2 + timedelta(minutes=25)),
    )
    push_ok(
        b,
        *_work(v3, t3, "network", greeting_done=True),
        ev(v3, E.RESOLVED, t3 + timedelta(minutes=20)),
        ev(v3, E.TEACHING_DECLINED, t3 + timedelta(minutes=25)),
        ev(v3, E.NOTE, t3 + timedelta(minutes=26), category="general"),
        ev(v3, E.NOTE, t3 + timedelta(minutes=27), category="policy", answer_given="No."),
    )
    push_ok(
        b,
        *_work(v4, t4, "configuration", greeting_done=True, late_notice_given=True),
        ev(v4, E.NOTE, t4 + timedelta(minutes=12), **OUT_OF_SCOPE),
    )
    return {"supervisor": supervisor, "a": a, "b": b}


def figures(*counts: int) -> dict[str, Any]:
    """Arrivals, greeted, late, told, teaching offered, accepted, out-of-scope requests."""
    arrivals, greeted, late, told, offered, accepted, oos = counts
    return {
        "arrivals": arrivals, "arrivals_greeted": greeted, "late_arrivals": late,
        "late_arrivals_told": told, "teaching_offered": offered, "teaching_accepted": accepted,
        "out_of_scope_requests": oos,
        "greeting_rate": greeted / arrivals if arrivals else None,
        "late_told_rate": told / late if late else None,
        "teaching_accepted_rate": accepted / offered if offered else None,
    }  # fmt: skip


def diagnoses(**counts: int) -> dict[str, int]:
    return {
        "diagnosed": sum(counts.values()),
        **{f"diagnosed_{c}": counts.get(c, 0) for c in CATEGORIES},
    }


def picked(metrics: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in like}


EXPECTED = {
    "a": {**figures(2, 1, 2, 1, 2, 1, 2), **diagnoses(network=1, hardware=1)},
    "b": {**figures(2, 2, 1, 1, 1, 0, 1), **diagnoses(network=1, configuration=1)},
}
TEAM = {**figures(4, 3, 3, 2, 3, 1, 3), **diagnoses(network=2, hardware=1, configuration=1)}
BY_CATEGORY = {
    "network": {"visits": 2, **figures(2, 2, 1, 1, 2, 1, 2), **diagnoses(network=2)},
    "software": {"visits": 0, **figures(0, 0, 0, 0, 0, 0, 0), **diagnoses()},
    "hardware": {"visits": 1, **figures(1, 0, 1, 0, 1, 0, 0), **diagnoses(hardware=1)},
    "configuration": {"visits": 1, **figures(1, 1, 1, 1, 0, 0, 1), **diagnoses(configuration=1)},
    "user_knowledge": {"visits": 0, **figures(0, 0, 0, 0, 0, 0, 0), **diagnoses()},
}


def test_care_audit_figures_per_technician_and_for_the_team(fresh_live: Live) -> None:
    people = seed(fresh_live)

    report = people["supervisor"].get("/metrics", params=RANGE).json()

    assert picked(report["team"], TEAM) == approx(TEAM)
    by_name = {t["technician"]: t["metrics"] for t in report["technicians"]}
    for key in ("a", "b"):
        assert picked(by_name[people[key].username], EXPECTED[key]) == approx(EXPECTED[key]), key


def test_care_audit_figures_per_source_category(fresh_live: Live) -> None:
    people = seed(fresh_live)
    supervisor = people["supervisor"]

    team = supervisor.get("/metrics/categories", params=RANGE)
    only_b = supervisor.get(
        "/metrics/categories", params={**RANGE, "technician": people["b"].username}
    ).json()
    nobody = supervisor.get("/metrics/categories", params={**RANGE, "technician": "nobody"})

    assert team.status_code == 200, team.text
    rows = team.json()["categories"]
    assert [r["category"] for r in rows] == list(CATEGORIES)
    for row in rows:
        want = BY_CATEGORY[row["category"]]
        assert picked(row["metrics"], want) == approx(want), row["category"]
    b_visits = {r["category"]: r["metrics"]["visits"] for r in only_b["categories"]}
    assert b_visits == {**dict.fromkeys(CATEGORIES, 0), "network": 1, "configuration": 1}
    assert only_b["technician"] == people["b"].username
    assert nobody.status_code == 200
    assert {r["metrics"]["visits"] for r in nobody.json()["categories"]} == {0}


def test_care_audit_figures_follow_the_supervisors_time_zone(fresh_live: Live) -> None:
    """V4 starts Monday 23:30 UTC: Tuesday 00:30 in Paris, so Paris's Monday leaves it out."""
    people = seed(fresh_live)
    supervisor = people["supervisor"]

    def team(day: str, tz: str) -> dict[str, Any]:
        params = {"date_from": day, "date_to": day, "tz": tz}
        return dict(supervisor.get("/metrics", params=params).json()["team"])

    def configuration(day: str, tz: str) -> int:
        params = {"date_from": day, "date_to": day, "tz": tz}
        rows = supervisor.get("/metrics/categories", params=params).json()["categories"]
        return int(next(r for r in rows if r["category"] == "configuration")["metrics"]["visits"])

    monday_utc, monday_paris = team("2030-03-11", "UTC"), team("2030-03-11", "Europe/Paris")
    tuesday_paris = team("2030-03-12", "Europe/Paris")

    assert (monday_utc["out_of_scope_requests"], monday_utc["late_arrivals"]) == (3, 3)
    assert (monday_paris["out_of_scope_requests"], monday_paris["late_arrivals"]) == (2, 2)
    assert (tuesday_paris["out_of_scope_requests"], tuesday_paris["late_arrivals"]) == (1, 1)
    assert (configuration("2030-03-11", "UTC"), configuration("2030-03-11", "Europe/Paris")) == (
        1,
        0,
    )
    assert configuration("2030-03-12", "Europe/Paris") == 1


def test_the_metrics_export_carries_the_figures_and_a_row_per_category(fresh_live: Live) -> None:
    people = seed(fresh_live)

    rows = read_csv(people["supervisor"].get("/export/metrics.csv", params=RANGE))

    team = next(r for r in rows if r["scope"] == "team")
    per_category = {r["category"]: r for r in rows if r["scope"] == "category"}
    assert {r["scope"] for r in rows} == {"team", "technician", "category"}
    assert (team["arrivals_greeted"], team["late_arrivals_told"], team["teaching_accepted"]) == (
        "3",
        "2",
        "1",
    )
    assert team["out_of_scope_requests"] == "3"
    assert list(per_category) == list(CATEGORIES)
    assert per_category["network"]["visits"] == "2"
    assert per_category["hardware"]["late_told_rate"] == "0.0000"
    assert all(r["category"] == "" for r in rows if r["scope"] != "category")
