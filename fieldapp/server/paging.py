"""Query parameters the supervisor endpoints share: pagination and a date range (UTC days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import Depends, Query

from fieldapp.server.errors import ApiError
from fieldapp.server.security import SettingsDep

MAX_RANGE_DAYS = 366
MAX_OFFSET = 10_000_000


@dataclass(frozen=True, slots=True)
class PageParams:
    offset: int
    limit: int


def page_params(
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
    """Whole UTC days, `date_from` to `date_to` inclusive."""

    date_from: date
    date_to: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date_from, time(0), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the range."""
        return datetime.combine(self.date_to + timedelta(days=1), time(0), tzinfo=UTC)

    @property
    def days(self) -> list[date]:
        count = (self.date_to - self.date_from).days + 1
        return [self.date_from + timedelta(days=n) for n in range(count)]


def checked_range(date_from: date, date_to: date) -> DateRange:
    """The range, or 422 invalid_range if it is backwards or longer than MAX_RANGE_DAYS."""
    if date_to < date_from:
        raise ApiError(422, "invalid_range", "date_to must not be before date_from.")
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise ApiError(422, "invalid_range", f"A date range covers at most {MAX_RANGE_DAYS} days.")
    return DateRange(date_from, date_to)


def date_range(
    date_from: Annotated[date | None, Query(description="First day (UTC); default today.")] = None,
    date_to: Annotated[date | None, Query(description="Last day (UTC), inclusive.")] = None,
) -> DateRange:
    """Default: today (UTC); one bound alone: that single day."""
    start = date_from or date_to or datetime.now(UTC).date()
    return checked_range(start, date_to or start)


Range = Annotated[DateRange, Depends(date_range)]
