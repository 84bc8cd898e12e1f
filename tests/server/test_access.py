"""Scope: a technician sees and changes only their own visits; dispatch is for supervisors."""

from __future__ import annotations

import hashlib

import pytest

from fieldapp.domain import EventType
from fieldapp.server.models import EventRecord
from tests.server.helpers import Live, create_visit, event, visit_body, walk


def test_technician_b_gets_404_on_everything_of_technicians_a(live: Live) -> None:
    supervisor = live.supervisor()
    tech_a, tech_b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, tech_a.username)
    photo = b"photo of the broken monitor"
    sha = hashlib.sha256(photo).hexdigest()
    assert tech_a.put(f"/attachments/{sha}", data=photo).status_code == 201
    attach = event(
        visit_id,
        EventType.ATTACHMENT_ADDED,
        {
            "sha256": sha,
            "filename": "m.jpg",
            "media_type": "image/jpeg",
            "size": len(photo),
            "kind": "photo",
        },
    )
    assert [r["status"] for r in tech_a.push(attach)] == ["accepted"]

    assert tech_b.get(f"/visits/{visit_id}").status_code == 404
    assert tech_b.get(f"/visits/{visit_id}/events").status_code == 404
    assert tech_b.get(f"/attachments/{sha}").status_code == 404
    assert tech_b.get("/visits").json()["total"] == 0
    assert tech_b.changes()["changes"] == []
    (result,) = tech_b.push(*walk(visit_id, EventType.CONFIRMED))
    assert (result["status"], result["code"]) == ("rejected", "visit_not_found")
    unknown = tech_b.push(*walk("no-such-visit", EventType.CONFIRMED))
    assert unknown[0]["code"] == result["code"]
    assert unknown[0]["message"] == result["message"]
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 1

    # ...while A, and any supervisor, can
    assert tech_a.get(f"/visits/{visit_id}").status_code == 200
    assert tech_a.get(f"/attachments/{sha}").content == photo
    assert supervisor.get(f"/attachments/{sha}").content == photo
    assert len(supervisor.get(f"/visits/{visit_id}/events").json()) == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/visits", visit_body()),
        ("PATCH", "/visits/{id}", {"priority": "high"}),
        ("POST", "/visits/{id}/cancel", {"reason": "Not needed any more."}),
    ],
)
def test_technicians_get_403_on_dispatch(
    live: Live, method: str, path: str, body: dict[str, object]
) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)

    response = tech.request(method, path.format(id=visit_id), json=body)

    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert supervisor.get(f"/visits/{visit_id}").json()["status"] == "scheduled"


def test_technician_lists_only_their_visits_and_supervisor_all(live: Live) -> None:
    supervisor = live.supervisor()
    tech_a, tech_b = live.technician(), live.technician()
    mine = {create_visit(supervisor, tech_a.username) for _ in range(3)}
    create_visit(supervisor, tech_b.username)

    listed = tech_a.get("/visits").json()
    other = tech_a.get("/visits", params={"assignee": tech_b.username}).json()
    by_supervisor = supervisor.get("/visits", params={"assignee": tech_b.username}).json()

    assert {v["id"] for v in listed["visits"]} == mine
    assert listed["total"] == 3
    assert other["total"] == 0
    assert by_supervisor["total"] == 1
