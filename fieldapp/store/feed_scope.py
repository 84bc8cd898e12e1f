"""The visits the server takes away: tombstones, kept conflicts, and a full download's start."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from fieldapp.protocol import VisitStatus
from fieldapp.store.derive import chunks
from fieldapp.store.feed_news import FeedNews
from fieldapp.store.meta import set_cursor
from fieldapp.store.models import SYNC_PENDING, SYNC_REJECTED, events_table, visits_table

CANCELLED_REASON = "cancelled"


def unsettled_visits(session: Session, visit_ids: Iterable[str]) -> set[str]:
    """Those of the visits holding pending or rejected events."""
    found: set[str] = set()
    col = events_table.c
    for part in chunks(sorted(set(visit_ids))):
        stmt = (
            select(col.visit_id)
            .where(col.visit_id.in_(part), col.sync_state.in_([SYNC_PENDING, SYNC_REJECTED]))
            .distinct()
        )
        found.update(session.scalars(stmt))
    return found


def apply_tombstones(
    session: Session, tombstones: dict[str, tuple[str, str | None]], news: FeedNews
) -> tuple[list[str], list[str]]:
    """Remove or mark the tombstoned visits (telling `news` which were kept); return those
    removed and those kept as conflicts."""
    keep = unsettled_visits(session, tombstones)
    drop = sorted(set(tombstones) - keep)
    for part in chunks(drop):
        session.execute(delete(events_table).where(events_table.c.visit_id.in_(part)))
        session.execute(delete(visits_table).where(visits_table.c.id.in_(part)))
    if keep:
        params = []
        for visit_id in sorted(keep):
            reason, message = tombstones[visit_id]
            params.append({"b_id": visit_id, "b_reason": reason, "b_message": message})
        session.connection().execute(
            update(visits_table)
            .where(visits_table.c.id == bindparam("b_id"))
            .values(
                scope_lost_reason=bindparam("b_reason"), scope_lost_message=bindparam("b_message")
            ),
            params,
        )
        cancelled = [
            {"b_id": v, "b_message": tombstones[v][1]}
            for v in sorted(keep)
            if tombstones[v][0] == CANCELLED_REASON
        ]
        if cancelled:
            session.connection().execute(
                update(visits_table)
                .where(visits_table.c.id == bindparam("b_id"))
                .values(status=str(VisitStatus.CANCELLED), cancel_reason=bindparam("b_message")),
                cancelled,
            )
    news.gone = [replace(g, kept=g.visit_id in keep) for g in news.gone]
    return drop, sorted(keep)


def clear_for_refetch(session: Session) -> list[str]:
    """Forget the server's data before downloading afresh; return the visits kept.

    Visits holding pending or rejected events are kept whole (the refetch upserts over
    them); every other visit and its events go. The cursor goes back to 0. Drafts stay:
    the download brings back the visits that are still ours, and its last page forgets the
    drafts of those that did not come back (see `apply_changes_page`).
    """
    keep = unsettled_visits(session, session.scalars(select(visits_table.c.id)))
    drop = sorted(set(session.scalars(select(visits_table.c.id))) - keep)
    for part in chunks(drop):
        session.execute(delete(events_table).where(events_table.c.visit_id.in_(part)))
        session.execute(delete(visits_table).where(visits_table.c.id.in_(part)))
    set_cursor(session, 0)
    return sorted(keep)


def mark_scope_lost(session: Session, visit_ids: Iterable[str], reason: str, message: str) -> None:
    """Mark visits the server no longer sends as conflicts (used after a refetch)."""
    ids = sorted(set(visit_ids))
    for part in chunks(ids):
        session.execute(
            update(visits_table)
            .where(visits_table.c.id.in_(part))
            .values(scope_lost_reason=reason, scope_lost_message=message)
        )
