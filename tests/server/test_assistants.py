"""A second technician on a visit: added by the holder's push or by a supervisor, they see the
visit and record on it; every event keeps its author; taken off, they lose it (their late work
kept as a conflict); the metrics count who assisted and who recorded what."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from fieldapp.domain import EventType
from tests.server.helpers import T0, Client, Live, create_visit, event
from tests.server.supervision_kit import push_ok, rebuild_from_events, snapshot

E = EventType
RANGE = {"date_from": "2030-03-11", "date_to": "2030-03-11"}


def later(minutes: int) -> Any:
    return T0 + timedelta(minutes=minutes)


def added(visit_id: str, username: str, minutes: int = 0) -> dict[str, Any]:
    return event(visit_id, E.ASSISTANT_ADDED, {"username": username}, at=later(minutes))


def codes(results: list[dict[str, Any]]) -> list[str | None]:
    return [r.get("code") for r in results]


def visit_ids(changes: list[dict[str, Any]], kind: str = "visit") -> set[str]:
    return {c["visit_id"] for c in changes if c["kind"] == kind}


def team(live: Live) -> tuple[Client, Client, Client, str]:
    """A supervisor, the holder, a colleague, and a visit the holder has arrived at with the
    user's permission."""
    supervisor, holder, colleague = live.supervisor(), live.technician(), live.technician()
    visit_id = create_visit(supervisor, holder.username)
    push_ok(
        holder,
        event(visit_id, E.ARRIVED, at=later(1)),
        event(visit_id, E.PERMISSION_GRANTED, at=later(2)),
    )
    return supervisor, holder, colleague, visit_id


def test_the_holder_adds_a_colleague_who_sees_the_visit_and_records_on_it(live: Live) -> None:
    _, holder, colleague, visit_id = team(live)
    assert colleague.push(event(visit_id, E.NOTE))[0]["code"] == "visit_not_found"
    assert visit_id not in visit_ids(colleague.all_changes())
    push_ok(holder, added(visit_id, colleague.username, 3))

    changes = colleague.all_changes()
    assert visit_id in visit_ids(changes)
    types = [c["event"]["type"] for c in changes if c["kind"] == "event"]
    assert types == ["arrived", "permission_granted", "assistant_added"]
    push_ok(colleague, event(visit_id, E.DIAGNOSED, at=later(4)))

    mine = [c["event"] for c in holder.all_changes() if c["kind"] == "event"]
    assert [(e["type"], e["author"]) for e in mine][-2:] == [
        ("assistant_added", holder.username),
        ("diagnosed", colleague.username),
    ]
    # The holder's next push reaches the colleague (the push reads the visit's team).
    push_ok(holder, event(visit_id, E.NOTE, at=later(5)))
    theirs = [c["event"] for c in colleague.all_changes() if c["kind"] == "event"]
    assert [(e["type"], e["author"]) for e in theirs][-2:] == [
        ("diagnosed", colleague.username),
        ("note", holder.username),
    ]
    listed = colleague.get("/visits").json()
    assert [v["id"] for v in listed["visits"]] == [visit_id]
    assert colleague.get(f"/visits/{visit_id}/events").status_code == 200


def test_only_the_holder_changes_the_team_and_only_with_a_technician(live: Live) -> None:
    _, holder, colleague, visit_id = team(live)
    other = live.technician()
    supervisor_name = live.user("supervisor")
    push_ok(holder, added(visit_id, colleague.username))
    assert codes(colleague.push(added(visit_id, other.username))) == ["holder_only"]
    removing = event(visit_id, E.ASSISTANT_REMOVED, {"username": colleague.username})
    assert codes(colleague.push(removing)) == ["holder_only"]
    assert codes(holder.push(added(visit_id, holder.username))) == ["holder_not_assistant"]
    assert codes(holder.push(added(visit_id, supervisor_name))) == ["unknown_technician"]
    assert codes(holder.push(added(visit_id, "nobody-here"))) == ["unknown_technician"]
    assert codes(holder.push(added(visit_id, colleague.username))) == ["already_assisting"]
    assert visit_id not in visit_ids(other.all_changes())


