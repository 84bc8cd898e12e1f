"""The benchmarks' own builders still build: a benchmark is run by hand, not by the suite, so
a change to the wire models could break one with no test failing (round_benchmark's cache
builder once did, and round_real_app.py stopped before measuring anything)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from fieldapp.store import open_store
from fieldapp.store.models import Visit
from fieldapp.store.search import count_matches, fts_query

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _benchmark(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # as when it runs: bench_kit beside it
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_the_round_benchmarks_cache_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_benchmark = _benchmark("round_benchmark", monkeypatch)
    cache = tmp_path / "cache.db"
    round_benchmark.build_cache(cache, 120, datetime.now(UTC))
    store = open_store(cache)
    try:
        with store.session() as session:
            visits = session.scalar(select(func.count()).select_from(Visit))
            expression = fts_query("HP-0")
            assert expression is not None
            found = count_matches(session, expression, cap=1_000)
    finally:
        store.dispose()
    assert visits == 120
    assert found == 120  # the search index holds every visit (references HP-000000...)


def test_the_sync_timeline_times_steps_that_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    # It wraps the pull's functions by name: one renamed would stop it before it measured.
    timeline = _benchmark("sync_timeline", monkeypatch)
    for owner, attribute, _ in timeline.TIMED:
        assert callable(getattr(owner, attribute)), (owner, attribute)
