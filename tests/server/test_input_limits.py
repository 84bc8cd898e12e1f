"""Input the databases cannot hold (lone surrogates, NUL, far dates, huge ids, deep nesting)
is refused with a 4xx JSON error at every write and never turns a read into a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.server.admin import add_user
from fieldapp.server.app import create_app
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord
from tests.server.helpers import Client, Live, cheap_settings, create_visit, event, visit_body
from tests.server.test_bad_input import (
    _never_the_last_resort,  # noqa: F401 (autouse: no request of these tests may reach a 500)
    assert_json_error,
    snapshot,
)
from tests.support.servers import running_uvicorn

LONE = "x\ud800y"  # a high surrogate with no low one after it: not a character
FAR_PAST = "0001-01-01T00:00:00+14:00"
FAR_FUTURE = "9999-12-31T23:59:59-14:00"
JSON_TYPE = {"Content-Type": "application/json"}


def raw_json(value: Any) -> bytes:
    """`value` as JSON with \\u escapes, so a lone surrogate travels as the escape \\ud800."""
    return json.dumps(value).encode()


@pytest.fixture
def actors(live: Live) -> tuple[Client, Client, str]:
    supervisor = live.supervisor()
    tech = live.technician()
    return supervisor, tech, create_visit(supervisor, tech.username)


def test_lone_surrogates_are_refused_at_every_write(
    live: Live, actors: tuple[Client, Client, str]
) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    note = event(visit_id, EventType.NOTE, {"text": LONE})
    in_key = event(visit_id, EventType.NOTE, {"text": "ok", LONE: "key"})
    in_visit_id = event(f"{visit_id}{LONE}", EventType.CONFIRMED)

    writes = [
        tech.post("/sync/events", data=raw_json({"events": [note]}), headers=JSON_TYPE),
        tech.post("/sync/events", data=raw_json({"events": [in_key]}), headers=JSON_TYPE),
        tech.post("/sync/events", data=raw_json({"events": [in_visit_id]}), headers=JSON_TYPE),
        supervisor.post(
            "/visits", data=raw_json(visit_body(customer_name=LONE)), headers=JSON_TYPE
        ),
        supervisor.patch(
            f"/visits/{visit_id}", data=raw_json({"assignee": LONE}), headers=JSON_TYPE
        ),
        supervisor.post(
            f"/visits/{visit_id}/cancel", data=raw_json({"reason": LONE}), headers=JSON_TYPE
        ),
        supervisor.post(
            "/visits/import", data=raw_json([visit_body(problem=LONE)]), headers=JSON_TYPE
        ),
        # the same surrogate as raw (invalid) UTF-8 bytes in a CSV file
        supervisor.post(
            "/visits/import",
            data=b"reference,customer_name,window_start,window_end\r\n"
            b"R-1,x\xed\xa0\x80y,2030-03-11T09:00:00+00:00,2030-03-11T10:00:00+00:00\r\n",
            headers={"Content-Type": "text/csv"},
        ),
        supervisor.post("/follow-ups/1/close", data=raw_json({"note": LONE}), headers=JSON_TYPE),
        supervisor.post(
            "/conflicts/1/resolve",
            data=raw_json({"resolution": "dismiss", "note": LONE}),
            headers=JSON_TYPE,
        ),
        live.anonymous().post(
            "/auth/login", data=raw_json({"username": LONE, "password": "pw"}), headers=JSON_TYPE
        ),
    ]

    for response in writes:
        assert_json_error(response, 422)
    assert snapshot(live) == before
    assert tech.get(f"/visits/{visit_id}/events").status_code == 200
    assert supervisor.get(f"/visits/{visit_id}/timeline").status_code == 200


def test_characters_outside_the_basic_plane_are_kept(
    live: Live, actors: tuple[Client, Client, str]
) -> None:
    supervisor, tech, visit_id = actors
    words = "Fixed 😀 — merci, 東京 \U0010fffd"
    note = event(visit_id, EventType.NOTE, {"text": words})

    pushed = tech.post("/sync/events", data=raw_json({"events": [note]}), headers=JSON_TYPE)

    assert pushed.json()["results"][0]["status"] == "accepted", pushed.text
    events = tech.get(f"/visits/{visit_id}/events").json()
    timeline = supervisor.get(f"/visits/{visit_id}/timeline").json()["entries"]
    feed = [c["event"] for c in tech.all_changes() if c["kind"] == "event"]
    for read in (events, timeline, feed):
        assert [e["payload"]["text"] for e in read if e["type"] == "note"] == [words]


def test_a_lone_surrogate_stored_before_the_check_stays_readable(tmp_path: Path) -> None:
    """SQLite keeps JSON as text, so an old row may hold the escape \\ud800 (PostgreSQL
    never could): every read answers it with U+FFFD in its place."""
    settings = cheap_settings(tmp_path, f"sqlite:///{tmp_path / 'old.sqlite3'}")
    app = create_app(settings)
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, settings)
        supervisor, tech = live.supervisor(), live.technician()
        visit_id = create_visit(supervisor, tech.username)
        note = event(visit_id, EventType.NOTE, {"text": "placeholder"})
        assert tech.push(note)[0]["status"] == "accepted"
        with live.db() as session:  # what an older server let through
            session.execute(
                text("UPDATE events SET payload = :payload WHERE id = :id"),
                {"payload": '{"text": "x\\ud800y \\ud83d\\ude00"}', "id": note["id"]},
            )

        events = tech.get(f"/visits/{visit_id}/events")
        timeline = supervisor.get(f"/visits/{visit_id}/timeline")
        feed = tech.get("/sync/changes")
        live.close_clients()

    for response in (events, timeline, feed):
        assert response.status_code == 200, response.text
        assert "x\ufffdy \U0001f600" in response.content.decode("utf-8")  # strict UTF-8
    assert timeline.json()["entries"][0]["payload"]["text"] == "x\ufffdy \U0001f600"


def test_dates_out_of_range_are_refused_before_anything_starts(
    live: Live, actors: tuple[Client, Client, str]
) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    sane = "2030-03-11T09:00:00+00:00"
    responses: list[requests.Response] = []
    for far in (FAR_PAST, FAR_FUTURE):
        too_far = event(visit_id, EventType.NOTE, {"text": "hi"}) | {"occurred_at": far}
        window = {"window_start": far, "window_end": far}
        responses += [
            tech.post("/sync/events", json={"events": [too_far]}),
            supervisor.post("/visits", json=visit_body(**window)),
            supervisor.post("/visits", json=visit_body(window_start=sane, window_end=far)),
            supervisor.post("/visits", json=visit_body(deadline=far)),
            supervisor.patch(f"/visits/{visit_id}", json=window),
            supervisor.post("/visits/import", json=[visit_body(**window)]),
            supervisor.post(
                "/dispatch/preview",
                json={"assignee": tech.username, **window, "estimated_minutes": 30},
            ),
            supervisor.get("/visits", params={"starts_from": far}),
        ]
    for day in ("0001-01-01", "9999-12-31", "0", "1700000000"):
        for path in ("/board", "/metrics", "/metrics/daily", "/export/visits.csv"):
            responses.append(supervisor.get(path, params={"date_from": day}))
            responses.append(supervisor.get(path, params={"date_to": day}))
        responses.append(supervisor.get("/export/metrics.csv", params={"date_to": day}))

    for response in responses:
        # an export refuses with a JSON error, not a 200 whose CSV stream is then cut
        assert response.headers["content-type"].startswith("application/json"), response.url
        assert_json_error(response, 422)
    assert snapshot(live) == before


def test_a_time_out_of_range_in_a_payload_is_rejected(
    live: Live, actors: tuple[Client, Client, str]
) -> None:
    _, tech, visit_id = actors
    busy = event(visit_id, EventType.USER_BUSY, {"return_at": FAR_FUTURE, "agreed_with": "Priya"})

    (result,) = tech.push(busy)

    assert (result["status"], result["code"]) == ("rejected", "invalid_payload")
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 0


@pytest.mark.parametrize(
    "path", ["/follow-ups/{}/close", "/conflicts/{}/resolve"], ids=["follow-up", "conflict"]
)
def test_ids_past_the_integer_range_are_refused_like_unknown_ones(live: Live, path: str) -> None:
    supervisor = live.supervisor()
    body = {"note": "done", "resolution": "dismiss"}
    if "follow-ups" in path:
        body.pop("resolution")

    biggest = supervisor.post(path.format(2**31 - 1), json=body)
    answers = [
        supervisor.post(path.format(n), json=body)
        for n in (2**31, 3774707063, 4611686018427387903, 2**63, 10**30)
    ]

    assert_json_error(biggest, 404)
    for answer in answers:
        assert_json_error(answer, 404, 422)


def test_deep_nesting_is_refused(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, visit_id = actors
    before = snapshot(live)
    deep = b"[" * 100_000 + b"]" * 100_000
    nested: Any = "bottom"
    for _ in range(40):
        nested = {"deeper": nested}

    imported = supervisor.post("/visits/import", data=deep, headers=JSON_TYPE)
    pushed = tech.post("/sync/events", data=b'{"events": ' + deep + b"}", headers=JSON_TYPE)
    in_payload = tech.post(
        "/sync/events", json={"events": [event(visit_id, EventType.NOTE, {"text": nested})]}
    )

    assert "deeply" in assert_json_error(imported, 422)["message"]
    assert_json_error(pushed, 400, 422)
    assert_json_error(in_payload, 422)
    assert snapshot(live) == before


def test_a_csv_cell_past_the_parser_limit_is_refused(live: Live) -> None:
    supervisor = live.supervisor()
    header = b"reference,customer_name,window_start,window_end,problem\r\n"
    row = b'R-2,Ann,2030-03-11T09:00:00+00:00,2030-03-11T10:00:00+00:00,"' + b"p" * 200_000 + b'"'

    answer = supervisor.post(
        "/visits/import", data=header + row, headers={"Content-Type": "text/csv"}
    )

    assert assert_json_error(answer, 422)["error"] == "invalid_import"


def test_answers_are_never_cached(live: Live, actors: tuple[Client, Client, str]) -> None:
    supervisor, tech, visit_id = actors
    answers = [
        tech.get("/me"),
        tech.get(f"/visits/{visit_id}"),
        tech.get("/sync/changes"),
        tech.get("/visits/nope"),
        tech.get("/board"),
        live.anonymous().get("/me"),
        supervisor.get("/board"),
        supervisor.get("/export/visits.csv"),
        supervisor.post("/visits", json={}),
        supervisor.get("/visits", params={"assignee": "a\x00"}),
    ]

    for answer in answers:
        assert answer.headers.get("cache-control") == "no-store", (answer.url, answer.status_code)


def test_a_nonsense_client_version_is_too_old_not_a_crash(live: Live) -> None:
    tech = live.technician()
    numberless = ["1" * 5000, "x" * 8000, "." * 3000, "\u00b2.\u00b3"]

    answers = [
        tech.get("/me", headers={"X-FieldApp-Client": v.encode().decode("latin-1")})
        for v in [*numberless, "1.\u00b2.0", "\u0661.\u0662.\u0663"]
    ]

    for answer in answers[: len(numberless)]:
        assert assert_json_error(answer, 426)["error"] == "client_too_old"
    # the parts that are numbers count (1.x.0 is 1.0), as before: answered, not crashed
    assert [a.status_code for a in answers[len(numberless) :]] == [200, 426]


def test_an_admin_user_with_text_that_cannot_be_stored_is_refused(live: Live) -> None:
    """A command-line argument that is not UTF-8 arrives with lone surrogates ("\\udcff")."""
    passwords = live.app.state.passwords
    with live.db() as session, pytest.raises(ApiError) as bad_name:
        add_user(session, "u-name", "pw", "technician", "Ann\udcff", passwords=passwords)
    with live.db() as session, pytest.raises(ApiError) as bad_password:
        add_user(session, "u-pass", "pw\udcff", "technician", "Ann", passwords=passwords)

    assert bad_name.value.error == "invalid_full_name"
    assert bad_password.value.error == "invalid_password"
