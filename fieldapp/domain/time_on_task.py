"""Time on task from a visit's events: its trips to the desk, and who was there how long.

A trip begins when a technician arrives with nobody else at the desk and ends when the last
one there leaves: a departure (to fetch a part, the user needs the PC back, carry on later),
a permission outcome that sends them away (the user busy, absent with a note left, declined),
or the visit's close (sign-off, escalation, closed as declined or with no repair). Each
technician's stay within a trip is counted from their own arrival to their own leaving, so
two technicians at the desk for 30 minutes count 30 minutes of the trip and 60 of work.

Times are the laptops' (`occurred_at`), as every other figure of a visit; a clock that went
back gives a stay of 0 seconds, never a negative one. A trip still going is counted up to
`until` (the time of the visit's last event unless given: the server's figures are stable,
the laptop's header passes the time now).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fieldapp.domain.events import Event, EventType
from fieldapp.domain.state import VisitState
from fieldapp.domain.workflow import fold_unchecked


@dataclass(frozen=True, slots=True)
class Stay:
    """One technician's time at the desk within a trip.

    Attributes:
        author: the technician's username.
        arrived_at: their arrival's time.
        left_at: when they left (None: still there).
        ended_by: the event that ended the stay (None: still there).
        reason: the departure's reason when `ended_by` is a departure.
    """

    author: str
    arrived_at: datetime
    left_at: datetime | None = None
    ended_by: EventType | None = None
    reason: str | None = None

    def seconds(self, until: datetime) -> int:
        end = self.left_at if self.left_at is not None else until
        return max(0, int((end - self.arrived_at).total_seconds()))


@dataclass(frozen=True, slots=True)
class Trip:
    """One trip to the desk: from the first arrival to the last one there leaving."""

    number: int  # 1 for the first trip
    started_at: datetime
    stays: tuple[Stay, ...]
    ended_at: datetime | None = None  # None: someone is still at the desk
    ended_by: EventType | None = None
    reason: str | None = None  # the last departure's reason, when a departure ended it

    def seconds(self, until: datetime) -> int:
        """Time someone was at the desk on this trip."""
        end = self.ended_at if self.ended_at is not None else until
        return max(0, int((end - self.started_at).total_seconds()))

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stay.author for stay in self.stays))


@dataclass(frozen=True, slots=True)
class TimeOnTask:
    """A visit's trips, with the time they add up to up to `until`."""

    trips: tuple[Trip, ...]
    until: datetime | None  # the time a trip still going is counted to
    # The trip at whose desk the visit was closed (None: open, or closed from afar).
    closed_on_trip: int | None = None

    @property
    def on_site_seconds(self) -> int:
        """Time someone was at the desk, over every trip."""
        if self.until is None:
            return 0
        return sum(trip.seconds(self.until) for trip in self.trips)

    @property
    def on_site_minutes(self) -> int:
        return minutes(self.on_site_seconds)

    def seconds_by_author(self) -> dict[str, int]:
        """Each technician's own time at the desk, over every trip."""
        spent: dict[str, int] = {}
        if self.until is None:
            return spent
        for trip in self.trips:
            for stay in trip.stays:
                spent[stay.author] = spent.get(stay.author, 0) + stay.seconds(self.until)
        return spent


def minutes(seconds: int) -> int:
    """Whole minutes, to the nearest (half a minute rounds up)."""
    return (seconds + 30) // 60


def time_on_task(events: Iterable[Event], *, until: datetime | None = None) -> TimeOnTask:
    """The trips of a visit from its events in recorded order (the stored history)."""
    state = VisitState()
    trips: list[Trip] = []
    stays: dict[str, Stay] = {}  # the current trip's stays still going, by author
    done: list[Stay] = []  # the current trip's stays that ended
    started: datetime | None = None
    last: datetime | None = None
    closed_on: int | None = None
    for event in events:
        before = state.present
        was_closed = state.closed if before else True  # only asked while someone is there
        fold_unchecked(state, event)
        after = state.present
        at = event.occurred_at
        last = at
        if before and not was_closed and state.closed:
            closed_on = len(trips) + 1
        if after == before:  # most events: nobody comes or goes, no trip starts or ends
            continue
        if not before and after:
            started, stays, done = at, {}, []
        for author in sorted(after - before):
            stays[author] = Stay(author, at)
        for author in sorted(before - after):
            stay = stays.pop(author)
            reason = event.payload.get("reason") if event.type is EventType.DEPARTED else None
            done.append(Stay(author, stay.arrived_at, at, event.type, reason if reason else None))
        if before and not after and started is not None:
            final = done[-1]
            trips.append(
                Trip(
                    number=len(trips) + 1,
                    started_at=started,
                    stays=tuple(sorted(done, key=lambda s: s.arrived_at)),
                    ended_at=at,
                    ended_by=final.ended_by,
                    reason=final.reason,
                )
            )
            started = None
    if started is not None:
        current = tuple(sorted([*done, *stays.values()], key=lambda s: s.arrived_at))
        trips.append(Trip(number=len(trips) + 1, started_at=started, stays=current))
    return TimeOnTask(tuple(trips), until if until is not None else last, closed_on)
