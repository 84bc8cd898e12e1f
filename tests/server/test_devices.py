"""Devices on the server: the asset list imported (CSV, JSON, the admin command) all or
nothing, searched by supervisors; a visit naming its device by an event; the round's history
of each device and person sent to the laptop; older laptops spared the new event type.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from fieldapp import protocol
from fieldapp.domain import EventType as E
from fieldapp.server.models_devices import Asset, VisitDevice
from tests.server.helpers import Client, Live, create_visit
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_admin import _admin

CSV = {"Content-Type": "text/csv"}
HEAD = "asset_tag,hostname,serial,model,owner,owner_email\n"


def tag(prefix: str = "IT") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def post_csv(supervisor: Client, text: str) -> requests.Response:
    return supervisor.post("/assets/import", data=text.encode(), headers=CSV)


def test_a_csv_list_is_imported_then_updated_by_tag_and_searched(live: Live) -> None:
    supervisor = live.supervisor()
    one, two = tag(), tag()
    body = HEAD + (
        f"{one.lower()},PC-ACCT-07,5CG1,EliteBook 840,Mary Smith,mary@example.org\n"
        f"{two},PC-ACCT-08,5CG2,ThinkPad T14,Joe Bloggs,\n"
    )

    created = post_csv(supervisor, body)
    updated = post_csv(supervisor, HEAD + f"{one},PC-ACCT-07b,5CG1,EliteBook 850,Mary Smith,\n")
    found = supervisor.get("/assets", params={"query": "elitebook 85"})
    by_owner = supervisor.get("/assets", params={"query": "joe bloggs"})

    assert created.status_code == 200, created.text
    assert created.json() == {"created": 2, "updated": 0}
    assert updated.json() == {"created": 0, "updated": 1}
    assert found.json()["items"] == [
        {
            "asset_tag": one,
            "hostname": "PC-ACCT-07b",
            "serial": "5CG1",
            "model": "EliteBook 850",
            "owner": "Mary Smith",
            "owner_email": "",
        }
    ]
    assert [a["asset_tag"] for a in by_owner.json()["items"]] == [two]


def test_bad_rows_are_each_named_and_nothing_is_imported(live: Live) -> None:
    supervisor = live.supervisor()
    fine, repeated = tag(), tag()
    body = HEAD + (
        f"{fine},PC-1,,,,\n{repeated},PC-2,,,,\n{repeated},PC-3,,,,\n,PC-4,,,,\nno good!,PC-5,,,,\n"
    )
    items: list[Any] = [
        {"asset_tag": tag(), "model": "ok"},
        {"asset_tag": tag(), "colour": "red"},
        {"asset_tag": tag(), "serial": 12},
        "IT-1",
    ]
    before = live.count(Asset)

    csv_answer = post_csv(supervisor, body)
    json_answer = supervisor.post("/assets/import", json=items)
    header = post_csv(supervisor, "tag,hostname\nIT-1,PC\n")
    wrong_type = supervisor.post(
        "/assets/import", data=b"x", headers={"Content-Type": "text/plain"}
    )
    technician = live.technician().post("/assets/import", json=[{"asset_tag": tag()}])

    assert csv_answer.status_code == 422
    assert [d["msg"] for d in csv_answer.json()["details"]] == [
        f"line 4, field 'asset_tag': '{repeated}' repeats line 3",
        "line 5, field 'asset_tag': is missing",
        (
            "line 6, field 'asset_tag': 'NOGOOD!' is not an asset tag (letters, digits and "
            ". _ / : # - only)"
        ),
    ]
    assert csv_answer.json()["message"].startswith("Nothing was imported: line 4")
    assert [d["msg"] for d in json_answer.json()["details"]] == [
        "item 2: 'colour' is not an asset field",
        "item 3, field 'serial': must be text",
        "item 4: must be an object with the device's fields",
    ]
    assert header.status_code == 422
    assert "'tag' is not an asset field" in header.json()["message"]
    assert wrong_type.status_code == 415
    assert technician.status_code == 403
    assert live.count(Asset) == before


def test_the_admin_command_imports_a_json_list_and_names_bad_rows(
    fresh_live: Live, tmp_path: Path
) -> None:
    good, bad = tmp_path / "assets.json", tmp_path / "bad.csv"
    good.write_text(json.dumps([{"asset_tag": "it-9", "owner": "Ann"}, {"asset_tag": "IT-10"}]))
    bad.write_text(HEAD + ",PC-1,,,,\n")

    done = _admin(fresh_live, tmp_path, "import-assets", str(good))
    refused = _admin(fresh_live, tmp_path, "import-assets", str(bad))

    assert done.returncode == 0, done.stderr
    assert "2 devices added to the asset list and 0 updated from assets.json." in done.stdout
    assert refused.returncode == 2
    assert "line 2, field 'asset_tag': is missing" in refused.stderr
    assert fresh_live.count(Asset) == 2


def _worked_visit(
    supervisor: Client, tech: Client, start: datetime, device: str | None, **fields: Any
) -> str:
    visit_id = create_visit(
        supervisor,
        tech.username,
        window_start=iso(start),
        window_end=iso(start + timedelta(hours=1)),
        **fields,
    )
    events = [
        ev(visit_id, E.ARRIVED, start),
        ev(visit_id, E.PERMISSION_GRANTED, start + timedelta(minutes=1)),
        ev(visit_id, E.DIAGNOSED, start + timedelta(minutes=5), findings="Toner empty"),
        ev(visit_id, E.RESOLVED, start + timedelta(minutes=9), explanation="New toner fitted."),
    ]
    if device:
        events.insert(0, ev(visit_id, E.DEVICE_ATTACHED, start, asset_tag=device.lower()))
    push_ok(tech, *events)
    return visit_id


def test_the_round_gets_the_history_of_its_devices_and_people(live: Live) -> None:
    supervisor, tech, colleague = live.supervisor(), live.technician(), live.technician()
    laptop, other = tag("LT"), tag("LT")
    email = f"mary-{uuid.uuid4().hex[:6]}@example.org"
    assert (
        supervisor.post(
            "/assets/import",
            json=[
                {"asset_tag": laptop, "model": "EliteBook", "owner": "Mary", "owner_email": email},
                {"asset_tag": other, "owner": "Someone Else"},
            ],
        ).status_code
        == 200
    )
    now = datetime.now(UTC)
    # Mary's laptop was worked on twice by a colleague; once her visit named no device; a
    # visit on another device, of another user, is not hers.
    first = _worked_visit(supervisor, colleague, now - timedelta(days=40), laptop)
    second = _worked_visit(
        supervisor, colleague, now - timedelta(days=3), laptop, contact_email=email.upper()
    )
    hers = _worked_visit(supervisor, colleague, now - timedelta(days=10), None, contact_email=email)
    _worked_visit(supervisor, colleague, now - timedelta(days=5), other)
    _worked_visit(supervisor, colleague, now - timedelta(days=400), laptop)  # too old
    today = create_visit(
        supervisor,
        tech.username,
        window_start=iso(now + timedelta(hours=1)),
        window_end=iso(now + timedelta(hours=2)),
        contact_email=email,
    )

    history = tech.get("/sync/history")

    assert history.status_code == 200, history.text
    body = protocol.RoundHistory.model_validate(history.json())
    mine = next(v for v in body.visits if v.visit_id == today)
    assert mine.asset_tag is None
    assert mine.owned == [laptop]
    assert [(link.past_visit_id, link.by) for link in mine.past] == [
        (second, "device"),
        (first, "device"),
        (hers, "person"),
    ]
    past = {p.visit_id: p for p in body.past}
    assert past[first].diagnosis == "software: Toner empty"
    assert past[first].fix == "New toner fitted."
    assert past[first].technician == colleague.username
    assert past[first].asset_tag == laptop
    assert [a.asset_tag for a in body.assets] == [laptop]

    # Naming the device on today's visit makes it the visit's device (a derived row that a
    # rebuild gives back).
    push_ok(tech, ev(today, E.DEVICE_ATTACHED, now, asset_tag=laptop, how="scanner"))
    after = protocol.RoundHistory.model_validate(tech.get("/sync/history").json())
    assert next(v for v in after.visits if v.visit_id == today).asset_tag == laptop
    assert live.count(VisitDevice, VisitDevice.visit_id == today) == 1
    assert supervisor.get("/sync/history").status_code == 403


def test_the_device_row_is_rebuilt_from_the_events(fresh_live: Live) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    _worked_visit(supervisor, tech, datetime(2030, 1, 1, 9, tzinfo=UTC), "IT-77")
    before = snapshot(fresh_live)
    with fresh_live.db() as session:
        rows = session.query(VisitDevice).all()
        assert [r.asset_tag for r in rows] == ["IT-77"]

    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == before
    assert fresh_live.count(VisitDevice) == 1


def test_a_laptop_reading_an_older_feed_shape_is_spared_device_events(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(supervisor, tech.username)
    push_ok(tech, ev(visit_id, E.DEVICE_ATTACHED, datetime(2030, 1, 1, tzinfo=UTC)))

    def types(headers: dict[str, str]) -> list[str]:
        page = tech.get("/sync/changes", params={"cursor": 0}, headers=headers).json()
        return [c["event"]["type"] for c in page["changes"] if c["event"]]

    released = {protocol.CLIENT_VERSION_HEADER: "0.2.0"}
    assert "device_attached" not in types(released)
    assert "device_attached" not in types({protocol.CLIENT_VERSION_HEADER: "0.1.0"})
    assert "device_attached" in types({**released, protocol.FEED_SHAPE_HEADER: "3"})
    assert "device_attached" in types({})


def test_a_customer_without_an_address_is_found_by_name_whatever_its_case(live: Live) -> None:
    supervisor, tech, colleague = live.supervisor(), live.technician(), live.technician()
    name = f"Ana Lima {uuid.uuid4().hex[:6]}"
    now = datetime.now(UTC)
    before = _worked_visit(
        supervisor, colleague, now - timedelta(days=20), None, customer_name=name
    )
    shouted = _worked_visit(
        supervisor, colleague, now - timedelta(days=2), None, customer_name=name.upper()
    )
    _worked_visit(supervisor, colleague, now - timedelta(days=4), None, customer_name=name + "x")
    today = create_visit(
        supervisor,
        tech.username,
        window_start=iso(now + timedelta(hours=1)),
        window_end=iso(now + timedelta(hours=2)),
        customer_name=name.lower(),
    )

    body = protocol.RoundHistory.model_validate(tech.get("/sync/history").json())

    mine = next(v for v in body.visits if v.visit_id == today)
    assert [(link.past_visit_id, link.by) for link in mine.past] == [
        (shouted, "person"),
        (before, "person"),
    ]
