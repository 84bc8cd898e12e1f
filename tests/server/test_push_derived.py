"""A push rewrites only the derived tables its events' types can change (server.derived): after
pushes of each event type, one at a time and mixed, the tables equal a full rebuild."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from fieldapp.domain import EventType as E
from fieldapp.domain import VisitState
from fieldapp.domain.time_on_task import time_on_task
from fieldapp.server import derived
from fieldapp.server.facts import count_values
from fieldapp.server.models_facts import VisitFacts
from tests.domain.factories import FULL
from tests.server.helpers import Live
from tests.server.supervision_kit import ev, iso, push_ok, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import MON, at, visit


def test_the_table_names_every_event_type() -> None:
    assert set(derived.AFFECTS) == set(E)
    assert derived.affected([E.NOTE], someone_at_desk=False) == derived.ALWAYS
    assert derived.Table.TRIPS in derived.affected([E.NOTE], someone_at_desk=True)
    counts = derived.affected([E.NOTE, E.NOTE], someone_at_desk=False, had_events=True)
    assert counts == {derived.Table.FACTS_COUNTS, derived.Table.WORK}
    mixed = derived.affected([E.NOTE, E.DIAGNOSED], someone_at_desk=False, had_events=True)
    assert derived.Table.FACTS in mixed
    assert derived.Table.FACTS_COUNTS not in mixed
    first = derived.affected([E.NOTE], someone_at_desk=False, had_events=False)
    assert derived.Table.FACTS in first
    # The counts' UPDATE writes what count_values gives: exactly those columns.
    counted = count_values([], VisitState(), MON, time_on_task([]))
    assert set(counted) == set(derived.COUNT_COLUMNS)


def test_a_note_on_a_visit_whose_facts_row_is_missing_writes_the_row(fresh_live: Live) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    v = visit(supervisor, tech, at(MON, "9:00"))
    push_ok(tech, ev(v, E.ARRIVED, at(MON, "9:00")))
    with fresh_live.db() as session:
        session.execute(delete(VisitFacts).where(VisitFacts.visit_id == v))

    push_ok(tech, ev(v, E.NOTE, at(MON, "9:05"), **FULL[E.NOTE]))

    pushed = snapshot(fresh_live)
    rebuild_from_events(fresh_live)
    assert snapshot(fresh_live) == pushed
    assert len(pushed["visit_facts"]) == 1


def _walks(ids: list[str]) -> list[list[dict[str, Any]]]:
    """Pushes over four visits, each a list of events: with the test below every type a
    laptop pushes (user_replied and time_request_answered are the server's own)."""
    a, b, c, d = ids
    t = at(MON, "9:00")

    def m(n: int) -> Any:
        return t + timedelta(minutes=n)

    loan = ev(a, E.LOAN_MADE, m(9), due_at=iso(m(600)))
    loan_d = ev(d, E.LOAN_MADE, m(9), due_at=iso(m(600)))
    one_by_one = [
        ev(a, E.CONFIRMED, m(0)),
        ev(a, E.ON_MY_WAY, m(1)),
        ev(a, E.ARRIVED, m(2)),
        ev(a, E.NOTE, m(3), **FULL[E.NOTE]),  # at the desk: the trip's seconds move on
        ev(a, E.PERMISSION_GRANTED, m(4)),
        ev(a, E.ALREADY_TRIED_ADDED, m(5)),
        ev(a, E.DIAGNOSED, m(6), borrowed_parts=["Cable"]),
        ev(a, E.DEVICE_ATTACHED, m(7)),
        ev(a, E.PART_BORROWED, m(8)),
        loan,
        ev(a, E.OPTIONS_OFFERED, m(10)),
        ev(a, E.OPTION_CHOSEN, m(11)),
        ev(a, E.PROMISE_MADE, m(12)),
        ev(a, E.PROMISE_KEPT, m(13)),
        ev(a, E.DEPARTED, m(14), return_at=iso(m(60)), agreed_with="Kyra"),
        ev(a, E.NOTE, m(20)),  # nobody at the desk: trips unchanged
        ev(a, E.ARRIVED, m(60)),
        ev(a, E.PERMISSION_GRANTED, m(60)),
        ev(a, E.PART_RETURNED, m(61), part="Cable"),
        ev(a, E.RESOLVED, m(62)),
        ev(a, E.TAUGHT, m(63)),
        ev(a, E.ANYTHING_ELSE, m(64), answer=False),
        ev(a, E.SIGNED_OFF, m(65), parts_returned=True, satisfaction=2),
        ev(a, E.LOAN_RETURNED, m(70), loan_id=loan["id"]),
        ev(b, E.ARRIVED, m(0)),
        ev(b, E.USER_BUSY, m(1), return_at=iso(m(30))),
        ev(b, E.DAY_END_UPDATE, m(2)),
        ev(b, E.ARRIVED, m(30)),
        ev(b, E.USER_ABSENT_URGENT, m(31)),
        ev(b, E.USER_RETURNED, m(32)),
        ev(b, E.CLOSED_WITHOUT_REPAIR, m(33)),
        ev(c, E.ARRIVED, m(0)),
        ev(c, E.USER_ABSENT_NOTE_LEFT, m(1)),
        ev(c, E.ARRIVED, m(20)),
        ev(c, E.PERMISSION_DECLINED, m(21), next_step="close"),
    ]
    mixed = [
        ev(d, E.ARRIVED, m(0)),
        ev(d, E.PERMISSION_GRANTED, m(1)),
        ev(d, E.DIAGNOSED, m(2)),
        ev(d, E.NOTE, m(3)),
        loan_d,
        ev(d, E.PART_BORROWED, m(4)),
        ev(d, E.RESOLVED, m(5)),
        ev(d, E.TEACHING_DECLINED, m(6)),
        ev(d, E.ESCALATED, m(7)),
        ev(d, E.LOAN_DISPOSED, m(8), loan_id=loan_d["id"]),
        ev(d, E.PART_DISPOSED, m(9)),
    ]
    return [[e] for e in one_by_one] + [mixed]


def test_pushes_of_each_type_leave_what_a_rebuild_gives(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    tech = fresh_live.technician()
    ids = [visit(supervisor, tech, at(MON, f"{h}:00")) for h in (9, 10, 11, 12)]
    for push in _walks(ids):
        push_ok(tech, *push)
        pushed = snapshot(fresh_live)
        rebuild_from_events(fresh_live)
        assert snapshot(fresh_live) == pushed, [e["type"] for e in push]


def test_team_opened_and_reopened_visits_and_attachments_leave_what_a_rebuild_gives(
    fresh_live: Live,
) -> None:
    supervisor, tech, colleague = (
        fresh_live.supervisor(),
        fresh_live.technician(),
        fresh_live.technician(),
    )
    v = visit(supervisor, tech, at(MON, "9:00"))
    data = b"a screenshot"
    sha = hashlib.sha256(data).hexdigest()
    assert tech.put(f"/attachments/{sha}", data=data).status_code in (200, 201)
    walk_up, back = str(uuid.uuid4()), str(uuid.uuid4())
    t = at(MON, "9:00")

    def m(n: int) -> Any:
        return t + timedelta(minutes=n)

    window = {"window_start": iso(m(300)), "window_end": iso(m(360))}
    pushes = [
        (tech, [ev(v, E.ARRIVED, m(0)), ev(v, E.PERMISSION_GRANTED, m(1))]),
        (tech, [ev(v, E.ASSISTANT_ADDED, m(2), username=colleague.username)]),
        (colleague, [ev(v, E.ARRIVED, m(3))]),
        (colleague, [ev(v, E.DIAGNOSED, m(4))]),
        (tech, [ev(v, E.ATTACHMENT_ADDED, m(5), sha256=sha)]),
        (colleague, [ev(v, E.DEPARTED, m(6))]),
        (tech, [ev(v, E.ASSISTANT_REMOVED, m(7), username=colleague.username)]),
        (tech, [ev(v, E.RESOLVED, m(8)), ev(v, E.SIGNED_OFF, m(9))]),
        (tech, [ev(walk_up, E.VISIT_OPENED, m(20), how="walk_up", customer_name="Ana")]),
        (tech, [ev(walk_up, E.ARRIVED, m(21)), ev(walk_up, E.NOTE, m(22))]),
        (
            tech,
            [
                ev(v, E.REOPENED, m(30), reason="Jams again.", return_visit_id=back),
                ev(
                    back,
                    E.VISIT_OPENED,
                    m(30),
                    how="reopened",
                    opened_from=v,
                    problem="Jams.",
                    **window,
                ),
            ],
        ),
    ]
    for who, events in pushes:
        push_ok(who, *events)
        pushed = snapshot(fresh_live)
        rebuild_from_events(fresh_live)
        assert snapshot(fresh_live) == pushed, [e["type"] for e in events]
