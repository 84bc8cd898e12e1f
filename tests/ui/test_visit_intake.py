"""The intake rules on the laptop, driven as a technician would: the Diagnose page asks how long
the problem has been happening and to be shown it, what the user already tried is added to
from the header's "Already tried…", and a VIP visit says so beside its priority."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.protocol import Level, Priority
from fieldapp.store import Store, apply_changes_page, list_visits
from fieldapp.ui.round_rows import PRIORITY, display_text, round_row
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.intake import TRIED_SHORTCUT
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.store.factories import T0, PageBuilder, server_visit
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
from tests.ui.visit_kit import last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures


def at_diagnose(store: Store, open_flow: Callable[[], VisitFlow]) -> tuple[VisitFlow, DiagnosePage]:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.go_to(StepKey.DIAGNOSE)
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.setPlainText("Outlook freezes when I open the shared calendar.")
    diagnose.source.setCurrentIndex(diagnose.source.findData("software"))
    diagnose.findings.setPlainText("A corrupt calendar cache.")
    return flow, diagnose


def test_the_diagnosis_asks_how_long_and_to_be_shown_before_it_is_recorded(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow, diagnose = at_diagnose(store, open_flow)
    questions = diagnose.intake

    diagnose.record_button.click()
    assert diagnose.error_banner.text() == "Ask the user how long the problem has been happening."
    questions.since.setCurrentIndex(questions.since.findData("this_week"))
    diagnose.record_button.click()
    assert diagnose.error_banner.text() == "Ask the user to show you the problem."
    assert not questions.reason.isEnabled()
    questions.shown.setCurrentIndex(questions.shown.findData("no"))
    assert questions.reason.isEnabled()
    diagnose.record_button.click()
    assert diagnose.error_banner.text() == "Say why the user could not show the problem."
    qtbot.keyClicks(questions.reason, "It only freezes on Monday mornings.")
    click(qtbot, flow, diagnose.record_button)

    kind, payload = last_event(store)
    assert kind is EventType.DIAGNOSED
    assert payload["problem_since"] == "this_week"
    assert payload["shown_by_user"] is False
    assert payload["not_shown_reason"] == "It only freezes on Monday mornings."
    model = flow.timeline_model
    cells = [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any("since earlier this week; not shown: It only freezes" in c for c in cells)


def test_a_user_who_showed_the_problem_needs_no_reason(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow, diagnose = at_diagnose(store, open_flow)
    diagnose.intake.since.setCurrentIndex(diagnose.intake.since.findData("not_sure"))
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("yes"))
    click(qtbot, flow, diagnose.record_button)
    _, payload = last_event(store)
    assert (payload["problem_since"], payload["shown_by_user"]) == ("not_sure", True)
    assert "not_shown_reason" not in payload


def test_the_mnemonics_of_the_diagnose_page_are_its_own(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    _flow, diagnose = at_diagnose(store, open_flow)
    texts = [label.text() for label in diagnose.findChildren(QLabel)]
    texts += [button.text() for button in diagnose.findChildren(QPushButton)]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    letters.append("e")  # the header's Escalate
    assert len(letters) == len(set(letters)), texts


def test_already_tried_is_added_to_from_the_header_and_shown_there(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow = open_flow()
    assert flow.header.text_of("already_tried") == "Turned it off and on."
    section = flow.panel.tried
    assert section.dispatch.text() == "Dispatch: Turned it off and on."

    flow.tried_button.click()
    assert flow.tabs.currentWidget() is flow.panel
    section.record_button.click()
    assert section.error_banner.text() == "Write what the user says they already tried."
    qtbot.keyClicks(section.text, "Changed the printer's paper tray.")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        qtbot.keyClick(section.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    kind, payload = last_event(store)
    assert (kind, payload) == (
        EventType.ALREADY_TRIED_ADDED,
        {"text": "Changed the printer's paper tray."},
    )
    assert flow.header.text_of("already_tried") == (
        "Turned it off and on.\nChanged the printer's paper tray."
    )
    assert section.model.rowCount() == 1
    assert section.text.toPlainText() == ""
    assert TRIED_SHORTCUT in flow.tried_button.toolTip()
    assert QKeySequence(TRIED_SHORTCUT) != QKeySequence("Ctrl+Shift+N")


def test_nothing_is_added_to_what_was_tried_once_the_visit_is_closed(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(
        store,
        EventType.CONFIRMED,
        EventType.ARRIVED,
        EventType.PERMISSION_GRANTED,
        EventType.DIAGNOSED,
        EventType.ESCALATED,
    )
    flow = open_flow()
    button = flow.panel.tried.record_button
    assert not button.isEnabled()
    assert "already escalated" in button.toolTip()


def test_a_vip_visit_says_so_beside_its_priority(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    flow = open_flow()
    assert not flow.header.vip.isVisibleTo(flow)
    assert "high impact" not in flow.header.priority.toolTip()
    vip = server_visit(
        VISIT,
        reference="INC-00042",
        customer_name="Ada Park",
        window_start=T0,
        window_end=T0,
        priority=Priority.CRITICAL,
        impact=Level.LOW,
        urgency=Level.MEDIUM,
        vip=True,
    )
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder(start=100).visit(vip).page())
    with_vip = open_flow()
    assert with_vip.header.vip.isVisibleTo(with_vip)
    assert with_vip.header.vip.accessibleName() == "VIP: priority overridden to critical"
    assert with_vip.header.priority.text() == "Critical priority"
    assert "VIP (an explicit override)" in with_vip.header.priority.toolTip()
    assert "low impact and medium urgency" in with_vip.header.priority.toolTip()


def test_the_round_shows_a_vip_visit_as_such(store: Store) -> None:
    vip = server_visit(
        "v-vip", window_start=T0, window_end=T0, priority=Priority.CRITICAL, vip=True
    )
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder(start=200).visit(vip).page())
    with store.read_session() as session:
        rows = {row.id: row for row in list_visits(session)}
    assert (rows["v-vip"].vip, rows[VISIT].vip) == (True, False)
    shown = round_row(rows["v-vip"], T0)
    assert display_text(shown, PRIORITY, T0.date()) == "Critical (VIP)"
    assert display_text(round_row(rows[VISIT], T0), PRIORITY, T0.date()) == "High"
