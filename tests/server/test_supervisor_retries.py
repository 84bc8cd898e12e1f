"""A supervisor's write repeated (a retry after a lost response) answers what the first one did;
a different write on the same thing is still refused."""

from __future__ import annotations

from datetime import timedelta

from fieldapp.domain import EventType as E
from fieldapp.server.models import Visit
from tests.server.helpers import T0, Live, create_visit, visit_body
from tests.server.supervision_kit import ev, push_ok


def test_creating_the_same_visit_twice_makes_one(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    body = visit_body(tech.username)

    first = supervisor.post("/visits", json=body)
    again = supervisor.post("/visits", json=body)
    other = supervisor.post("/visits", json={**body, "customer_name": "Someone Else"})
    unassigned = supervisor.post("/visits", json={**body, "assignee": None})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["updated_at"] == first.json()["updated_at"]
    assert (other.status_code, other.json()["error"]) == (409, "reference_exists")
    assert (unassigned.status_code, unassigned.json()["error"]) == (409, "reference_exists")
    assert live.count(Visit, Visit.reference == body["reference"]) == 1
    visit_changes = [c for c in tech.all_changes() if c["kind"] == "visit"]
    assert len(visit_changes) == 1


def test_cancelling_twice_with_the_same_reason_is_one_cancellation(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(supervisor, tech.username)

    first = supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Not needed."})
    again = supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Not needed."})
    other = supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Changed my mind."})

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert (other.status_code, other.json()["error"]) == (409, "visit_cancelled")
    tombstones = [c for c in tech.all_changes() if c["kind"] == "tombstone"]
    assert len(tombstones) == 1
    assert supervisor.get(f"/visits/{visit_id}").json()["cancel_reason"] == "Not needed."


def test_closing_a_follow_up_twice_with_the_same_note(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(supervisor, tech.username)
    flow = (E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED)
    push_ok(tech, *(ev(visit_id, kind, T0 + timedelta(minutes=i)) for i, kind in enumerate(flow)))
    push_ok(tech, ev(visit_id, E.SIGNED_OFF, T0 + timedelta(minutes=9), satisfaction=1))
    items = supervisor.get("/follow-ups", params={"status": "open", "limit": 1000}).json()["items"]
    (item,) = [i for i in items if i["visit_id"] == visit_id]
    close = f"/follow-ups/{item['id']}/close"

    first = supervisor.post(close, json={"note": "Called back."})
    again = supervisor.post(close, json={"note": "Called back."})
    other = supervisor.post(close, json={"note": "Something else."})
    by_colleague = live.supervisor().post(close, json={"note": "Called back."})

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()  # closed_at is the first close's
    assert (other.status_code, other.json()["error"]) == (409, "follow_up_closed")
    assert (by_colleague.status_code, by_colleague.json()["error"]) == (409, "follow_up_closed")


def test_resolving_a_conflict_twice_with_the_same_decision(live: Live) -> None:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, a.username)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": b.username})
    a.push(ev(visit_id, E.NOTE, T0, text="Desk moved to 3.15."))
    listed = supervisor.get("/conflicts", params={"technician": a.username}).json()
    (conflict,) = listed["conflicts"]
    resolve = f"/conflicts/{conflict['id']}/resolve"

    first = supervisor.post(resolve, json={"resolution": "accept", "note": "Fine."})
    again = supervisor.post(resolve, json={"resolution": "accept", "note": "Fine."})
    dismiss = supervisor.post(resolve, json={"resolution": "dismiss", "note": "Fine."})

    assert (first.status_code, again.status_code) == (200, 200), again.text
    assert again.json() == first.json()
    assert (dismiss.status_code, dismiss.json()["error"]) == (409, "conflict_resolved")
    timeline = supervisor.get(f"/visits/{visit_id}/timeline").json()
    assert timeline["total"] == 1  # accepted once, appended once
