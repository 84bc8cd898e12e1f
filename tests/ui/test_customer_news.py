"""A user's answer on the confirmation page reaches the technician's round: the next sync
tells it in words ("Since last sync", the notice, the status bar) and the visit's header
says it; dispatch's answer follows the same way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.protocol import Role, TimeRequestAnswer
from fieldapp.server.customer import answer, new_link
from fieldapp.server.db import write_transaction
from fieldapp.server.models_customer import CustomerLink
from fieldapp.server.security import Principal
from fieldapp.server.time_requests import answer_request
from fieldapp.store import Store, record_event
from fieldapp.store.round_queries import RoundFilter
from fieldapp.store.visit_detail import visit_state
from fieldapp.sync import TokenStore
from fieldapp.ui.app import connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_rows import STEP
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.visit import VisitFlow
from fieldapp.ui.visit.header import user_answer_words
from fieldapp.ui.visit.widgets import local_time
from tests.sync.harness import Server, running_server
from tests.ui.test_sync_news import WAIT_MS, _reference, _sync

ASKED = (datetime.now(UTC) + timedelta(days=4)).replace(hour=13, minute=30, second=0, microsecond=0)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


def user_asks(server: Server, visit_id: str) -> None:
    now = datetime.now(UTC)
    with server.app.state.sessionmaker() as session:
        with write_transaction(session):
            new_link(session, visit_id, now + timedelta(days=5), now)
        with session.begin():
            link_id = session.scalars(
                select(CustomerLink.id).where(CustomerLink.visit_id == visit_id)
            ).one()
        with write_transaction(session):
            answer(session, link_id, confirm=False, times=[ASKED], note="After lunch.", now=now)


def test_the_request_and_its_answer_are_told_on_the_round(
    qtbot: QtBot, store: Store, server: Server
) -> None:
    username, password = server.add_technician("kyra")
    visit_id = server.create_visit(username)
    connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
    window = RoundWindow(
        store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
    )
    qtbot.addWidget(window)
    window.show()
    window.set_filter(RoundFilter.ALL)
    _sync(qtbot, window)
    user_asks(server, visit_id)
    said = _sync(qtbot, window)
    reference, customer = _reference(server, visit_id)
    assert said == "Sync done: 1 user asking for another time."
    (line,) = [line.text for line in window.sync_news.lines]
    assert line.startswith(f"{reference} ({customer}): the user asks for another time: ")
    assert "After lunch." in line
    assert window.notice.isVisible()
    with store.session() as session, session.begin():
        state = visit_state(session, visit_id)
    qtbot.waitUntil(
        lambda: window.model.row_at(0).texts[STEP] == "User asks for another time",
        timeout=WAIT_MS,
    )
    header = user_answer_words(state)
    assert header.startswith("The user asks for another time: " + local_time(ASKED))

    with server.app.state.sessionmaker() as session, write_transaction(session):
        answer_request(
            session,
            visit_id,
            TimeRequestAnswer(accept=True, window_start=ASKED, reason="Fine."),
            user=Principal(id=0, username="sue", full_name="Sue", role=Role.SUPERVISOR),
            settings=server.app.state.settings,
            now=datetime.now(UTC),
        )
    said = _sync(qtbot, window)
    assert "1 visit updated" in said
    assert window.sync_news.lines[0].text.startswith(f"{reference} ({customer}): moved to ")
    with store.session() as session, session.begin():
        state = visit_state(session, visit_id)
    assert user_answer_words(state).startswith("Confirmed by the user")
    qtbot.waitUntil(
        lambda: window.model.row_at(0).texts[STEP] == "Confirmed by the user", timeout=WAIT_MS
    )
    window.close()
    connection.close()


def test_the_visit_header_says_the_request_is_pending_not_confirmed(
    qtbot: QtBot, store: Store, server: Server
) -> None:
    """The technician confirmed the visit, then the user asked for another time on the
    e-mail's page: the visit opened from the round says the request waits for dispatch, and
    "Confirmed" again once dispatch has answered."""
    username, password = server.add_technician("kyra")
    visit_id = server.create_visit(username)
    connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
    runner = BackgroundRunner()
    window = RoundWindow(store, runner, connection.sync, user_label=username, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    window.set_filter(RoundFilter.ALL)
    _sync(qtbot, window)
    with store.session() as session, session.begin():
        record_event(
            session,
            visit_id,
            EventType.CONFIRMED,
            {"channel": "email", "message": "Tomorrow 10:00, 30 min."},
            author=username,
            now=datetime.now(UTC),
        )
    _sync(qtbot, window)
    user_asks(server, visit_id)
    _sync(qtbot, window)

    def opened_flow() -> VisitFlow:  # Enter on the round's row opens the visit
        with qtbot.waitSignal(window.visit_opened, timeout=WAIT_MS) as opened:
            window.table.selectRow(0)
            window.table.setFocus()
            qtbot.keyClick(window.table, Qt.Key.Key_Return)
        assert opened.args == [visit_id]
        flow = VisitFlow(store, runner, visit_id, author=username)
        qtbot.addWidget(flow)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        return flow

    flow = opened_flow()
    assert flow.header.step.text() == "Another time requested: pending"
    assert flow.header.user_answer.text().startswith("The user asks for another time: ")
    flow.close()

    with server.app.state.sessionmaker() as session, write_transaction(session):
        answer_request(
            session,
            visit_id,
            TimeRequestAnswer(accept=False, reason="The desk is busy that day."),
            user=Principal(id=0, username="sue", full_name="Sue", role=Role.SUPERVISOR),
            settings=server.app.state.settings,
            now=datetime.now(UTC),
        )
    _sync(qtbot, window)
    flow = opened_flow()
    assert flow.header.step.text() == "Confirmed"
    flow.close()
    window.close()
    connection.close()
    runner.wait()
