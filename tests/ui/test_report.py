"""The service report: a real PDF of a visit completed in a real cache, read back as text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from fieldapp.domain import Event, EventType
from fieldapp.store import Store, add_attachment, apply_changes_page, open_store, record_event
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.models import AttachmentRow
from fieldapp.store.opening import handle_request_now
from fieldapp.store.visit_detail import visit_state
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.report_content import report_html
from fieldapp.ui.report_job import read_report_inputs, report_filename, start_service_report
from fieldapp.ui.report_pdf import build_service_report, signature_image
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit
from tests.ui.german_kit import english_left, english_sources, german

__all__ = ["german"]  # the fixture used here

VISIT = "v-report"
SIGNATURE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="480" height="180" viewBox="0 0 480 180">'
    b'<g fill="none" stroke="#000000" stroke-width="2"><path d="M20 120 L120 40 L220 140 '
    b'L320 50 L440 120"/></g></svg>'
)
FOLLOW_UP_CALL = T0 + timedelta(days=2)


def record(store: Store, kind: EventType, minutes: int, **payload: Any) -> Event:
    with store.session() as session, session.begin():
        return record_event(
            session,
            VISIT,
            kind,
            {**MINIMAL[kind], **payload},
            author=TECH,
            now=T0 + timedelta(minutes=minutes),
        )


@pytest.fixture(name="store")
def completed_visit(tmp_path: Path) -> Iterator[Store]:
    """A visit synced down with PageBuilder, then walked to sign-off with a signature."""
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    visit = server_visit(
        VISIT,
        reference="INC-20417",
        customer_name="Ada Park",
        contact_email="ada.park@example.org",
        contact_extension="4412",
        site="HQ",
        building="North",
        floor="4",
        room="4.12",
        problem="The printer says it is offline.",
    )
    with opened.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(visit).page())
    record(opened, EventType.ARRIVED, 0)
    record(opened, EventType.PERMISSION_GRANTED, 1)
    record(opened, EventType.DEVICE_ATTACHED, 2, asset_tag="HP-LT-0117", model="EliteBook 840")
    record(
        opened,
        EventType.DIAGNOSED,
        10,
        user_perspective="Nothing prints since Monday and the board report is due.",
        source_category="configuration",
        findings="The print queue pointed at the old print server.",
    )
    record(
        opened,
        EventType.RESOLVED,
        25,
        explanation="Pointed the queue at the new print server and printed a test page.",
    )
    record(opened, EventType.TAUGHT, 27, topic="How to pick the right printer in the dialog.")
    record(opened, EventType.ANYTHING_ELSE, 28, answer=False)
    with opened.session() as session, session.begin():
        add_attachment(
            session,
            opened.files,
            VISIT,
            SIGNATURE,
            filename="signature.svg",
            media_type="image/svg+xml",
            kind="signature",
            author=TECH,
            now=T0 + timedelta(minutes=30),
        )
    record(
        opened,
        EventType.SIGNED_OFF,
        31,
        summary="Printing works again; shown with a test page.",
        satisfaction=4,
        comment="Quick and friendly, thank you.",
        signature_sha256=hashlib.sha256(SIGNATURE).hexdigest(),
        follow_up_call_at=FOLLOW_UP_CALL.isoformat(),
    )
    try:
        yield opened
    finally:
        opened.dispose()


def pdf_text(data: bytes, directory: Path) -> str:
    """Every page's text, read back with Qt's own PDF engine."""
    path = directory / "report.pdf"
    path.write_bytes(data)
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


def test_the_report_of_a_completed_visit_says_what_happened(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    inputs = read_report_inputs(store, VISIT)
    assert inputs.signature_svg == SIGNATURE

    pdf = build_service_report(
        inputs.detail, inputs.state, inputs.timeline, inputs.signature_svg, "Kyra Jones"
    )

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "INC-20417",
        "Ada Park",
        "building North, floor 4, room 4.12",
        "HP-LT-0117 · EliteBook 840",
        "Kyra Jones",
        "Nothing prints since Monday and the board report is due.",
        "Configuration",
        "The print queue pointed at the old print server.",
        "Pointed the queue at the new print server and printed a test page.",
        "you confirmed it works",
        "How to pick the right printer in the dialog.",
        "Nothing else was needed.",
        f"{FOLLOW_UP_CALL.astimezone():%d %b %Y %H:%M}",
        "4 out of 5",
        "Quick and friendly, thank you.",
    ):
        assert expected in text, expected
    assert "Not signed" not in text


def test_a_report_without_a_signature_says_so(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    inputs = read_report_inputs(store, VISIT)

    pdf = build_service_report(inputs.detail, inputs.state, inputs.timeline, None, "Kyra Jones")

    assert "Not signed." in pdf_text(pdf, tmp_path)


def test_an_unreadable_signature_is_left_out_not_fatal(qtbot: QtBot) -> None:
    assert signature_image(b"not an svg") is None
    image = signature_image(SIGNATURE, width=300)
    assert image is not None
    assert (image.width(), image.height()) == (300, 112)


def test_made_in_the_background_the_report_is_kept_as_an_attachment_that_syncs(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    runner = BackgroundRunner()
    done: list[Event] = []
    errors: list[Exception] = []

    start_service_report(
        runner,
        store,
        VISIT,
        technician_name="Kyra Jones",
        author=TECH,
        now=T0 + timedelta(minutes=35),
        on_done=done.append,
        on_error=errors.append,
    )
    qtbot.waitUntil(lambda: bool(done or errors), timeout=10_000)
    runner.wait()

    assert not errors
    [event] = done
    payload = event.payload
    assert event.type is EventType.ATTACHMENT_ADDED
    assert payload["kind"] == "service_report"
    assert payload["media_type"] == "application/pdf"
    assert payload["filename"] == "INC-20417-service-report.pdf"
    with store.read_session() as session:
        row = session.get(AttachmentRow, payload["sha256"])
        assert row is not None
        assert not row.uploaded  # waits in the outbox for the next sync
        assert payload["sha256"] in visit_state(session, VISIT).attachments
        data = store.files.read(row.path)
    assert "INC-20417" in pdf_text(data, tmp_path)


def test_the_file_name_is_safe_whatever_the_reference() -> None:
    assert report_filename("INC-1") == "INC-1-service-report.pdf"
    assert report_filename("../a b/c") == "a_b_c-service-report.pdf"
    assert report_filename("") == "visit-service-report.pdf"


def test_the_report_of_a_visit_closed_as_declined_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "declined.sqlite3")
    try:
        with store.session() as session, session.begin():
            page = PageBuilder().visit(server_visit(VISIT, reference="INC-20418")).page()
            apply_changes_page(session, page)
        record(store, EventType.ARRIVED, 0)
        declined = record(store, EventType.PERMISSION_DECLINED, 2, next_step="close")
        inputs = read_report_inputs(store, VISIT)
    finally:
        store.dispose()

    pdf = build_service_report(inputs.detail, inputs.state, inputs.timeline, None, "Kyra Jones")

    text = pdf_text(pdf, tmp_path)
    assert "Closed as you declined" in text
    assert f"{declined.occurred_at.astimezone():%d %b %Y %H:%M}" in text


def test_the_report_of_a_visit_closed_with_no_repair_says_how(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "no-repair.sqlite3")
    try:
        with store.session() as session, session.begin():
            page = PageBuilder().visit(server_visit(VISIT, reference="INC-20419")).page()
            apply_changes_page(session, page)
        record(store, EventType.ARRIVED, 0)
        closed = record(store, EventType.CLOSED_WITHOUT_REPAIR, 2, outcome="fixed_on_arrival")
        inputs = read_report_inputs(store, VISIT)
    finally:
        store.dispose()

    pdf = build_service_report(inputs.detail, inputs.state, inputs.timeline, None, "Kyra Jones")

    text = pdf_text(pdf, tmp_path)
    assert "Closed, no repair needed" in text
    assert "Already fixed on arrival" in text
    assert f"{closed.occurred_at.astimezone():%d %b %Y %H:%M}" in text


def test_the_report_says_what_was_lent_and_when_it_is_due_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "loan.sqlite3")
    try:
        with store.session() as session, session.begin():
            page = PageBuilder().visit(server_visit(VISIT, reference="INC-20420")).page()
            apply_changes_page(session, page)
        record(store, EventType.ARRIVED, 0)
        record(store, EventType.PERMISSION_GRANTED, 1)
        lent = record(store, EventType.LOAN_MADE, 2, item="Loaner laptop L-07")
        inputs = read_report_inputs(store, VISIT)
    finally:
        store.dispose()

    pdf = build_service_report(inputs.detail, inputs.state, inputs.timeline, None, "Kyra Jones")

    text = pdf_text(pdf, tmp_path)
    assert "Lent to you" in text
    assert "Loaner laptop L-07 (IT loan pool), due back by" in text
    due = lent.payload["due_at"]
    assert f"{datetime.fromisoformat(due).astimezone():%d %b %Y %H:%M}" in text
    assert "Get back the" not in text  # the technician's wording stays on the laptop


def test_the_report_says_a_request_handled_then_and_there_was_not_booked_for_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "handled-now.sqlite3")
    try:
        with store.session() as session, session.begin():
            page = PageBuilder().visit(server_visit(VISIT, reference="INC-20420")).page()
            apply_changes_page(session, page)
        for minutes, kind in enumerate(
            (EventType.ARRIVED, EventType.PERMISSION_GRANTED, EventType.DIAGNOSED)
        ):
            record(store, kind, minutes)
        record(store, EventType.RESOLVED, 5)
        with store.session() as session, session.begin():
            handle_request_now(
                session,
                VISIT,
                {"request": "The scanner"},
                author=TECH,
                now=T0 + timedelta(minutes=6),
            )
        record(store, EventType.SIGNED_OFF, 9)
        inputs = read_report_inputs(store, VISIT)
    finally:
        store.dispose()

    pdf = build_service_report(inputs.detail, inputs.state, inputs.timeline, None, "Kyra Jones")

    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "The scanner (handled there and then, as its own visit)" in text
    assert "booked as a follow-up visit" not in text


def test_the_report_follows_the_apps_language(
    german: None, qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """The customer reads the report in the language the app is set to: German words and
    dates, the visit's own words as they were typed."""
    inputs = read_report_inputs(store, VISIT)
    pdf = build_service_report(
        inputs.detail, inputs.state, inputs.timeline, inputs.signature_svg, "Kyra Jones"
    )
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "Servicebericht · INC-20417",
        "Gebäude North, Etage 4, Raum 4.12",
        "Konfiguration",
        "Sie haben bestätigt, dass es funktioniert",
        "Sonst wurde nichts benötigt.",
        "4 von 5",
        "Unterschrift",
    ):
        assert expected in text, expected
    data = [
        "INC-20417", "Ada Park", "ada.park@example.org", "HQ", "North", "Kyra Jones",
        "Nothing prints since Monday and the board report is due.",
        "The printer says it is offline.",
        "The print queue pointed at the old print server.",
        "Pointed the queue at the new print server and printed a test page.",
        "How to pick the right printer in the dialog.",
        "Printing works again; shown with a test page.", "Quick and friendly, thank you.",
    ]  # fmt: skip
    html = report_html(inputs.detail, inputs.state, inputs.timeline, "Kyra Jones",
                       has_signature=True)  # fmt: skip
    shown = re.sub(r"<style>.*?</style>|<[^>]+>", "\n", html, flags=re.DOTALL)
    lines = [line for line in (unescape(x).strip() for x in shown.split("\n")) if line]
    assert english_left(lines, english_sources("app"), data) == []
