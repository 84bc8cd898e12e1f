"""Builders for the cache tests: server visits, feed events, change pages, table snapshots."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.protocol import (
    Change,
    ChangeEvent,
    ChangesPage,
    ChangeVisit,
    EventPublic,
    VisitPublic,
    VisitStatus,
)
from fieldapp.store import Store
from tests.domain.factories import MINIMAL

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
TECH = "kyra"
_refs = itertools.count(1)


def server_visit(visit_id: str | None = None, **fields: Any) -> VisitPublic:
    """A visit as the server would send it, assigned to TECH."""
    number = next(_refs)
    values: dict[str, Any] = {
        "id": visit_id or f"visit-{number}",
        "reference": f"INC-{number:05d}",
        "customer_name": f"Customer {number}",
        "site": "HQ",
        "building": "A",
        "floor": "4",
        "room": f"4.{number % 40}",
        "window_start": T0 + timedelta(minutes=30 * number),
        "window_end": T0 + timedelta(minutes=30 * number + 60),
        "problem": "Pop-ups everywhere.",
        "assignee": TECH,
        "status": VisitStatus.SCHEDULED,
        "updated_at": T0,
    }
    values.update(fields)
    return VisitPublic.model_validate(values)


def feed_event(
    visit_id: str,
    kind: EventType,
    server_seq: int,
    *,
    event_id: str | None = None,
    payload: dict[str, Any] | None = None,
    at: datetime = T0,
) -> EventPublic:
    return EventPublic(
        id=event_id or str(uuid.uuid4()),
        visit_id=visit_id,
        type=kind,
        occurred_at=at,
        payload=MINIMAL[kind] if payload is None else payload,
        author=TECH,
        server_seq=server_seq,
        received_at=at + timedelta(seconds=5),
    )


class PageBuilder:
    """Builds change pages with increasing sequence numbers."""

    def __init__(self, start: int = 0) -> None:
        self.seq = start
        self.changes: list[Change] = []

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def visit(self, visit: VisitPublic) -> PageBuilder:
        as_fed = ChangeVisit.model_validate(visit.model_dump())
        self.changes.append(Change(seq=self._next(), kind="visit", visit_id=visit.id, visit=as_fed))
        return self

    def event(self, event: EventPublic) -> PageBuilder:
        self.changes.append(
            Change(
                seq=self._next(),
                kind="event",
                visit_id=event.visit_id,
                event=ChangeEvent.model_validate(event.model_dump()),
            )
        )
        return self

    def tombstone(self, visit_id: str, reason: str, message: str) -> PageBuilder:
        self.changes.append(
            Change(
                seq=self._next(),
                kind="tombstone",
                visit_id=visit_id,
                reason=reason,
                message=message,
            )
        )
        return self

    def page(self, *, has_more: bool = False) -> ChangesPage:
        page = ChangesPage(
            changes=self.changes, next_cursor=self.seq, has_more=has_more, server_time=T0
        )
        self.changes = []
        return page


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every cache table, sorted: for 'nothing changed' assertions."""
    tables = ("visits", "events", "outbox", "meta", "attachments")
    with store.read_session() as session:
        return {
            name: sorted(tuple(row) for row in session.execute(text(f"SELECT * FROM {name}")))
            for name in tables
        }