def test_a_supervisor_adds_and_removes_and_late_work_becomes_a_conflict(live: Live) -> None:
    supervisor, holder, colleague, visit_id = team(live)
    path = f"/visits/{visit_id}/assistants"
    body = {"username": colleague.username, "reason": "Two people to carry the printer."}
    first = supervisor.post(path, json=body)
    assert first.status_code == 200, first.text
    assert supervisor.post(path, json=body).json() == first.json()  # a retry changes nothing
    got = supervisor.get(path).json()
    assert got["holder"] == holder.username
    assert [(m["username"], m["added_by"]) for m in got["assistants"]] == [
        (colleague.username, supervisor.username)
    ]
    listed = supervisor.get("/visits", params={"assignee": holder.username}).json()
    assert listed["assistants"] == {visit_id: [colleague.username]}
    assert holder.get(path).status_code == 403
    assert supervisor.post(path, json={"username": holder.username}).status_code == 409
    cursor = colleague.changes()["next_cursor"]
    assert visit_id in visit_ids(colleague.all_changes())

    gone = supervisor.request("DELETE", f"{path}/{colleague.username}")
    assert gone.status_code == 200, gone.text
    assert gone.json()["assistants"] == []
    assert supervisor.request("DELETE", f"{path}/{colleague.username}").status_code == 200
    tombstones = [c for c in colleague.all_changes(cursor) if c["kind"] == "tombstone"]
    assert [(t["visit_id"], t["reason"]) for t in tombstones] == [(visit_id, "assistant_removed")]
    assert supervisor.username in tombstones[0]["message"]

    late = colleague.push(event(visit_id, E.NOTE, at=later(9)))
    assert codes(late) == ["visit_reassigned"]
    assert "no longer on this visit's team" in late[0]["message"]
    conflicts = holder.get("/sync/conflicts").json()["conflicts"]
    assert [(c["visit_id"], c["technician"]) for c in conflicts] == [(visit_id, colleague.username)]
    authors = [e["author"] for e in holder.get(f"/visits/{visit_id}/events").json()]
    assert authors.count(supervisor.username) == 2  # added, removed: each keeps its author


def test_the_colleague_sees_the_holders_files_and_is_told_of_a_cancellation(live: Live) -> None:
    supervisor, holder, colleague, visit_id = team(live)
    data = b"a photo of the broken printer"
    sha = hashlib.sha256(data).hexdigest()
    assert holder.put(f"/attachments/{sha}", data=data).status_code in (200, 201)
    photo = {"sha256": sha, "filename": "p.png", "media_type": "image/png", "size": len(data)}
    push_ok(holder, event(visit_id, E.ATTACHMENT_ADDED, {**photo, "kind": "photo"}))
    assert colleague.get(f"/attachments/{sha}").status_code == 404
    push_ok(holder, added(visit_id, colleague.username, 5))
    assert colleague.get(f"/attachments/{sha}").content == data
    with_it = colleague.all_changes()
    cancel = supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Not needed."})
    assert cancel.status_code == 200, cancel.text
    after = colleague.all_changes(max(c["seq"] for c in with_it))
    assert [(c["kind"], c["reason"]) for c in after] == [("tombstone", "cancelled")]
    kept = colleague.push(event(visit_id, E.NOTE, at=later(9)))
    assert codes(kept) == ["visit_cancelled_kept"]


def test_a_reassignment_keeps_the_assistants_in_the_picture(live: Live) -> None:
    supervisor, holder, colleague, visit_id = team(live)
    push_ok(holder, added(visit_id, colleague.username))
    cursor = max(c["seq"] for c in colleague.all_changes())
    moved = supervisor.patch(f"/visits/{visit_id}", json={"assignee": colleague.username})
    assert moved.status_code == 200, moved.text
    # The assistant now holds it: no tombstone, and they change the team from here on.
    assert "tombstone" not in {c["kind"] for c in colleague.all_changes(cursor)}
    push_ok(colleague, added(visit_id, holder.username, 8))
    assert supervisor.get(f"/visits/{visit_id}/assistants").json()["holder"] == (colleague.username)


def test_metrics_count_who_assisted_and_who_recorded_what(live: Live) -> None:
    supervisor, holder, colleague, visit_id = team(live)
    push_ok(holder, added(visit_id, colleague.username, 3))
    push_ok(colleague, event(visit_id, E.DIAGNOSED, at=later(4)))
    push_ok(colleague, event(visit_id, E.NOTE, at=later(5)))
    before = snapshot(live)

    def figures(who: Client) -> dict[str, Any]:
        params = {**RANGE, "technician": who.username}
        report = supervisor.get("/metrics", params=params).json()
        metrics: dict[str, Any] = report["technicians"][0]["metrics"]
        return metrics

    assert figures(colleague)["visits_assisted"] == 1
    assert figures(colleague)["events_recorded"] == 2
    assert figures(colleague)["visits"] == 0  # the visit counts for its holder
    assert figures(holder)["visits_assisted"] == 0
    assert figures(holder)["events_recorded"] == 3
    assert figures(holder)["visits"] == 1
    rebuild_from_events(live)
    assert snapshot(live) == before


def test_each_technicians_time_on_site_counts(live: Live) -> None:
    """The colleague arrives while the holder is at the desk; each one's own stay counts."""
    supervisor, holder, colleague, visit_id = team(live)  # the holder arrived at 09:01
    push_ok(holder, added(visit_id, colleague.username, 3))
    push_ok(
        colleague,
        event(visit_id, E.ARRIVED, at=later(10)),
        event(visit_id, E.DIAGNOSED, at=later(15)),
        event(visit_id, E.DEPARTED, {"reason": "part_needed"}, at=later(30)),
    )
    push_ok(holder, event(visit_id, E.DEPARTED, {"reason": "continue_later"}, at=later(50)))

    def minutes(who: Client) -> int:
        params = {**RANGE, "technician": who.username}
        report = supervisor.get("/metrics", params=params).json()
        value: int = report["technicians"][0]["metrics"]["on_site_minutes"]
        return value

    assert minutes(colleague) == 20  # 09:10 to 09:30
    assert minutes(holder) == 49  # 09:01 to 09:50
