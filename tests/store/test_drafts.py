"""Drafts survive closing the cache and are replaced, read and cleared per visit and screen."""

from __future__ import annotations

from pathlib import Path

from fieldapp.store import open_store
from fieldapp.store.drafts import SCREEN_MARK, clear_draft, last_screen, load_draft, save_draft
from tests.store.factories import T0


def test_a_draft_survives_reopening_the_cache_and_is_replaced_then_cleared(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    store = open_store(path)
    with store.session() as session, session.begin():
        save_draft(session, "v1", "diagnose", {"findings": "Corrupt drv"}, T0)
        save_draft(session, "v1", "diagnose", {"findings": "Corrupt driver, ünïcode"}, T0)
        save_draft(session, "v1", SCREEN_MARK, {"screen": "diagnose"}, T0)
        save_draft(session, "v2", "diagnose", {"findings": "other visit"}, T0)
    store.dispose()

    reopened = open_store(path)
    with reopened.read_session() as session:
        assert load_draft(session, "v1", "diagnose") == {"findings": "Corrupt driver, ünïcode"}
        assert last_screen(session, "v1") == "diagnose"
        assert last_screen(session, "v2") is None
        assert load_draft(session, "v1", "resolve") is None
    with reopened.session() as session, session.begin():
        clear_draft(session, "v1", "diagnose")
    with reopened.read_session() as session:
        assert load_draft(session, "v1", "diagnose") is None
        assert load_draft(session, "v2", "diagnose") == {"findings": "other visit"}
    reopened.dispose()
