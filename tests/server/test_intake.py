"""The intake rules on the server, on SQLite and PostgreSQL: priority worked out from impact and
urgency by the supervisors' matrix (VIP an explicit override), the matrix's versions, the
diagnosis's two questions and the additions to what was tried in the metrics, and the feed an
older laptop gets without what it cannot read."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from fieldapp import protocol
from fieldapp.domain import EventType as E
from fieldapp.domain.priority import DEFAULT_MATRIX
from tests.server.helpers import Client, Live, create_visit, visit_body
from tests.server.supervision_kit import ev, push_ok
from tests.server.test_supervisor_metrics import MON, RANGE, at, visit

OLD_LAPTOP = {protocol.CLIENT_VERSION_HEADER: "0.1.0"}
NEW_LAPTOP = {protocol.CLIENT_VERSION_HEADER: protocol.CLIENT_VERSION}


def created(supervisor: Client, **fields: Any) -> dict[str, Any]:
    response = supervisor.post("/visits", json=visit_body(None, **fields))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_priority_is_worked_out_from_impact_and_urgency(live: Live) -> None:
    supervisor = live.supervisor()
    assert created(supervisor)["priority"] == "normal"  # medium and medium by default
    high = created(supervisor, impact="high", urgency="medium")
    assert (high["impact"], high["urgency"], high["vip"], high["priority"]) == (
        "high",
        "medium",
        False,
        "high",
    )
    assert created(supervisor, impact="low", urgency="low")["priority"] == "low"


def test_vip_is_an_explicit_override_to_critical(live: Live) -> None:
    supervisor = live.supervisor()
    vip = created(supervisor, impact="low", urgency="low", vip=True)
    assert (vip["vip"], vip["priority"]) == (True, "critical")

    back = supervisor.patch(f"/visits/{vip['id']}", json={"vip": False})
    assert back.status_code == 200, back.text
    assert (back.json()["vip"], back.json()["priority"]) == (False, "low")


def test_a_typed_priority_is_accepted_only_when_it_is_what_the_inputs_give(live: Live) -> None:
    supervisor = live.supervisor()
    same = created(supervisor, impact="high", urgency="high", priority="critical")
    assert same["priority"] == "critical"

    typed = supervisor.post("/visits", json=visit_body(None, priority="critical"))
    assert typed.status_code == 422
    assert typed.json()["error"] == "priority_worked_out"
    assert "worked out from impact and urgency" in typed.json()["message"]
    assert "these give normal, not critical" in typed.json()["message"]

    patched = supervisor.patch(f"/visits/{same['id']}", json={"priority": "low"})
    assert patched.status_code == 422
    assert patched.json()["error"] == "priority_worked_out"
    moved = supervisor.patch(f"/visits/{same['id']}", json={"urgency": "low"})
    assert moved.json()["priority"] == "normal"


def test_an_import_row_with_a_typed_priority_that_differs_is_named(live: Live) -> None:
    supervisor = live.supervisor()
    rows = [visit_body(None, impact="high"), visit_body(None, priority="high")]
    response = supervisor.post("/visits/import", json=rows)
    assert response.status_code == 422
    assert "item 2, field 'priority'" in response.json()["message"]
    assert "item 1" not in response.json()["message"]


def test_the_matrix_is_read_by_anyone_and_set_by_supervisors_in_versions(
    fresh_live: Live,
) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    default = tech.get("/priority-matrix").json()
    assert default["version"] == 0
    assert default["cells"] == DEFAULT_MATRIX

    stricter = copy.deepcopy(DEFAULT_MATRIX)
    stricter["medium"]["medium"] = "low"
    assert tech.put("/priority-matrix", json={"cells": stricter}).status_code == 403
    first = supervisor.put("/priority-matrix", json={"cells": stricter})
    assert first.status_code == 200, first.text
    second = supervisor.put("/priority-matrix", json={"cells": DEFAULT_MATRIX}).json()

    assert first.json()["version"] == 1
    assert first.json()["set_by"] == supervisor.username
    assert second["version"] == 2
    assert tech.get("/priority-matrix").json()["cells"] == DEFAULT_MATRIX


def test_a_matrix_that_ranks_a_worse_problem_lower_is_refused(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    upside_down = copy.deepcopy(DEFAULT_MATRIX)
    upside_down["low"]["high"] = "critical"
    response = supervisor.put("/priority-matrix", json={"cells": upside_down})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_matrix"
    assert "more impact never lowers the priority" in response.json()["message"]
    incomplete = supervisor.put("/priority-matrix", json={"cells": {"high": {"high": "low"}}})
    assert incomplete.status_code == 422
    assert supervisor.get("/priority-matrix").json()["version"] == 0


def test_a_new_matrix_reprioritises_open_visits_and_tells_their_laptops(
    fresh_live: Live,
) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    open_id = create_visit(supervisor, tech.username)
    vip_id = create_visit(supervisor, tech.username, vip=True)
    done_id = create_visit(supervisor, tech.username)
    start = MON
    push_ok(
        tech,
        *[
            ev(done_id, kind, start + timedelta(minutes=i))
            for i, kind in enumerate((E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED))
        ],
        ev(done_id, E.SIGNED_OFF, start + timedelta(minutes=9)),
    )
    cursor = tech.changes()["next_cursor"]

    stricter = copy.deepcopy(DEFAULT_MATRIX)
    stricter["medium"]["medium"] = "low"
    answer = supervisor.put("/priority-matrix", json={"cells": stricter}).json()

    assert answer["visits_reprioritised"] == 1
    changed = [c for c in tech.changes(cursor)["changes"] if c["kind"] == "visit"]
    assert [(c["visit_id"], c["visit"]["priority"]) for c in changed] == [(open_id, "low")]
    assert supervisor.get(f"/visits/{vip_id}").json()["priority"] == "critical"
    assert supervisor.get(f"/visits/{done_id}").json()["priority"] == "normal"
    assert created(supervisor)["priority"] == "low"  # new visits follow the new matrix


def _diagnosis(v: str, when: Any, **answers: Any) -> list[dict[str, Any]]:
    return [
        ev(v, E.ARRIVED, when),
        ev(v, E.PERMISSION_GRANTED, when + timedelta(minutes=5)),
        ev(v, E.DIAGNOSED, when + timedelta(minutes=10), **answers),
    ]


def test_the_intake_figures_per_technician(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    a, b = fresh_live.technician(), fresh_live.technician()
    v1, v2 = (visit(supervisor, a, at(MON, h)) for h in ("9:00", "11:00"))
    v3 = visit(supervisor, b, at(MON, "10:00"))
    supervisor.patch(f"/visits/{v3}", json={"vip": True})
    t1, t2, t3 = at(MON, "9:00"), at(MON, "11:00"), at(MON, "10:00")
    push_ok(
        a,
        ev(v1, E.ALREADY_TRIED_ADDED, t1 - timedelta(minutes=1), text="Rebooted."),
        *_diagnosis(v1, t1, problem_since="this_week", shown_by_user=True),
        ev(v1, E.ALREADY_TRIED_ADDED, t1 + timedelta(minutes=11), text="Reinstalled Teams."),
        *_diagnosis(v2, t2, problem_since="not_sure", shown_by_user=False, not_shown_reason="x"),
    )
    # B's first diagnosis asked both; the latest (which stands) asked neither.
    push_ok(
        b,
        *_diagnosis(v3, t3, problem_since="today", shown_by_user=True),
        ev(v3, E.DIAGNOSED, t3 + timedelta(minutes=20)),
    )

    report = supervisor.get("/metrics", params=RANGE).json()
    by_name = {t["technician"]: t["metrics"] for t in report["technicians"]}

    intake = ("asked_how_long", "user_showed_problem", "already_tried_added", "vip_visits")
    assert [by_name[a.username][k] for k in intake] == [2, 1, 2, 0]
    assert [by_name[b.username][k] for k in intake] == [0, 0, 0, 1]
    assert [report["team"][k] for k in intake] == [2, 1, 2, 1]
    assert by_name[a.username]["asked_how_long_rate"] == 1.0
    assert by_name[a.username]["user_showed_problem_rate"] == 0.5
    assert report["team"]["asked_how_long_rate"] == 2 / 3


def test_an_older_laptop_gets_the_feed_without_what_it_cannot_read(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(supervisor, tech.username, impact="high", vip=True)
    push_ok(
        tech,
        ev(visit_id, E.ALREADY_TRIED_ADDED, MON, text="Rebooted."),
        *_diagnosis(
            visit_id, MON + timedelta(minutes=1), problem_since="today", shown_by_user=True
        ),
    )

    def page(headers: dict[str, str]) -> list[dict[str, Any]]:
        response = tech.get("/sync/changes", params={"cursor": 0}, headers=headers)
        assert response.status_code == 200, response.text
        protocol.ChangesPage.model_validate(response.json())
        changes: list[dict[str, Any]] = response.json()["changes"]
        return changes

    new, old = page(NEW_LAPTOP), page(OLD_LAPTOP)

    assert next(c["event"]["type"] for c in new if c["kind"] == "event") == "already_tried_added"
    assert "already_tried_added" not in [c["event"]["type"] for c in old if c["kind"] == "event"]
    old_visit = next(c["visit"] for c in old if c["kind"] == "visit")
    assert not {"impact", "urgency", "vip", "created_by", "origin"} & set(old_visit)
    assert old_visit["priority"] == "critical"
    old_diagnosis = next(
        c["event"] for c in old if c["kind"] == "event" and c["event"]["type"] == "diagnosed"
    )
    assert not {"problem_since", "shown_by_user"} & set(old_diagnosis["payload"])
    new_diagnosis = next(
        c["event"] for c in new if c["kind"] == "event" and c["event"]["type"] == "diagnosed"
    )
    assert new_diagnosis["payload"]["problem_since"] == "today"
    assert len(old) == len(new) - 1


def test_the_board_shows_the_vip_override(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    vip_id = create_visit(supervisor, tech.username, vip=True)
    plain_id = create_visit(supervisor, tech.username)
    day = {"date_from": "2030-03-11", "date_to": "2030-03-11", "technician": tech.username}
    board = supervisor.get("/board", params=day)
    assert board.status_code == 200, board.text
    visits = {v["id"]: v for t in board.json()["technicians"] for v in t["visits"]}
    assert (visits[vip_id]["vip"], visits[vip_id]["priority"]) == (True, "critical")
    assert visits[plain_id]["vip"] is False
