"""Refusals of the cache itself (unknown visit, visit out of scope, a full disk), in the domain's
error shape."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from fieldapp.domain.errors import DomainError


class VisitNotFound(DomainError):
    """No visit with this id is in the cache."""

    def __init__(self, visit_id: str) -> None:
        super().__init__("visit_not_found", "This visit is not on this laptop (any more).")
        self.visit_id = visit_id


class VisitOutOfScope(DomainError):
    """The server took the visit away from this technician; nothing more can be recorded."""

    def __init__(self, visit_id: str, reason: str, message: str | None) -> None:
        super().__init__(
            "visit_out_of_scope",
            message or "This visit is no longer assigned to you, so nothing more can be recorded.",
        )
        self.visit_id = visit_id
        self.reason = reason


class DiskFullError(DomainError):
    """The laptop's disk (or the user's quota) is full: the write did not happen."""

    def __init__(self) -> None:
        super().__init__(
            "disk_full",
            "This laptop's disk is full, so nothing was saved. Free some space (old downloads, "
            "the recycle bin), then try again; what was saved before is safe.",
        )


# SQLITE_FULL; and SQLITE_IOERR_SHMSIZE, the WAL's shared-memory file not growing, which is
# how a full disk shows when the cache is opened (its journal_mode = WAL needs that file).
_SQLITE_FULL_CODES = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR_SHMSIZE})


def _is_sqlite_error(error: BaseException) -> bool:
    return isinstance(error, sqlite3.Error) or type(error).__module__.startswith("sqlcipher3")


# SQLCipher's build reports the primary code only: a full disk under the WAL's shared memory
# is a bare SQLITE_IOERR, told from another I/O error by the free space where the cache is.
_SQLITE_IOERR = 10
NEARLY_FULL_BYTES = 1 << 20


def _nearly_full(where: Path) -> bool:
    try:
        return shutil.disk_usage(where).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def is_disk_full(error: BaseException, where: Path | None = None) -> bool:
    """Whether `error` (or what it wraps) says the disk or the quota is full.

    Args:
        where: the folder written to; an unspecific SQLite I/O error there counts as a
            full disk when it has (nearly) no free space left.
    """
    seen: BaseException | None = error
    while seen is not None:
        # sqlite3's errors, and those of SQLCipher's build (sqlcipher3), which has its own.
        code = getattr(seen, "sqlite_errorcode", None) if _is_sqlite_error(seen) else None
        if code in _SQLITE_FULL_CODES:
            return True
        if code == _SQLITE_IOERR and where is not None and _nearly_full(where):
            return True
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class FeedError(ValueError):
    """A change feed page the cache cannot apply as it stands (the page is not applied)."""
