"""Events the server records itself (not pushed by a laptop): checked by the same rules,
stamped, stored and sent to the visit's whole team like a pushed one."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, derive_state, validate_payload
from fieldapp.domain.rules import check_event
from fieldapp.protocol import VisitStatus
from fieldapp.server import assistants, facts, feed
from fieldapp.server.models import EventRecord, Visit


def record_event(
    session: Session,
    visit: Visit,
    kind: EventType,
    payload: dict[str, Any],
    *,
    author: str,
    now: datetime,
) -> Event:
    """Check and store one event on `visit` at `now`; the caller owns the write transaction
    and has locked the feed's counter (feed.lock_counter) before reading the visit.

    Raises:
        InvalidEvent: the payload is malformed.
        WorkflowViolation: the rules do not allow the event now (closed, cancelled...).
    """
    cleaned = validate_payload(kind, payload)
    history = facts.load_history(session, [visit.id])[visit.id]
    state = derive_state(history, cancelled=visit.status == VisitStatus.CANCELLED)
    event = Event(
        id=str(uuid.uuid4()),
        visit_id=visit.id,
        type=kind,
        occurred_at=now,
        payload=cleaned,
        author=author,
    )
    check_event(state, event)
    (seq,) = feed.stamp(session, 1)
    session.flush()
    session.execute(
        insert(EventRecord),
        [
            {
                "id": event.id,
                "visit_id": visit.id,
                "type": kind.value,
                "occurred_at": now,
                "payload": cleaned,
                "author": author,
                "attachment_sha256": None,
                "server_seq": seq,
                "received_at": now,
            }
        ],
    )
    assistants.share_events(session, None, [(seq, visit.id, event.id)], now)
    history.append(event)
    after = derive_state(history, cancelled=False)
    facts.record_accepted(session, [(event, seq)], {visit.id: history}, {visit.id: after}, now)
    return event
