"""Builders for the supervisor tests: events at given times, pushes that must be accepted."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fieldapp.domain import EventType
from tests.domain.factories import MINIMAL
from tests.server.helpers import Client


def ev(visit_id: str, event_type: EventType, at: datetime, /, **payload: Any) -> dict[str, Any]:
    """An EventIn body: the type's MINIMAL payload with `payload` laid over it."""
    return {
        "id": str(uuid.uuid4()),
        "visit_id": visit_id,
        "type": event_type.value,
        "occurred_at": at.isoformat(),
        "payload": {**MINIMAL[event_type], **payload},
    }


def push_ok(client: Client, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Push `events`; every one must be accepted."""
    results = client.push(*events)
    bad = [(r["code"], r["message"]) for r in results if r["status"] != "accepted"]
    assert not bad, bad
    return results


def iso(moment: datetime) -> str:
    return moment.isoformat()
