"""Renders every screen of the app offscreen against a demo server into docs/screenshots/*.png.

Each screen is rendered twice, with the app's light and dark themes (View > Theme): the round, the
promises panel, the rejected-events dialog, the login dialog with an error, every page of the
guided visit plus its timeline and its notes & files panel, and each tab of the supervisor
window. A few events are recorded first so the screens show realistic content.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/render.py
(--german renders only the round, its rejected events, a visit and the supervisors' board in
German, round-de.png, rejected-de.png, visit-de.png / visit-de-notes.png and supervisor-de.png;
--german=all each tab of the supervisors' window as supervisor-de-<tab>-light.png.)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from fieldapp.demo import DEMO_PASSWORD, DEMO_USER, DemoKeyring, start_demo_server  # noqa: E402
from fieldapp.domain import EventType  # noqa: E402
from fieldapp.paths import resolve_paths  # noqa: E402
from fieldapp.protocol import EventResult  # noqa: E402
from fieldapp.store import open_store  # noqa: E402
from fieldapp.store.db import Store  # noqa: E402
from fieldapp.store.models import Visit  # noqa: E402
from fieldapp.store.outbox import apply_push_results, due_events  # noqa: E402
from fieldapp.store.recording import record_event  # noqa: E402
from fieldapp.sync import ServerClient, SyncEngine, TokenStore, log_in  # noqa: E402
from fieldapp.sync.headless import describe  # noqa: E402
from fieldapp.sync.supervisor import SupervisorClient  # noqa: E402
from fieldapp.sync.updates import UpdateOffer  # noqa: E402
from fieldapp.ui import theme  # noqa: E402
from fieldapp.ui.background import BackgroundRunner  # noqa: E402
from fieldapp.ui.languages import install_translation, remove_translation  # noqa: E402
from fieldapp.ui.login_dialog import LoginDialog  # noqa: E402
from fieldapp.ui.preferences import Preferences  # noqa: E402
from fieldapp.ui.round_window import RoundWindow  # noqa: E402
from fieldapp.ui.settings_dialog import SettingsDialog  # noqa: E402
from fieldapp.ui.supervisor import SupervisorWindow  # noqa: E402
from fieldapp.ui.visit.flow import VisitFlow  # noqa: E402
from fieldapp.ui.visit.steps import StepKey  # noqa: E402

OUT = Path(__file__).resolve().parent
SUPERVISOR = "sam"
SUPERVISOR_TABS = (
    "board",
    "metrics",
    "charts",
    "dispatch",
    "conflicts",
    "export",
    "equipment",
    "knowledge",
)
LOAD_TIMEOUT_S = 15.0


def settle(app: QApplication, ms: int = 400) -> None:
    QTimer.singleShot(ms, app.quit)
    app.exec()


def wait_until(
    app: QApplication, done: Callable[[], bool], timeout: float = LOAD_TIMEOUT_S
) -> None:
    """Process events until `done()` holds (or the timeout passes), then let painting settle."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        settle(app, 50)
    if not done():
        print("  (timed out waiting for a background load)")
    settle(app, 250)


class Fired:
    """Notes that a signal fired; `armed()` resets the flag before the next wait."""

    def __init__(self, *signals: SignalInstance) -> None:
        self.fired = False
        for signal in signals:
            signal.connect(self._on_fired)

    def _on_fired(self, *_args: Any) -> None:
        self.fired = True

    def __call__(self) -> bool:
        return self.fired

    def armed(self) -> Fired:
        self.fired = False
        return self


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def visit_ids(store: Store) -> list[str]:
    """Kyra's visits not started yet, in time order: the demo has worked on some already
    (fieldapp.server.demo_situations), and those take no confirmation or arrival now."""
    query = (
        select(Visit.id)
        .where(Visit.step == "scheduled", Visit.assignee == DEMO_USER)
        .order_by(Visit.window_start, Visit.id)
    )
    with store.read_session() as session:
        return list(session.scalars(query))


