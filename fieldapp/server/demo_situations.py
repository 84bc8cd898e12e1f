"""The demo site's desk situations, recorded as the technicians' laptops would push them: a
visit over two trips, a borrowed part still out, loans (one overdue), an assistant, a walk-up,
a reopened visit with its return visit and a diagnosis with the intake answers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.domain import EventType as E
from fieldapp.protocol import EventIn, Role
from fieldapp.server.models import User
from fieldapp.server.push import push_events
from fieldapp.server.security import Principal


class DemoSeedError(RuntimeError):
    """A demo event the server refused: the demo data no longer follows the rules."""


def _event(visit_id: str, kind: E, at: datetime, **payload: Any) -> EventIn:
    return EventIn(
        id=str(uuid.uuid4()), visit_id=visit_id, type=kind, occurred_at=at, payload=payload
    )


def _push(session: Session, user: User, now: datetime, *events: EventIn) -> None:
    """Push as `user`'s laptop would; every event must be accepted."""
    principal = Principal(user.id, user.username, user.full_name, Role(user.role))
    for result in push_events(session, principal, list(events), now):
        if result.status != "accepted":
            raise DemoSeedError(f"demo event refused: {result.code}: {result.message}")


def _start(visit_id: str, at: datetime, user: str) -> list[EventIn]:
    """Greet, and the user's permission to work on the PC."""
    return [
        _event(visit_id, E.ARRIVED, at, greeting_done=True),
        _event(
            visit_id,
            E.PERMISSION_GRANTED,
            at + timedelta(minutes=2),
            granted_by=user,
            explanation="I will look at the problem on your PC; you can watch.",
            expected_minutes=30,
        ),
    ]


def _diagnosis(visit_id: str, at: datetime, **fields: Any) -> EventIn:
    return _event(
        visit_id,
        E.DIAGNOSED,
        at,
        **{
            "user_perspective": "It keeps happening and stops me working.",
            "source_category": "software",
            "findings": "Found the cause on the PC.",
            "problem_since": "today",
            "shown_by_user": True,
            **fields,
        },
    )


def seed_situations(
    session: Session, users: Mapping[str, User], visits: Mapping[str, str], now: datetime
) -> None:
    """Record the situations on the visits named by customer (`visits`: customer -> id), all
    before `now`, through the push path so the derived tables follow as in production."""
    kyra, jb = users["kyra"], users["jb"]

    def ago(minutes: int) -> datetime:
        return now - timedelta(minutes=minutes)

    # Two trips: a part was needed, the technician left and came back later.
    priya = visits["Priya Natarajan"]
    _push(
        session,
        kyra,
        now,
        *_start(priya, ago(300), "Priya"),
        _diagnosis(
            priya,
            ago(290),
            user_perspective="A red window says my PC is infected and to call a number.",
            findings="Browser notifications allowed for an ad domain; the PC is clean.",
            problem_since="this_week",
            shown_by_user=True,
        ),
        _event(
            priya,
            E.DEPARTED,
            ago(280),
            reason="continue_later",
            note="The full Defender scan needs an hour.",
            return_at=(now - timedelta(minutes=150)).isoformat(),
            agreed_with="Priya",
        ),
        *_start(priya, ago(150), "Priya"),
    )
    # A borrowed part still out, on a visit in progress.
    marcus = visits["Marcus Webb"]
    _push(
        session,
        kyra,
        now,
        *_start(marcus, ago(240), "Marcus"),
        _diagnosis(
            marcus,
            ago(235),
            user_perspective="Beeping and a virus warning.",
            problem_since="not_sure",
            shown_by_user=False,
            not_shown_reason="The warning had gone when I arrived.",
        ),
        _event(marcus, E.PART_BORROWED, ago(230), part="USB headset", whose="Desk 3.21"),
    )
    # Loaners: a laptop overdue, a second screen due next week; the visit is signed off.
    hannah = visits["Hannah Osei"]
    _push(
        session,
        kyra,
        now,
        *_start(hannah, ago(26 * 60), "Hannah"),
        _diagnosis(hannah, ago(26 * 60 - 5), problem_since="today", shown_by_user=True),
        _event(
            hannah,
            E.RESOLVED,
            ago(26 * 60 - 20),
            explanation="Removed the notification permission; full scan clean.",
            demonstrated=True,
            user_confirmed=True,
        ),
        _event(
            hannah,
            E.LOAN_MADE,
            ago(26 * 60 - 25),
            item="Loaner laptop L-07",
            lent_to="Hannah",
            whose="IT loan pool",
            due_at=ago(60).isoformat(),
        ),
        _event(
            hannah,
            E.LOAN_MADE,
            ago(26 * 60 - 26),
            item="Loaner screen S-03",
            lent_to="Hannah",
            whose="IT loan pool",
            due_at=(now + timedelta(days=7)).isoformat(),
        ),
        _event(hannah, E.ANYTHING_ELSE, ago(26 * 60 - 28), answer=False),
        _event(
            hannah,
            E.SIGNED_OFF,
            ago(26 * 60 - 30),
            summary="Pop-up gone, shown working; loaners lent while her laptop is away.",
            satisfaction=5,
        ),
    )
    # A walk-up: the next desk asked while Kyra was with Marcus; she started on it.
    walk_up = str(uuid.uuid4())
    _push(
        session,
        kyra,
        now,
        _event(
            walk_up,
            E.VISIT_OPENED,
            ago(100),
            how="walk_up",
            customer_name="Ravi at desk 3.22",
            problem="His keyboard types the wrong symbols.",
            building="North Tower",
            floor="3",
            room="3.22",
            opened_from=marcus,
        ),
        *_start(walk_up, ago(95), "Ravi"),
    )
    # Signed off yesterday, the fix failed: reopened with a return visit.
    tom = visits["Tom Becker"]
    return_visit = str(uuid.uuid4())
    _push(
        session,
        kyra,
        now,
        *_start(tom, ago(25 * 60), "Tom"),
        _diagnosis(tom, ago(25 * 60 - 5), source_category="configuration"),
        _event(
            tom,
            E.RESOLVED,
            ago(25 * 60 - 15),
            explanation="Cleared the saved credentials; Outlook signs in.",
            demonstrated=True,
            user_confirmed=True,
        ),
        _event(tom, E.ANYTHING_ELSE, ago(25 * 60 - 18), answer=False),
        _event(
            tom, E.SIGNED_OFF, ago(25 * 60 - 20), summary="Outlook no longer asks.", satisfaction=4
        ),
    )
    _push(
        session,
        kyra,
        now,
        _event(
            tom,
            E.REOPENED,
            ago(30),
            reason="Outlook asks for the password again.",
            return_visit_id=return_visit,
        ),
        _event(
            return_visit,
            E.VISIT_OPENED,
            ago(30),
            how="reopened",
            opened_from=tom,
            customer_name="Tom Becker",
            problem="Outlook asks for the password again.",
            window_start=(now + timedelta(hours=2)).isoformat(),
            window_end=(now + timedelta(hours=3)).isoformat(),
        ),
    )
    # Kyra assists Jean-Baptiste on the shared drive visit.
    _push(
        session,
        jb,
        now,
        _event(
            visits["Olivia Brennan"],
            E.ASSISTANT_ADDED,
            ago(20),
            username="kyra",
            reason="Kyra set up the finance shares last year.",
        ),
    )
