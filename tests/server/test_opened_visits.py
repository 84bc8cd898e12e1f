"""Visits opened on the spot and visits reopened, pushed through the API: the server makes the
visit row from the laptop's visit_opened (its id, a readable reference, created by the
technician), once, and counts walk-ups, requests handled on the spot and reopened visits,
none of which a reopened visit counts as a first-visit resolution.

One technician, Monday 2030-03-11 (UTC):
R1 09:00  worked and signed off; "anything else? yes", handled now as its own visit A1 (done)
W  10:30  a walk-up from the next desk, opened at the desk and done there
R2 11:00  signed off; the fix fails: reopened as the return visit RT (Monday 15:00)
R3 12:00  signed off; "anything else? yes" for later: next working day's follow-up (Tuesday)
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from fieldapp.domain import EventType as E
from fieldapp.server.models import Visit
from tests.server.helpers import Client, Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import MON, RANGE, at, visit

DONE = (E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED)


def done(v: str, start: datetime, *extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Arrive, permission, diagnose, resolve 5 minutes apart, `extra`, then sign off."""
    events = [ev(v, kind, start + timedelta(minutes=5 * n)) for n, kind in enumerate(DONE)]
    return [*events, *extra, ev(v, E.SIGNED_OFF, start + timedelta(minutes=30))]


def opened(v: str, when: datetime, how: str, **fields: Any) -> dict[str, Any]:
    return ev(v, E.VISIT_OPENED, when, how=how, **fields)


def seed(live: Live) -> dict[str, Any]:
    supervisor = live.supervisor()
    tech = live.technician()
    r1, r2, r3 = (visit(supervisor, tech, at(MON, h)) for h in ("9:00", "11:00", "12:00"))
    a1, w, rt = (str(uuid.uuid4()) for _ in range(3))
    now_too = {"answer": True, "request": "The printer jams.", "handled_now": True}
    push_ok(
        tech,
        *done(
            r1,
            at(MON, "9:00"),
            ev(r1, E.ANYTHING_ELSE, at(MON, "9:20"), **now_too, new_visit_id=a1),
        ),
        opened(a1, at(MON, "9:35"), "anything_else", opened_from=r1, problem="The printer jams."),
        *done(a1, at(MON, "9:40")),
    )
    push_ok(
        tech,
        opened(w, at(MON, "10:30"), "walk_up", customer_name="Ana", room="3.15"),
        *done(w, at(MON, "10:35")),
    )
    push_ok(tech, *done(r2, at(MON, "11:00")))
    window = {"window_start": iso(at(MON, "15:00")), "window_end": iso(at(MON, "16:00"))}
    push_ok(
        tech,
        ev(r2, E.REOPENED, at(MON, "13:00"), reason="Jams again.", return_visit_id=rt),
        opened(rt, at(MON, "13:00"), "reopened", opened_from=r2, problem="Jams again.", **window),
    )
    later = {"answer": True, "request": "New keyboard, please."}
    push_ok(tech, *done(r3, at(MON, "12:00"), ev(r3, E.ANYTHING_ELSE, at(MON, "12:20"), **later)))
    return {"supervisor": supervisor, "tech": tech, "ids": (r1, a1, w, r2, rt, r3)}


EXPECTED = {
    "visits": 7,  # R1, A1, W, R2, RT, R3 and R3's follow-up (Tuesday, in the range)
    "completed": 5,
    "walk_ups": 1,
    "handled_on_the_spot": 1,
    "reopened": 1,
    "first_visit_resolution": 4,  # not R2: its fix failed
    "first_visit_resolution_rate": 4 / 5,
}


def visit_of(client: Client, visit_id: str) -> dict[str, Any]:
    response = client.get(f"/visits/{visit_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_each_has_its_own_figure_and_a_reopened_visit_is_no_first_visit_resolution(
    fresh_live: Live,
) -> None:
    data = seed(fresh_live)

    report = data["supervisor"].get("/metrics", params=RANGE).json()

    assert {k: report["team"][k] for k in EXPECTED} == EXPECTED
    (tech,) = report["technicians"]
    assert tech["metrics"]["walk_ups"] == 1


