"""Dispatch over HTTP: create, list and page, reschedule, and what the technician then sees."""

from __future__ import annotations

from datetime import timedelta, timezone
from typing import Any

from fieldapp import protocol
from fieldapp.domain import EventType
from tests.server.helpers import T0, Live, create_visit, visit_body, walk


def test_create_returns_the_public_visit(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    body = visit_body(tech.username, incident_ref="INC-4471", impact="high", urgency="high")

    response = supervisor.post("/visits", json=body)

    assert response.status_code == 201
    visit = protocol.VisitPublic.model_validate(response.json())
    assert visit.assignee == tech.username
    assert visit.status is protocol.VisitStatus.SCHEDULED
    assert visit.priority is protocol.Priority.CRITICAL
    assert visit.incident_ref == "INC-4471"
    assert tech.get(f"/visits/{visit.id}").json()["reference"] == body["reference"]


def test_list_pages_and_filters(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    ids = [
        create_visit(
            supervisor,
            tech.username,
            window_start=(T0 + timedelta(hours=h)).isoformat(),
            window_end=(T0 + timedelta(hours=h + 1)).isoformat(),
        )
        for h in range(5)
    ]
    supervisor.post(f"/visits/{ids[0]}/cancel", json={"reason": "Resolved by phone."})

    first = tech.get("/visits", params={"limit": 2}).json()
    second = tech.get("/visits", params={"limit": 2, "offset": 2}).json()
    cancelled = supervisor.get(
        "/visits", params={"assignee": tech.username, "status": "cancelled"}
    ).json()

    page = protocol.VisitPage.model_validate(first)
    assert (page.total, page.limit, page.offset) == (5, 2, 0)
    assert [v["id"] for v in first["visits"] + second["visits"]] == ids[:4]
    assert [v["id"] for v in cancelled["visits"]] == [ids[0]]
    assert cancelled["visits"][0]["cancel_reason"] == "Resolved by phone."


def test_list_by_window_start_and_unassigned(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    far = T0 + timedelta(days=400)  # a day no other test dispatches to
    at = [far + timedelta(hours=h) for h in range(4)]
    window = [{"window_start": t.isoformat(), "window_end": (t + timedelta(hours=1)).isoformat()}
              for t in at]  # fmt: skip
    mine = [create_visit(supervisor, tech.username, **window[i]) for i in (0, 2)]
    nobodys = [create_visit(supervisor, None, **window[i]) for i in (1, 3)]
    in_paris = (at[1] + timedelta(minutes=1)).astimezone(timezone(timedelta(hours=1)))

    def listed(**params: Any) -> list[str]:
        answer = supervisor.get("/visits", params=params)
        assert answer.status_code == 200, answer.text
        return [v["id"] for v in answer.json()["visits"]]

    span = {"starts_from": at[0].isoformat(), "starts_before": at[3].isoformat()}
    assert listed(**span) == [mine[0], nobodys[0], mine[1]]
    assert listed(**span, unassigned="true") == [nobodys[0]]
    assert listed(starts_from=in_paris.isoformat(), assignee=tech.username) == [mine[1]]
    assert tech.get("/visits", params=span).json()["total"] == 2  # still only their own
    naive = supervisor.get("/visits", params={"starts_from": "2030-01-01T09:00:00"})
    backwards = supervisor.get(
        "/visits", params={"starts_from": at[3].isoformat(), "starts_before": at[0].isoformat()}
    )
    both = supervisor.get("/visits", params={"assignee": tech.username, "unassigned": "true"})
    assert naive.status_code == 422
    assert (backwards.status_code, backwards.json()["error"]) == (422, "invalid_range")
    assert both.status_code == 422


def test_reschedule_reaches_the_technician(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    cursor = tech.changes()["next_cursor"]
    later = T0 + timedelta(days=1)

    response = supervisor.patch(
        f"/visits/{visit_id}",
        json={
            "window_start": later.isoformat(),
            "window_end": (later + timedelta(hours=2)).isoformat(),
            "estimated_minutes": 90,
        },
    )
    (change,) = tech.changes(cursor)["changes"]

    assert response.status_code == 200
    assert change["kind"] == "visit"
    assert change["visit"]["estimated_minutes"] == 90
    assert protocol.VisitPublic.model_validate(change["visit"]).window_start == later


def test_noop_patch_sends_nothing(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    cursor = tech.changes()["next_cursor"]

    response = supervisor.patch(
        f"/visits/{visit_id}", json={"assignee": tech.username, "priority": "normal"}
    )

    assert response.status_code == 200
    assert tech.changes(cursor)["changes"] == []


def test_visit_events_are_the_timeline(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    tech.push(*walk(visit_id, EventType.CONFIRMED, EventType.ARRIVED))

    events = [
        protocol.EventPublic.model_validate(e)
        for e in tech.get(f"/visits/{visit_id}/events").json()
    ]

    assert [e.type for e in events] == [EventType.CONFIRMED, EventType.ARRIVED]
    assert all(e.author == tech.username for e in events)
    assert events[0].server_seq < events[1].server_seq
