"""The visit on a laptop whose disk is full: a recording is refused with a sentence saying so,
what was typed stays on screen, and the same click works once space is freed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, apply_changes_page, open_store
from tests.store.factories import PageBuilder, server_visit
from tests.support.disk import fill, small_disk
from tests.ui.test_visit_flow import VISIT, WAIT_MS, clock_fixture
from tests.ui.test_visit_notes import OpenPanel, open_panel_fixture, payloads, press

__all__ = ["clock_fixture", "open_panel_fixture"]  # used by name, as fixtures


@pytest.fixture(name="disk")
def disk_fixture(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


@pytest.fixture(name="store")
def store_fixture(disk: Path) -> Iterator[Store]:
    opened = open_store(disk / "cache.sqlite3")
    with opened.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(server_visit(VISIT)).page())
    try:
        yield opened
    finally:
        opened.dispose()


def test_a_note_on_a_full_disk_is_refused_and_kept_on_screen(
    qtbot: QtBot, store: Store, disk: Path, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    notes = flow.panel.notes
    flow.wait()  # the drafts and screen written at opening are on disk
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    filler = fill(disk)
    qtbot.keyClicks(notes.text, "The user asked for a second screen.")

    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        notes.record_button.click()

    qtbot.waitUntil(notes.error_banner.isVisible, timeout=WAIT_MS)
    assert "disk is full" in notes.error_banner.text()
    assert notes.text.toPlainText() == "The user asked for a second screen."
    assert payloads(store, EventType.NOTE) == []
    filler.unlink()
    press(qtbot, flow, notes.record_button)
    assert [p["text"] for p in payloads(store, EventType.NOTE)] == [
        "The user asked for a second screen."
    ]
