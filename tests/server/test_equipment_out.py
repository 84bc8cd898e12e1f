"""Borrowed parts and loans pushed through the API: the server applies the same rules, lists
what is still out for supervisors (whose, who holds it, since when, overdue loans) and counts
each in the care metrics; a rebuild from the events gives the same rows.

One technician, Monday 2025-06-02 (UTC), a day in the past so that a loan can be overdue:
V1 09:00  diagnosis borrows a RAM stick (whose not said) and a power supply from room 4.12;
          resolved; the power supply broke (Ana agreed), the RAM goes back; a loaner laptop
          is lent to Kyra, due Wed 09:00 (overdue now); signed off with no "returned" tick
V2 11:00  a dock borrowed from desk 4.20; diagnosed; escalated (the dock stays out); a
          monitor lent, due in 2100
V3 13:00  two loans: one comes back, the user may keep the other (IT manager agreed)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from fieldapp.domain import EventType as E
from fieldapp.server.db import make_engine
from fieldapp.server.migrate import upgrade_database
from fieldapp.server.models_facts import EquipmentItem, PromiseRecord
from tests.server.helpers import Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_facts import _insert_old_data
from tests.server.test_supervisor_metrics import at, visit

DAY = datetime(2025, 6, 2, tzinfo=UTC)
RANGE = {"date_from": "2025-06-02", "date_to": "2025-06-03"}
RAM, PSU, DOCK = "RAM stick", "Power supply", "Dock"
FAR = "2100-01-01T09:00:00+00:00"


def seed(live: Live) -> dict[str, Any]:
    supervisor = live.supervisor()
    tech = live.technician()
    v1, v2, v3 = (visit(supervisor, tech, at(DAY, f"{hour}:00")) for hour in (9, 11, 13))
    lent = ev(v1, E.LOAN_MADE, at(DAY, "9:40"), due_at=iso(at(DAY, "9:00") + timedelta(days=2)))
    push_ok(
        tech,
        ev(v1, E.ARRIVED, at(DAY, "9:00")),
        ev(v1, E.PERMISSION_GRANTED, at(DAY, "9:05")),
        ev(v1, E.DIAGNOSED, at(DAY, "9:10"), borrowed_parts=[RAM]),
        ev(v1, E.PART_BORROWED, at(DAY, "9:12"), part=PSU, whose="Meeting room 4.12"),
        ev(v1, E.RESOLVED, at(DAY, "9:30")),
        ev(v1, E.PART_DISPOSED, at(DAY, "9:35"), part=PSU, fate="broken", agreed_with="Ana"),
        ev(v1, E.PART_RETURNED, at(DAY, "9:36"), part=RAM),
        lent,
        ev(v1, E.SIGNED_OFF, at(DAY, "9:45")),
    )
    push_ok(
        tech,
        ev(v2, E.ARRIVED, at(DAY, "11:00")),
        ev(v2, E.PERMISSION_GRANTED, at(DAY, "11:05")),
        ev(v2, E.PART_BORROWED, at(DAY, "11:10"), part=DOCK, whose="Desk 4.20"),
        ev(v2, E.DIAGNOSED, at(DAY, "11:15")),
        ev(v2, E.ESCALATED, at(DAY, "11:20"), next_update_at=iso(at(DAY, "17:00"))),
        ev(v2, E.LOAN_MADE, at(DAY, "11:25"), item="Loaner monitor", due_at=FAR),
    )
    back = ev(v3, E.LOAN_MADE, at(DAY, "13:00"), item="Loaner mouse", due_at=FAR)
    kept = ev(v3, E.LOAN_MADE, at(DAY, "13:01"), item="Old keyboard", due_at=FAR)
    push_ok(
        tech,
        back,
        kept,
        ev(v3, E.LOAN_RETURNED, at(DAY, "13:30"), loan_id=back["id"]),
        ev(v3, E.LOAN_DISPOSED, at(DAY, "13:31"), loan_id=kept["id"], agreed_with="IT manager"),
    )
    return {"supervisor": supervisor, "tech": tech, "ids": [v1, v2, v3], "lent": lent["id"]}


def test_supervisors_see_what_is_still_out_whose_and_since_when(fresh_live: Live) -> None:
    data = seed(fresh_live)
    v1, v2, _ = data["ids"]

    page = data["supervisor"].get("/equipment-out").json()

    assert page["total"] == 3
    rows = [
        (i["visit_id"], i["kind"], i["item"], i["whose"], i["holder"], i["overdue"])
        for i in page["items"]
    ]
    assert rows == [
        (v1, "loan", "Loaner laptop L-07", "IT loan pool", "Kyra", True),
        (v2, "part", DOCK, "Desk 4.20", "", False),
        (v2, "loan", "Loaner monitor", "IT loan pool", "Kyra", False),
    ]
    laptop, dock, _ = page["items"]
    assert datetime.fromisoformat(laptop["since"]) == at(DAY, "9:40")
    assert datetime.fromisoformat(laptop["due_at"]) == at(DAY, "9:00") + timedelta(days=2)
    assert datetime.fromisoformat(dock["since"]) == at(DAY, "11:10")
    assert dock["due_at"] is None
    tech = data["tech"].username
    assert (dock["technician"], dock["recorded_by"]) == (tech, tech)
    assert dock["reference"]
    assert dock["customer_name"]


def test_the_list_filters_by_kind_and_technician_and_pages(fresh_live: Live) -> None:
    data = seed(fresh_live)
    supervisor = data["supervisor"]

    parts = supervisor.get("/equipment-out", params={"kind": "part"}).json()
    mine = supervisor.get("/equipment-out", params={"technician": data["tech"].username})
    nobody = supervisor.get("/equipment-out", params={"technician": "nobody"}).json()
    second = supervisor.get("/equipment-out", params={"offset": 1, "limit": 1}).json()

    assert [i["item"] for i in parts["items"]] == [DOCK]
    assert mine.json()["total"] == 3
    assert (nobody["total"], nobody["items"]) == (0, [])
    assert (second["total"], [i["item"] for i in second["items"]]) == (3, [DOCK])


def test_technicians_cannot_read_the_list(fresh_live: Live) -> None:
    tech = fresh_live.technician()
    assert tech.get("/equipment-out").status_code == 403


EXPECTED = {
    "parts_borrowed": 3, "parts_disposed": 1, "parts_out": 1,
    "loans_made": 4, "loans_out": 2, "loans_overdue": 1,
    # the parts and loans changed none of the other figures
    "visits": 3, "completed": 1, "escalations": 1, "first_visit_resolution": 1,
}  # fmt: skip


def test_each_figure_is_counted_for_the_team_and_the_technician(fresh_live: Live) -> None:
    data = seed(fresh_live)

    report = data["supervisor"].get("/metrics", params=RANGE).json()

    assert {k: report["team"][k] for k in EXPECTED} == EXPECTED
    (tech,) = report["technicians"]
    assert {k: tech["metrics"][k] for k in EXPECTED} == EXPECTED
    categories = data["supervisor"].get("/metrics/categories", params=RANGE).json()
    software = next(c for c in categories["categories"] if c["category"] == "software")
    # V1 and V2 were diagnosed (software), V3 never was
    assert software["metrics"]["loans_made"] == 2
    assert software["metrics"]["parts_borrowed"] == 3


def test_a_loan_is_a_promise_of_its_maker(fresh_live: Live) -> None:
    data = seed(fresh_live)
    with fresh_live.db() as session:
        promise = session.scalars(
            select(PromiseRecord).where(PromiseRecord.promise_key == data["lent"])
        ).one()
        kinds = sorted(session.scalars(select(PromiseRecord.kind)))
    assert promise.kind == "loan_return"
    assert promise.technician_id is not None
    assert promise.kept_at is None
    assert kinds.count("loan_return") == 4


def test_the_server_applies_the_same_rules(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    v = visit(supervisor, tech, at(DAY, "9:00"))
    lent = ev(v, E.LOAN_MADE, at(DAY, "9:05"), due_at=FAR)
    push_ok(tech, ev(v, E.ARRIVED, at(DAY, "9:00")), lent)

    results = tech.push(
        ev(v, E.PART_DISPOSED, at(DAY, "9:10"), part="never borrowed"),
        ev(v, E.LOAN_RETURNED, at(DAY, "9:11"), loan_id="no-such-loan"),
        ev(v, E.PROMISE_KEPT, at(DAY, "9:12"), promise_id=lent["id"]),
        ev(v, E.LOAN_MADE, at(DAY, "9:13"), due_at=iso(at(DAY, "9:00"))),
        ev(v, E.PART_DISPOSED, at(DAY, "9:14"), part="x", fate="lost", agreed_with="Ana"),
    )

    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "part_not_borrowed"),
        ("rejected", "loan_not_out"),
        ("rejected", "loan_promise"),
        ("rejected", "loan_due_passed"),
        ("rejected", "invalid_payload"),
    ]


def test_a_rebuild_gives_what_the_pushes_left(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == pushed
    fates = sorted(str(row["fate"]) for row in pushed["equipment_items"])
    assert fates == ["None", "None", "None", "broken", "kept_by_user", "returned", "returned"]


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("part_borrowed", {"part": "PSU", "whose": "Room 4.12"}),
        ("loan_made", {"item": "Laptop", "lent_to": "Kyra", "whose": "IT", "due_at": FAR}),
    ],
)
def test_the_migration_fills_the_table_from_the_stored_events(
    database_url: str, kind: str, payload: dict[str, str]
) -> None:
    """A database at 0011 holding an equipment event gains equipment_items, filled from it."""
    upgrade_database(database_url, "0011")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _insert_old_data(connection)
            connection.execute(
                text(
                    "INSERT INTO events (id, visit_id, type, occurred_at, payload, author, "
                    "server_seq, received_at) VALUES ('eq1', 'v1', :type, :t, :payload, "
                    "'kyra', 99, :t)"
                ),
                {"type": kind, "t": "2030-03-11 08:00:00+00:00", "payload": json.dumps(payload)},
            )
        upgrade_database(database_url)
        with engine.connect() as connection:
            rows = connection.execute(
                select(EquipmentItem.visit_id, EquipmentItem.item, EquipmentItem.fate)
            ).all()
    finally:
        engine.dispose()

    item = payload.get("part") or payload["item"]
    assert [tuple(r) for r in rows] == [("v1", item, None)]
