"""A technician's day through the real app: dispatch, sync, offline work across a crash, sync back.

Real parts throughout: a FastAPI server on a fixed local port (stopped and started again on
the same data directory, so the app keeps its URL), a cache file in tmp_path, the FieldApp
controller with its round window, and the visit windows it opens, driven by typing and
clicking. The "crash" drops the first app without closing it and starts a new one on the
same cache: what the second app sees is exactly what the first one committed.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import Event, EventType, Step, derive_state
from fieldapp.server.admin import add_user
from fieldapp.server.app import create_app
from fieldapp.store import Store, open_store, visit_events
from fieldapp.store.round_queries import RoundFilter
from fieldapp.sync import ServerClient, TokenStore
from fieldapp.ui.app import FieldApp
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_after import AnythingElsePage, ResolvePage, TeachPage
from fieldapp.ui.visit.pages_before import ArrivePage, ConfirmPage
from fieldapp.ui.visit.pages_close import SignOffPage
from fieldapp.ui.visit.pages_permission import PermissionPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from fieldapp.ui.visit_window import VisitWindow
from tests.sync.harness import Server, cheap_settings

WAIT_MS = 10_000
SUPERVISOR = ("sam", "pw-sam")
CANCEL_REASON = "The user left the company."


@contextmanager
def serving(data_dir: Path, port: int) -> Iterator[Server]:
    """Serve a FieldApp server on `data_dir` at 127.0.0.1:`port` until the block ends."""
    app = create_app(cheap_settings(data_dir))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    config = uvicorn.Config(app, log_config=None, log_level="warning", ws="none", lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive(), "uvicorn stopped during startup"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        yield Server(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not stop"


def reserve_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def quick_client(url: str) -> ServerClient:
    return ServerClient(url, timeout=(2.0, 5.0), retries=0)


def make_app(store: Store, tokens: TokenStore, server_url: str | None = None) -> FieldApp:
    return FieldApp(
        store,
        tokens,
        BackgroundRunner(),
        server_url=server_url,
        use_system_network=False,
        use_tray=False,
        client_factory=quick_client,
        probe=lambda url: quick_client(url).info(),
        probe_interval_ms=60_000,
    )


def click(qtbot: QtBot, flow: VisitFlow, button: QAbstractButton) -> None:
    """Click a record button and wait until the flow has re-read the visit."""
    assert button.isEnabled(), button.toolTip()
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def choose_step(qtbot: QtBot, flow: VisitFlow, key: StepKey) -> None:
    """Click a step in the flow's step list."""
    rect = flow.steps.visualItemRect(flow.item(key))
    qtbot.mouseClick(flow.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert flow.current_key is key


def page(flow: VisitFlow, key: StepKey, kind: type[Any]) -> Any:
    found = flow.pages[key]
    assert isinstance(found, kind)
    return found


def open_visit(qtbot: QtBot, controller: FieldApp, visit_id: str) -> VisitWindow:
    """Open a visit from the round, as Enter on its row does."""
    assert controller.window is not None
    assert controller.visits is not None
    controller.window.visit_opened.emit(visit_id)
    opened = controller.visits.windows[visit_id]
    qtbot.waitUntil(lambda: opened.flow.snapshot is not None, timeout=WAIT_MS)
    return opened


def local_events(store: Store, visit_id: str) -> list[Event]:
    with store.read_session() as session:
        return [e.stored.event for e in visit_events(session, visit_id)]


def supervisor_get(base_url: str, path: str) -> Any:
    login = requests.post(
        f"{base_url}/api/v1/auth/login",
        json={"username": SUPERVISOR[0], "password": SUPERVISOR[1]},
        timeout=10,
    )
    login.raise_for_status()
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    answer = requests.get(f"{base_url}/api/v1{path}", headers=headers, timeout=10)
    answer.raise_for_status()
    return answer.json()


def crash(qtbot: QtBot, controller: FieldApp, store: Store) -> None:
    """Drop the app without closing it: no close events, no draft flushing, no goodbye.

    Work already handed to a thread is let finish (a crash a moment later), then every
    window is destroyed and the cache closed, so only committed data survives.
    """
    assert controller.visits is not None
    assert controller.window is not None
    windows = [*controller.visits.windows.values(), controller.window]
    for window in windows:
        window.hide()  # hide() sends no close event
    controller.runner.wait()
    for visit_window in controller.visits.windows.values():
        visit_window.flow.wait()
    for window in windows:
        window.deleteLater()
    controller.deleteLater()
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in windows), timeout=WAIT_MS)
    QApplication.processEvents()
    store.dispose()


