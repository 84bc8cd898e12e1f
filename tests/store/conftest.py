"""Fixtures of the cache tests: a fresh cache file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3")
    try:
        yield opened
    finally:
        opened.dispose()
