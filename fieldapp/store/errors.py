"""Refusals of the cache itself (unknown visit, visit out of scope, a full disk, a read-only
folder), in the domain's error shape; their sentences are marked for translation (context
"StoreError") and said in the app's language by fieldapp.ui.laptop_words.error_text."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import ClassVar

from fieldapp.domain.errors import DomainError
from fieldapp.domain.words import QT_TRANSLATE_NOOP


class VisitNotFound(DomainError):
    """No visit with this id is in the cache."""

    context: ClassVar[str] = "StoreError"

    def __init__(self, visit_id: str) -> None:
        super().__init__(
            "visit_not_found",
            QT_TRANSLATE_NOOP("StoreError", "This visit is not on this laptop (any more)."),
        )
        self.visit_id = visit_id


class VisitOutOfScope(DomainError):
    """The server took the visit away from this technician; nothing more can be recorded."""

    context: ClassVar[str] = "StoreError"

    def __init__(self, visit_id: str, reason: str, message: str | None) -> None:
        super().__init__(
            "visit_out_of_scope",
            message
            or QT_TRANSLATE_NOOP(
                "StoreError",
                "This visit is no longer assigned to you, so nothing more can be recorded.",
            ),
        )
        self.visit_id = visit_id
        self.reason = reason


class LocalStorageError(DomainError):
    """This laptop could not write its own files: the write did not happen.

    Attributes:
        cause: what is wrong, as the end of a sentence ("this laptop's disk is full").
        remedy: what the technician can do about it ("free some space ...").
    """

    context: ClassVar[str] = "StoreError"
    cause = QT_TRANSLATE_NOOP("StoreError", "this laptop could not write its files")
    remedy = QT_TRANSLATE_NOOP("StoreError", "try again")


class DiskFullError(LocalStorageError):
    """The laptop's disk (or the user's quota) is full: the write did not happen."""

    cause = QT_TRANSLATE_NOOP("StoreError", "this laptop's disk is full")
    remedy = QT_TRANSLATE_NOOP("StoreError", "free some space (old downloads, the recycle bin)")

    def __init__(self) -> None:
        super().__init__(
            "disk_full",
            QT_TRANSLATE_NOOP(
                "StoreError",
                "This laptop's disk is full, so nothing was saved. Free some space (old "
                "downloads, the recycle bin), then try again; what was saved before is safe.",
            ),
        )


class ReadOnlyStorageError(LocalStorageError):
    """FieldApp's data folder cannot be written (mounted read-only, or its permissions)."""

    remedy = QT_TRANSLATE_NOOP("StoreError", "make the folder writable again (or ask IT)")

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = str(folder) if folder is not None else None
        self.cause = QT_TRANSLATE_NOOP("StoreError", "FieldApp's data folder is read-only")
        if self.folder:
            template = QT_TRANSLATE_NOOP(
                "StoreError",
                "FieldApp cannot write to its data folder ({folder}): it is read-only, so "
                "nothing new can be saved. What was saved before is safe. Make the folder "
                "writable again (or ask IT), then try again.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "StoreError",
                "FieldApp cannot write to its data folder: it is read-only, so nothing new can "
                "be saved. What was saved before is safe. Make the folder writable again (or "
                "ask IT), then try again.",
            )
        super().__init__("read_only", template, {"folder": self.folder} if self.folder else None)


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


_SQLITE_READ_ONLY = sqlite3.SQLITE_READONLY
# SQLite's words when the files beside the cache (its WAL) cannot be created or written,
# which on a read-only folder is what opening or writing fails with.
_SQLITE_CANNOT_WRITE = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR})
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def writable(folder: Path) -> bool:
    """Whether this process may create files in `folder` (False on a read-only mount)."""
    return os.access(folder, os.W_OK | os.X_OK)


def is_read_only(error: BaseException, folder: Path | None = None) -> bool:
    """Whether `error` (or what it wraps) says the cache's folder cannot be written.

    Args:
        folder: the cache's folder; SQLite's "cannot open" and I/O errors count when it is
            not writable (the error itself does not say why).
    """
    seen: BaseException | None = error
    while seen is not None:
        # sqlite3's errors, and those of SQLCipher's build (sqlcipher3), which has its own.
        extended = getattr(seen, "sqlite_errorcode", None) if _is_sqlite_error(seen) else None
        if isinstance(extended, int):
            code = extended & 0xFF  # the primary code of an extended one
            if code == _SQLITE_READ_ONLY:
                return True
            if code in _SQLITE_CANNOT_WRITE and folder is not None and not writable(folder):
                return True
        if isinstance(seen, OSError) and seen.errno in _READ_ONLY_ERRNOS:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class FeedError(ValueError):
    """A change feed page the cache cannot apply as it stands (the page is not applied)."""
