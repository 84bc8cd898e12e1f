"""Housekeeping of the attachments directory: files no visit in the cache needs any more go."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.store.db import Store
from fieldapp.store.files import OPENED_DIR
from fieldapp.store.models import AttachmentRow, EventRow

log = logging.getLogger(__name__)

# A file is written (and fsynced) before the transaction naming it commits: one younger than
# this may belong to a recording still in flight, so it is never taken for garbage.
MIN_AGE = timedelta(hours=1)
OPENED_MAX_AGE = timedelta(days=2)  # the program it was opened in has long finished with it


@dataclass(frozen=True, slots=True)
class Sweep:
    """What a sweep removed."""

    rows: int = 0
    files: int = 0
    bytes: int = 0


def forget_unreferenced_attachments(session: Session) -> int:
    """Delete attachment rows no event in the cache names (their visit left the laptop, or
    the account changed). The caller owns the write transaction; returns the rows deleted."""
    named = select(EventRow.id).where(
        or_(
            func.json_extract(EventRow.payload, "$.sha256") == AttachmentRow.sha256,
            func.json_extract(EventRow.payload, "$.signature_sha256") == AttachmentRow.sha256,
        )
    )
    result = cast(CursorResult[Any], session.execute(delete(AttachmentRow).where(~named.exists())))
    return int(result.rowcount)


def remove_unlisted_files(
    session: Session, directory: Path, now: datetime | None = None, *, min_age: timedelta = MIN_AGE
) -> tuple[int, int]:
    """Delete files under `directory` that no attachment row lists and are older than
    `min_age`, crash leftovers (`.tmp`) included, and opened copies older than
    OPENED_MAX_AGE. Returns (files, bytes) removed. Reads with `session`; writes nothing.

    Ages are file times, so `now` is the wall clock (the default), never a visit's clock.
    """
    moment = (now or datetime.now(UTC)).timestamp()
    listed = {Path(p) for p in session.scalars(select(AttachmentRow.path))}
    if not directory.is_dir():
        return 0, 0
    files = freed = 0
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_symlink() or not path.is_file() or relative in listed:
            continue
        opened = relative.parts[0] == OPENED_DIR
        limit = max(OPENED_MAX_AGE, min_age) if opened else min_age
        try:
            stat = path.stat()
            # A zero minimum age takes every unlisted file, even one stamped ahead of this
            # clock (a clock set back); with one, such a file waits for the clock.
            if limit and moment - stat.st_mtime < limit.total_seconds():
                continue
            path.unlink()
        except OSError as error:  # in use, or gone meanwhile: the next sweep tries again
            log.info("kept %s: %s", relative, error.strerror)
            continue
        files += 1
        freed += stat.st_size
    _remove_empty_folders(directory)
    return files, freed


def _remove_old_copies(directory: Path, now: datetime | None) -> tuple[int, int]:
    """Delete opened copies older than OPENED_MAX_AGE under `directory` (the runtime one)."""
    moment = (now or datetime.now(UTC)).timestamp()
    files = freed = 0
    for path in sorted(directory.rglob("*")) if directory.is_dir() else ():
        try:
            stat = path.stat()
            if not path.is_file() or moment - stat.st_mtime < OPENED_MAX_AGE.total_seconds():
                continue
            path.unlink()
        except OSError:  # in use, or gone meanwhile: the next sweep tries again
            continue
        files += 1
        freed += stat.st_size
    _remove_empty_folders(directory)
    return files, freed


def _remove_empty_folders(directory: Path) -> None:
    for folder in sorted((p for p in directory.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):  # not empty: it still holds files
            folder.rmdir()


def sweep_attachments(
    store: Store, now: datetime | None = None, *, min_age: timedelta = MIN_AGE
) -> Sweep:
    """Forget unreferenced rows (one write transaction), then delete the files nothing lists.

    Rows go first and commit before any file is touched: a crash in between leaves a file
    without a row, which the next sweep removes, never a row without its file.
    """
    with store.session() as session, session.begin():
        rows = forget_unreferenced_attachments(session)
    with store.read_session() as session, session.begin():
        files, freed = remove_unlisted_files(session, store.attachments_dir, now, min_age=min_age)
    if not store.opened_dir.is_relative_to(store.attachments_dir):
        removed, gone = _remove_old_copies(store.opened_dir, now)
        files, freed = files + removed, freed + gone
    if rows or files:
        log.info("attachments: forgot %d rows, removed %d files (%d bytes)", rows, files, freed)
    return Sweep(rows=rows, files=files, bytes=freed)


__all__ = [
    "MIN_AGE",
    "OPENED_DIR",
    "OPENED_MAX_AGE",
    "Sweep",
    "forget_unreferenced_attachments",
    "remove_unlisted_files",
    "sweep_attachments",
]
