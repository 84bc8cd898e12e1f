"""A technician who worked offline on a visit reassigned meanwhile: the events are kept as
conflicts, both sides see them, a supervisor accepts or dismisses each."""

from __future__ import annotations

from datetime import datetime, timedelta

from fieldapp.domain import EventType as E
from fieldapp.server.models_supervision import Conflict
from fieldapp.store.feed_news import server_words
from tests.server.helpers import T0, Live, create_visit
from tests.server.supervision_kit import ev, push_ok


def test_late_events_of_a_previous_assignee_become_conflicts(live: Live) -> None:
    supervisor = live.supervisor()
    a, b, stranger = live.technician(), live.technician(), live.technician()
    visit_id = create_visit(supervisor, a.username)
    assert supervisor.patch(f"/visits/{visit_id}", json={"assignee": b.username}).status_code == 200
    offline = [
        ev(visit_id, E.CONFIRMED, T0 - timedelta(days=1)),
        ev(visit_id, E.NOTE, T0 - timedelta(hours=20), text="Customer prefers mornings."),
    ]

    results = a.push(*offline)
    again = a.push(offline[0])
    from_stranger = stranger.push(ev(visit_id, E.NOTE, T0))
    listed = supervisor.get("/conflicts", params={"status": "open"}).json()
    mine = a.get("/sync/conflicts").json()

    assert [(r["status"], r["code"]) for r in results] == [("rejected", "visit_reassigned")] * 2
    assert f"Technician {b.username}" in results[0]["message"]  # B's full name
    assert not results[0]["retryable"]
    assert again[0]["code"] == "visit_reassigned"
    assert from_stranger[0]["code"] == "visit_not_found"
    assert live.count(Conflict, Conflict.visit_id == visit_id) == 2
    assert [c["event"]["id"] for c in listed["conflicts"] if c["visit_id"] == visit_id] == [
        e["id"] for e in offline
    ]
    first = next(c for c in listed["conflicts"] if c["event"]["id"] == offline[0]["id"])
    assert (first["technician"], first["current_assignee"]) == (a.username, b.username)
    assert first["event"]["payload"] == offline[0]["payload"]
    assert first["message"] == results[0]["message"]
    assert [c["event"]["id"] for c in mine["conflicts"]] == [e["id"] for e in offline]
    holder = b.get("/sync/conflicts").json()  # B holds the visit: sees A's late events
    assert [(c["technician"], c["visit_id"]) for c in holder["conflicts"]] == [
        (a.username, visit_id)
    ] * 2
    assert stranger.get("/sync/conflicts").json()["total"] == 0


def test_accepting_appends_the_event_for_the_current_assignee(live: Live) -> None:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, a.username)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": b.username})
    confirm = ev(visit_id, E.CONFIRMED, T0 - timedelta(days=1), channel="phone")
    note = ev(visit_id, E.NOTE, T0 - timedelta(hours=1), text="Desk moved to 3.15.")
    a.push(confirm, note)
    conflicts = supervisor.get("/conflicts", params={"technician": a.username}).json()
    by_event = {c["event"]["id"]: c["id"] for c in conflicts["conflicts"]}

    accepted = supervisor.post(
        f"/conflicts/{by_event[confirm['id']]}/resolve",
        json={"resolution": "accept", "note": "A did phone the customer."},
    )
    dismissed = supervisor.post(
        f"/conflicts/{by_event[note['id']]}/resolve",
        json={"resolution": "dismiss", "note": "B already knows the new desk."},
    )
    twice = supervisor.post(
        f"/conflicts/{by_event[note['id']]}/resolve", json={"resolution": "accept"}
    )
    timeline = supervisor.get(f"/visits/{visit_id}/timeline").json()
    b_events = [c["event"] for c in b.all_changes() if c["kind"] == "event"]
    repush = a.push(confirm, note)
    seen_by_a = {c["event"]["id"]: c for c in a.get("/sync/conflicts").json()["conflicts"]}

    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert (body["status"], body["resolved_by"]) == ("accepted", supervisor.username)
    assert body["server_seq"] > 0
    assert dismissed.json()["status"] == "dismissed"
    assert twice.status_code == 409
    assert twice.json()["error"] == "conflict_resolved"
    (entry,) = timeline["entries"]
    assert (entry["id"], entry["author"]) == (confirm["id"], a.username)
    assert entry["author_name"] == f"Technician {a.username}"
    assert entry["server_seq"] == body["server_seq"]
    assert datetime.fromisoformat(entry["occurred_at"]) == T0 - timedelta(days=1)
    assert datetime.fromisoformat(entry["received_at"]).tzinfo is not None  # server time
    assert [e["id"] for e in b_events] == [confirm["id"]]
    assert repush[0]["status"] == "duplicate"
    assert repush[1]["code"] == "visit_reassigned"
    assert "B already knows the new desk" in repush[1]["message"]
    assert seen_by_a[confirm["id"]]["status"] == "accepted"
    assert seen_by_a[note["id"]]["note"] == "B already knows the new desk."


