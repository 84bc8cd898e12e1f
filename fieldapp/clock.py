"""The app's one notion of "now": an aware UTC time, and the Clock type that tests replace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC (what every record and comparison uses)."""
    return datetime.now(UTC)
