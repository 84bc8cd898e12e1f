"""The attachments directory: files kept under their SHA-256, sealed when the cache is
encrypted, written durably (fsync + atomic rename), private to the user (0600)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag

from fieldapp.store.cipher import SEAL_OVERHEAD, FileSealer, fsync_dir, is_sealed
from fieldapp.store.errors import DiskFullError, ReadOnlyStorageError, is_disk_full, is_read_only

log = logging.getLogger(__name__)

OPENED_DIR = "opened"  # copies under the file's own name, made to open it in another program
FILE_MODE = 0o600


def opened_copies_dir(data_dir: Path | None, attachments_dir: Path) -> Path:
    """Where the plain copies made to open a file in another program go: the user's runtime
    folder when there is one ($XDG_RUNTIME_DIR: in memory, private, emptied at logout), one
    folder per data directory; else beside the attachments (swept after two days)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if data_dir is not None and runtime and Path(runtime).is_dir():
        digest = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
        return Path(runtime) / "FieldApp" / digest / OPENED_DIR
    return attachments_dir / OPENED_DIR


class AttachmentDamaged(OSError):
    """A kept file that does not open with the cache's key, or whose bytes are not its hash."""

    def __init__(self, relative: str) -> None:
        super().__init__(errno.EBADMSG, "damaged, or not sealed with this laptop's key", relative)


def write_file_durably(final: Path, data: bytes) -> None:
    """Write `data` at `final` (mode 0600): a temp file fsynced, renamed over, folder fsynced.

    Raises:
        DiskFullError: the disk or quota is full (nothing is left behind).
    """
    temp = final.parent / f".{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temp.replace(final)
        finally:
            temp.unlink(missing_ok=True)
        fsync_dir(final.parent)
    except OSError as error:
        if is_disk_full(error):
            raise DiskFullError() from error
        if is_read_only(error):
            raise ReadOnlyStorageError(final.parent) from error
        raise


@dataclass(frozen=True, slots=True)
class AttachmentFiles:
    """The attachment files of one cache.

    Attributes:
        directory: where they live.
        sealer: seals them at rest; None for a plain cache (tests and tools only).
    """

    directory: Path
    sealer: FileSealer | None = None

    def path(self, relative: str) -> Path:
        """Where the file an attachment row names lives."""
        return self.directory / relative

    def _stored_size(self, size: int) -> int:
        return size + SEAL_OVERHEAD if self.sealer else size

    def write(self, sha256: str, data: bytes) -> str:
        """Keep `data` as `<aa>/<sha256>`; returns that path, relative to the directory.

        Raises:
            DiskFullError: the disk is full; nothing was written.
        """
        relative = f"{sha256[:2]}/{sha256}"
        final = self.directory / relative
        with contextlib.suppress(OSError):
            if final.stat().st_size == self._stored_size(len(data)):
                return relative  # content-addressed: the same name means the same bytes
        sealed = self.sealer.seal(sha256, data) if self.sealer else data
        write_file_durably(final, sealed)
        return relative

    def read(self, relative: str) -> bytes:
        """The plain bytes of a kept file.

        Raises:
            FileNotFoundError, OSError: the file cannot be read.
            AttachmentDamaged: it does not open with this cache's key, or is not its hash.
        """
        stored = self.path(relative).read_bytes()
        sha256 = Path(relative).name
        if self.sealer is None or not is_sealed(stored):
            # A plain file (a plain cache, or one not yet sealed): its name vouches for it.
            if hashlib.sha256(stored).hexdigest() != sha256:
                raise AttachmentDamaged(relative)
            return stored
        try:
            return self.sealer.open(sha256, stored)
        except InvalidTag:
            raise AttachmentDamaged(relative) from None

    def seal_plain_files(self) -> int:
        """Seal every plain file kept before the cache was encrypted; returns how many.

        A file whose bytes are not its name (damaged) is left as it is, for the sync to
        report; a crash midway leaves each file either plain or sealed, never half.
        """
        if self.sealer is None or not self.directory.is_dir():
            return 0
        sealed = 0
        for path in sorted(self.directory.rglob("*")):
            relative = path.relative_to(self.directory)
            if relative.parts[0] == OPENED_DIR or path.name.startswith("."):
                continue
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            if is_sealed(data) or hashlib.sha256(data).hexdigest() != path.name:
                continue
            write_file_durably(path, self.sealer.seal(path.name, data))
            sealed += 1
        if sealed:
            log.info("sealed %d attachment files kept before the cache was encrypted", sealed)
        return sealed
