"""The demo site shows this week's desk situations on every screen: pushed as events, so the
supervisors' lists and figures and the technicians' feeds hold them as in production."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fieldapp.server.demo_data import DEMO_PASSWORD, seed_demo
from tests.server.helpers import Live


def test_the_demo_site_holds_every_desk_situation(fresh_live: Live) -> None:
    now = datetime.now(UTC)
    with fresh_live.db() as session:
        assert seed_demo(session, now, passwords=fresh_live.app.state.passwords)
    sam = fresh_live.login("sam", DEMO_PASSWORD)
    kyra = fresh_live.login("kyra", DEMO_PASSWORD)

    out = sam.get("/equipment-out").json()["items"]
    assert {(i["kind"], i["item"], i["overdue"]) for i in out} == {
        ("part", "USB headset", False),
        ("loan", "Loaner laptop L-07", True),
        ("loan", "Loaner screen S-03", False),
    }
    days = {
        "date_from": (now - timedelta(days=2)).date().isoformat(),
        "date_to": (now + timedelta(days=3)).date().isoformat(),
    }
    team = sam.get("/metrics", params=days).json()["team"]
    assert team["walk_ups"] >= 1
    assert team["reopened"] >= 1
    assert team["vip_visits"] >= 1

    changes = kyra.all_changes()
    types = {c["event"]["type"] for c in changes if c.get("event")}
    assert {"departed", "visit_opened", "reopened", "assistant_added", "diagnosed"} <= types
    assert "user_replied" in types  # Grace Liu asked for another time, and it is waiting
    (asking,) = sam.get("/time-requests").json()["items"]
    assert asking["customer_name"] == "Grace Liu"
    assert len(asking["proposed_times"]) == 2
    diagnoses = [
        c["event"]["payload"]
        for c in changes
        if c.get("event") and c["event"]["type"] == "diagnosed"
    ]
    assert all("problem_since" in p and "shown_by_user" in p for p in diagnoses)
    arrivals = [
        c["event"]["visit_id"]
        for c in changes
        if c.get("event") and c["event"]["type"] == "arrived"
    ]
    assert any(arrivals.count(v) == 2 for v in arrivals)  # a visit worked over two trips
    visits = [c["visit"] for c in changes if c.get("visit")]
    assert any(v["vip"] for v in visits)
    assert any(v["assignee"] == "jb" for v in visits)  # the visit Kyra assists on


def test_the_demo_site_has_an_asset_list_and_a_laptop_with_a_history(fresh_live: Live) -> None:
    now = datetime.now(UTC)
    with fresh_live.db() as session:
        assert seed_demo(session, now, passwords=fresh_live.app.state.passwords)
    sam = fresh_live.login("sam", DEMO_PASSWORD)
    kyra = fresh_live.login("kyra", DEMO_PASSWORD)

    assets = sam.get("/assets", params={"query": "elitebook"}).json()
    history = kyra.get("/sync/history").json()

    assert "HP-LT-0142" in {a["asset_tag"] for a in assets["items"]}
    marcus = [p for p in history["past"] if p["asset_tag"] == "HP-LT-0142"]
    assert len(marcus) == 2
    assert any("battery" in p["diagnosis"] for p in marcus)
    assert any(p["promises"] == ["Call Marcus when the new battery arrives (open)"] for p in marcus)
    owned = {tag for v in history["visits"] for tag in v["owned"]}
    assert "HP-LT-0142" in owned
