"""The round window syncing with real servers: a real rejection, and a 10,000-visit sync."""

from __future__ import annotations

import gc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.protocol import Role
from fieldapp.server import feed
from fieldapp.server.admin import add_user
from fieldapp.server.app import create_app
from fieldapp.server.db import write_transaction
from fieldapp.server.models import ChangeLog, Visit
from fieldapp.store import Store, get_visit, rejected_events, sync_counts
from fieldapp.store.recording import record_event
from fieldapp.store.round_queries import RoundFilter
from fieldapp.sync import TokenStore
from fieldapp.ui.app import connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.launch import freeze_startup_heap
from fieldapp.ui.round_model import PAGE_SIZE
from fieldapp.ui.round_window import RoundWindow
from tests.domain.factories import MINIMAL
from tests.support.servers import free_port, server_process
from tests.sync.fakes import DroppingProxy
from tests.sync.harness import cheap_settings, fast_client, running_server

WAIT_MS = 15_000
LOAD_VISITS = 10_000
PASSWORD = "pw-load"


def test_a_real_rejection_is_listed_with_its_reason_and_can_be_dismissed(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician()
        visit_id = server.create_visit(username)
        connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
        window = RoundWindow(
            store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
        )
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
            window.sync_now()
        with store.read_session() as session:
            visit = get_visit(session, visit_id).visit
        # Offline at the desk, the technician records their arrival; meanwhile dispatch
        # cancels the visit. The next sync pushes the arrival and the server refuses it.
        with store.session() as session, session.begin():
            record_event(
                session,
                visit_id,
                EventType.ARRIVED,
                MINIMAL[EventType.ARRIVED],
                author=username,
                now=datetime.now(UTC),
            )
        server.cancel(visit_id, "The user left the company.")
        with qtbot.waitSignal(window.status_loaded, timeout=WAIT_MS):
            window.sync_now()
        qtbot.waitUntil(window.rejected_button.isVisible, timeout=WAIT_MS)
        assert window.rejected_button.text() == "1 rejected"
        with store.read_session() as session:
            [rejected] = rejected_events(session)
        reason = rejected.entry.stored.reject_message
        assert reason

        dialog = window.open_rejected_dialog()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
        model = dialog.model
        assert model.index(0, 0).data() == f"{visit.reference} \u00b7 {visit.customer_name}"
        assert model.index(0, 1).data() == "Arrived at the desk"  # as the visit's timeline says it
        assert model.index(0, 3).data() == reason
        assert "coordinator" in model.index(0, 4).data()  # what to do
        assert dialog.dismiss_button.isEnabled()
        with qtbot.waitSignal(window.status_loaded, timeout=WAIT_MS):
            dialog.dismiss_button.click()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=WAIT_MS)
        assert dialog.empty_label.isVisible()
        qtbot.waitUntil(lambda: not window.rejected_button.isVisible(), timeout=WAIT_MS)
        window.set_filter(RoundFilter.ALL)
        qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=WAIT_MS)
        dialog.close()
        window.close()
        connection.close()


