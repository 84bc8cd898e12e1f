"""The user's device in the visit window: a sync brings the history of the round's devices
and people; with the server stopped, a USB scanner's keys (fast, ending in Enter) after
Ctrl+Shift+A find the device and attach it, and its earlier visits show ("1 visit in 90
days: ..."). The camera says plainly when there is none, and a generated barcode goes
through the same reading the camera's frames do."""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType as E
from fieldapp.protocol import VisitCreate
from fieldapp.server.devices import import_assets
from fieldapp.server.dispatch import create_visit
from fieldapp.store import Store, record_event, visit_events
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_scan import RoundScan
from fieldapp.ui.visit.device import DeviceSection
from fieldapp.ui.visit.flow import VisitFlow
from fieldapp.ui.visit.scan import read_frame, read_image
from tests.domain.factories import MINIMAL
from tests.store.factories import T0
from tests.sync.harness import Server, laptop_for, running_server
from tests.ui.german_kit import english_left, english_sources, german, widget_texts
from tests.ui.test_visit_flow import VISIT, seed, store_fixture

__all__ = ["german", "store_fixture"]  # used by name, as fixtures

WAIT_MS = 10_000
TAG = "LT-00421"


def _visit(server: Server, assignee: str, customer: str, start: datetime) -> str:
    data = VisitCreate(
        reference=f"INC-{uuid.uuid4().hex[:8]}",
        customer_name=customer,
        window_start=start,
        window_end=start + timedelta(hours=1),
        problem="The laptop is slow.",
        assignee=assignee,
    )
    with server.db() as session:
        return create_visit(session, data, datetime.now(UTC)).id


