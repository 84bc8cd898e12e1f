"""Fixtures the screens' tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty laptop cache in the test's folder (a test module may define its own)."""
    opened = open_store(tmp_path / "laptop" / "cache.sqlite3")
    try:
        yield opened
    finally:
        opened.dispose()
