"""Drafts survive closing the cache, are replaced, read and cleared per visit and screen, and
go when their visit leaves the cache (tombstone, or a full download that does not bring it back).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.protocol import ChangesPage
from fieldapp.store import Store, apply_changes_page, clear_for_refetch, open_store, record_event
from fieldapp.store.drafts import (
    SCREEN_MARK,
    DraftRow,
    clear_draft,
    clear_drafts,
    last_screen,
    load_draft,
    save_draft,
)
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit


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


def _drafted(store: Store) -> list[tuple[str, str]]:
    with store.read_session() as session:
        rows = session.execute(select(DraftRow.visit_id, DraftRow.screen)).all()
    return sorted((visit_id, screen) for visit_id, screen in rows)


def _draft_on(store: Store, *visit_ids: str) -> None:
    with store.session() as session, session.begin():
        for visit_id in visit_ids:
            save_draft(session, visit_id, "notes", {"text": f"typed on {visit_id}"}, T0)
            save_draft(session, visit_id, SCREEN_MARK, {"screen": "diagnose"}, T0)


def _apply(store: Store, page: ChangesPage) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(session, page)


def test_clear_drafts_forgets_every_screen_of_the_visits_named(store: Store) -> None:
    _draft_on(store, "v1", "v2", "v3")
    with store.session() as session, session.begin():
        clear_drafts(session, "v1")
    assert {v for v, _ in _drafted(store)} == {"v2", "v3"}
    with store.session() as session, session.begin():
        clear_drafts(session, ["v2", "v3", "never-drafted"])
    assert _drafted(store) == []


def test_a_tombstoned_visit_takes_its_drafts_unless_work_on_it_is_unsynced(store: Store) -> None:
    gone, busy, kept = server_visit(), server_visit(), server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(gone).visit(busy).visit(kept).page())
    _draft_on(store, gone.id, busy.id, kept.id)
    with store.session() as session, session.begin():
        record_event(session, busy.id, EventType.NOTE, MINIMAL[EventType.NOTE], author=TECH, now=T0)

    builder.tombstone(gone.id, "reassigned", "Given to JB.")
    builder.tombstone(busy.id, "reassigned", "Given to JB.")
    _apply(store, builder.page(has_more=True))  # removed at once, not only at the feed's end
    assert {v for v, _ in _drafted(store)} == {busy.id, kept.id}


def test_a_tombstone_then_the_visit_again_in_one_page_keeps_its_drafts(store: Store) -> None:
    visit = server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(visit).page())
    _draft_on(store, visit.id)
    _apply(store, builder.tombstone(visit.id, "reassigned", "Away").visit(visit).page())
    assert {v for v, _ in _drafted(store)} == {visit.id}


def test_a_full_download_keeps_drafts_of_visits_that_come_back_and_forgets_the_rest(
    store: Store,
) -> None:
    back, taken = server_visit(), server_visit()
    builder = PageBuilder()
    _apply(store, builder.visit(back).visit(taken).page())
    _draft_on(store, back.id, taken.id)

    with store.session() as session, session.begin():
        clear_for_refetch(session)
    assert {v for v, _ in _drafted(store)} == {back.id, taken.id}  # nothing lost yet
    refetch = PageBuilder()
    _apply(store, refetch.page(has_more=True))  # an empty first page: still downloading
    assert {v for v, _ in _drafted(store)} == {back.id, taken.id}
    _apply(store, refetch.visit(back).page())  # the last page: `taken` is not ours any more
    assert _drafted(store) == [(back.id, "__screen__"), (back.id, "notes")]
    with store.read_session() as session:
        assert load_draft(session, back.id, "notes") == {"text": f"typed on {back.id}"}
