"""The visit's team from its events: who joins and leaves, the holder apart, who recorded what."""

from __future__ import annotations

from dataclasses import replace

from fieldapp.domain import EventType, derive_state
from fieldapp.domain.team import assistants_of, events_by_author, team_of
from tests.domain.factories import MINIMAL, Walk, make_event, refusal

E = EventType


def added(name: str) -> dict[str, str]:
    return {"username": name}


def test_assistants_join_in_order_and_leave() -> None:
    events = [
        make_event(E.ASSISTANT_ADDED, added("tony")),
        make_event(E.ASSISTANT_ADDED, added("jb")),
        make_event(E.ASSISTANT_REMOVED, added("tony")),
        make_event(E.ASSISTANT_ADDED, added("ana")),
    ]
    assert assistants_of(events) == ["jb", "ana"]
    assert derive_state(events).assistants == ["jb", "ana"]
    team = team_of("kyra", events)
    assert team.members == ("kyra", "jb", "ana")
    assert team.includes("ana")
    assert not team.includes("tony")


def test_the_holder_is_never_also_an_assistant() -> None:
    # Dispatch handed the visit to its assistant: they hold it now, once.
    events = [make_event(E.ASSISTANT_ADDED, added("tony"))]
    assert team_of("tony", events).members == ("tony",)
    assert team_of(None, events).members == ("tony",)


def test_nobody_joins_twice_and_only_a_member_leaves() -> None:
    walk = Walk()
    walk.do(E.ASSISTANT_ADDED, added("tony"))
    again = refusal(walk.state, make_event(E.ASSISTANT_ADDED, added("tony")))
    assert again is not None
    assert again.code == "already_assisting"
    assert "tony" in again.message
    stranger = refusal(walk.state, make_event(E.ASSISTANT_REMOVED, added("ana")))
    assert stranger is not None
    assert stranger.code == "not_assisting"


def test_a_colleague_can_leave_a_closed_visit_but_not_join_it() -> None:
    walk = Walk()
    walk.do(E.ASSISTANT_ADDED, added("tony"))
    walk.do(E.CONFIRMED)
    walk.do(E.CLOSED_WITHOUT_REPAIR, outcome="resolved_remotely")
    joining = refusal(walk.state, make_event(E.ASSISTANT_ADDED, added("ana")))
    assert joining is not None
    assert joining.code == "visit_closed"
    walk.do(E.ASSISTANT_REMOVED, added("tony"))
    assert walk.state.assistants == []


def test_the_team_does_not_open_the_permission_gate() -> None:
    # A colleague joining changes nobody's permission: diagnosing still needs it.
    walk = Walk()
    walk.do(E.ARRIVED)
    walk.do(E.ASSISTANT_ADDED, added("tony"))
    violation = refusal(walk.state, make_event(E.DIAGNOSED))
    assert violation is not None
    assert violation.code == "permission_required"


def test_events_by_author_counts_each_technicians_share() -> None:
    base = make_event(E.NOTE, MINIMAL[E.NOTE])
    events = [replace(base, author=a) for a in ("kyra", "tony", "kyra", "")]
    assert events_by_author(events) == {"kyra": 2, "tony": 1}
