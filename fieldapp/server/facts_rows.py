"""The promises and visit_trips rows facts.py writes, from visits' states and time on task."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC
from typing import Any

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.domain.time_on_task import TimeOnTask


def promise_authors(history: Iterable[Event]) -> dict[str, str]:
    """Promise key -> username of the technician whose event made the promise."""
    authors: dict[str, str] = {}
    for event in history:
        if event.type is EventType.PROMISE_MADE:
            authors.setdefault(str(event.payload["promise_id"]), event.author)
        elif event.type in (
            EventType.USER_BUSY,
            EventType.SIGNED_OFF,
            EventType.ESCALATED,
            EventType.DEPARTED,
            EventType.LOAN_MADE,  # a loan's due date: its promise is keyed by the event
        ):
            authors.setdefault(event.id, event.author)
    return authors


def promise_rows(
    visits: Sequence[str],
    histories: Mapping[str, Sequence[Event]],
    states: Mapping[str, VisitState],
    user_ids: Mapping[str, int],
) -> list[dict[str, Any]]:
    """The promises rows of the visits (their states' promises, each with its maker)."""
    rows = []
    for v in visits:
        authors = promise_authors(histories[v])
        rows += [
            {
                "visit_id": v,
                "promise_key": key,
                "technician_id": user_ids.get(authors.get(key, "")),
                "kind": p.kind,
                "description": p.description,
                "made_at": p.made_at,
                "due_at": p.due_at,
                "due_on": p.due_at.astimezone(UTC).date(),
                "kept_at": p.kept_at,
                "kept_on_time": p.kept_on_time,
            }
            for key, p in states[v].promises.items()
        ]
    return rows


def trip_rows(spent: Mapping[str, TimeOnTask], user_ids: Mapping[str, int]) -> list[dict[str, Any]]:
    """One visit_trips row per technician's stay on each trip of the visits."""
    return [
        {
            "visit_id": visit_id,
            "trip": trip.number,
            "author": stay.author,
            "technician_id": user_ids.get(stay.author),
            "arrived_at": stay.arrived_at,
            "left_at": stay.left_at,
            "ended_by": None if stay.ended_by is None else stay.ended_by.value,
            "reason": stay.reason,
            "seconds": stay.seconds(visit.until),
        }
        for visit_id, visit in spent.items()
        if visit.until is not None
        for trip in visit.trips
        for stay in trip.stays
    ]
