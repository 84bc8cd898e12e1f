"""Query parameters the supervisor endpoints share: pagination and a date range (whole days in
the supervisor's time zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends, Path, Query

from fieldapp.protocol import Day
from fieldapp.server.errors import ApiError
from fieldapp.server.security import SettingsDep

MAX_RANGE_DAYS = 366
MAX_OFFSET = 10_000_000
# Row ids (follow-ups, conflicts) are INTEGER columns: PostgreSQL refuses a larger number
# in a query on them, so a larger id is refused here, like any other malformed id.
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A row id (a 32-bit integer).")]


@dataclass(frozen=True, slots=True)
class PageParams:
    offset: int
    limit: int


async def page_params(
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[
        int | None, Query(ge=1, description="Capped at the server's max_page.")
    ] = None,
) -> PageParams:
    """offset/limit, the limit capped by settings.max_page (and defaulting to it)."""
    return PageParams(offset, min(limit or settings.max_page, settings.max_page))


Page = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True, slots=True)
class DateRange:
    """Whole days in `zone`, `date_from` to `date_to` inclusive."""

    date_from: date
    date_to: date
    zone: tzinfo = UTC

    @property
    def start(self) -> datetime:
        """Midnight starting `date_from` in the zone (as an aware time)."""
        return datetime.combine(self.date_from, time(0), tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        """The first instant after the range: midnight after `date_to`, in the zone."""
        return datetime.combine(self.date_to + timedelta(days=1), time(0), tzinfo=self.zone)

    @property
    def days(self) -> list[date]:
        count = (self.date_to - self.date_from).days + 1
        return [self.date_from + timedelta(days=n) for n in range(count)]

    def day_of(self, moment: datetime) -> date:
        """The day `moment` falls on in the zone."""
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.astimezone(self.zone).date()


def zone_named(name: str) -> tzinfo:
    """The IANA time zone `name` (e.g. Europe/Paris), or 422 invalid_timezone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApiError(
            422, "invalid_timezone", f"'{name[:64]}' is not a time zone name (e.g. Europe/Paris)."
        ) from None


def checked_range(date_from: date, date_to: date, zone: tzinfo = UTC) -> DateRange:
    """The range, or 422 invalid_range if it is backwards or longer than MAX_RANGE_DAYS."""
    if date_to < date_from:
        raise ApiError(422, "invalid_range", "date_to must not be before date_from.")
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise ApiError(422, "invalid_range", f"A date range covers at most {MAX_RANGE_DAYS} days.")
    return DateRange(date_from, date_to, zone)


async def date_range(
    date_from: Annotated[Day | None, Query(description="First day; default today.")] = None,
    date_to: Annotated[Day | None, Query(description="Last day, inclusive.")] = None,
    tz: Annotated[
        str,
        Query(max_length=64, description="The IANA time zone the days are in (default UTC)."),
    ] = "UTC",
) -> DateRange:
    """Default: today in the zone; one bound alone: that single day."""
    zone = zone_named(tz)
    start = date_from or date_to or datetime.now(zone).date()
    return checked_range(start, date_to or start, zone)


Range = Annotated[DateRange, Depends(date_range)]