@pytest.mark.slow
# Opening a visit raises its window; the offscreen platform says it cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_technicians_day_offline_across_a_crash(qtbot: QtBot, tmp_path: Path) -> None:
    server_dir = tmp_path / "server"
    cache = tmp_path / "laptop" / "cache.sqlite3"
    tokens = TokenStore(DemoKeyring())  # the keyring outlives the app
    port = reserve_port()

    # Morning: dispatch gives the technician two visits; the technician logs in and syncs.
    with serving(server_dir, port) as server:
        username, password = server.add_technician()
        with server.db() as session:
            add_user(
                session, *SUPERVISOR, "supervisor", "Sam Lee",
                passwords=server.app.state.passwords,
            )  # fmt: skip
        visit_a = server.create_visit(username)
        visit_b = server.create_visit(username)
        store = open_store(cache)
        controller = make_app(store, tokens, server.base_url)
        with qtbot.waitSignal(controller.window_shown, timeout=WAIT_MS):
            controller.start(demo_login=(username, password))
        window = controller.window
        assert window is not None
        qtbot.waitUntil(lambda: not window.syncing, timeout=WAIT_MS)
        assert window.statusBar().currentMessage().startswith("Sync done: received 2 changes")
        window.set_filter(RoundFilter.ALL)
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=WAIT_MS)

    # The server is gone: the technician works visit A offline.
    opened = open_visit(qtbot, controller, visit_a)
    flow = opened.flow
    assert flow.current_key is StepKey.CONFIRM
    confirm: ConfirmPage = page(flow, StepKey.CONFIRM, ConfirmPage)
    confirm.channel.setCurrentIndex(confirm.channel.findData("phone"))
    qtbot.keyClicks(confirm.confirmed_with, "Ada Park")
    click(qtbot, flow, confirm.record_button)
    assert flow.current_key is StepKey.ARRIVE

    arrive: ArrivePage = page(flow, StepKey.ARRIVE, ArrivePage)
    tick(qtbot, arrive.greeting)
    click(qtbot, flow, arrive.record_button)
    assert flow.current_key is StepKey.PERMISSION

    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    if not permission.granted_by.text():
        qtbot.keyClicks(permission.granted_by, "Ada Park")
    qtbot.keyClicks(permission.explanation, "Clear the print queue, about half an hour.")
    click(qtbot, flow, permission.record_button)
    assert flow.current_key is StepKey.DIAGNOSE

    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.clear()  # it starts from the problem in the user's words
    qtbot.keyClicks(diagnose.perspective, "Nothing prints, the report is due.")
    diagnose.source.setCurrentIndex(diagnose.source.findData("network"))
    qtbot.keyClicks(diagnose.findings, "The queue is stuck since the print server restarted.")
    diagnose.intake.since.setCurrentIndex(diagnose.intake.since.findData("today"))
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("yes"))
    click(qtbot, flow, diagnose.record_button)
    # No choices to offer: the technician goes straight on to the fix.
    choose_step(qtbot, flow, StepKey.RESOLVE)
    qtbot.waitUntil(lambda: window.connection_label.text() == "Offline", timeout=WAIT_MS)
    before_crash = [e.id for e in local_events(store, visit_a)]
    assert len(before_crash) == 4

    # The laptop dies. A new app on the same cache sees only what was committed.
    crash(qtbot, controller, store)
    store = open_store(cache)
    controller = make_app(store, tokens)
    controller.start()  # the token from the keyring: no login dialog, no network needed
    assert controller.login_dialog is None
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    window.set_filter(RoundFilter.ALL)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.syncing, timeout=WAIT_MS)

    opened = open_visit(qtbot, controller, visit_a)
    flow = opened.flow
    # Where the technician was. (Fails while VisitWindows.open calls flow.refresh() right
    # after building the flow: that read supersedes the flow's first one, which restores the
    # last screen and the drafts, so a visit opened from the round starts on Confirm.)
    assert flow.current_key is StepKey.RESOLVE
    assert [e.id for e in local_events(store, visit_a)] == before_crash
    assert flow.snapshot is not None
    assert flow.snapshot.state.step is Step.DIAGNOSED

    resolve: ResolvePage = page(flow, StepKey.RESOLVE, ResolvePage)
    qtbot.keyClicks(resolve.explanation, "The print queue was stuck; I cleared it.")
    tick(qtbot, resolve.demonstrated)
    tick(qtbot, resolve.confirmed)
    click(qtbot, flow, resolve.record_button)
    assert flow.current_key is StepKey.TEACH

    teach: TeachPage = page(flow, StepKey.TEACH, TeachPage)
    qtbot.keyClicks(teach.topic, "How to see the print queue.")
    click(qtbot, flow, teach.record_button)
    assert flow.current_key is StepKey.ANYTHING_ELSE

    anything: AnythingElsePage = page(flow, StepKey.ANYTHING_ELSE, AnythingElsePage)
    assert anything.no.isChecked()
    click(qtbot, flow, anything.record_button)
    assert flow.current_key is StepKey.SIGN_OFF

    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    qtbot.mousePress(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 200, 10):
        qtbot.mouseMove(sign_off.pad, QPoint(x, 40 + x % 30))
    qtbot.mouseRelease(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 60))
    assert not sign_off.pad.is_empty()
    tick(qtbot, sign_off.satisfaction.button(5))
    click(qtbot, flow, sign_off.record_button)

    # The service report is made in the background after sign-off; it syncs as an attachment.
    def attachments() -> int:
        return [e.type for e in local_events(store, visit_a)].count(EventType.ATTACHMENT_ADDED)

    qtbot.waitUntil(lambda: attachments() == 2, timeout=WAIT_MS)
    recorded = local_events(store, visit_a)
    assert [e.type for e in recorded] == [
        EventType.CONFIRMED,
        EventType.ARRIVED,
        EventType.PERMISSION_GRANTED,
        EventType.DIAGNOSED,
        EventType.RESOLVED,
        EventType.TAUGHT,
        EventType.ANYTHING_ELSE,
        EventType.ATTACHMENT_ADDED,  # the signature
        EventType.SIGNED_OFF,
        EventType.ATTACHMENT_ADDED,  # the service report
    ]

    # Still offline, the technician checks in at visit B too.
    opened_b = open_visit(qtbot, controller, visit_b)
    flow_b = opened_b.flow
    choose_step(qtbot, flow_b, StepKey.ARRIVE)
    arrive_b: ArrivePage = page(flow_b, StepKey.ARRIVE, ArrivePage)
    tick(qtbot, arrive_b.greeting)
    click(qtbot, flow_b, arrive_b.record_button)
    [arrival_b] = local_events(store, visit_b)
    assert arrival_b.type is EventType.ARRIVED

    # Meanwhile dispatch cancelled visit B. The server comes back on the same address.
    with serving(server_dir, port) as server:
        server.cancel(visit_b, CANCEL_REASON)
        qtbot.waitUntil(lambda: not window.syncing, timeout=WAIT_MS)
        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
            window.sync_now()
        assert str(finished.args[0]).startswith("Sync done"), finished.args[0]

        events = supervisor_get(server.base_url, f"/visits/{visit_a}/events")
        counts = Counter(e["id"] for e in events)
        assert sorted(counts) == sorted(e.id for e in recorded)
        assert set(counts.values()) == {1}
        state = derive_state(
            Event(
                e["id"],
                visit_a,
                EventType(e["type"]),
                datetime.fromisoformat(e["occurred_at"]),
                e["payload"],
            )
            for e in sorted(events, key=lambda e: e["server_seq"])
        )
        assert state.step is Step.COMPLETED
        assert arrival_b.id not in server.event_ids(visit_b)

    # The refused arrival is waiting in the round's rejected-events list, with its reason.
    qtbot.waitUntil(window.rejected_button.isVisible, timeout=WAIT_MS)
    assert window.rejected_button.text() == "1 rejected"
    dialog = window.open_rejected_dialog()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    assert dialog.model.data(dialog.model.index(0, 3), Qt.ItemDataRole.UserRole) == arrival_b.id
    reason = dialog.model.data(dialog.model.index(0, 3))
    assert "cancelled" in reason
    dialog.reject()
    controller.close()
    store.dispose()
