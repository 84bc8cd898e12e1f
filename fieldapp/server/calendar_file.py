"""The calendar file (RFC 5545, .ics) a confirmation e-mail carries: the visit as one event.

Made with `icalendar`, which escapes and folds the text and writes the times in UTC; its
UID is the visit's, so a moved visit's later file updates the entry already in the user's
calendar (SEQUENCE grows with each file) instead of adding a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

MEDIA_TYPE = "text/calendar"
FILENAME = "visit.ics"
_PRODID = "-//FieldApp//Desk visit//EN"
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class VisitEntry:
    """What the calendar entry says of a visit."""

    visit_id: str
    reference: str
    start: datetime
    end: datetime
    location: str
    problem: str
    organizer: str = ""  # the sender's address, if known


def location_words(site: str, building: str, floor: str, room: str) -> str:
    """The visit's place in one line: site, building, floor, room (those given)."""
    parts = [site, building, f"floor {floor}" if floor else "", f"room {room}" if room else ""]
    return ", ".join(part.strip() for part in parts if part.strip())


def visit_calendar(entry: VisitEntry, *, stamp: datetime) -> str:
    """The .ics text of one visit; `stamp` (the time it is made) also orders revisions."""
    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = CalendarEvent()
    event.add("uid", f"visit-{entry.visit_id}@fieldapp")
    event.add("dtstamp", stamp)
    # minutes since 2020: grows with each file and stays within the 32-bit INTEGER it is
    event.add("sequence", max(0, int((stamp - _EPOCH).total_seconds() // 60)))
    # in UTC: a zone named by TZID would need its VTIMEZONE block, which clients handle badly
    event.add("dtstart", entry.start.astimezone(UTC))
    event.add("dtend", entry.end.astimezone(UTC))
    event.add("summary", f"IT support visit {entry.reference}")
    if entry.location:
        event.add("location", entry.location)
    description = f"Reference {entry.reference}."
    if entry.problem.strip():
        description += f"\n\nThe problem, as you told us: {entry.problem.strip()}"
    event.add("description", description)
    if entry.organizer:
        event.add("organizer", f"mailto:{entry.organizer}")
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
