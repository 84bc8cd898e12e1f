"""A real full disk for the tests: a small tmpfs mounted in the test's folder, and a filler file
that takes every free byte of it."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(where: Path, size_kib: int = 4096) -> Iterator[Path]:
    """Mount a tmpfs of `size_kib` at `where` for the block (needs root, as CI runs)."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (.ci/run runs the tests as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "--lazy", str(where)], check=False)


def _remount(disk: Path, mode: str) -> None:
    remounted = subprocess.run(
        ["mount", "-o", f"remount,{mode}", str(disk)], capture_output=True, text=True, check=False
    )
    if remounted.returncode != 0:  # "busy": a file on it is still open for writing
        raise RuntimeError(f"cannot remount {disk} {mode}: {remounted.stderr.strip()}")


@contextmanager
def read_only(disk: Path) -> Iterator[Path]:
    """Remount `disk` (a small_disk) read-only for the block: writes fail with EROFS, even
    for root, whom a chmod would not stop. Close every file written on it first."""
    _remount(disk, "ro")
    try:
        yield disk
    finally:
        _remount(disk, "rw")


def make_read_only(disk: Path) -> None:
    """Remount `disk` read-only now (from another thread, say); `make_writable` undoes it."""
    _remount(disk, "ro")


def make_writable(disk: Path) -> None:
    _remount(disk, "rw")


def fill(disk: Path) -> Path:
    """Write a file into `disk` until not one more byte fits; delete it to free the space."""
    filler = disk / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    chunk = 1 << 20
    try:
        while chunk:
            try:
                os.write(fd, b"\0" * chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                chunk //= 2
    finally:
        os.close(fd)
    return filler
