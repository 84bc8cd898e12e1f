"""The wire schema's enumerations, without pydantic (the cache and the app's start need them)."""

from enum import StrEnum


class Role(StrEnum):
    TECHNICIAN = "technician"
    SUPERVISOR = "supervisor"


class VisitStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class VisitOrigin(StrEnum):
    """Where a visit came from: dispatch, an "anything else? yes" for the next working day, or
    a technician on the spot (a walk-up, anything else handled now, a reopened visit)."""

    DISPATCH = "dispatch"
    FOLLOW_UP = "follow_up"
    WALK_UP = "walk_up"
    ANYTHING_ELSE = "anything_else"
    REOPENED = "reopened"


class Priority(StrEnum):
    """From impact and urgency, never from a person's title."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class Level(StrEnum):
    """A visit's impact (how many, how badly) or urgency (how soon): the priority's inputs."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ConflictStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