def test_the_opened_visits_are_the_technicians_with_readable_references(fresh_live: Live) -> None:
    data = seed(fresh_live)
    supervisor, tech = data["supervisor"], data["tech"]
    r1, a1, w, r2, rt, _r3 = data["ids"]

    walk_up = visit_of(supervisor, w)
    assert (walk_up["reference"], walk_up["origin"]) == ("W-1", "walk_up")
    assert (walk_up["created_by"], walk_up["assignee"]) == (tech.username, tech.username)
    assert (walk_up["customer_name"], walk_up["room"]) == ("Ana", "3.15")
    assert walk_up["window_start"].startswith("2030-03-11T10:30")
    here = visit_of(supervisor, a1)
    assert here["reference"] == visit_of(supervisor, r1)["reference"] + "-F1"
    assert (here["origin"], here["follow_up_of"], here["room"]) == ("anything_else", r1, "3.14")
    back = visit_of(supervisor, rt)
    assert back["reference"] == visit_of(supervisor, r2)["reference"] + "-R1"
    assert (back["origin"], back["follow_up_of"]) == ("reopened", r2)
    assert back["window_start"].startswith("2030-03-11T15:00")
    assert visit_of(supervisor, r1)["created_by"] == supervisor.username
    # the technician's laptop gets each visit row (so its reference) through the feed
    changed = {c["visit_id"] for c in tech.all_changes() if c["kind"] == "visit"}
    assert {a1, w, rt} <= changed


def test_a_request_handled_now_makes_no_next_day_visit(fresh_live: Live) -> None:
    data = seed(fresh_live)
    r1, a1, _w, _r2, _rt, r3 = data["ids"]

    with fresh_live.db() as session:
        children = dict(session.execute(select(Visit.follow_up_of, Visit.origin)).all())
        from_r1 = list(session.scalars(select(Visit.id).where(Visit.follow_up_of == r1)))
    assert from_r1 == [a1]
    assert children[r3] == "follow_up"  # the request left for later still gets its visit


