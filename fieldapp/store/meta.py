"""The cache's key/value facts: sync cursor, server, user and name, last sync, clock offset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from fieldapp.store.models import MetaRow, meta_table

CURSOR = "cursor"
SERVER_URL = "server_url"
USERNAME = "username"
ROLE = "role"  # technician or supervisor, as the server said at login
FULL_NAME = "full_name"  # the user's name as customers read it (confirmation, desk note)
LAST_SYNC_AT = "last_sync_at"
CLOCK_OFFSET_SECONDS = "clock_offset_seconds"


def get_meta(session: Session, key: str) -> str | None:
    """The value stored under `key`, or None."""
    return session.scalar(select(MetaRow.value).where(MetaRow.key == key))


def set_meta(session: Session, key: str, value: str | None) -> None:
    """Store `value` under `key` (None deletes it)."""
    if value is None:
        session.execute(meta_table.delete().where(meta_table.c.key == key))
        return
    stmt = insert(meta_table).values(key=key, value=value)
    session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def get_cursor(session: Session) -> int:
    """The change-feed cursor: the server sequence after which to ask for changes."""
    value = get_meta(session, CURSOR)
    return int(value) if value else 0


def set_cursor(session: Session, cursor: int) -> None:
    set_meta(session, CURSOR, str(cursor))


def get_last_sync_at(session: Session) -> datetime | None:
    value = get_meta(session, LAST_SYNC_AT)
    return datetime.fromisoformat(value) if value else None


def get_clock_offset(session: Session) -> float | None:
    """Seconds to add to the laptop clock to get the server's, as of the last sync."""
    value = get_meta(session, CLOCK_OFFSET_SECONDS)
    return float(value) if value else None
