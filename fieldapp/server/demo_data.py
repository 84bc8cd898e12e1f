"""A realistic demo site: technicians kyra, jb, tony and supervisor sam (password "demo" for
all), and 26 visits across three buildings of one campus from yesterday to the next days, some
already worked on (fieldapp.server.demo_situations), and the fixes of the last weeks with an
article (fieldapp.server.demo_knowledge)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.domain.priority import inputs_for
from fieldapp.protocol import EventIn, Level, Priority, Role, VisitCreate
from fieldapp.server import customer
from fieldapp.server.admin import add_user, create_visit
from fieldapp.server.demo_devices import seed_devices
from fieldapp.server.demo_knowledge import seed_knowledge
from fieldapp.server.demo_situations import seed_situations
from fieldapp.server.models import User, Visit
from fieldapp.server.models_customer import CustomerLink
from fieldapp.server.push import push_events
from fieldapp.server.security import Passwords, Principal
from fieldapp.server.settings import ServerSettings

DEMO_PASSWORD = "demo"
USERS = (
    ("kyra", "Kyra Jones", Role.TECHNICIAN),
    ("jb", "Jean-Baptiste Okafor", Role.TECHNICIAN),
    ("tony", "Tony Russo", Role.TECHNICIAN),
    ("sam", "Sam Lee", Role.SUPERVISOR),
)
SITE = "Harbour Point campus"
VIRUS_REF = "INC-4471"
VIRUS_SUMMARY = (
    "Fake 'virus alert' pop-up on 9 PCs in the North Tower after a malicious ad on a news site. "
    "Known cause: browser notification permission granted to the ad domain. Known fix: remove "
    "the site permission, run a full Defender scan, reset the browser's notification settings."
)

# (day offset, start hour, minutes, assignee, building, floor, room, customer, phone ext,
#  category, priority, problem, already tried, business impact, skill level, incident?)
# fmt: off
_VISITS: tuple[tuple[Any, ...], ...] = (
    (0, 8.5, 30, "kyra", "North Tower", "3", "3.14 desk 2", "Priya Natarajan", "3314",
     "software", Priority.HIGH, "A red window says my PC is infected and to call a number.",
     "Closed the browser; it came back after restart.", "Cannot open the payroll system.",
     "confident user", True),
    (0, 9, 30, "kyra", "North Tower", "3", "3.20", "Marcus Webb", "3320", "software",
     Priority.HIGH, "Same virus warning as my colleagues, with a loud beeping sound.",
     "Nothing, I was told not to touch it.", "Team of four waiting on my approvals.",
     "new to computers", True),
    (-1, 9.5, 45, "kyra", "North Tower", "4", "4.02 open plan, desk 11", "Hannah Osei", "3402",
     "software", Priority.HIGH, "Virus alert pop-up keeps appearing when I open Chrome.",
     "Ran the antivirus quick scan; it found nothing.", "Month-end reports due today.",
     "everyday user", True),
    (0, 10.5, 60, "kyra", "North Tower", "4", "4.09 meeting room Kestrel", "Facilities desk",
     "3409", "hardware", Priority.NORMAL, ("The room's screen shows 'no signal' from the laptop "
     "dock."), "Swapped the HDMI cable.", "Board meeting in this room tomorrow 9am.",
     "everyday user", False),
    (0, 13, 120, "kyra", "North Tower", "5", "5.01 corner office", "Dr. Elena Vasquez", "3501",
     "configuration", Priority.NORMAL, ("New laptop to set up: mail, shared drives, printers, "
     "and move my files from the old PC."), "", "Starts travelling on Thursday with it.",
     "new to computers", False),
    (-1, 15.5, 30, "kyra", "North Tower", "2", "2.07 desk 4", "Tom Becker", "3207", "software",
     Priority.NORMAL, "Outlook asks for my password every ten minutes.",
     "Re-typed the password, restarted Outlook.", "Misses customer e-mails.", "confident user",
     False),
    (1, 9, 30, "kyra", "North Tower", "3", "3.03", "Grace Liu", "3303", "software",
     Priority.HIGH, "Pop-up says 'your files are locked', I have not clicked anything.",
     "Switched the PC off and on.", "Customer calls all day.", "new to computers", True),
    (1, 10, 45, "kyra", "South Tower", "1", "Reception", "Reception team", "2100", "hardware",
     Priority.NORMAL, "Visitor badge printer prints blank labels.",
     "Replaced the label roll.", "Visitors are queuing at the desk.", "everyday user", False),
    (0, 8.5, 30, "jb", "South Tower", "2", "2.11 desk 6", "Ahmed Karim", "2211", "network",
     Priority.CRITICAL, "VPN drops every few minutes when working from the office Wi-Fi.",
     "Reconnected, rebooted the laptop, forgot and re-added the Wi-Fi.",
     "Cannot reach the trading platform; deadline 11:00 today.", "IT professional", False),
    (0, 9.5, 30, "jb", "South Tower", "2", "2.15 printer corner", "Second floor team", "2215",
     "hardware", Priority.NORMAL, ("Shared printer jams on every double-sided job and shows "
     "error 13.B2."), "Opened the trays and pulled out paper.", "Contracts need printing.",
     "everyday user", False),
    (0, 10.5, 45, "jb", "South Tower", "3", "3.08", "Olivia Brennan", "2308", "network",
     Priority.HIGH, "The S: shared drive says 'access denied' since this morning.",
     "Logged off and on again.", "Finance cannot open the budget workbook.", "everyday user",
     False),
    (0, 13.5, 30, "jb", "South Tower", "3", "3.12 desk 1", "Li Wei", "2312", "hardware",
     Priority.LOW, "Second monitor flickers and goes black for a second.",
     "Pushed the cable in.", "Annoying, can still work on one screen.", "confident user",
     False),
    (0, 15, 60, "jb", "South Tower", "4", "4.01", "Jasmine Patel", "2401", "configuration",
     Priority.NORMAL, "New starter: laptop set-up, Teams, and the CRM account.",
     "", "Starts tomorrow morning.", "new to computers", False),
    (1, 9, 30, "jb", "South Tower", "2", "2.04", "Daniel Fischer", "2204", "software",
     Priority.NORMAL, "Excel crashes when I open files from the shared drive.",
     "Repaired Office from the control panel.", "Weekly report due Friday.",
     "IT professional", False),
    (1, 11, 30, "jb", "Annex", "G", "G.02 workshop", "Workshop bench", "4002", "hardware",
     Priority.LOW, "Barcode scanner not recognised by the stock PC.",
     "Tried another USB port.", "Stock is counted by hand meanwhile.", "new to computers", False),
    (2, 9, 45, "jb", "South Tower", "5", "5.10", "Robert King", "2510", "network",
     Priority.NORMAL, "Wi-Fi very slow in the east meeting rooms.",
     "Moved closer to the window.", "Video calls with clients freeze.", "confident user",
     False),
    (0, 8.5, 30, "tony", "Annex", "1", "1.05", "Sofia Rossi", "4105", "software",
     Priority.NORMAL, "Outlook search finds nothing older than last week.",
     "Restarted Outlook.", "Needs old orders to answer a complaint.", "everyday user", False),
    (0, 9.5, 30, "tony", "Annex", "1", "1.09 desk 3", "Kwame Mensah", "4109", "hardware",
     Priority.NORMAL, "Laptop battery lasts under an hour.", "Lowered the screen brightness.",
     "Works in the warehouse away from sockets.", "new to computers", False),
    (0, 11, 30, "tony", "North Tower", "4", "4.15", "Isabel Moreno", "3415", "software",
     Priority.HIGH, "Blue 'Windows Defender alert' page with a phone number, browser frozen.",
     "Pressed Escape many times.", "Client presentation at 14:00.", "everyday user", True),
    (0, 14, 45, "tony", "Annex", "2", "2.01 print room", "Print room", "4201", "hardware",
     Priority.NORMAL, "Large-format plotter prints with streaks.", "Ran the head cleaning.",
     "Site plans for a tender due Monday.", "IT professional", False),
    (1, 9, 30, "tony", "Annex", "2", "2.06", "Ben Carter", "4206", "network",
     Priority.NORMAL, "Cannot connect to the VPN from home since the password change.",
     "Typed the new password in the VPN client.", "Works from home twice a week.",
     "new to computers", False),
    (1, 10, 60, "tony", "North Tower", "6", "6.02", "Amelia Grant", "3602", "configuration",
     Priority.NORMAL, "Replace my old PC with the new laptop and set up the docking station.",
     "", "Old PC is very slow for the design software.", "confident user", False),
    (2, 9, 30, "tony", "Annex", "G", "G.10 staff room", "Staff room kiosk", "4010", "hardware",
     Priority.LOW, "The kiosk PC's touch screen does not respond at the edges.",
     "Wiped the screen.", "Staff cannot book rooms at the kiosk.", "new to computers", False),
    (2, 11, 45, "tony", "South Tower", "1", "1.03 mail room", "Mail room", "2103", "software",
     Priority.NORMAL, "Label software says the licence has expired.", "",
     "Parcels are labelled by hand.", "everyday user", False),
    (1, 14, 30, None, "North Tower", "2", "2.12", "Noah Williams", "3212", "user_knowledge",
     Priority.LOW, "How do I share my calendar with my assistant?", "",
     "Assistant books meetings twice.", "new to computers", False),
    (2, 14, 30, None, "North Tower", "3", "3.18", "Chloe Martin", "3318", "software",
     Priority.HIGH, "Virus alert pop-up, same as others on this floor.",
     "Unplugged the network cable as IT asked.", "Cannot work at all.", "everyday user", True),
)
# fmt: on
# Explicitly VIP (critical whatever impact and urgency say), as a supervisor marks one.
VIP_CUSTOMERS = frozenset({"Dr. Elena Vasquez"})


def _window(now: datetime, day: int, hour: float, minutes: int) -> tuple[datetime, datetime]:
    local = now.astimezone()
    start = (local + timedelta(days=day)).replace(
        hour=int(hour), minute=int(hour % 1 * 60), second=0, microsecond=0
    )
    return start, start + timedelta(minutes=max(minutes, 30))


def seed_demo(session: Session, now: datetime, *, passwords: Passwords | None = None) -> bool:
    """Create the demo users and visits, unless any user exists. Returns True if it seeded.

    The caller owns the (write) transaction.
    """
    if session.scalar(select(User.id).limit(1)) is not None:
        return False
    passwords = passwords or Passwords(ServerSettings())
    users = {
        username: add_user(session, username, DEMO_PASSWORD, role, name, passwords=passwords)
        for username, name, role in USERS
    }
    ids: dict[str, str] = {}
    for number, spec in enumerate(_VISITS, start=1):
        day, hour, minutes, assignee, building, floor, room, customer, ext = spec[:9]
        category, priority, problem, tried, impact, skill, incident = spec[9:]
        start, end = _window(now, day, hour, minutes)
        level, urgency = inputs_for(priority.value)
        visit = create_visit(
            session,
            VisitCreate(
                reference=f"HP-{now:%y%m}-{number:03d}",
                customer_name=customer,
                contact_phone=f"+44 20 7946 {ext}",
                contact_email=customer.lower().replace(" ", ".").replace("..", ".")
                + "@harbourpoint.example",
                contact_extension=ext,
                site=SITE,
                building=building,
                floor=floor,
                room=room,
                window_start=start,
                window_end=end,
                estimated_minutes=minutes,
                impact=Level(level),
                urgency=Level(urgency),
                vip=customer in VIP_CUSTOMERS,
                category=category,
                problem=problem,
                already_tried=tried,
                business_impact=impact,
                deadline=end + timedelta(days=2) if priority is Priority.CRITICAL else None,
                skill_level=skill,
                incident_ref=VIRUS_REF if incident else "",
                incident_summary=VIRUS_SUMMARY if incident else "",
                coordinator="Sam Lee",
                backup_technician="Tony Russo" if assignee != "tony" else "Kyra Jones",
                assignee=assignee,
            ),
            now,
        )
        ids[customer] = visit.id
        if assignee is not None and day == 0 and number % 2 == 1:
            _confirm(
                session,
                user=users[assignee],
                visit_id=visit.id,
                customer=customer,
                start=start,
                now=now,
            )
    seed_situations(session, users, ids, now)
    _another_time_asked(session, user=users["kyra"], visit_id=ids["Grace Liu"], now=now)
    seed_knowledge(session, users, site=SITE, incident=VIRUS_REF, now=now)
    seed_devices(session, users, ids, now, site=SITE)
    return True


def _another_time_asked(session: Session, *, user: User, visit_id: str, now: datetime) -> None:
    """Grace Liu's visit tomorrow: confirmed by e-mail, and on the page the mail links to she
    asked for another time (the request waits in the supervisors' Dispatch tab)."""
    principal = Principal(user.id, user.username, user.full_name, Role(user.role))
    confirmation = EventIn(
        id=str(uuid.uuid4()),
        visit_id=visit_id,
        type=EventType.CONFIRMED,
        occurred_at=now - timedelta(hours=2),
        payload={
            "channel": "email",
            "message": "Hello Grace, this is Kyra from IT support: I will come to your desk "
            "tomorrow at 09:00 about the pop-up. It should take about half an hour.",
        },
    )
    push_events(session, principal, [confirmation], now)
    session.flush()
    link_id = session.scalars(
        select(CustomerLink.id).where(CustomerLink.visit_id == visit_id).order_by(CustomerLink.id)
    ).first()
    if link_id is None:  # the outbox makes the link with the mail
        raise RuntimeError("the demo confirmation made no customer link")
    visit = session.get_one(Visit, visit_id)
    day_after = visit.window_start + timedelta(days=1)
    customer.answer(
        session,
        link_id,
        confirm=False,
        times=[day_after.replace(hour=14, minute=0), day_after.replace(hour=15, minute=30)],
        note="I am on the phone with customers all morning; an afternoon would be better.",
        now=now - timedelta(hours=1),
    )


def _confirm(
    session: Session, *, user: User, visit_id: str, customer: str, start: datetime, now: datetime
) -> None:
    """Record that the technician confirmed the visit the day before, by e-mail."""
    principal = Principal(user.id, user.username, user.full_name, Role(user.role))
    message = (
        f"Hello {customer.split(maxsplit=1)[0]}, this is {user.full_name.split(maxsplit=1)[0]} "
        "from IT support: "
        f"I will come to your desk at {start:%H:%M} today about the problem you reported. "
        "It should take about half an hour."
    )
    event = EventIn(
        id=str(uuid.uuid4()),
        visit_id=visit_id,
        type=EventType.CONFIRMED,
        occurred_at=now - timedelta(days=1),
        payload={"channel": "email", "message": message, "confirmed_with": customer},
    )
    push_events(session, principal, [event], now)