def test_visit_opened_is_idempotent_and_refused_on_any_existing_visit(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech, other = fresh_live.technician(), fresh_live.technician()
    dispatched = visit(supervisor, tech, at(MON, "9:00"))
    mine = str(uuid.uuid4())
    first = opened(mine, at(MON, "9:00"), "walk_up")
    push_ok(tech, first)

    (again,) = tech.push(first)
    (theirs,) = other.push(opened(mine, at(MON, "9:01"), "walk_up"))
    (twice,) = tech.push(opened(mine, at(MON, "9:02"), "walk_up"))
    (existing,) = tech.push(opened(dispatched, at(MON, "9:03"), "walk_up"))
    (not_uuid,) = tech.push(opened("my-own-visit", at(MON, "9:04"), "walk_up"))

    assert again["status"] == "duplicate"
    assert (theirs["status"], theirs["code"]) == ("rejected", "visit_exists")
    assert (twice["status"], twice["code"]) == ("rejected", "visit_exists")
    assert (existing["status"], existing["code"]) == ("rejected", "visit_exists")
    assert (not_uuid["status"], not_uuid["code"]) == ("rejected", "invalid_visit_id")
    assert fresh_live.count(Visit, Visit.origin == "walk_up") == 1
    assert visit_of(tech, mine)["assignee"] == tech.username


def test_a_visit_opened_from_another_must_be_backed_by_it(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech, other = fresh_live.technician(), fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    theirs = visit(supervisor, other, at(MON, "9:00"))
    push_ok(tech, *done(v, at(MON, "9:00")))

    unpaired, not_mine, reopen_early = tech.push(
        opened(str(uuid.uuid4()), at(MON, "9:40"), "anything_else", opened_from=v),
        opened(str(uuid.uuid4()), at(MON, "9:41"), "reopened", opened_from=theirs),
        ev(theirs, E.REOPENED, at(MON, "9:42")),
    )

    assert (unpaired["status"], unpaired["code"]) == ("rejected", "origin_not_linked")
    assert (not_mine["status"], not_mine["code"]) == ("rejected", "origin_not_found")
    assert reopen_early["status"] == "rejected"
    # a reopening refused on the visit (not signed off) leaves no stray return visit
    w = visit(supervisor, tech, at(MON, "10:00"))
    rt = str(uuid.uuid4())
    refused, stray = tech.push(
        ev(w, E.REOPENED, at(MON, "10:10"), return_visit_id=rt),
        opened(rt, at(MON, "10:10"), "reopened", opened_from=w),
    )
    assert (refused["code"], stray["code"]) == ("not_signed_off", "origin_not_linked")
    assert fresh_live.count(Visit, Visit.id == rt) == 0


def test_a_supervisor_reopens_a_signed_off_visit_for_its_technician(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    open_one = visit(supervisor, tech, at(MON, "10:00"))
    push_ok(tech, *done(v, at(MON, "9:00")))
    body = {"reason": "The user calls: the printer jams again."}

    response = supervisor.post(f"/visits/{v}/reopen", json=body)
    retry = supervisor.post(f"/visits/{v}/reopen", json=body)
    other = supervisor.post(f"/visits/{v}/reopen", json={"reason": "Something else."})
    unsigned = supervisor.post(f"/visits/{open_one}/reopen", json=body)
    as_tech = tech.post(f"/visits/{v}/reopen", json=body)

    assert response.status_code == 201, response.text
    back = response.json()
    assert (retry.status_code, retry.json()["id"]) == (201, back["id"])
    assert (other.status_code, other.json()["error"]) == (409, "already_reopened")
    assert (unsigned.status_code, unsigned.json()["error"]) == (409, "not_signed_off")
    assert as_tech.status_code == 403
    assert (back["origin"], back["follow_up_of"]) == ("reopened", v)
    assert (back["assignee"], back["created_by"]) == (tech.username, supervisor.username)
    assert back["problem"] == body["reason"]
    # the technician's laptop gets the return visit and both events, authored by the supervisor
    changes = tech.all_changes()
    events = {(c["event"]["type"], c["visit_id"]): c["event"] for c in changes if c["event"]}
    assert events[("reopened", v)]["payload"]["return_visit_id"] == back["id"]
    assert events[("visit_opened", back["id"])]["author"] == supervisor.username
    metrics = supervisor.get("/metrics", params=RANGE).json()["team"]
    assert (metrics["reopened"], metrics["first_visit_resolution"]) == (1, 0)


def test_a_rebuild_gives_what_the_pushes_left(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)

    assert snapshot(fresh_live) == pushed
    hows = sorted(str(f["opened_how"]) for f in pushed["visit_facts"])
    assert hows == ["None", "None", "None", "anything_else", "reopened", "walk_up"]
    assert sum(f["reopened"] for f in pushed["visit_facts"]) == 1


def test_the_visits_export_says_where_each_visit_came_from(fresh_live: Live) -> None:
    data = seed(fresh_live)
    _r1, a1, w, r2, rt, _r3 = data["ids"]

    answer = data["supervisor"].get("/export/visits.csv", params=RANGE)

    assert answer.status_code == 200, answer.text
    rows = {r["visit_id"]: r for r in csv.DictReader(io.StringIO(answer.text))}
    tech = data["tech"].username
    assert (rows[w]["origin"], rows[w]["created_by"]) == ("walk_up", tech)
    assert (rows[a1]["origin"], rows[rt]["origin"]) == ("anything_else", "reopened")
    assert (rows[r2]["reopened"], rows[r2]["first_visit_resolution"]) == ("yes", "no")


def test_the_opener_holds_the_walk_up_and_may_bring_a_colleague_in_the_same_push(
    fresh_live: Live,
) -> None:
    tech, colleague = fresh_live.technician(), fresh_live.technician()
    mine = str(uuid.uuid4())

    push_ok(
        tech,
        opened(mine, at(MON, "9:00"), "walk_up"),
        ev(mine, E.ASSISTANT_ADDED, at(MON, "9:01"), username=colleague.username),
    )

    assert visit_of(colleague, mine)["reference"] == "W-1"


def test_a_supervisors_reopening_reaches_the_visits_assistant_too(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech, colleague = fresh_live.technician(), fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    helper = ev(v, E.ASSISTANT_ADDED, at(MON, "8:59"), username=colleague.username)
    push_ok(tech, helper, *done(v, at(MON, "9:00")))

    response = supervisor.post(f"/visits/{v}/reopen", json={"reason": "Jams again."})

    assert response.status_code == 201, response.text
    seen = {(c["event"]["type"], c["visit_id"]) for c in colleague.all_changes() if c["event"]}
    assert ("reopened", v) in seen
