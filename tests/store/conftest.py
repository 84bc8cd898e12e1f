"""Fixtures of the cache tests: a fresh cache file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.store import Store, open_store
from fieldapp.store.cipher import new_cache_key


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    # Encrypted, as the app's is (its key would be in the keyring).
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        yield opened
    finally:
        opened.dispose()
