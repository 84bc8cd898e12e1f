"""Attachment bytes on disk, content-addressed: written while hashed, never held whole in memory.

Layout: `<root>/<first two hex digits>/<sha256>`, plus `<root>/incoming/` for uploads in
progress. An upload is written to a temporary file in `incoming/` (same file system), made
durable, and renamed into place only once its hash is checked, so a stored file always has
the hash of its name. The database says who uploaded what (models_files.Upload); this module only
keeps bytes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

INCOMING = "incoming"


class TooLarge(Exception):
    """The upload went past the size it is allowed."""


class IncomingBlob:
    """An upload being received: its bytes go to a temporary file and through SHA-256."""

    def __init__(self, directory: Path, limit: int) -> None:
        fd, name = tempfile.mkstemp(dir=directory, prefix="upload-")
        self.path = Path(name)
        self._file: BinaryIO = os.fdopen(fd, "wb")
        self._hash = hashlib.sha256()
        self._limit = limit
        self.size = 0
        self.kept = False

    def write(self, chunk: bytes) -> None:
        """Append `chunk`. Raises TooLarge past the limit (what was written is discarded)."""
        self.size += len(chunk)
        if self.size > self._limit:
            raise TooLarge
        self._hash.update(chunk)
        self._file.write(chunk)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def finish(self) -> None:
        """Make the bytes durable (flush and fsync); call before keeping them."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def discard(self) -> None:
        """Remove the temporary file, unless it was kept (safe to call more than once)."""
        self._file.close()
        if not self.kept:
            self.path.unlink(missing_ok=True)


class BlobStore:
    """The directory of stored attachments."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.incoming = root / INCOMING
        self.incoming.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, sha256: str) -> Path:
        """Where the bytes of `sha256` are (or would be) stored."""
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def receive(self, limit: int) -> IncomingBlob:
        """A new upload of at most `limit` bytes; the caller keeps or discards it."""
        return IncomingBlob(self.incoming, limit)

    def keep(self, blob: IncomingBlob, sha256: str) -> None:
        """Put a finished upload in place under `sha256` (the caller checked its hash). An
        existing file of that name has the same bytes; it is replaced, which also restores
        one lost from the disk."""
        target = self.path(sha256)
        target.parent.mkdir(exist_ok=True, mode=0o700)
        blob.path.replace(target)
        blob.kept = True

    def write(self, sha256: str, data: bytes) -> None:
        """Store `data` (whose SHA-256 is `sha256`) in one go: for bytes already in memory."""
        blob = self.receive(len(data))
        try:
            blob.write(data)
            blob.finish()
            self.keep(blob, sha256)
        finally:
            blob.discard()

    def read_bytes(self, sha256: str) -> bytes | None:
        """The stored bytes, or None if there is no such file (for mail and reports)."""
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def drop_stale_incoming(self, older_than_seconds: float) -> int:
        """Remove uploads left half-written by a crash; how many were removed."""
        cutoff = time.time() - older_than_seconds
        removed = 0
        for entry in self.incoming.iterdir():
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except FileNotFoundError:  # finished or discarded meanwhile
                continue
        return removed
