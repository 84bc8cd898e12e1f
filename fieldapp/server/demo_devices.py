"""The demo site's asset list and a device with a history: Marcus Webb's laptop was worked on
twice before today's visit (last month and three weeks ago), by Jean-Baptiste, with a part
and a promise, so Kyra's visit window shows "2 visits in 90 days"."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain import EventType as E
from fieldapp.protocol import EventIn, Role, VisitCreate
from fieldapp.server.demo_situations import DemoSeedError
from fieldapp.server.devices import import_assets
from fieldapp.server.dispatch import create_visit
from fieldapp.server.models import User, Visit
from fieldapp.server.push import push_events
from fieldapp.server.security import Principal

# (customer, tag, hostname, serial, model)
_ASSETS = (
    ("Priya Natarajan", "HP-LT-0117", "NT3-PNATARAJAN", "5CG2041KQ7", "HP EliteBook 840 G8"),
    ("Marcus Webb", "HP-LT-0142", "NT3-MWEBB", "5CG2041LR2", "HP EliteBook 840 G8"),
    ("Hannah Osei", "HP-LT-0158", "NT4-HOSEI", "PF3KX7TD", "Lenovo ThinkPad T14 Gen 3"),
    ("Dr. Elena Vasquez", "HP-LT-0003", "NT5-EVASQUEZ", "C02FK1ZXQ05D", "Apple MacBook Pro 14"),
    ("Ahmed Karim", "HP-DT-0421", "ST2-AKARIM", "8CC1340XYZ", "HP EliteDesk 800 G6"),
    ("Olivia Brennan", "HP-LT-0209", "ST3-OBRENNAN", "PF2ZQ9MN", "Lenovo ThinkPad T14 Gen 2"),
    ("Li Wei", "HP-DT-0433", "ST3-LWEI", "8CC1340ABC", "HP EliteDesk 800 G6"),
    ("Sofia Rossi", "HP-LT-0311", "AX1-SROSSI", "5CG1178PL4", "HP EliteBook 830 G7"),
)


def _event(visit_id: str, event_type: E, at: datetime, /, **payload: Any) -> EventIn:
    return EventIn(
        id=str(uuid.uuid4()), visit_id=visit_id, type=event_type, occurred_at=at, payload=payload
    )


def seed_devices(
    session: Session,
    users: Mapping[str, User],
    visits: Mapping[str, str],
    now: datetime,
    *,
    site: str,
) -> None:
    """The asset list (owners by their visits' addresses) and Marcus's laptop's history."""
    emails = dict(
        session.execute(
            select(Visit.customer_name, Visit.contact_email).where(Visit.id.in_(visits.values()))
        ).all()
    )
    rows: list[tuple[str, object]] = [
        (
            f"item {number}",
            {
                "asset_tag": tag,
                "hostname": hostname,
                "serial": serial,
                "model": model,
                "owner": customer,
                "owner_email": emails.get(customer, ""),
            },
        )
        for number, (customer, tag, hostname, serial, model) in enumerate(_ASSETS, start=1)
    ]
    import_assets(session, rows, now)
    jb = users["jb"]
    principal = Principal(jb.id, jb.username, jb.full_name, Role(jb.role))
    laptop = {
        "asset_tag": "HP-LT-0142",
        "how": "scanner",
        "model": "HP EliteBook 840 G8",
        "owner": "Marcus Webb",
    }
    for number, (days, found, fix, extra) in enumerate(
        (
            (
                55,
                "The docking station's firmware drops the external screens after sleep.",
                "Updated the dock's firmware; both screens come back after sleep.",
                [],
            ),
            (
                21,
                "The battery holds 40% of its design charge; the laptop shuts down off the dock.",
                "Lent a spare battery until the new one arrives.",
                ["promise"],
            ),
        ),
        start=1,
    ):
        start = now - timedelta(days=days)
        visit = create_visit(
            session,
            VisitCreate(
                reference=f"HP-{start:%y%m}-9{number:02d}",
                customer_name="Marcus Webb",
                contact_email=emails.get("Marcus Webb", ""),
                site=site,
                building="North Tower",
                floor="3",
                room="3.20",
                window_start=start,
                window_end=start + timedelta(minutes=45),
                category="hardware",
                problem="My laptop misbehaves when I undock it.",
                assignee="jb",
            ),
            now,
        )
        at = start + timedelta(minutes=5)
        events = [
            _event(visit.id, E.DEVICE_ATTACHED, at, **laptop),
            _event(visit.id, E.ARRIVED, at, greeting_done=True),
            _event(
                visit.id,
                E.PERMISSION_GRANTED,
                at + timedelta(minutes=1),
                granted_by="Marcus Webb",
                explanation="I will check the laptop and its dock.",
                expected_minutes=30,
            ),
            _event(
                visit.id,
                E.DIAGNOSED,
                at + timedelta(minutes=10),
                user_perspective="It stops working when I take it off the dock.",
                source_category="hardware",
                findings=found,
            ),
            _event(
                visit.id,
                E.RESOLVED,
                at + timedelta(minutes=25),
                explanation=fix,
                demonstrated=True,
                user_confirmed=True,
            ),
        ]
        if "promise" in extra:
            events.append(
                _event(
                    visit.id,
                    E.PROMISE_MADE,
                    at + timedelta(minutes=28),
                    promise_id=str(uuid.uuid4()),
                    kind="call_back",
                    due_at=(start + timedelta(days=7)).isoformat(),
                    description="Call Marcus when the new battery arrives",
                )
            )
        events += [
            _event(visit.id, E.ANYTHING_ELSE, at + timedelta(minutes=29), answer=False),
            _event(
                visit.id,
                E.SIGNED_OFF,
                at + timedelta(minutes=30),
                summary=fix,
                satisfaction=4,
            ),
        ]
        for result in push_events(session, principal, events, now):
            if result.status != "accepted":
                raise DemoSeedError(f"demo device event refused: {result.code}: {result.message}")
