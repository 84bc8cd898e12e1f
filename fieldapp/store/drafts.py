"""Text being typed on a visit's screens, saved as it is typed so a crash loses nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from fieldapp.store.models import Base, UTCDateTime, Visit

SCREEN_MARK = "__screen__"
_CHUNK = 500  # ids per IN (...) list, well below SQLite's bound-parameter limit


class DraftRow(Base):
    """One screen's unsaved fields for one visit; gone once the screen's event is recorded."""

    __tablename__ = "drafts"

    visit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    screen: Mapped[str] = mapped_column(String(64), primary_key=True)
    fields: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


drafts_table = Base.metadata.tables["drafts"]


def save_draft(
    session: Session, visit_id: str, screen: str, fields: dict[str, Any], now: datetime
) -> None:
    """Keep `fields` (JSON-serialisable) as the draft of `screen`, replacing any earlier one."""
    values = {
        "visit_id": visit_id,
        "screen": screen,
        "fields": json.dumps(fields, ensure_ascii=False),
        "updated_at": now,
    }
    stmt = insert(drafts_table).values(**values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["visit_id", "screen"],
            set_={"fields": stmt.excluded.fields, "updated_at": stmt.excluded.updated_at},
        )
    )


def load_draft(session: Session, visit_id: str, screen: str) -> dict[str, Any] | None:
    """The saved fields of `screen`, or None if nothing is saved."""
    raw = session.scalar(
        select(DraftRow.fields).where(DraftRow.visit_id == visit_id, DraftRow.screen == screen)
    )
    if raw is None:
        return None
    loaded = json.loads(raw)
    return loaded if isinstance(loaded, dict) else None


def clear_draft(session: Session, visit_id: str, screen: str) -> None:
    """Forget the draft of `screen` (its event was recorded)."""
    session.execute(
        delete(DraftRow).where(DraftRow.visit_id == visit_id, DraftRow.screen == screen)
    )


def clear_drafts(session: Session, visit_id: str | Iterable[str]) -> None:
    """Forget every draft of a visit (or of several), its remembered screen included.

    For visits that left the cache: what was typed on them is no longer ours to keep.
    """
    ids = [visit_id] if isinstance(visit_id, str) else sorted(set(visit_id))
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        session.execute(delete(DraftRow).where(DraftRow.visit_id.in_(part)))


def clear_orphaned_drafts(session: Session) -> None:
    """Forget the drafts of visits no longer in the cache (after a full download)."""
    session.execute(delete(DraftRow).where(DraftRow.visit_id.not_in(select(Visit.id))))


def last_screen(session: Session, visit_id: str) -> str | None:
    """The screen the technician was last on for this visit, if one was saved."""
    fields = load_draft(session, visit_id, SCREEN_MARK)
    screen = fields.get("screen") if fields else None
    return screen if isinstance(screen, str) else None
