"""Dispatch tools: the VIP preview, the CSV/JSON import, and the CSV exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fieldapp.domain import EventType as E
from fieldapp.server import exports
from tests.server.helpers import Client, Live, create_visit
from tests.server.supervision_kit import ev, iso, push_ok

DAY = datetime(2030, 3, 12, tzinfo=UTC)


def at(hour: float) -> datetime:
    return DAY + timedelta(hours=hour)


def slot(supervisor: Client, tech: str, start: float, hours: float, minutes: int, **kw: Any) -> str:
    return create_visit(
        supervisor,
        tech,
        window_start=iso(at(start)),
        window_end=iso(at(start + hours)),
        estimated_minutes=minutes,
        **kw,
    )


def test_the_preview_lists_the_visits_a_vip_would_delay(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    name = tech.username
    v900 = slot(supervisor, name, 9, 2, 30)
    v930 = slot(supervisor, name, 9.5, 1, 30)
    v1000 = slot(supervisor, name, 10, 2, 30)
    slot(supervisor, name, 14, 1, 60)  # far enough: unaffected
    done = slot(supervisor, name, 9, 1, 30)
    cancelled = slot(supervisor, name, 9, 1, 30)
    supervisor.post(f"/visits/{cancelled}/cancel", json={"reason": "Duplicate."})
    flow = (E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED, E.SIGNED_OFF)
    push_ok(tech, *(ev(done, kind, at(9)) for kind in flow))
    vip = create_visit(supervisor, None, estimated_minutes=60, customer_name="CEO's desk")
    request = {
        "visit_id": vip,
        "assignee": name,
        "window_start": iso(at(9)),
        "window_end": iso(at(10)),
    }

    answer = supervisor.post("/dispatch/preview", json=request)

    assert answer.status_code == 200, answer.text
    preview = answer.json()
    delayed = {d["visit_id"]: d for d in preview["delayed"]}
    assert list(delayed) == [v900, v930, v1000]
    assert [delayed[v]["delay_minutes"] for v in (v900, v930, v1000)] == [60, 60, 60]
    assert datetime.fromisoformat(delayed[v930]["start_after"]) == at(10.5)
    assert datetime.fromisoformat(delayed[v930]["start_before"]) == at(9.5)
    assert [delayed[v]["misses_window"] for v in (v900, v930, v1000)] == [False, True, False]
    assert preview["unaffected"] == 1
    assert datetime.fromisoformat(preview["slot_start"]) == at(9)
    assert datetime.fromisoformat(preview["slot_end"]) == at(10)
    assert preview["day"] == "2030-03-12"
    # nothing changed
    assert supervisor.get(f"/visits/{vip}").json()["assignee"] is None


def test_the_preview_for_a_new_visit_and_its_errors(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    slot(supervisor, tech.username, 9, 1, 30)
    base = {"assignee": tech.username, "window_start": iso(at(8.75)), "window_end": iso(at(10))}

    new = supervisor.post("/dispatch/preview", json={**base, "estimated_minutes": 30}).json()
    no_minutes = supervisor.post("/dispatch/preview", json=base)
    nobody = supervisor.post(
        "/dispatch/preview", json={**base, "assignee": "nobody", "estimated_minutes": 5}
    )
    backwards = supervisor.post(
        "/dispatch/preview",
        json={**base, "window_end": iso(at(8)), "estimated_minutes": 5},
    )

    assert [d["delay_minutes"] for d in new["delayed"]] == [15]
    assert no_minutes.status_code == 422
    assert nobody.json()["error"] == "unknown_assignee"
    assert backwards.json()["error"] == "invalid_window"


def test_import_csv_all_or_nothing(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    head = "reference,customer_name,window_start,window_end,assignee\n"
    good = head + "".join(
        f"IMP-{tech.username}-{i},Customer {i},{iso(at(9 + i))},{iso(at(10 + i))},{tech.username}\n"
        for i in range(2)
    )
    bad = head + (
        f"IMP-{tech.username}-x,Customer x,{iso(at(9))},{iso(at(10))},{tech.username}\n"
        f"IMP-{tech.username}-y,Customer y,tomorrow,{iso(at(10))},{tech.username}\n"
    )
    csv_type = {"Content-Type": "text/csv"}

    created = supervisor.post("/visits/import", data=good.encode(), headers=csv_type)
    refused = supervisor.post("/visits/import", data=bad.encode(), headers=csv_type)
    as_json = supervisor.post(
        "/visits/import",
        json=[{"reference": f"IMP-{tech.username}-j", "customer_name": "J", **_window()}],
    )
    wrong_type = supervisor.post("/visits/import", data=b"x", headers={"Content-Type": "image/png"})

    assert created.status_code == 201, created.text
    assert created.json()["created"] == 2
    listed = tech.get("/visits").json()["visits"]
    assert {v["id"] for v in listed} >= set(created.json()["ids"])
    assert refused.status_code == 422
    assert refused.json()["error"] == "invalid_import"
    assert "line 3" in refused.json()["message"]
    assert "window_start" in refused.json()["message"]
    assert refused.json()["details"][0]["msg"].startswith("line 3")
    assert not any(v["reference"].endswith("-x") for v in tech.get("/visits").json()["visits"])
    assert as_json.status_code == 201
    assert wrong_type.status_code == 415


def _window() -> dict[str, str]:
    return {"window_start": iso(at(9)), "window_end": iso(at(10))}


def read_csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_exports_stream_visits_and_metrics(
    fresh_live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PAGE_ROWS", 2)  # several pages, ties on window_start
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    ids = [slot(supervisor, tech.username, 9 + (i // 2), 1, 30) for i in range(5)]
    sneaky = slot(supervisor, tech.username, 15, 1, 30, customer_name="=HYPERLINK(1)")
    slot(supervisor, tech.username, 48, 1, 30)  # two days later: outside the range
    push_ok(tech, *(ev(ids[0], kind, at(9)) for kind in (E.CONFIRMED, E.ARRIVED)))
    day = {"date_from": "2030-03-12", "date_to": "2030-03-12"}

    visits = read_csv(supervisor.get("/export/visits.csv", params=day))
    for_tech = read_csv(
        supervisor.get("/export/visits.csv", params={**day, "technician": tech.username})
    )
    unknown = supervisor.get("/export/visits.csv", params={**day, "technician": "nobody"})
    metrics = read_csv(supervisor.get("/export/metrics.csv", params=day))

    in_order = sorted(ids, key=lambda v: (ids.index(v) // 2, v))  # window start, then id
    assert [row["visit_id"] for row in visits] == [*in_order, sneaky]
    assert len(for_tech) == 6
    assert unknown.status_code == 404
    first = next(row for row in visits if row["visit_id"] == ids[0])
    assert (first["step"], first["confirmed_in_advance"], first["arrivals"]) == (
        "arrived",
        "yes",
        "1",
    )
    assert first["assignee"] == tech.username
    assert visits[-1]["customer_name"] == "'=HYPERLINK(1)"
    # then one row per source category (tests/server/test_care_audit_metrics.py)
    assert [row["scope"] for row in metrics] == ["team", "technician", *["category"] * 5]
    assert metrics[1]["technician"] == tech.username
    assert (metrics[0]["visits"], metrics[0]["confirmed_in_advance"]) == ("6", "1")
    assert metrics[0]["confirmed_in_advance_rate"] == f"{1 / 6:.4f}"
