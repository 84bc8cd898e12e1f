"""Drafts and the keyboard in the visit flow: typing survives a rebuild; Tab, mnemonics, Alt."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, visit_state
from fieldapp.store.drafts import load_draft
from fieldapp.store.recording import record_event
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_before import ConfirmPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.store.factories import T0
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    click,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
)
from tests.ui.visit_kit import close_once_drafted

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures


def test_drafts_survive_a_rebuilt_flow_and_a_record_clears_them(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    assert flow.current_key is StepKey.DIAGNOSE
    flow.go_to(StepKey.OPTIONS)  # the screen is remembered...
    flow.go_to(StepKey.DIAGNOSE)  # ...and the last one wins
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.clear()  # it starts from the problem in the user's words
    qtbot.keyClicks(diagnose.perspective, "Pop-ups everywhere")
    diagnose.source.setCurrentIndex(diagnose.source.findData("software"))
    qtbot.keyClicks(diagnose.parts, "USB cable from 4.10")
    assert close_once_drafted(qtbot, flow) == ["diagnose"]

    again = open_flow()
    assert again.current_key is StepKey.DIAGNOSE
    diagnose = page(again, StepKey.DIAGNOSE, DiagnosePage)
    assert diagnose.perspective.toPlainText() == "Pop-ups everywhere"
    assert diagnose.source.currentData() == "software"
    assert diagnose.parts.toPlainText() == "USB cable from 4.10"

    qtbot.keyClicks(diagnose.findings, "Adware")
    diagnose.intake.since.setCurrentIndex(diagnose.intake.since.findData("today"))
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("yes"))
    click(qtbot, again, diagnose.record_button)
    with store.read_session() as session:
        assert load_draft(session, VISIT, "diagnose") is None
        assert visit_state(session, VISIT).borrowed_parts == ["USB cable from 4.10"]


def test_text_being_typed_is_saved_within_a_moment(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow = open_flow()
    confirm: ConfirmPage = page(flow, StepKey.CONFIRM, ConfirmPage)
    qtbot.keyClicks(confirm.confirmed_with, "Ada")

    def saved() -> bool:
        with store.read_session() as session:
            draft = load_draft(session, VISIT, "confirm")
        return draft is not None and draft["confirmed_with"] == "Ada"

    qtbot.waitUntil(saved, timeout=WAIT_MS)


def test_tab_walks_the_fields_in_reading_order(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.activateWindow()
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.setFocus()
    qtbot.waitUntil(diagnose.perspective.hasFocus, timeout=WAIT_MS)
    order = [diagnose.intake.since, diagnose.intake.shown, diagnose.source, diagnose.findings]
    order += [diagnose.resources, diagnose.parts]
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_alt_arrows_move_between_steps_and_focus_the_page(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow = open_flow()
    flow.activateWindow()
    confirm: ConfirmPage = page(flow, StepKey.CONFIRM, ConfirmPage)
    confirm.message.setFocus()
    qtbot.waitUntil(confirm.message.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(confirm.message, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert flow.current_key is StepKey.ARRIVE
    assert flow.steps.currentRow() == 1
    focused = QApplication.focusWidget()
    assert focused is not None
    assert flow.pages[StepKey.ARRIVE].isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert flow.current_key is StepKey.CONFIRM


def _mnemonics(widget: QWidget) -> list[str]:
    texts = [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy()]
    return [m.group(1).lower() for text in texts if (m := re.search(r"&([^&])", text))]


def test_every_input_is_named_and_mnemonics_do_not_clash(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow = open_flow()
    flow_keys = {"e", "i"}  # Escalate and Timeline work on every page
    for key, step_page in flow.pages.items():
        letters = _mnemonics(step_page)
        assert len(letters) == len(set(letters)), (key, sorted(letters))
        assert not flow_keys & set(letters), key
        unnamed = [
            type(w).__name__
            for w in step_page.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.isVisibleTo(step_page)
            and not w.accessibleName()
            and not isinstance(w, QScrollArea | QScrollBar)
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)  # their inner editor
        ]
        assert not unnamed, (key, unnamed)
    with store.read_session() as session:
        assert visit_state(session, VISIT).event_count == 0


def test_a_recorded_diagnosis_is_shown_when_the_visit_is_reopened(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    with store.session() as session, session.begin():
        record_event(
            session,
            VISIT,
            EventType.DIAGNOSED,
            {
                "user_perspective": "Nothing prints.",
                "source_category": "hardware",
                "findings": "Toner empty.",
                "borrowed_parts": ["Toner from 4.10", "USB cable"],
            },
            author="kyra",
            now=T0,
        )

    flow = open_flow()
    diagnose = page(flow, StepKey.DIAGNOSE, DiagnosePage)

    assert diagnose.perspective.toPlainText() == "Nothing prints."
    assert diagnose.source.currentData() == "hardware"
    assert diagnose.findings.toPlainText() == "Toner empty."
    assert diagnose.parts.toPlainText() == "Toner from 4.10\nUSB cable"
    assert diagnose.out_of_order.text() == ""
    assert diagnose.done_banner.isVisibleTo(diagnose)
    assert diagnose.record_button.text() == "&Record revised diagnosis"
    with store.read_session() as session:
        assert load_draft(session, VISIT, "diagnose") is None  # shown, not a draft of its own
