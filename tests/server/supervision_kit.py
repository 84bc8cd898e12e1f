"""Builders for the supervisor tests: events at given times, pushes that must be accepted, and
the derived tables (facts, promises, follow-ups) read or rebuilt from the events."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from fieldapp.domain import EventType
from fieldapp.server import facts
from fieldapp.server.models_devices import VisitDevice
from fieldapp.server.models_facts import (
    EquipmentItem,
    PromiseRecord,
    VisitFacts,
    VisitTrip,
    VisitWork,
)
from fieldapp.server.models_supervision import FollowUpItem
from tests.domain.factories import MINIMAL
from tests.server.helpers import Client, Live

DERIVED = (
    VisitFacts,
    PromiseRecord,
    FollowUpItem,
    VisitTrip,
    VisitWork,
    EquipmentItem,
    VisitDevice,
)
_SKIP = {"id", "created_at", "last_event_received_at"}


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


def snapshot(live: Live) -> dict[str, list[dict[str, Any]]]:
    """The derived tables' rows, by table, without their ids and times, in a stable order."""
    out = {}
    with live.db() as session:
        for model in DERIVED:
            rows = session.scalars(select(model)).all()
            values = [
                {c: getattr(r, c) for c in model.__table__.columns.keys() if c not in _SKIP}  # noqa: SIM118
                for r in rows
            ]
            out[model.__tablename__] = sorted(values, key=lambda v: json.dumps(v, default=str))
    return out


def empty_derived_tables(live: Live) -> None:
    with live.db() as session:
        for model in DERIVED:
            session.execute(delete(model))


def rebuild_from_events(live: Live, **options: int) -> int:
    """Empty the derived tables, then rebuild them from the events (`options` go to
    facts.rebuild_all, e.g. batch); return how many visits had events."""
    empty_derived_tables(live)
    with live.db() as session:
        return facts.rebuild_all(session, datetime.now(UTC), **options)
