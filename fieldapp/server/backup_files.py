"""The attachment files of a backup: copied from one store's layout to another's, each checked
against its name (its SHA-256) as it is copied and put in place whole; and made durable."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from fieldapp.server.blobs import INCOMING

_CHUNK = 1024 * 1024


def copy_files(source: Path, target: Path) -> tuple[int, int, list[str]]:
    """Copy the stored files `source/<2 hex>/<sha256>` that `target` lacks, each checked
    against its name while copied and put in place whole; (files, bytes, damaged names)."""
    files = size = 0
    damaged: list[str] = []
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not source.is_dir():
        return files, size, damaged
    for folder in sorted(source.iterdir()):
        if folder.name == INCOMING or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            place = target / folder.name / path.name
            if place.exists():
                files, size = files + 1, size + place.stat().st_size
                continue
            try:
                copied = _copy_checked(path, place)
            except FileNotFoundError:  # swept meanwhile: nothing names it
                continue
            if copied is None:
                damaged.append(path.name)
            else:
                files, size = files + 1, size + copied
    return files, size, damaged


def _copy_checked(path: Path, place: Path) -> int | None:
    """Copy `path` to `place` if its bytes hash to its name; their size, or None if not."""
    place.parent.mkdir(exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(dir=place.parent, prefix=".restore-")
    try:
        with path.open("rb") as origin, os.fdopen(fd, "wb") as copy:
            while chunk := origin.read(_CHUNK):
                digest.update(chunk)
                copy.write(chunk)
                size += len(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        if digest.hexdigest() != path.name:
            return None
        Path(name).replace(place)
        return size
    finally:
        Path(name).unlink(missing_ok=True)


def fsync_tree(root: Path) -> None:
    """Make every file and directory under `root` durable (before the backup is named whole)."""
    for directory, _, names in os.walk(root):
        for name in names:
            with (Path(directory) / name).open("rb") as handle:
                os.fsync(handle.fileno())
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