def test_a_scanned_tag_finds_the_device_and_shows_its_history_offline(
    qtbot: QtBot, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    stack = ExitStack()
    with running_server(tmp_path / "server") as server:
        with server.db() as session:
            import_assets(
                session,
                [("item 1", {"asset_tag": TAG, "model": "EliteBook 840", "owner": "Ada Park"})],
                now,
            )
        colleague, password = server.add_technician()
        earlier = _visit(server, colleague, "Ada Park", now - timedelta(days=12))
        with laptop_for(server.base_url, tmp_path / "c.sqlite3", colleague, password) as other:
            other.engine.sync()
            for kind, payload in (
                (E.DEVICE_ATTACHED, {"asset_tag": TAG, "how": "typed"}),
                (E.ARRIVED, {}),
                (E.PERMISSION_GRANTED, {}),
                (E.DIAGNOSED, {"findings": "Disk full"}),
                (E.RESOLVED, {"explanation": "Cleared the temp files."}),
            ):
                other.record(earlier, kind, {**MINIMAL[kind], **payload})
            other.engine.sync()
        username, password = server.add_technician()
        today = _visit(server, username, "Ada Park", now + timedelta(hours=1))
        laptop = stack.enter_context(
            laptop_for(server.base_url, tmp_path / "cache.sqlite3", username, password)
        )
        laptop.engine.sync()
    # The server is stopped: everything below is offline.
    runner = BackgroundRunner()
    flow = VisitFlow(laptop.store, runner, today, author=username, technician_name="Tech")
    try:
        flow.resize(1200, 900)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        section = flow.panel.device
        assert section.device.text() == "No device named yet: scan or type its asset tag."
        assert section.owned.count() == 1  # the asset list gives Ada her laptop

        qtbot.keyClick(
            flow,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert QApplication.focusWidget() is section.scan
        with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
            qtbot.keyClicks(section.scan, TAG.lower())  # a keyboard-wedge scanner: fast keys
            qtbot.keyClick(section.scan, Qt.Key.Key_Return)

        with laptop.store.read_session() as session:
            attached = [
                dict(e.stored.event.payload)
                for e in visit_events(session, today)
                if e.stored.event.type is E.DEVICE_ATTACHED
            ]
        assert attached == [
            {
                "asset_tag": TAG,
                "how": "scanner",
                "model": "EliteBook 840",
                "owner": "Ada Park",
            }
        ]
        assert section.found.text() == f"Found: {TAG} · EliteBook 840 · owner Ada Park"
        assert section.device.text() == f"Device: {TAG} · EliteBook 840 · owner Ada Park"
        qtbot.waitUntil(section.history.isVisible, timeout=WAIT_MS)
        model = section.model
        assert model.rowCount() == 1
        assert model.data(model.index(0, 1)) == "This device"
        work = model.data(model.index(0, 3))
        assert work.startswith("Outcome: Resolved\n")  # not signed off yet
        assert "Diagnosis: Software: Disk full" in work
        assert "Fix: Cleared the temp files." in work
        assert section.summary.text().startswith("1 visit in 90 days: ")
        assert "Disk full (Cleared the temp files.)" in section.summary.text()

        # On a short screen the section with its history is taller than the panel's view:
        # Ctrl+Shift+A still brings the tag field itself into sight.
        flow.resize(1200, 560)
        section.history.setMinimumHeight(700)  # as three visits' long lines make it
        bar = flow.panel.scroller.verticalScrollBar()
        qtbot.waitUntil(
            lambda: section.height() > flow.panel.scroller.viewport().height(), timeout=WAIT_MS
        )
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
        bar.setValue(bar.maximum())
        qtbot.keyClick(
            flow,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        shown = section.scan.visibleRegion().boundingRect()
        assert shown.height() == section.scan.height()
        assert QApplication.focusWidget() is section.scan

        # Scanning it again finds it and attaches nothing more.
        qtbot.keyClicks(section.scan, TAG)
        qtbot.keyClick(section.scan, Qt.Key.Key_Return)
        assert (
            section.found.text()
            == f"This visit already names {TAG} · EliteBook 840 · owner Ada Park."
        )
        assert model.data(model.index(0, 2)).startswith("INC-")
        assert earlier
    finally:
        flow.close()
        flow.deleteLater()
        runner.wait()
        stack.close()


def test_the_history_reads_in_german_with_its_categories_outcomes_and_teams(
    qtbot: QtBot, tmp_path: Path, german: None
) -> None:
    """Earlier visits of the device, escalated to a listed team with a promise kept, and
    closed with no repair, read in German on a German laptop: the server's lines are said
    through their templates, the category, outcome and team in German."""
    now = datetime.now(UTC)
    stack = ExitStack()
    with running_server(tmp_path / "server") as server:
        with server.db() as session:
            import_assets(session, [("item 1", {"asset_tag": TAG, "owner": "Ada Park"})], now)
        colleague, password = server.add_technician()
        escalated = _visit(server, colleague, "Ada Park", now - timedelta(days=20))
        no_repair = _visit(server, colleague, "Ada Park", now - timedelta(days=5))
        attach = {"asset_tag": TAG, "how": "typed"}
        with laptop_for(server.base_url, tmp_path / "c.sqlite3", colleague, password) as other:
            other.engine.sync()
            for visit, kind, payload in (
                (escalated, E.DEVICE_ATTACHED, attach),
                (escalated, E.ARRIVED, {}),
                (escalated, E.PERMISSION_GRANTED, {}),
                (escalated, E.DIAGNOSED, {"source_category": "network", "findings": "Port tot"}),
                (escalated, E.ESCALATED, {"team": "Network", "reason": "Switch defekt"}),
                (escalated, E.PROMISE_MADE, {"description": "Ada anrufen"}),
                (escalated, E.PROMISE_KEPT, {}),
                (no_repair, E.DEVICE_ATTACHED, attach),
                (no_repair, E.CLOSED_WITHOUT_REPAIR, {"outcome": "resolved_remotely"}),
            ):
                other.record(visit, kind, {**MINIMAL[kind], **payload})
            other.engine.sync()
        username, password = server.add_technician()
        today = _visit(server, username, "Ada Park", now + timedelta(hours=1))
        laptop = stack.enter_context(
            laptop_for(server.base_url, tmp_path / "cache.sqlite3", username, password)
        )
        laptop.engine.sync()
    runner = BackgroundRunner()
    flow = VisitFlow(laptop.store, runner, today, author=username, technician_name="Tech")
    try:
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        section = flow.panel.device
        qtbot.waitUntil(lambda: section.model.rowCount() == 2, timeout=WAIT_MS)
        model = section.model
        work = [str(model.data(model.index(row, 3))) for row in range(2)]
        assert work[0].startswith("Ergebnis: Geschlossen: keine Reparatur vor Ort nötig\n")
        assert work[1].startswith("Ergebnis: Eskaliert\n")
        assert "Lösung: Aus der Ferne gelöst: " in work[0]
        assert "Diagnose: Netzwerk: Port tot" in work[1]
        assert "Lösung: an Netzwerk eskaliert: Switch defekt" in work[1]
        assert "Zugesagt: Ada anrufen (gehalten)" in work[1]
        assert "an Netzwerk eskaliert" in section.summary.text()
        data = [TAG, "Ada Park", "Tech", "Port tot", "Switch defekt", "Ada anrufen"]
        data += [MINIMAL[E.CLOSED_WITHOUT_REPAIR]["explanation"], "The laptop is slow"]
        data += [str(model.data(model.index(row, 2))) for row in range(2)]
        texts = widget_texts(section)
        assert english_left(texts, english_sources(), data) == []
    finally:
        flow.close()
        flow.deleteLater()
        runner.wait()
        stack.close()


def test_without_a_camera_the_action_says_so(qtbot: QtBot) -> None:
    from fieldapp.ui.visit.page import PageContext

    section = DeviceSection(PageContext(), camera_present=lambda: False)
    qtbot.addWidget(section)
    section.camera_button.click()
    assert section.found.text().startswith("This laptop has no camera.")


def test_a_barcode_goes_through_the_camera_frames_reading() -> None:
    barcode = zxingcpp.create_barcode("lt-00421", zxingcpp.BarcodeFormat.Code128)
    pixels = memoryview(zxingcpp.write_barcode_to_image(barcode, scale=3))
    height, width = pixels.shape
    image = QImage(bytes(pixels), width, height, width, QImage.Format.Format_Grayscale8)
    # The camera hands frames in colour: the same picture as one.
    frame = QVideoFrame(image.convertToFormat(QImage.Format.Format_ARGB32))

    assert read_frame(frame) == TAG
    assert read_image(QImage()) is None
    blank = QImage(200, 100, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFF)
    assert read_frame(QVideoFrame(blank)) is None


def test_a_tag_scanned_on_the_round_opens_the_visit_naming_it(qtbot: QtBot, store: Store) -> None:
    """The round's Ctrl+Shift+A: the scanner types into the box that opens, and the visit
    whose own (pending) event names the device opens; another tag is said in the status bar."""
    seed(store, E.CONFIRMED)
    with store.session() as session, session.begin():
        record_event(
            session,
            VISIT,
            E.DEVICE_ATTACHED,
            {"asset_tag": TAG, "how": "typed"},
            author="kyra",
            now=T0,
        )
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = BackgroundRunner()
    opened: list[str] = []
    scan = RoundScan(window, store, runner, opened.append)
    window.show()
    qtbot.waitExposed(window)

    try:
        for text in (TAG.lower(), "HP-NOT-HERE"):
            scan.action.trigger()
            dialog = scan.dialog
            assert dialog is not None
            qtbot.waitUntil(dialog.isVisible)
            field = dialog.findChild(QLineEdit)
            assert field is not None
            qtbot.keyClicks(field, text)
            qtbot.keyClick(field, Qt.Key.Key_Return)
            runner.wait()
            qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=WAIT_MS)
            if text == TAG.lower():
                assert opened == [VISIT]
                assert window.statusBar().currentMessage() == f"Found {TAG}: its visit is open."
                window.statusBar().clearMessage()
        assert opened == [VISIT]
        assert window.statusBar().currentMessage() == (
            "HP-NOT-HERE: no visit of your round names it."
        )
    finally:
        runner.wait()