def seed_visit(store: Store, visit_id: str, now: datetime) -> None:
    """A visit in progress: confirmed, arrived, allowed, diagnosed, options offered, a promise."""
    due = (now + timedelta(days=1)).replace(microsecond=0).isoformat()
    steps: list[tuple[EventType, dict[str, object]]] = [
        (
            EventType.CONFIRMED,
            {
                "channel": "phone",
                "message": "Today 10:00, about 45 minutes, reference on the ticket.",
                "confirmed_with": "Ada Park",
            },
        ),
        (EventType.ARRIVED, {"greeting_done": True}),
        (
            EventType.PERMISSION_GRANTED,
            {
                "granted_by": "Ada Park",
                "explanation": "I will look at the printer driver and restart the PC once.",
                "expected_minutes": 45,
            },
        ),
        (
            EventType.DIAGNOSED,
            {
                "user_perspective": "Printing hangs at 'spooling'; the queue never empties.",
                "source_category": "software",
                "findings": "A stale driver from the old print server is still the default.",
            },
        ),
        (
            EventType.OPTIONS_OFFERED,
            {
                "options": [
                    {"key": "driver", "description": "Reinstall the current driver", "minutes": 20},
                    {"key": "queue", "description": "Move to the follow-me queue", "minutes": 40},
                ]
            },
        ),
        (
            EventType.PROMISE_MADE,
            {
                "promise_id": "p-toner",
                "kind": "call_back",
                "due_at": due,
                "description": "Call Ada to check the colour printer after the toner swap.",
            },
        ),
        (EventType.NOTE, {"text": "The user asked about a personal phone; declined politely."}),
    ]
    with store.session() as session, session.begin():
        for offset, (kind, payload) in enumerate(steps):
            at = now - timedelta(minutes=(len(steps) - offset) * 6)
            record_event(session, visit_id, kind, payload, author=DEMO_USER, now=at)


def seed_completed(store: Store, visit_id: str, now: datetime) -> None:
    """A visit done from confirmation to sign-off, so the metrics and charts have a point."""
    steps: list[tuple[EventType, dict[str, object]]] = [
        (EventType.CONFIRMED, {"channel": "email", "message": "Today 09:00, 30 min."}),
        (EventType.ARRIVED, {"greeting_done": True}),
        (
            EventType.PERMISSION_GRANTED,
            {
                "granted_by": "Marcus Webb",
                "explanation": "I will remove the pop-up's site permission and run a scan.",
                "expected_minutes": 30,
            },
        ),
        (
            EventType.DIAGNOSED,
            {
                "user_perspective": "A warning pops up every few minutes.",
                "source_category": "software",
                "findings": "A news site was allowed to show notifications.",
            },
        ),
        (
            EventType.RESOLVED,
            {
                "explanation": "Removed the permission; a full scan found nothing else.",
                "demonstrated": True,
                "user_confirmed": True,
            },
        ),
        (EventType.TAUGHT, {"topic": "How to block a site's notifications."}),
        (EventType.ANYTHING_ELSE, {"answer": False}),
        (EventType.SIGNED_OFF, {"summary": "Pop-ups gone, shown working, user happy."}),
    ]
    with store.session() as session, session.begin():
        for offset, (kind, payload) in enumerate(steps):
            at = now - timedelta(minutes=90 - offset * 8)
            record_event(session, visit_id, kind, payload, author=DEMO_USER, now=at)


def seed_rejection(store: Store, visit_id: str, now: datetime) -> None:
    """One event the server refused (as if its visit had been cancelled meanwhile)."""
    message = "Confirmed by email: tomorrow 09:30, about 30 minutes."
    with store.session() as session, session.begin():
        event = record_event(
            session,
            visit_id,
            EventType.CONFIRMED,
            {"channel": "email", "message": message},
            author=DEMO_USER,
            now=now,
        )
        sent = [e for e in due_events(session, now, 500).events if e.id == event.id]
        result = EventResult(
            id=event.id,
            status="rejected",
            code="visit_cancelled",
            message="The visit was cancelled by the coordinator.",
        )
        apply_push_results(session, sent, [result], now)


