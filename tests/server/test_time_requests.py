"""Dispatch answers a user's request for another time: listed with the times asked, accepted
(the visit moves, the technician's feed brings it, the user gets the new calendar file) or
declined (the user is mailed the reason); only a waiting request can be answered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import requests
from icalendar import Calendar

from fieldapp.protocol import CLIENT_VERSION, CLIENT_VERSION_HEADER, FEED_SHAPE, FEED_SHAPE_HEADER
from tests.server.helpers import Live
from tests.server.test_customer_page import DAY1, DAY2, confirm_by_mail, form_token, loop_server
from tests.server.test_supervisor_mail import Inbox, send


def ask(live: Live, inbox: Inbox) -> tuple[Any, str]:
    """A visit whose user asked for DAY1 or DAY2 on the page: (technician, visit id)."""
    tech, visit_id, link = confirm_by_mail(live, inbox)
    token = form_token(requests.get(link, timeout=10).text)
    asked = {
        "form_token": token,
        "action": "another_time",
        "time1": f"{DAY1:%Y-%m-%dT%H:%M}",
        "time2": f"{DAY2:%Y-%m-%dT%H:%M}",
        "note": "Afternoons please.",
    }
    assert requests.post(link, data=asked, timeout=10).status_code == 200
    return tech, visit_id


def test_a_declined_request_mails_the_reason_and_reaches_the_technician(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        tech, visit_id = ask(live, inbox)
        supervisor = live.supervisor()
        listed = supervisor.get("/time-requests").json()
        (item,) = [i for i in listed["items"] if i["visit_id"] == visit_id]
        assert [dt.datetime.fromisoformat(t) for t in item["proposed_times"]] == [DAY1, DAY2]
        assert item["note"] == "Afternoons please."
        assert item["technician"] == tech.username
        assert tech.get("/time-requests").status_code == 403
        answer = {"accept": False, "reason": "Nobody is free in the afternoons this week."}
        answered = supervisor.post(f"/visits/{visit_id}/time-request", json=answer)
        assert answered.status_code == 200, answered.text
        again = supervisor.post(f"/visits/{visit_id}/time-request", json=answer)
        assert again.status_code == 409
        assert again.json()["error"] == "no_time_request"
        assert visit_id not in [
            i["visit_id"] for i in supervisor.get("/time-requests").json()["items"]
        ]
        assert send(live, dt.datetime.now(dt.UTC)) == 1
        changes = tech.all_changes()
    message = inbox.messages[-1][2]
    body = message.get_body(("plain",))
    assert body is not None
    assert "Nobody is free in the afternoons" in body.get_content()
    assert "stays at" in body.get_content()
    events = [c["event"] for c in changes if c["kind"] == "event"]
    assert [e["type"] for e in events][-2:] == ["user_replied", "time_request_answered"]
    assert events[-1]["payload"]["accepted"] is False


def test_an_accepted_request_moves_the_visit_and_sends_the_new_calendar_file(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        tech, visit_id = ask(live, inbox)
        supervisor = live.supervisor()
        answer = {
            "accept": True,
            "window_start": DAY2.isoformat(),
            "reason": "Kyra will come then.",
        }
        moved = supervisor.post(f"/visits/{visit_id}/time-request", json=answer)
        assert moved.status_code == 200, moved.text
        assert dt.datetime.fromisoformat(moved.json()["window_start"]) == DAY2
        assert dt.datetime.fromisoformat(moved.json()["window_end"]) == DAY2 + dt.timedelta(
            minutes=30
        )
        assert send(live, dt.datetime.now(dt.UTC)) == 1
        changes = tech.all_changes()
    visits = [c["visit"] for c in changes if c["kind"] == "visit"]
    assert dt.datetime.fromisoformat(visits[-1]["window_start"]) == DAY2
    message = inbox.messages[-1][2]
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    (event,) = Calendar.from_ical(part.get_content()).walk("VEVENT")
    assert event.decoded("dtstart") == DAY2
    assert str(event["uid"]) == f"visit-{visit_id}@fieldapp"


def test_nothing_to_answer_is_refused_and_nothing_moves(database_url: str, tmp_path: Path) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, visit_id, _ = confirm_by_mail(live, inbox)
        supervisor = live.supervisor()
        before = supervisor.get(f"/visits/{visit_id}").json()["window_start"]
        answer = {"accept": True, "window_start": DAY1.isoformat(), "reason": "Fine."}
        refused = supervisor.post(f"/visits/{visit_id}/time-request", json=answer)
        assert refused.status_code == 409
        assert supervisor.get(f"/visits/{visit_id}").json()["window_start"] == before
        no_time = supervisor.post(
            f"/visits/{visit_id}/time-request", json={"accept": True, "reason": "Fine."}
        )
        assert no_time.status_code == 422
        missing = supervisor.post(
            "/visits/no-such-visit/time-request", json={"accept": False, "reason": "No."}
        )
        assert missing.status_code == 404


def test_an_older_laptop_gets_the_feed_without_the_loops_events(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        tech, _ = ask(live, inbox)

        def types(headers: dict[str, str]) -> list[str]:
            response = tech.get("/sync/changes", params={"cursor": 0}, headers=headers)
            assert response.status_code == 200, response.text
            return [c["event"]["type"] for c in response.json()["changes"] if c["kind"] == "event"]

        newer = types({CLIENT_VERSION_HEADER: CLIENT_VERSION, FEED_SHAPE_HEADER: str(FEED_SHAPE)})
        released = types({CLIENT_VERSION_HEADER: "0.2.0"})  # 0.2.0 as released: no shape sent
        older = types({CLIENT_VERSION_HEADER: "0.1.0"})
    assert newer == ["confirmed", "user_replied"]
    # Laptops that would refuse a type they do not know are spared it.
    assert released == ["confirmed"]
    assert older == ["confirmed"]
