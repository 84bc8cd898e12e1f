"""The visit flow's parts: the signature pad's inputs and export, and the timeline's sync states."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.protocol import EventResult
from fieldapp.store import Store, open_store, visit_events
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.outbox import apply_push_results, due_events
from fieldapp.store.recording import record_event
from fieldapp.ui.visit import SignaturePad, TimelineModel
from fieldapp.ui.visit.data import FileToAttach, Recording, write_recording
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, PageBuilder, server_visit

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3")
    builder = PageBuilder()
    builder.visit(server_visit("v-1", customer_name="Ada Park"))
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(400, 180)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stroke_with_mouse(qtbot: QtBot, pad: SignaturePad, y: int) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, y))
    for x in range(30, 150, 15):
        qtbot.mouseMove(pad, QPoint(x, y + (x // 15) % 3 * 5))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(150, y))


def test_mouse_strokes_export_as_svg_and_clear(qtbot: QtBot, pad: SignaturePad) -> None:
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        stroke_with_mouse(qtbot, pad, 40)
    stroke_with_mouse(qtbot, pad, 90)
    assert len(pad.strokes) == 2
    assert len(pad.strokes[0]) > 5

    root = ET.fromstring(pad.to_svg())
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 400 180"
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 2
    assert paths[0].get("d", "").startswith("M20.0 40.0 L")

    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty()
    assert ET.fromstring(pad.to_svg()).findall(f".//{SVG}path") == []


def test_strokes_survive_as_a_draft_value(qtbot: QtBot, pad: SignaturePad) -> None:
    stroke_with_mouse(qtbot, pad, 50)
    value = pad.draft_value()
    other = SignaturePad()
    qtbot.addWidget(other)
    other.set_draft_value(value)
    assert other.draft_value() == value
    other.set_draft_value([["not", "points"], "junk", [[1, 2]]])
    assert other.is_empty()


def test_pen_strokes_keep_their_pressure(qtbot: QtBot, pad: SignaturePad) -> None:
    pen = QPointingDevice(
        "test pen",
        1,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )

    def send(kind: QEvent.Type, x: float, pressure: float) -> None:
        at = QPointF(x, 60)
        event = QTabletEvent(
            kind,
            pen,
            at,
            pad.mapToGlobal(at),
            pressure,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)

    send(QEvent.Type.TabletPress, 20, 0.2)
    for step, x in enumerate(range(30, 130, 20)):
        send(QEvent.Type.TabletMove, x, 0.3 + step * 0.1)
    with qtbot.waitSignal(pad.changed):
        send(QEvent.Type.TabletRelease, 130, 0.0)
    [stroke] = pad.strokes
    assert stroke[0] == (20.0, 60.0, pytest.approx(0.2))
    assert stroke[-1][2] == pytest.approx(0.7)


def test_finger_strokes_draw_too(qtbot: QtBot, pad: SignaturePad) -> None:
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(30, 50)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(80, 70)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(120, 60)).commit()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, screen).release(0, QPoint(120, 60)).commit()
    [stroke] = pad.strokes
    x0, y0, _ = stroke[0]
    assert abs(x0 - 30) <= 3  # the offscreen platform rounds touch points through the screen
    assert abs(y0 - 50) <= 3
    assert [(x - x0, y - y0) for x, y, _ in stroke] == [(0, 0), (50, 20), (90, 10)]


def test_the_signature_is_kept_as_an_attachment_named_by_sign_off(
    qtbot: QtBot, pad: SignaturePad, store: Store
) -> None:
    with store.session() as session, session.begin():
        for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED, EventType.DIAGNOSED):
            record_event(session, "v-1", kind, MINIMAL[kind], author="kyra", now=T0)
        record_event(
            session, "v-1", EventType.RESOLVED, MINIMAL[EventType.RESOLVED], author="kyra", now=T0
        )
    stroke_with_mouse(qtbot, pad, 60)
    svg = FileToAttach(pad.to_svg(), "signature.svg", "image/svg+xml", "signature")
    recording = Recording(
        EventType.SIGNED_OFF,
        {"summary": "Fixed.", "signature_sha256": svg.sha256},
        "sign_off",
        (svg,),
    )
    write_recording(store, "v-1", recording, author="kyra", now=T0)
    kept = store.attachments_dir / svg.sha256[:2] / svg.sha256
    assert kept.read_bytes() == pad.to_svg()
    with store.read_session() as session:
        events = [e.stored.event for e in visit_events(session, "v-1")]
    assert events[-2].type is EventType.ATTACHMENT_ADDED
    assert events[-2].payload["kind"] == "signature"
    assert events[-1].payload["signature_sha256"] == svg.sha256


def test_timeline_shows_pending_then_synced_or_rejected_with_the_reason(
    store: Store, qtmodeltester: object
) -> None:
    with store.session() as session, session.begin():
        record_event(
            session, "v-1", EventType.CONFIRMED, MINIMAL[EventType.CONFIRMED], author="kyra", now=T0
        )
        record_event(session, "v-1", EventType.NOTE, {"text": "Hi"}, author="kyra", now=T0)
    model = TimelineModel()
    with store.read_session() as session:
        model.set_entries(visit_events(session, "v-1"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    column = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(5)}
    cell = lambda row, name: model.data(model.index(row, column[name]))  # noqa: E731
    assert cell(0, "What") == "Confirmed in advance"
    assert cell(0, "Details") == "E-mail (sent by the server)"
    assert cell(0, "Sync") == "Waiting to sync"
    assert cell(0, "Server time") == ""

    received = T0 + timedelta(minutes=3)
    with store.session() as session, session.begin():
        sent = due_events(session, T0, 10).events
        results = [
            EventResult(id=sent[0].id, status="accepted", server_seq=7, received_at=received),
            EventResult(
                id=sent[1].id,
                status="rejected",
                code="visit_closed",
                message="This visit is already signed off.",
            ),
        ]
        apply_push_results(session, sent, results, T0)
    with store.read_session() as session:
        model.set_entries(visit_events(session, "v-1"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert cell(0, "Sync") == "Synced"
    assert cell(0, "Server time") == f"{received.astimezone():%a %d %b %H:%M}"
    assert cell(1, "What") == "Note"
    assert cell(1, "Sync") == "Rejected: This visit is already signed off."


def test_lateness_reads_as_a_person_says_it() -> None:
    from datetime import timedelta

    from fieldapp.ui.visit.pages_before import how_long

    assert how_long(timedelta(minutes=1)) == "1 minute"
    assert how_long(timedelta(minutes=40)) == "40 minutes"
    assert how_long(timedelta(minutes=120)) == "2 h"
    assert how_long(timedelta(minutes=766)) == "12 h 46 min"
    assert how_long(timedelta(days=3, minutes=5)) == "3 days"
