"""Who works on a visit: its holder (dispatch's assignee) and the assisting technicians its
events added, and who recorded what.

Assistants come and go by events (`assistant_added`, `assistant_removed`), recorded by the
holder on the laptop (offline too) or by a supervisor on the server, so both sides work out
the same team from the same history. The holder is dispatch data, not an event: it is
passed in. Every event keeps its author, so each technician's share of the work is read
from the history too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fieldapp.domain.errors import WorkflowViolation
from fieldapp.domain.events import Event, EventType, Recorded
from fieldapp.domain.words import QT_TRANSLATE_NOOP

TEAM_EVENTS = frozenset({EventType.ASSISTANT_ADDED, EventType.ASSISTANT_REMOVED})


@dataclass(frozen=True, slots=True)
class Team:
    """The visit's holder (None: unassigned) and its assistants, in the order they joined."""

    holder: str | None
    assistants: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        """Everyone who may see the visit and record on it: the holder first."""
        head = (self.holder,) if self.holder is not None else ()
        return head + self.assistants

    def includes(self, username: str) -> bool:
        return username in self.members


def fold_assistants(assistants: list[str], event: Recorded) -> None:
    """Apply a team event to the list of assistants in place (other events: no change)."""
    if event.type not in TEAM_EVENTS:
        return
    username = str(event.payload["username"])
    if event.type is EventType.ASSISTANT_ADDED:
        if username not in assistants:
            assistants.append(username)
    elif username in assistants:
        assistants.remove(username)


def assistants_of(events: Iterable[Event]) -> list[str]:
    """The assistants after `events`, in the order they joined."""
    assistants: list[str] = []
    for event in events:
        fold_assistants(assistants, event)
    return assistants


def team_of(holder: str | None, events: Iterable[Event]) -> Team:
    """The visit's team: its holder and the assistants its events leave (never the holder
    twice: a supervisor who hands the visit to its assistant makes them its holder)."""
    return Team(holder, tuple(name for name in assistants_of(events) if name != holder))


def check_team_event(assistants: list[str], event: Event) -> None:
    """Raise WorkflowViolation if a team event does not fit the visit's assistants now.

    Who may change the team (the holder or a supervisor) and whether the username is an
    active technician's are for the server, which knows the holder and the users.
    """
    username = str(event.payload["username"])
    if event.type is EventType.ASSISTANT_ADDED and username in assistants:
        raise WorkflowViolation(
            "already_assisting",
            QT_TRANSLATE_NOOP("Rules", "{username} is already helping on this visit."),
            {"username": username},
        )
    if event.type is EventType.ASSISTANT_REMOVED and username not in assistants:
        raise WorkflowViolation(
            "not_assisting",
            QT_TRANSLATE_NOOP("Rules", "{username} is not helping on this visit."),
            {"username": username},
        )


def events_by_author(events: Iterable[Event]) -> dict[str, int]:
    """How many events each author recorded (the supervisor's own team changes included)."""
    return dict(Counter(event.author for event in events if event.author))