def render_round(
    app: QApplication, store: Store, runner: BackgroundRunner, sync: Any, look: str
) -> None:
    window = RoundWindow(store, runner, sync, user_label="Kyra", author=DEMO_USER)
    window.resize(1280, 720)  # the offscreen screen is 800x800: windows would fit to it
    loaded = Fired(window.round_loaded)
    status = Fired(window.status_loaded)
    window.show()
    window.sync_now()
    wait_until(app, lambda: not window.syncing and loaded() and status())
    save(window, f"round-{look}")
    save(window.promises_panel, f"promises-{look}")

    dialog = window.open_rejected_dialog()
    wait_until(app, Fired(dialog.loaded))
    dialog.resize(900, 420)
    settle(app, 200)
    save(dialog, f"rejected-{look}")
    dialog.close()
    window.close()


def render_visit(
    app: QApplication, store: Store, runner: BackgroundRunner, visit_id: str, look: str
) -> None:
    flow = VisitFlow(store, runner, visit_id, author=DEMO_USER, technician_name="Kyra Diaz")
    flow.resize(1200, 800)
    loaded = Fired(flow.loaded)
    flow.show()
    wait_until(app, loaded)
    for key in StepKey:
        flow.go_to(key, remember=False)
        settle(app, 150)
        save(flow, f"visit-{key.value.replace('_', '-')}-{look}")
    flow.tabs.setCurrentIndex(1)
    settle(app, 200)
    save(flow, f"visit-timeline-{look}")
    flow.show_panel()
    settle(app, 200)
    save(flow, f"visit-notes-{look}")
    flow.close()
    flow.wait()


def render_supervisor(
    app: QApplication,
    client: SupervisorClient,
    runner: BackgroundRunner,
    look: str,
    *,
    tabs: tuple[str, ...] = SUPERVISOR_TABS,
    prefix: str = "supervisor",
) -> None:
    window = SupervisorWindow(client, runner, "Sam Lee")
    window.resize(1320, 800)
    window.show()
    window.set_period(days=7)

    def idle() -> bool:
        return not any(loader.busy for loader in window.loaders)

    for index, name in enumerate(SUPERVISOR_TABS):
        if name not in tabs:
            continue
        window.tabs.setCurrentIndex(index)
        settle(app, 100)
        wait_until(app, idle)
        if name == "board":  # show one technician's visits in the lower table
            window.board.technician_table.select_where(lambda t: t.technician == DEMO_USER)
            settle(app, 200)
        save(window, f"{prefix}-{name}-{look}" if len(tabs) > 1 else prefix)
    window.close()


def render_supervisor_german(
    app: QApplication, client: SupervisorClient, runner: BackgroundRunner, tabs: tuple[str, ...]
) -> None:
    """The supervisors' window in German (supervisor-de.png: the board), to see the words fit."""
    installed = install_translation(app, "de")
    try:
        render_supervisor(app, client, runner, theme.LIGHT, tabs=tabs, prefix="supervisor-de")
    finally:
        remove_translation(app, installed)


def render_round_german(
    app: QApplication, store: Store, runner: BackgroundRunner, sync: Any
) -> None:
    """The round in German after a sync (round-de.png) and its rejected events
    (rejected-de.png), to see the columns and words fit."""
    installed = install_translation(app, "de")
    try:
        window = RoundWindow(store, runner, sync, user_label="Kyra", author=DEMO_USER)
        window.resize(1280, 720)
        loaded = Fired(window.round_loaded)
        status = Fired(window.status_loaded)
        window.show()
        window.sync_now()
        wait_until(app, lambda: not window.syncing and loaded() and status())
        settle(app, 200)
        save(window, "round-de")
        dialog = window.open_rejected_dialog()
        wait_until(app, Fired(dialog.loaded))
        dialog.resize(900, 420)
        settle(app, 200)
        save(dialog, "rejected-de")
        dialog.close()
        window.close()
    finally:
        remove_translation(app, installed)