def test_a_lost_acknowledgement_is_said_truly_and_the_next_sync_settles_it(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician()
        visit_id = server.create_visit(username)
        host, port = urlsplit(server.base_url).hostname, urlsplit(server.base_url).port
        assert host is not None
        assert port is not None
        proxy = DroppingProxy((host, port), b"POST /api/v1/sync/events", cut_body_at=10)
        with proxy.running():
            connection = connect(
                store, TokenStore(DemoKeyring()), proxy.base_url, username, password,
                client_factory=fast_client,
            )  # fmt: skip
            window = RoundWindow(
                store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
            )
            qtbot.addWidget(window)
            window.show()
            with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
                window.sync_now()
            with store.session() as session, session.begin():
                event_id = record_event(
                    session, visit_id, EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                    author=username, now=datetime.now(UTC),
                ).id  # fmt: skip
            with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as cut:
                window.sync_now()
            said = str(cut.args[0])
            assert "may have stored part of it" in said
            assert "the next sync settles it, without duplicates" in said
            assert "nothing was changed" not in said
            assert "Cannot reach" not in said
            assert window.statusBar().currentMessage() == said
            assert server.event_ids(visit_id) == [event_id]  # it was stored all the same

            proxy.drop_limit = proxy.dropped  # the link is whole again
            with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as settled:
                window.sync_now()
            assert str(settled.args[0]) == "Sync done: sent 1 update."  # the server had it
            assert server.event_ids() == [event_id]
            with store.read_session() as session:
                assert sync_counts(session).pending == 0
            window.close()
            connection.close()


def seed_load(data_dir: Path, visits: int) -> None:
    """A server database holding `visits` visits for technician "load", written in bulk."""
    app = create_app(cheap_settings(data_dir))
    start = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    with app.state.sessionmaker() as session, write_transaction(session):
        user = add_user(
            session, "load", PASSWORD, Role.TECHNICIAN, "Load Test", passwords=app.state.passwords
        )
        feed.lock_counter(session)
        rows = []
        for number in range(visits):
            window = start + timedelta(days=number // 40 - 100, minutes=15 * (number % 40))
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "reference": f"LD-{number:06d}",
                    "customer_name": f"Customer {number}",
                    "contact_phone": "", "contact_email": "", "contact_extension": "",
                    "site": "HQ", "building": f"B{number % 3}", "floor": str(number % 9),
                    "room": f"Desk {number % 40}",
                    "window_start": window, "window_end": window + timedelta(minutes=45),
                    "estimated_minutes": 30, "priority": "normal", "category": "",
                    "problem": "The printer prints blank pages since the update.",
                    "already_tried": "", "business_impact": "", "deadline": None,
                    "skill_level": "", "incident_ref": "", "incident_summary": "",
                    "coordinator": "", "backup_technician": "", "follow_up_of": None,
                    "assignee_id": user.id, "status": "scheduled", "cancel_reason": None,
                    "created_at": start, "updated_at": start,
                }
            )  # fmt: skip
        session.execute(insert(Visit.__table__), rows)
        changes = [
            {"seq": seq, "technician_id": user.id, "visit_id": row["id"], "kind": "visit",
             "event_id": None, "reason": None, "message": None, "created_at": start}
            for seq, row in zip(feed.stamp(session, len(rows)), rows, strict=True)
        ]  # fmt: skip
        session.execute(insert(ChangeLog.__table__), changes)
    app.state.engine.dispose()


@pytest.mark.slow
def test_the_window_keeps_handling_events_while_10000_visits_sync(
    qtbot: QtBot, store: Store, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The UI thread keeps running its event loop during a big sync: a timer fires and typed
    keys reach the search box while the sync is in flight. How long its pauses are is a
    figure, not a property: benchmarks/sync_pause_benchmark.py measures it."""
    seed_load(tmp_path / "server", LOAD_VISITS)
    # A server process of its own, as in the field: its work does not share our GIL.
    with server_process(["--data-dir", str(tmp_path / "server")], free_port()) as server:
        connection = connect(store, TokenStore(DemoKeyring()), server.base_url, "load", PASSWORD)
        window = RoundWindow(
            store, BackgroundRunner(), connection.sync, user_label="load", use_tray=False
        )
        qtbot.addWidget(window)
        window.show()
        freeze_startup_heap()  # as run_app does once the window is up
        request.addfinalizer(gc.unfreeze)
        in_flight = False
        ticks_in_flight = 0
        keys_typed: list[str] = []

        def on_tick() -> None:
            nonlocal ticks_in_flight
            if not in_flight:
                return
            ticks_in_flight += 1
            if ticks_in_flight % 10 == 1 and len(keys_typed) < 4:
                # Meanwhile the technician searches: reads go on beside the sync's writes.
                keys_typed.append("1")
                qtbot.keyClick(window.search, "1")

        def on_finished(_message: str) -> None:
            nonlocal in_flight
            in_flight = False

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(on_tick)
        window.sync_finished.connect(on_finished)
        timer.start()
        with qtbot.waitSignal(window.sync_finished, timeout=120_000) as finished:
            in_flight = True
            window.sync_now()
        timer.stop()
        assert str(finished.args[0]).startswith("Sync done: received "), finished.args
        assert ticks_in_flight >= 3, "the event loop stood still while the sync ran"
        assert keys_typed, "no key could be typed while the sync ran"
        assert window.search.text() == "".join(keys_typed)
        window.search.clear()
        window.set_filter(RoundFilter.ALL)
        # The round reads its first page of the 10,000 (more as the technician scrolls).
        qtbot.waitUntil(lambda: window.model.rowCount() == PAGE_SIZE, timeout=WAIT_MS)
        window.close()
        connection.close()
