"""What every benchmark shares: a scratch folder that is always removed, and the machine's load."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_folder(prefix: str, keep: Path | None = None) -> Iterator[Path]:
    """A folder for one run: `keep` is used and left in place, otherwise a temporary one is
    removed at the end, whatever happened (a run leaves tens of MB of caches and databases)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def machine_load() -> str:
    """The load averages and core count, to print beside a figure: a figure measured on a busy
    machine is not the same figure."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} / {five:.2f} on {os.cpu_count()} cores"


def load_now() -> str:
    """The one-minute load average, short enough for a table column."""
    return f"{os.getloadavg()[0]:.2f}"
