"""The demo site's memory: visits fixed in the last weeks (past fixes every laptop of the site
gets), an article a supervisor promoted from one, and the virus incident's known fix."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from fieldapp.domain import EventType as E
from fieldapp.domain.priority import inputs_for
from fieldapp.protocol import EventIn, Level, Role, VisitCreate
from fieldapp.protocol.knowledge import ArticleCreate
from fieldapp.server import knowledge
from fieldapp.server.admin import create_visit
from fieldapp.server.demo_situations import DemoSeedError
from fieldapp.server.models import User
from fieldapp.server.push import push_events
from fieldapp.server.security import Principal

# (days ago, technician, building, room, category, problem, user's view, source, findings,
#  resources used, what fixed it)
# fmt: off
PAST_FIXES: tuple[tuple[int, str, str, str, str, str, str, str, str, str, str], ...] = (
    (34, "kyra", "North Tower", "3.02", "hardware",
     "Printer on floor 3 prints blank pages.",
     "Every page comes out blank since the new toner went in.", "hardware",
     "The new toner cartridge still had its orange sealing tape pulled only half-way.",
     "Printer service manual, spare toner",
     ("Pulled the sealing tape out completely, shook the cartridge, printed a test page with the "
     "user watching.")),
    (27, "jb", "South Tower", "2.11", "network",
     "VPN disconnects every few minutes in the office.",
     "The VPN drops whenever I walk to the meeting room.", "network",
     "The laptop roams between the 2.4 GHz and 5 GHz access points; each roam resets the tunnel.",
     "Wi-Fi controller logs",
     ("Set the Wi-Fi adapter's preferred band to 5 GHz and turned off aggressive roaming; the VPN "
     "stayed up for a whole call.")),
    (20, "tony", "Annex", "1.07", "software",
     "Outlook keeps asking for the password.",
     "Outlook asks for my password every few minutes, even after I type it.", "configuration",
     "A stale Office credential from before the password change sat in Credential Manager.",
     "Credential Manager",
     ("Removed the old MicrosoftOffice credentials in Credential Manager, signed in again once; no "
     "more prompts.")),
    (12, "kyra", "North Tower", "4.11", "software",
     "Red 'your PC is infected' window with a phone number.",
     "A loud warning says my PC is infected and I must call Microsoft.", "software",
     "Not a virus: the browser allowed notifications from an ad domain that shows fake alerts.",
     "Browser site settings, Defender full scan",
     ("Removed the ad domain's notification permission, reset notification settings, ran a full "
     "Defender scan (clean), showed the user how to block such requests.")),
    (6, "jb", "South Tower", "3.05", "network",
     "Shared drive S: says access denied.",
     "I cannot open the finance folder on S: since this morning.", "configuration",
     ("The user was moved to a new team; the old group membership was removed before the new one "
     "was added."),
     "Directory admin console",
     "Added the user to the Finance-RW group, logged off and on; the folder opens."),
)
# fmt: on
ARTICLE_TITLE = "Fake 'virus alert' pop-ups: remove the browser's notification permission"
KNOWN_FIX = (
    "Not malware. In the browser's site settings remove the notification permission of the ad "
    "domain, reset notification settings, run a full Defender scan and show the user how to "
    "block such requests. Article: " + ARTICLE_TITLE
)


def _event(visit_id: str, kind: E, at: datetime, **payload: object) -> EventIn:
    return EventIn(
        id=str(uuid.uuid4()), visit_id=visit_id, type=kind, occurred_at=at, payload=payload
    )


def seed_knowledge(
    session: Session, users: Mapping[str, User], *, site: str, incident: str, now: datetime
) -> None:
    """Resolve and sign off PAST_FIXES's visits, promote the fake-alert fix to an article and
    give the incident its known fix, as the laptops and a supervisor would."""
    promoted = ""
    for number, spec in enumerate(PAST_FIXES, start=1):
        days, tech, building, room, category, problem = spec[:6]
        view, source, findings, resources, fix = spec[6:]
        start = (now - timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        impact, urgency = inputs_for("normal")
        visit = create_visit(
            session,
            VisitCreate(
                reference=f"HP-{start:%y%m}-K{number:02d}",
                customer_name="Earlier visit",
                site=site,
                building=building,
                room=room,
                window_start=start,
                window_end=start + timedelta(minutes=45),
                impact=Level(impact),
                urgency=Level(urgency),
                category=category,
                problem=problem,
                assignee=tech,
            ),
            now,
        )
        minute = timedelta(minutes=1)
        user = users[tech]
        events = [
            _event(visit.id, E.ARRIVED, start, greeting_done=True),
            _event(
                visit.id,
                E.PERMISSION_GRANTED,
                start + 2 * minute,
                granted_by="the user",
                explanation="I will look at it on your PC; you can watch.",
                expected_minutes=30,
            ),
            _event(
                visit.id,
                E.DIAGNOSED,
                start + 10 * minute,
                user_perspective=view,
                source_category=source,
                findings=findings,
                resources_used=resources,
                problem_since="today",
                shown_by_user=True,
            ),
            _event(
                visit.id,
                E.RESOLVED,
                start + 30 * minute,
                explanation=fix,
                demonstrated=True,
                user_confirmed=True,
            ),
            _event(visit.id, E.SIGNED_OFF, start + 35 * minute, summary=fix, satisfaction=5),
        ]
        principal = Principal(user.id, user.username, user.full_name, Role(user.role))
        for result in push_events(session, principal, events, now):
            if result.status != "accepted":
                raise DemoSeedError(f"demo event refused: {result.code}: {result.message}")
        if "infected" in problem:
            promoted = visit.id
    sam = users["sam"]
    supervisor = Principal(sam.id, sam.username, sam.full_name, Role(sam.role))
    knowledge.create_article(
        session, ArticleCreate(visit_id=promoted, title=ARTICLE_TITLE), supervisor, now
    )
    knowledge.set_known_fix(session, incident, KNOWN_FIX, supervisor, now)
