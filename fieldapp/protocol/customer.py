"""The customer's loop as the supervisors' API shows it: users asking for another time."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from fieldapp.protocol.common import Answer, Instant, LongText, WireModel


class TimeRequestPublic(Answer):
    """A user's request for another time, waiting for dispatch's answer.

    `proposed_times`: the times the user asked for, in their order of preference;
    `note`: what they wrote ("" if nothing); `technician`: the visit's assignee.
    """

    visit_id: str
    reference: str
    customer_name: str
    technician: str | None
    window_start: datetime
    window_end: datetime
    asked_at: datetime
    proposed_times: list[datetime]
    note: str


class TimeRequestPage(Answer):
    """Oldest request first."""

    items: list[TimeRequestPublic]
    total: int


class TimeRequestAnswer(WireModel):
    """Dispatch's answer: accept (the visit moves to `window_start`, keeping its length;
    usually one of the times asked) or decline with the `reason` the user is mailed."""

    accept: bool
    window_start: Instant | None = None
    reason: Annotated[LongText, Field(min_length=1)]
