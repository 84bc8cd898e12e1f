"""What a sync changed, told in words: a visit reassigned away names who has it now and who
moved it, a new visit is said, in a notice and in the "Since last sync" list (Round menu,
Ctrl+J, a click on the status bar); the status bar speaks like a person."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.protocol import VisitUpdate
from fieldapp.server.dispatch import update_visit
from fieldapp.store import Store, record_event
from fieldapp.store.feed_news import FeedNews, VisitArrived, VisitGone
from fieldapp.sync import SyncSummary, TokenStore
from fieldapp.ui.app import connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.sync_news import SHORTCUT, spoken_summary
from tests.sync.harness import Server, running_server

WAIT_MS = 15_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


def _reference(server: Server, visit_id: str) -> tuple[str, str]:
    from fieldapp.server.models import Visit

    with server.db() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.reference, visit.customer_name


def _sync(qtbot: QtBot, window: RoundWindow) -> str:
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        window.sync_now()
    return str(finished.args[0])


def test_a_visit_reassigned_away_and_a_new_one_are_told_in_words(
    qtbot: QtBot, store: Store, server: Server
) -> None:
    username, password = server.add_technician("kyra")
    server.add_technician("tony")  # full name "Tony"
    leaving = server.create_visit(username)
    kept = server.create_visit(username)
    connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
    window = RoundWindow(
        store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
    )
    qtbot.addWidget(window)
    window.show()
    first = _sync(qtbot, window)
    assert first.startswith("Sync done: received ")  # the whole round: no news to tell
    assert window.sync_news.lines == []
    assert not window.notice.isVisible()

    with server.db() as session:
        update_visit(
            session, leaving, VisitUpdate(assignee="tony"), datetime.now(UTC), by="Sam Lee"
        )
    arriving = server.create_visit(username)
    with store.session() as session, session.begin():  # unsent work on the one that stays
        record_event(
            session, kept, EventType.NOTE, {"text": "x"}, author=username, now=datetime.now(UTC)
        )
    said = _sync(qtbot, window)

    gone_ref, gone_customer = _reference(server, leaving)
    new_ref, new_customer = _reference(server, arriving)
    assert said == f"Sync done: sent 1 update; 1 new visit; {gone_ref} left your round."
    assert window.statusBar().currentMessage() == said
    gone = f"{gone_ref} ({gone_customer}): Now with Tony, reassigned by Sam Lee."
    new = f"{new_ref} ({new_customer}): new on your round."
    assert [line.text for line in window.sync_news.lines] == [gone, new]
    assert window.notice.isVisible()  # no tray here: the notice in the window says it
    assert window.notice.text == f"{gone}\n{new}"

    assert window.sync_news.action in window.menuBar().actions()[0].menu().actions()
    assert window.sync_news.action.shortcut().toString() == SHORTCUT
    qtbot.mouseClick(window.statusBar(), Qt.MouseButton.LeftButton)  # the message, clicked
    dialog = window.sync_news.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.windowTitle() == "Since last sync"
    assert [text.split("  ", 1)[1] for text in dialog.texts] == [gone, new]
    dialog.close()

    assert _sync(qtbot, window) == "Sync done: nothing new."
    window.sync_news.action.trigger()
    assert len(dialog.texts) == 2  # kept until the app ends, the latest first
    dialog.close()
    window.close()
    connection.close()


def test_the_status_bar_speaks_like_a_person() -> None:
    summary = SyncSummary(pulled=9, pushed=8, duplicate=1)
    summary.news = FeedNews(
        gone=[
            VisitGone("a", "HP-1", "Acme", "reassigned", "Now with Tony Russo, reassigned by Sam"),
            VisitGone("b", "HP-2", "", "cancelled", "Dispatch cancelled this visit: moved", True),
        ],
        arrived=[VisitArrived("c", "HP-3", "Acme"), VisitArrived("d", "HP-4", "Acme")],
        changed=1,
    )
    assert spoken_summary(summary) == (
        "Sync done: sent 9 updates; 2 new visits; 2 visits left your round; 1 visit updated."
    )
    assert spoken_summary(SyncSummary(rejected=1, uploaded=2)) == (
        "Sync done: 1 update refused by the server (see Rejected events, Ctrl+Shift+E); "
        "2 files sent."
    )
