"""The asset list and the device and person history a laptop keeps for its round."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fieldapp.protocol.common import Answer, ShortText


class AssetRecord(Answer):
    """One device of the asset list (fieldapp.domain.devices.Asset); the tag is kept upper
    case without spaces."""

    asset_tag: str
    hostname: ShortText = ""
    serial: ShortText = ""
    model: ShortText = ""
    owner: ShortText = ""
    owner_email: ShortText = ""


class AssetPage(Answer):
    """Assets whose tag, hostname, serial, model or owner holds the query, by tag."""

    items: list[AssetRecord]
    total: int
    offset: int
    limit: int


class AssetImportResult(Answer):
    """An asset list imported whole: devices new to the list, and those whose fields it
    replaced (matched by tag)."""

    created: int
    updated: int


class PastVisit(Answer):
    """An earlier visit of a device or a person, as the visit window tells it: when
    (`at`: its sign-off or last event, else its window's start), who worked it, what was
    diagnosed and fixed, the parts borrowed and what was promised (kept or open)."""

    visit_id: str
    reference: str
    customer_name: str
    asset_tag: str | None
    at: datetime
    status: str
    technician: str | None
    problem: str
    diagnosis: str
    fix: str
    parts: list[str]
    promises: list[str]


class PastLink(Answer):
    past_visit_id: str
    by: Literal["device", "person"]


class VisitHistory(Answer):
    """What the laptop shows on one visit of its round: the device the visit names on the
    server (`asset_tag`, None until one is attached), the devices the asset list gives its
    user (`owned`), and its earlier visits (ids into RoundHistory.past), each with whether it
    came by the device or by the person."""

    visit_id: str
    asset_tag: str | None
    owned: list[str]
    past: list[PastLink]


class RoundHistory(Answer):
    """GET /sync/history: the history of the devices and people of the caller's visits,
    bounded (HISTORY_DAYS back, HISTORY_PER_VISIT per device and per person), replaced
    whole on the laptop at each sync. `assets` holds every tag named in `visits`."""

    server_time: datetime
    assets: list[AssetRecord]
    visits: list[VisitHistory]
    past: list[PastVisit]
