"""Pushing events: accepted, duplicate or rejected with a reason; idempotent and all-or-nothing."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.server.db import write_transaction
from fieldapp.server.models import ChangeLog, EventRecord, User, Visit
from fieldapp.server.push import next_working_day, push_events
from fieldapp.server.security import Principal
from tests.server.helpers import T0, Live, create_visit, event, walk

WORK = (EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)


def statuses(results: list[dict[str, Any]]) -> list[str]:
    return [r["status"] for r in results]


def test_accepted_events_get_seq_and_receive_time(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)

    response = tech.post("/sync/events", json={"events": walk(visit_id, *WORK)})

    answer = protocol.PushResponse.model_validate(response.json())
    assert [r.status for r in answer.results] == ["accepted"] * 3
    seqs = [r.server_seq or 0 for r in answer.results]
    assert all(seqs)
    assert seqs == sorted(seqs)
    assert all(r.received_at == answer.server_time for r in answer.results)
    stored = supervisor.get(f"/visits/{visit_id}/events").json()
    assert [e["type"] for e in stored] == [k.value for k in WORK]
    assert [e["server_seq"] for e in stored] == seqs


def test_rejections_carry_code_and_sentence_and_never_block_the_rest(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    batch = [
        *walk(visit_id, EventType.CONFIRMED, EventType.ARRIVED),
        event(visit_id, EventType.DIAGNOSED),  # before permission
        event(visit_id, EventType.NOTE, {"text": "x", "colour": "red"}),  # unknown field
        event(visit_id, EventType.PERMISSION_GRANTED, at=T0 + timedelta(minutes=5)),
        event(visit_id, EventType.DIAGNOSED, at=T0 + timedelta(minutes=6)),
    ]

    results = tech.push(*batch)

    assert statuses(results) == [
        "accepted",
        "accepted",
        "rejected",
        "rejected",
        "accepted",
        "accepted",
    ]
    assert results[2]["code"] == "permission_required"
    assert "permission" in results[2]["message"].lower()
    assert results[3]["code"] == "invalid_payload"
    assert not results[2]["retryable"]
    assert [r["id"] for r in results] == [e["id"] for e in batch]


def test_events_on_a_cancelled_visit_are_rejected_and_kept_for_a_supervisor(
    live: Live,
) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    tech.push(*walk(visit_id, EventType.CONFIRMED))
    supervisor.post(f"/visits/{visit_id}/cancel", json={"reason": "User left the company."})

    (result,) = tech.push(event(visit_id, EventType.ARRIVED))

    assert result["status"] == "rejected"
    assert result["code"] == "visit_cancelled_kept"
    assert result["message"].endswith("kept for a supervisor to review.")
    assert not result["retryable"]


def test_pushing_the_same_batch_twice_stores_each_event_once(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    batch = walk(visit_id, *WORK)

    first = tech.push(*batch)
    second = tech.push(*batch)

    assert statuses(first) == ["accepted"] * 3
    assert statuses(second) == ["duplicate"] * 3
    assert [r["server_seq"] for r in second] == [r["server_seq"] for r in first]
    assert [r["received_at"] for r in second] == [r["received_at"] for r in first]
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 3


def test_the_same_id_twice_in_one_batch_is_a_duplicate(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    confirmed = event(visit_id, EventType.CONFIRMED)

    results = tech.push(confirmed, confirmed)

    assert statuses(results) == ["accepted", "duplicate"]
    assert results[0]["server_seq"] == results[1]["server_seq"]
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 1


def test_the_same_batch_pushed_concurrently_is_stored_once(live: Live) -> None:
    supervisor = live.supervisor()
    username = live.user()
    visit_id = create_visit(supervisor, username)
    batch = walk(visit_id, *WORK)
    clients = [live.login(username) for _ in range(4)]
    outcomes: list[list[str]] = []
    errors: list[BaseException] = []

    def push(client: Any) -> None:
        try:
            outcomes.append(statuses(client.push(*batch)))
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=push, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == [["accepted"] * 3] + [["duplicate"] * 3] * 3
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 3


def test_an_event_id_of_another_author_is_a_conflict(live: Live) -> None:
    supervisor = live.supervisor()
    tech_a, tech_b = live.technician(), live.technician()
    visit_a = create_visit(supervisor, tech_a.username)
    visit_b = create_visit(supervisor, tech_b.username)
    taken = event(visit_a, EventType.CONFIRMED)
    tech_a.push(taken)

    (result,) = tech_b.push({**taken, "visit_id": visit_b})

    assert result["code"] == "id_conflict"


def test_event_needing_an_attachment_waits_for_its_upload(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    signature = b"<svg>signature</svg>"
    sha = hashlib.sha256(signature).hexdigest()
    attach = event(
        visit_id,
        EventType.ATTACHMENT_ADDED,
        {
            "sha256": sha,
            "filename": "sig.svg",
            "media_type": "image/svg+xml",
            "size": len(signature),
            "kind": "signature",
        },
    )

    (early,) = tech.push(attach)
    assert tech.put(f"/attachments/{sha}", data=signature).status_code == 201
    (retried,) = tech.push(attach)

    assert (early["status"], early["code"], early["retryable"]) == (
        "rejected",
        "attachment_missing",
        True,
    )
    assert retried["status"] == "accepted"


def test_anything_else_yes_creates_a_linked_follow_up_visit(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    friday = datetime(2030, 3, 15, 16, 0, tzinfo=UTC)
    visit_id = create_visit(supervisor, tech.username, room="4.02")
    steps = (*WORK, EventType.DIAGNOSED, EventType.RESOLVED)
    request = "My second monitor flickers too."
    anything = event(
        visit_id, EventType.ANYTHING_ELSE, {"answer": True, "request": request}, at=friday
    )

    results = tech.push(*walk(visit_id, *steps), anything)

    assert statuses(results) == ["accepted"] * 6
    follow_ups = [
        c["visit"]
        for c in tech.all_changes()
        if c["kind"] == "visit" and c["visit"]["follow_up_of"] == visit_id
    ]
    assert len(follow_ups) == 1
    follow_up = follow_ups[0]
    assert follow_up["problem"] == request
    assert follow_up["room"] == "4.02"
    assert follow_up["assignee"] == tech.username
    assert datetime.fromisoformat(follow_up["window_start"]) == datetime(
        2030, 3, 18, 9, 0, tzinfo=UTC
    )


def test_next_working_day_skips_the_weekend() -> None:
    assert next_working_day(datetime(2030, 3, 11, 18, tzinfo=UTC)).day == 12  # Mon -> Tue
    assert next_working_day(datetime(2030, 3, 15, 18, tzinfo=UTC)).day == 18  # Fri -> Mon
    assert next_working_day(datetime(2030, 3, 16, 10, tzinfo=UTC)).day == 18  # Sat -> Mon


def test_a_crash_before_commit_stores_nothing_and_a_retry_is_accepted(live: Live) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit_id = create_visit(supervisor, tech.username)
    batch = walk(visit_id, *WORK)
    with live.app.state.sessionmaker() as session:
        with session.begin():
            user = session.scalars(select(User).where(User.username == tech.username)).one()
        principal = Principal(user.id, user.username, user.full_name, protocol.Role.TECHNICIAN)
        events = [protocol.EventIn.model_validate(e) for e in batch]

        def push_then_crash() -> None:
            with write_transaction(session):
                results = push_events(session, principal, events, datetime.now(UTC))
                assert [r.status for r in results] == ["accepted"] * 3
                raise RuntimeError("power cut in the middle of the batch")

        with pytest.raises(RuntimeError, match="power cut"):
            push_then_crash()

    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 0
    assert live.count(ChangeLog, ChangeLog.visit_id == visit_id, ChangeLog.kind == "event") == 0
    assert statuses(tech.push(*batch)) == ["accepted"] * 3
    assert live.count(Visit, Visit.follow_up_of == visit_id) == 0


def test_long_histories_are_judged_like_short_ones(live: Live) -> None:
    """A push folds each accepted event into the batch's state of its visit in place: the
    events after it are judged by that state, in one batch and from a long stored history."""
    supervisor = live.supervisor()
    tech = live.technician()
    kinds = [
        EventType.CONFIRMED,
        EventType.ARRIVED,
        EventType.DIAGNOSED,  # before permission
        EventType.PERMISSION_GRANTED,
        *[EventType.NOTE] * 40,
        EventType.OPTION_CHOSEN,  # nothing offered
        EventType.DIAGNOSED,
        EventType.RESOLVED,
    ]
    later = [EventType.DIAGNOSED, EventType.CONFIRMED, EventType.NOTE]

    def answers(visit_id: str) -> list[tuple[str, str | None]]:
        results = tech.push(*walk(visit_id, *kinds))
        results += tech.push(*walk(visit_id, *later))
        return [(r["status"], r["code"]) for r in results]

    refolded = answers(create_visit(supervisor, tech.username))

    rejected = {i: code for i, (status, code) in enumerate(refolded) if status == "rejected"}
    assert rejected == {2: "permission_required", 44: "no_options", 48: "already_on_site"}