def test_an_event_the_workflow_no_longer_allows_is_explained(live: Live) -> None:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, a.username)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": b.username})
    a.push(ev(visit_id, E.CONFIRMED, T0 - timedelta(days=1)))
    push_ok(b, ev(visit_id, E.ARRIVED, T0))
    (conflict,) = supervisor.get("/conflicts", params={"technician": a.username}).json()[
        "conflicts"
    ]

    refused = supervisor.post(f"/conflicts/{conflict['id']}/resolve", json={"resolution": "accept"})
    still = supervisor.get("/conflicts", params={"technician": a.username}).json()

    assert refused.status_code == 409
    assert refused.json()["error"] == "conflict_not_applicable"
    assert "confirm before arriving" in refused.json()["message"]
    assert still["conflicts"][0]["status"] == "open"


def test_a_visit_that_comes_back_takes_the_event_and_settles_the_conflict(live: Live) -> None:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, a.username)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": b.username})
    confirm = ev(visit_id, E.CONFIRMED, T0 - timedelta(days=1))
    a.push(confirm)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": a.username})

    (result,) = a.push(confirm)
    (conflict,) = supervisor.get("/conflicts", params={"technician": a.username}).json()[
        "conflicts"
    ]

    assert result["status"] == "accepted"
    assert conflict["status"] == "accepted"


def test_cancelled_or_unassigned_visits(live: Live) -> None:
    supervisor = live.supervisor()
    a, b = live.technician(), live.technician()
    cancelled = create_visit(supervisor, a.username)
    unassigned = create_visit(supervisor, a.username)
    supervisor.patch(f"/visits/{cancelled}", json={"assignee": b.username})
    supervisor.post(f"/visits/{cancelled}/cancel", json={"reason": "Duplicate ticket."})
    supervisor.patch(f"/visits/{unassigned}", json={"assignee": None})

    on_cancelled, on_unassigned = a.push(
        ev(cancelled, E.CONFIRMED, T0), ev(unassigned, E.CONFIRMED, T0)
    )

    assert on_cancelled["code"] == "visit_cancelled_kept"
    assert "cancelled" in on_cancelled["message"]
    assert on_unassigned["code"] == "visit_reassigned"
    assert "took this visit off your list" in on_unassigned["message"]
    # the laptop knows these sentences (a template of its own, no fields) to say them in the
    # app's language; one it does not know would come back as "{said}"
    for refused in (on_cancelled, on_unassigned):
        assert server_words(refused["message"]) == (refused["message"], {})
    assert live.count(Conflict, Conflict.visit_id == cancelled) == 1


def test_work_recorded_before_a_cancellation_arrived_is_kept_as_open_conflicts(
    live: Live,
) -> None:
    """Dispatch cancels a visit while its technician, offline, borrows a part for it: the
    work is kept for the supervisors (once, however often it is pushed), never dropped."""
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    push_ok(tech, ev(visit_id, E.ARRIVED, T0))
    supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Duplicate ticket."})
    offline = [
        ev(visit_id, E.PERMISSION_GRANTED, T0 + timedelta(minutes=5)),
        ev(visit_id, E.DIAGNOSED, T0 + timedelta(minutes=10), borrowed_parts=["PSU of 4.12"]),
    ]

    results = tech.push(*offline)
    again = tech.push(*offline)  # a retry after a lost answer
    bad = tech.push(ev(visit_id, E.DIAGNOSED, T0, source_category="magic"))
    listed = supervisor.get("/conflicts", params={"status": "open"}).json()
    mine = tech.get("/sync/conflicts").json()

    assert [(r["status"], r["code"]) for r in results + again] == [
        ("rejected", "visit_cancelled_kept")
    ] * 4
    assert bad[0]["code"] == "invalid_payload"  # a malformed event is not kept
    assert live.count(Conflict, Conflict.visit_id == visit_id) == 2
    kept = [c for c in listed["conflicts"] if c["visit_id"] == visit_id]
    assert [c["event"]["id"] for c in kept] == [e["id"] for e in offline]
    assert kept[1]["event"]["payload"]["borrowed_parts"] == ["PSU of 4.12"]
    assert (kept[1]["technician"], kept[1]["status"]) == (tech.username, "open")
    assert [c["event"]["id"] for c in mine["conflicts"]] == [e["id"] for e in offline]

    accepted = supervisor.post(f"/conflicts/{kept[1]['id']}/resolve", json={"resolution": "accept"})
    dismissed = supervisor.post(
        f"/conflicts/{kept[1]['id']}/resolve",
        json={"resolution": "dismiss", "note": "Part collected from the desk on Friday."},
    )
    repush = tech.push(offline[1])

    assert accepted.status_code == 409  # a cancelled visit takes nothing more
    assert accepted.json()["error"] == "conflict_not_applicable"
    assert "cancelled" in accepted.json()["message"]
    assert dismissed.json()["status"] == "dismissed"
    assert repush[0]["code"] == "visit_cancelled_kept"
    assert "Part collected from the desk on Friday." in repush[0]["message"]
