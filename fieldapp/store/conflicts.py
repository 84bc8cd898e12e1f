"""Supervisors' decisions on events this laptop recorded after their visit was reassigned
or cancelled."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.protocol import ConflictPublic, ConflictStatus
from fieldapp.store.derive import refresh_visits
from fieldapp.store.models import SYNC_REJECTED, SYNC_SYNCED, EventRow

REASSIGNED = "visit_reassigned"
CANCELLED = "visit_cancelled_kept"  # kept by the server as a conflict, like REASSIGNED
DISMISSED = "conflict_dismissed"


def reassigned_event_ids(session: Session) -> set[str]:
    """Rejected events still waiting for a supervisor's decision."""
    return set(
        session.scalars(
            select(EventRow.id).where(
                EventRow.sync_state == SYNC_REJECTED,
                # Implied by the line above, but SQLite only uses the partial index
                # ix_events_unsynced when its own term is written: without it every sync
                # scanned (and decrypted) the whole events table, 36 ms at 50,000 events.
                EventRow.sync_state != SYNC_SYNCED,
                EventRow.reject_code.in_((REASSIGNED, CANCELLED)),
            )
        )
    )


def apply_conflict_decisions(session: Session, decisions: Iterable[ConflictPublic]) -> int:
    """Show each decided conflict on its event: accepted ones become synced (they are in the
    visit's history on the server now); dismissed ones say who dismissed them and why.

    Returns how many events changed. The caller owns the transaction.
    """
    waiting = reassigned_event_ids(session)
    touched: set[str] = set()
    changed = 0
    for decision in decisions:
        event_id = decision.event.id
        if event_id not in waiting or decision.status is ConflictStatus.OPEN:
            continue
        if decision.status is ConflictStatus.ACCEPTED:
            values: dict[str, object] = {
                "sync_state": SYNC_SYNCED,
                "server_seq": decision.server_seq,
                "received_at": decision.resolved_at,
                "reject_code": None,
                "reject_message": None,
            }
        else:
            who = decision.resolved_by or "A supervisor"
            note = f": {decision.note}" if decision.note else ""
            values = {
                "reject_code": DISMISSED,
                "reject_message": f"{decision.message.rstrip('.')}. {who} dismissed it{note}.",
            }
        session.execute(update(EventRow).where(EventRow.id == event_id).values(**values))
        touched.add(decision.event.visit_id)
        waiting.discard(event_id)
        changed += 1
    if touched:
        refresh_visits(session, touched)
    return changed
