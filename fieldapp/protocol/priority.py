"""The supervisors' priority matrix on the wire: impact x urgency -> priority, in versions."""

from __future__ import annotations

from datetime import datetime

from fieldapp.protocol.common import Answer, WireModel
from fieldapp.protocol.enums import Level, Priority


class PriorityMatrixIn(WireModel):
    """A new matrix: for each impact, for each urgency, the priority (all nine cells)."""

    cells: dict[Level, dict[Level, Priority]]


class PriorityMatrixPublic(Answer):
    """The matrix in force. `version` 0 is the built-in default nobody has set yet."""

    version: int
    cells: dict[Level, dict[Level, Priority]]
    set_by: str | None = None
    set_at: datetime | None = None
    # On a change: how many open visits got a new priority from it.
    visits_reprioritised: int = 0
