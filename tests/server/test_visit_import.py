"""The bulk visit import: refused files write nothing, large ones do not hold pushes back."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import requests

from fieldapp.domain import EventType as E
from fieldapp.server.models import ChangeLog, Visit
from tests.server.helpers import Client, Live, create_visit
from tests.server.supervision_kit import ev, iso

DAY = datetime(2030, 3, 12, 9, tzinfo=UTC)
CSV = {"Content-Type": "text/csv"}
HEAD = "reference,customer_name,window_start,window_end,assignee\n"


def rows(prefix: str, count: int, assignee: str) -> str:
    start, end = iso(DAY), iso(DAY + timedelta(hours=1))
    return "".join(f"{prefix}-{i},Customer {i},{start},{end},{assignee}\n" for i in range(count))


def post_csv(supervisor: Client, text: str) -> requests.Response:
    return supervisor.post("/visits/import", data=text.encode(), headers=CSV)


def test_an_empty_file_imports_nothing_and_says_so(live: Live) -> None:
    supervisor = live.supervisor()
    before = (live.count(Visit), live.count(ChangeLog))

    empty_list = supervisor.post("/visits/import", json=[])
    header_only = post_csv(supervisor, HEAD)

    for response in (empty_list, header_only):
        assert response.status_code == 201, response.text
        assert response.json() == {"created": 0, "ids": []}
    assert (live.count(Visit), live.count(ChangeLog)) == before


def test_a_repeated_column_is_refused_and_nothing_imported(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    head = "reference,customer_name,window_start,customer_name,window_end\n"
    start, end = iso(DAY), iso(DAY + timedelta(hours=1))
    body = head + f"DUP-{tech.username},First,{start},Second,{end}\n"
    before = live.count(Visit)

    response = post_csv(supervisor, body)

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_import"
    assert "'customer_name' appears more than once" in response.json()["message"]
    assert live.count(Visit) == before


def test_rows_the_database_refuses_are_all_named_and_nothing_is_imported(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    taken = f"TAKEN-{tech.username}"
    create_visit(supervisor, tech.username, reference=taken)
    start, end = iso(DAY), iso(DAY + timedelta(hours=1))
    body = HEAD + (
        f"NEW-{tech.username},Fine,{start},{end},{tech.username}\n"
        f"{taken},Taken,{start},{end},{tech.username}\n"
        f"GHOST-{tech.username},Nobody,{start},{end},no-such-technician\n"
        f"BACK-{tech.username},Backwards,{end},{start},{tech.username}\n"
    )
    before = (live.count(Visit), live.count(ChangeLog))

    backwards = post_csv(supervisor, body)
    in_database = post_csv(supervisor, HEAD + "\n".join(body.splitlines()[1:4]) + "\n")

    assert backwards.status_code == 422
    assert "line 5: the visit's window must end after it starts" in backwards.json()["message"]
    assert in_database.status_code == 422
    problems = [d["msg"] for d in in_database.json()["details"]]
    assert problems == [
        f"line 3: A visit with reference '{taken}' already exists.",
        "line 4: 'no-such-technician' is not an active technician's username.",
    ]
    assert (live.count(Visit), live.count(ChangeLog)) == before


def test_imported_visits_reach_their_technicians_in_row_order(live: Live) -> None:
    supervisor = live.supervisor()
    tech_a, tech_b = live.technician(), live.technician()
    body = HEAD + "".join(
        rows(f"ORD-{name}", 3, name) for name in (tech_a.username, tech_b.username)
    )

    response = post_csv(supervisor, body)

    assert response.status_code == 201, response.text
    ids = response.json()["ids"]
    assert response.json()["created"] == len(ids) == 6
    for tech, mine in ((tech_a, ids[:3]), (tech_b, ids[3:])):
        changes = tech.all_changes()
        assert [c["visit_id"] for c in changes] == mine
        assert [c["visit"]["reference"] for c in changes] == [
            f"ORD-{tech.username}-{i}" for i in range(3)
        ]
        assert all(c["visit"]["assignee"] == tech.username for c in changes)


def test_a_push_sent_during_a_large_import_is_accepted(live: Live) -> None:
    supervisor, importer_tech, tech = live.supervisor(), live.technician(), live.technician()
    visit_id = create_visit(supervisor, tech.username)
    body = HEAD + rows(f"BULK-{importer_tech.username}", 3000, importer_tech.username)
    answer: dict[str, requests.Response] = {}
    importing = threading.Thread(target=lambda: answer.update(ok=post_csv(supervisor, body)))
    flow = (E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED, E.RESOLVED)

    importing.start()
    results = []
    for i, kind in enumerate(flow):  # keeps pushing while the import runs, and after
        results += tech.push(ev(visit_id, kind, DAY + timedelta(minutes=i)))
    importing.join()

    assert [r["status"] for r in results] == ["accepted"] * len(flow)
    assert answer["ok"].status_code == 201, answer["ok"].text
    assert answer["ok"].json()["created"] == 3000
    assert len(importer_tech.all_changes()) == 3000
    assert [c["kind"] for c in tech.all_changes()] == ["visit"] + ["event"] * len(flow)