def render_visit_german(
    app: QApplication, store: Store, runner: BackgroundRunner, visit_id: str
) -> None:
    """The visit window in German (visit-de.png: its current step; visit-de-notes.png: the
    notes, files and promises), to see the longer words fit."""
    installed = install_translation(app, "de")
    try:
        flow = VisitFlow(store, runner, visit_id, author=DEMO_USER, technician_name="Kyra Diaz")
        flow.resize(1200, 800)
        loaded = Fired(flow.loaded)
        flow.show()
        wait_until(app, loaded)
        settle(app, 200)
        save(flow, "visit-de")
        flow.show_panel()
        settle(app, 200)
        save(flow, "visit-de-notes")
        flow.close()
        flow.wait()
    finally:
        remove_translation(app, installed)


def render_login(app: QApplication, runner: BackgroundRunner, url: str, look: str) -> None:
    dialog = LoginDialog(runner, lambda *_: None, server_url=url, username=DEMO_USER)
    dialog.show()
    dialog.show_error("The username or password is not right. Check them and try again.")
    settle(app, 200)
    save(dialog, f"login-{look}")
    dialog.close()


def render_settings(app: QApplication, url: str, look: str) -> None:
    offer = UpdateOffer("0.2.0", "https://it.example.org/fieldapp/")
    dialog = SettingsDialog(Preferences(), url, update=offer)
    dialog.show()
    settle(app, 200)
    save(dialog, f"settings-{look}")
    dialog.close()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fieldapp-shots-"))
    os.environ["FIELDAPP_CONFIG_DIR"] = str(work / "config")  # not the user's settings
    app = QApplication(sys.argv)
    process, url = start_demo_server(work / "server")
    try:
        paths = resolve_paths(work / "laptop").ensure()
        store = open_store(paths)
        client = ServerClient(url)
        log_in(store, client, TokenStore(DemoKeyring()), DEMO_USER, DEMO_PASSWORD)
        engine = SyncEngine(store, client)
        engine.sync()
        now = datetime.now(UTC)
        ids = visit_ids(store)
        visit_id = ids[0]
        seed_visit(store, visit_id, now)
        seed_completed(store, ids[1], now)
        engine.sync()  # the supervisor's board sees the progress
        seed_rejection(store, ids[-1], now)

        supervisor_server = ServerClient(url)
        token = supervisor_server.login(SUPERVISOR, DEMO_PASSWORD).token
        supervisor = SupervisorClient(ServerClient(url, token=token))
        runner = BackgroundRunner()

        def sync() -> str:
            return describe(engine.sync())

        german = [a.partition("=")[2] for a in sys.argv[1:] if a.startswith("--german")]
        if german:  # only the German supervisor window: --german, or --german=all (each tab)
            theme.apply_theme(app, theme.LIGHT)
            tabs = SUPERVISOR_TABS if german[0] == "all" else ("board",)
            render_supervisor_german(app, supervisor, runner, tabs)
            render_round_german(app, store, runner, engine.sync)
            render_visit_german(app, store, runner, visit_id)
        for name in (theme.LIGHT, theme.DARK) if not german else ():
            theme.apply_theme(app, name)
            render_round(app, store, runner, sync, name)
            render_visit(app, store, runner, visit_id, name)
            render_supervisor(app, supervisor, runner, name)
            render_login(app, runner, url, name)
            render_settings(app, url, name)
        if not german:
            theme.apply_theme(app, theme.LIGHT)
            render_supervisor_german(app, supervisor, runner, ("board",))
            render_round_german(app, store, runner, engine.sync)
            render_visit_german(app, store, runner, visit_id)
        runner.wait()
        client.close()
        supervisor_server.close()
        supervisor.server.close()
        store.dispose()
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
