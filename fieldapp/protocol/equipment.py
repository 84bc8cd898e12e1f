"""Borrowed parts and loaned equipment still out, as the supervisors' list shows them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from fieldapp.protocol.common import Answer


class EquipmentKind(StrEnum):
    PART = "part"  # taken from other equipment for a repair
    LOAN = "loan"  # lent to the user, with a due date


class EquipmentOutItem(Answer):
    """One part or loaned item not back yet.

    `whose`: whose it is ("" for a part named in a diagnosis, which does not say);
    `holder`: who has it (the user a loan went to; "" for a part, which is in the visit's
    machine); `since`: when it was borrowed or lent (laptop time); `due_at`: when a loan is
    due back, `overdue` if that is past at `server_time`; `technician`: the visit's assignee,
    `recorded_by`: who recorded it.
    """

    visit_id: str
    reference: str
    customer_name: str
    technician: str | None
    recorded_by: str | None
    kind: EquipmentKind
    item: str
    whose: str
    holder: str
    since: datetime
    due_at: datetime | None
    overdue: bool


class EquipmentOutPage(Answer):
    """Oldest first (longest out), paginated."""

    items: list[EquipmentOutItem]
    total: int
    offset: int
    limit: int
    server_time: datetime
