"""The change feed: cursor paging, the page shape, tombstones, compaction, the horizon."""

from __future__ import annotations

import gzip
import json
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.protocol.common import SERVER_INFO_HEADER, SYNC_STATE_HEADER
from fieldapp.server.app import create_app
from fieldapp.server.feed import prune_feed
from fieldapp.server.models import ChangeLog
from fieldapp.store.feed_news import server_words
from tests.server.helpers import T0, Live, cheap_settings, create_visit, event, walk
from tests.support.servers import running_uvicorn

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

WORK = (EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)


def test_pages_follow_the_cursor_oldest_first(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visits = [create_visit(supervisor, tech.username) for _ in range(5)]
    for visit_id in visits:
        assert {r["status"] for r in tech.push(*walk(visit_id, *WORK))} == {"accepted"}

    first = tech.changes(0, limit=7)
    second = tech.changes(first["next_cursor"], limit=7)
    everything = tech.all_changes(0, limit=7)

    assert len(first["changes"]) == 7
    assert first["has_more"]
    assert first["next_cursor"] == first["changes"][-1]["seq"]
    assert second["changes"][0]["seq"] > first["next_cursor"]
    seqs = [c["seq"] for c in everything]
    assert seqs == sorted(seqs)
    assert len(seqs) == len(set(seqs)) == 5 * (1 + len(WORK))
    raw = tech.get("/sync/changes", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["Content-Encoding"] == "gzip"
    last = tech.changes(everything[-1]["seq"])
    assert last["changes"] == []
    assert not last["has_more"]
    assert last["next_cursor"] == everything[-1]["seq"]


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        pytest.param("zstd, gzip", "zstd", id="the laptop: zstd"),
        pytest.param("gzip, deflate", "gzip", id="gzip only"),
        pytest.param(None, None, id="an old client: no Accept-Encoding"),
    ],
)
def test_a_page_comes_in_the_coding_the_client_asks_for(
    live: Live, accept: str | None, coding: str | None
) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    for visit_id in [create_visit(supervisor, tech.username) for _ in range(4)]:
        tech.push(*walk(visit_id, *WORK))
    plain = tech.get("/sync/changes", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert len(plain.content) > 1024  # worth compressing

    # requests sends its own Accept-Encoding unless told None; the body read as it came
    sent = tech.get("/sync/changes", headers={"Accept-Encoding": accept}, stream=True)
    raw = sent.raw.read(decode_content=False)
    assert sent.headers.get("Content-Encoding") == coding
    assert sent.headers["Vary"] == "Accept-Encoding"
    if coding == "zstd":
        raw = zstd.decompress(raw)
    elif coding == "gzip":
        raw = gzip.decompress(raw)
    # the same page, but for the time it was rendered at
    assert json.loads(raw) | {"server_time": ""} == plain.json() | {"server_time": ""}


def test_a_real_page_validates_as_changes_page(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username, deadline=T0.isoformat())
    tech.push(*walk(visit_id, *WORK))
    other = create_visit(supervisor, tech.username)
    supervisor.post(f"/visits/{other}/cancel", json={"reason": "Fixed remotely."})

    page = protocol.ChangesPage.model_validate(tech.changes())

    kinds = [c.kind for c in page.changes]
    assert kinds == ["visit", "event", "event", "event", "tombstone"]
    visit = page.changes[0].visit
    assert visit is not None
    assert visit.assignee == tech.username
    assert visit.window_start == T0
    assert visit.deadline == T0
    first_event = page.changes[1].event
    assert first_event is not None
    assert first_event.type is EventType.CONFIRMED
    assert first_event.author == tech.username
    assert first_event.server_seq == page.changes[1].seq
    assert page.changes[-1].reason == "cancelled"
    assert page.changes[-1].message is not None
    assert "Fixed remotely." in page.changes[-1].message


def test_limit_is_capped_by_the_server(live: Live) -> None:
    tech = live.technician()

    response = tech.get("/sync/changes", params={"cursor": 0, "limit": 10**9})

    assert response.status_code == 200


def test_reassignment_sends_a_tombstone_and_hands_over_the_history(live: Live) -> None:
    supervisor = live.supervisor()
    tech_a, tech_b = live.technician(), live.technician()
    visit_id = create_visit(supervisor, tech_a.username)
    tech_a.push(*walk(visit_id, *WORK))
    cursor_a = tech_a.changes()["next_cursor"]

    response = supervisor.patch(f"/visits/{visit_id}", json={"assignee": tech_b.username})
    assert response.status_code == 200
    assert response.json()["assignee"] == tech_b.username

    (tombstone,) = tech_a.changes(cursor_a)["changes"]
    assert tombstone["kind"] == "tombstone"
    assert tombstone["reason"] == "reassigned"
    # who has it now and who moved it, in words an older laptop shows as they are
    assert tombstone["message"] == (
        f"Now with Technician {tech_b.username}, reassigned by Supervisor {supervisor.username}."
    )
    # ...which the laptop reads back as its own sentence to say in the app's language
    assert server_words(tombstone["message"]) == (
        "Now with {holder}, reassigned by {by}.",
        {"holder": f"Technician {tech_b.username}", "by": f"Supervisor {supervisor.username}"},
    )
    # from scratch, A's feed is only the tombstone: nothing of the visit's new life leaks
    assert [c["kind"] for c in tech_a.all_changes()] == ["tombstone"]
    b_feed = tech_b.all_changes()
    assert [c["kind"] for c in b_feed] == ["visit", "event", "event", "event"]
    assert [c["event"]["type"] for c in b_feed[1:]] == [k.value for k in WORK]
    # B carries on where A left off: the workflow state came with the visit
    (result,) = tech_b.push(*walk(visit_id, EventType.DIAGNOSED))
    assert result["status"] == "accepted"


def test_updates_replace_the_previous_visit_row(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    cursor = tech.changes()["next_cursor"]
    for urgency in ("high", "medium"):
        response = supervisor.patch(f"/visits/{visit_id}", json={"urgency": urgency, "vip": True})
        assert response.status_code == 200

    after_cursor = tech.changes(cursor)["changes"]
    from_scratch = tech.all_changes()

    assert [(c["visit"]["urgency"], c["visit"]["priority"]) for c in after_cursor] == [
        ("medium", "critical")
    ]
    assert [c["kind"] for c in from_scratch] == ["visit"]


def test_unassigning_sends_a_tombstone(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)

    response = supervisor.patch(f"/visits/{visit_id}", json={"assignee": None})

    assert response.json()["assignee"] is None
    assert [(c["kind"], c["reason"]) for c in tech.all_changes()] == [("tombstone", "unassigned")]


def test_old_cursor_must_refetch_after_pruning(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    old = create_visit(supervisor, tech.username)
    supervisor.post(f"/visits/{old}/cancel", json={"reason": "Duplicate ticket."})
    cursor_before = tech.changes()["next_cursor"]
    create_visit(supervisor, tech.username)
    stale_cursor = 1
    assert stale_cursor < cursor_before
    with fresh_live.db() as session:
        session.execute(
            update(ChangeLog)
            .where(ChangeLog.kind == "tombstone")
            .values(created_at=datetime.now(UTC) - timedelta(days=31))
        )
        assert prune_feed(session, datetime.now(UTC), horizon_days=30) == 1

    refetch = tech.changes(stale_cursor)
    up_to_date = tech.changes(cursor_before)
    from_scratch = tech.changes(0)

    assert refetch["must_refetch"]
    assert refetch["changes"] == []
    assert refetch["next_cursor"] == 0
    assert not up_to_date["must_refetch"]
    assert [c["kind"] for c in up_to_date["changes"]] == ["visit"]
    assert not from_scratch["must_refetch"]
    assert [c["kind"] for c in from_scratch["changes"]] == ["visit"]


def test_cursor_from_another_database_must_refetch(live: Live) -> None:
    tech = live.technician()

    page = tech.changes(2**40)

    assert page["must_refetch"]


TRICKY = 'quote " backslash \\ newline \n tab \t control \x01 é 漢字 😀 </script> \u2028'


def _times_as_datetimes(values: dict[str, Any], *names: str) -> dict[str, Any]:
    return {
        k: datetime.fromisoformat(v) if k in names and v is not None else v
        for k, v in values.items()
    }


def test_the_page_body_carries_every_value_as_the_api_does(live: Live) -> None:
    """The feed renders JSON from rows by hand: strings that need escaping, payloads spliced
    in as stored, datetimes with microseconds given in another offset all come out as the
    pydantic-rendered endpoints give them."""
    supervisor = live.supervisor()
    tech = live.technician()
    start = datetime(2030, 3, 11, 11, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    visit_id = create_visit(
        supervisor,
        tech.username,
        customer_name=TRICKY,
        problem=TRICKY * 3,
        room=TRICKY,
        window_start=start.isoformat(),
        window_end=(start + timedelta(hours=1, microseconds=1)).isoformat(),
        deadline=start.isoformat(),
    )
    note = event(visit_id, EventType.NOTE, {"text": TRICKY}, at=start)
    assert [r["status"] for r in tech.push(*walk(visit_id, *WORK), note)] == ["accepted"] * 4
    cancelled = create_visit(supervisor, tech.username)
    supervisor.post(f"/visits/{cancelled}/cancel", json={"reason": TRICKY})

    raw = tech.get("/sync/changes")
    page = protocol.ChangesPage.model_validate_json(raw.content)
    changes = raw.json()["changes"]

    assert raw.headers["content-type"] == "application/json"
    assert [c.kind for c in page.changes] == ["visit", *["event"] * 4, "tombstone"]
    visit_times = ("window_start", "window_end", "deadline", "updated_at")
    expected_visit = supervisor.get(f"/visits/{visit_id}").json()
    assert _times_as_datetimes(changes[0]["visit"], *visit_times) == _times_as_datetimes(
        expected_visit, *visit_times
    )
    assert changes[0]["visit"]["window_start"] == "2030-03-11T09:00:00.123456+00:00"
    event_times = ("occurred_at", "received_at")
    expected_events = supervisor.get(f"/visits/{visit_id}/events").json()
    assert [_times_as_datetimes(c["event"], *event_times) for c in changes[1:5]] == [
        _times_as_datetimes(e, *event_times) for e in expected_events
    ]
    assert changes[4]["event"]["payload"] == {"text": TRICKY}
    assert changes[4]["event"]["occurred_at"] == "2030-03-11T09:00:00.123456+00:00"
    assert changes[5]["message"] == f"Dispatch cancelled this visit: {TRICKY}"
    assert server_words(changes[5]["message"]) == (
        "Dispatch cancelled this visit: {why}",
        {"why": TRICKY},
    )


def test_a_running_server_keeps_pruning_old_tombstones(database_url: str, tmp_path: Path) -> None:
    settings = cheap_settings(tmp_path, database_url, prune_interval_hours=0.1 / 3600)
    app = create_app(settings)
    with running_uvicorn(app) as base_url:
        server = Live(base_url, app, settings)
        supervisor, tech = server.supervisor(), server.technician()
        visit_id = create_visit(supervisor, tech.username)
        supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "Duplicate ticket."})
        with server.db() as session:
            session.execute(
                update(ChangeLog)
                .where(ChangeLog.kind == "tombstone")
                .values(created_at=datetime.now(UTC) - timedelta(days=31))
            )
        deadline = time.monotonic() + 10
        while (
            server.count(ChangeLog, ChangeLog.kind == "tombstone") and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        try:
            assert server.count(ChangeLog, ChangeLog.kind == "tombstone") == 0
            assert tech.changes(1)["must_refetch"]
        finally:
            server.close_clients()


def test_the_info_beside_a_page_and_a_push_is_get_infos(tmp_path: Path, database_url: str) -> None:
    """The server's info beside the feed's pages and a push's answer is GET /info's answer
    (but for its time), also where it holds text outside ASCII, escaped as JSON escapes it."""
    url = "https://bücher.example/fieldapp-€.msi"
    app = create_app(cheap_settings(tmp_path, database_url, client_download_url=url))
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, app.state.settings)
        supervisor, tech = live.supervisor(), live.technician()
        visit_id = create_visit(supervisor, tech.username)
        headers = {"X-FieldApp-Info": "2", SYNC_STATE_HEADER: "1"}
        answers = [
            tech.get("/sync/changes", headers=headers),
            tech.post("/sync/events", json={"events": walk(visit_id, *WORK)}, headers=headers),
            tech.post("/sync/events?cursor=0", json={"events": []}, headers=headers),
        ]
        info = live.anonymous().get("/info", headers=headers).json()
        for answer in answers:
            assert answer.status_code == 200, answer.text
            told = answer.headers[SERVER_INFO_HEADER]
            assert told.isascii()
            assert json.loads(told) | {"server_time": ""} == info | {"server_time": ""}
        assert info["client_download_url"] == url
        live.close_clients()
