"""The visit flow over a real cache file, driven as a technician would: typing and clicking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from fieldapp.domain import EventType, Step, why_not
from fieldapp.protocol import Priority
from fieldapp.store import Store, open_store, visit_events, visit_state
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.models import AttachmentRow
from fieldapp.store.recording import record_event
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_after import AnythingElsePage, ResolvePage, TeachPage
from fieldapp.ui.visit.pages_before import ArrivePage, ConfirmPage
from fieldapp.ui.visit.pages_close import EscalatePage, SignOffPage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_permission import PermissionPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, PageBuilder, server_visit

VISIT = "v-print"
WAIT_MS = 5000


class Clock:
    """The flow's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())  # sealed files, as the app
    builder = PageBuilder()
    builder.visit(
        server_visit(
            VISIT,
            reference="INC-00042",
            customer_name="Ada Park",
            contact_extension="4412",
            building="North",
            floor="4",
            room="4.12",
            window_start=T0,
            window_end=T0 + timedelta(hours=1),
            estimated_minutes=45,
            priority=Priority.HIGH,
            problem="The printer says it is offline.",
            already_tried="Turned it off and on.",
            business_impact="Board report due today",
        )
    )
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture(name="clock")
def clock_fixture() -> Clock:
    return Clock(T0 - timedelta(days=1))


@pytest.fixture(name="open_flow")
def open_flow_fixture(
    qtbot: QtBot, store: Store, clock: Clock
) -> Iterator[Callable[[], VisitFlow]]:
    runner = BackgroundRunner()
    flows: list[VisitFlow] = []

    def make() -> VisitFlow:
        flow = VisitFlow(
            store, runner, VISIT, author="kyra", technician_name="Kyra Lane", clock=clock
        )
        flow.resize(1100, 900)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        flows.append(flow)
        return flow

    yield make
    for flow in flows:
        if isValid(flow):  # a test may have destroyed it already
            flow.close()
            flow.deleteLater()
    runner.wait()


def seed(store: Store, *kinds: EventType) -> None:
    """Record events straight into the cache, as if done earlier on this laptop."""
    with store.session() as session, session.begin():
        for kind in kinds:
            record_event(session, VISIT, kind, MINIMAL[kind], author="kyra", now=T0)


def recorded(store: Store) -> list[EventType]:
    with store.read_session() as session:
        return [e.stored.event.type for e in visit_events(session, VISIT)]


def click(qtbot: QtBot, flow: VisitFlow, button: QAbstractButton) -> None:
    """Click a record button and wait until the flow has re-read the visit."""
    assert button.isEnabled(), button.toolTip()
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def page(flow: VisitFlow, key: StepKey, kind: type[QWidget]) -> Any:
    found = flow.pages[key]
    assert isinstance(found, kind)
    return found


def test_a_whole_visit_from_confirm_to_sign_off(
    qtbot: QtBot, store: Store, clock: Clock, open_flow: Callable[[], VisitFlow]
) -> None:
    flow = open_flow()
    recorded_types: list[str] = []
    flow.event_recorded.connect(recorded_types.append)
    assert flow.current_key is StepKey.CONFIRM
    assert "INC-00042" in flow.header.title.text()
    assert flow.header.text_of("problem") == "The printer says it is offline."

    confirm: ConfirmPage = page(flow, StepKey.CONFIRM, ConfirmPage)
    text = confirm.message.toPlainText()
    for expected in ("INC-00042", "Kyra Lane", "45 minutes", "building North", "service desk"):
        assert expected in text
    confirm.channel.setCurrentIndex(confirm.channel.findData("phone"))
    qtbot.keyClicks(confirm.confirmed_with, "Ada Park")
    click(qtbot, flow, confirm.record_button)
    assert flow.current_key is StepKey.ARRIVE

    clock.now = T0 + timedelta(minutes=5)  # on time
    arrive = page(flow, StepKey.ARRIVE, ArrivePage)
    flow.go_to(StepKey.ARRIVE)
    assert not arrive.late_banner.isVisible()
    tick(qtbot, arrive.greeting)
    click(qtbot, flow, arrive.record_button)
    assert flow.current_key is StepKey.PERMISSION

    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    assert permission.granted_by.text() == "Ada Park"
    assert permission.minutes.value() == 45
    qtbot.keyClicks(permission.explanation, "Clear the print queue, about half an hour.")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):  # Ctrl+Enter records the page
        qtbot.keyClick(
            permission.explanation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert flow.current_key is StepKey.DIAGNOSE

    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    qtbot.keyClicks(diagnose.perspective, "Nothing prints, the report is due.")
    diagnose.source.setCurrentIndex(diagnose.source.findData("network"))
    qtbot.keyClicks(diagnose.findings, "The queue is stuck since the print server restarted.")
    diagnose.record_button.click()  # the two questions not asked yet: refused
    assert diagnose.error_banner.text() == "Ask the user how long the problem has been happening."
    diagnose.intake.since.setCurrentIndex(diagnose.intake.since.findData("today"))
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("yes"))
    click(qtbot, flow, diagnose.record_button)
    assert flow.current_key is StepKey.OPTIONS

    options: OptionsPage = page(flow, StepKey.OPTIONS, OptionsPage)
    assert not options.choose_button.isEnabled()
    qtbot.keyClicks(options.editor.rows[0][1], "Clear the queue")
    qtbot.keyClicks(options.editor.rows[1][1], "Use the floor 3 printer today")
    options.editor.rows[1][2].setValue(5)
    click(qtbot, flow, options.offer_button)
    assert flow.current_key is StepKey.OPTIONS
    tick(qtbot, options.choices.group.buttons()[0])
    click(qtbot, flow, options.choose_button)
    assert flow.current_key is StepKey.RESOLVE

    resolve: ResolvePage = page(flow, StepKey.RESOLVE, ResolvePage)
    assert resolve.choice_label.text() == "The user chose: Clear the queue"
    qtbot.keyClicks(resolve.explanation, "The print queue was stuck; I cleared it.")
    tick(qtbot, resolve.demonstrated)
    tick(qtbot, resolve.confirmed)
    assert not resolve.impossible.isEnabled()
    click(qtbot, flow, resolve.record_button)
    assert flow.current_key is StepKey.TEACH

    teach = page(flow, StepKey.TEACH, TeachPage)
    qtbot.keyClicks(teach.topic, "How to see the print queue.")
    click(qtbot, flow, teach.record_button)
    assert flow.current_key is StepKey.ANYTHING_ELSE

    anything = page(flow, StepKey.ANYTHING_ELSE, AnythingElsePage)
    click(qtbot, flow, anything.record_button)
    assert flow.current_key is StepKey.SIGN_OFF

    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    assert sign_off.summary.toPlainText() == "The print queue was stuck; I cleared it."
    assert not sign_off.absent_box.isVisible()
    qtbot.mousePress(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 200, 10):
        qtbot.mouseMove(sign_off.pad, QPoint(x, 40 + x % 30))
    qtbot.mouseRelease(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 60))
    assert not sign_off.pad.is_empty()
    tick(qtbot, sign_off.satisfaction.button(5))
    click(qtbot, flow, sign_off.record_button)

    assert recorded(store) == [
        EventType.CONFIRMED,
        EventType.ARRIVED,
        EventType.PERMISSION_GRANTED,
        EventType.DIAGNOSED,
        EventType.OPTIONS_OFFERED,
        EventType.OPTION_CHOSEN,
        EventType.RESOLVED,
        EventType.TAUGHT,
        EventType.ANYTHING_ELSE,
        EventType.ATTACHMENT_ADDED,
        EventType.SIGNED_OFF,
    ]
    assert recorded_types[-1] == "signed_off"
    with store.read_session() as session:
        state = visit_state(session, VISIT)
        events = [e.stored.event for e in visit_events(session, VISIT)]
        signature = session.get(AttachmentRow, events[-2].payload["sha256"])
    assert state.step is Step.COMPLETED
    assert state.satisfaction == 5
    signed = events[-1].payload
    assert signed["signature_sha256"] == events[-2].payload["sha256"]
    assert events[-2].payload["kind"] == "signature"
    assert events[0].payload["channel"] == "phone"
    assert events[0].payload["confirmed_with"] == "Ada Park"
    assert events[4].payload["options"][1] == {
        "key": "option-2",
        "description": "Use the floor 3 printer today",
        "minutes": 5,
    }
    assert signature is not None
    assert store.files.read(signature.path).startswith(b"<svg")
    assert flow.header.step.text() == "Completed"
    timeline = flow.timeline_model
    assert timeline.rowCount() == 11
    assert timeline.data(timeline.index(10, 0)) == "Signed off"
    assert timeline.data(timeline.index(10, 1)).startswith("Satisfaction 5/5: ")
    assert timeline.data(timeline.index(10, 4)) == "Waiting to sync"
    assert not flow.escalate_button.isEnabled()


def test_diagnosis_waits_for_permission(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow = open_flow()
    assert flow.current_key is StepKey.PERMISSION
    sentence = "Ask the user's permission to use their machine before diagnosing or fixing it."
    assert not flow.step_available(StepKey.DIAGNOSE)
    assert flow.item(StepKey.DIAGNOSE).toolTip() == sentence
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    with qtbot.waitSignal(flow.draft_saved, timeout=WAIT_MS):
        flow.go_to(StepKey.DIAGNOSE)
        diagnose.perspective.clear()  # it starts from the problem in the user's words
        qtbot.keyClicks(diagnose.perspective, "Typing before asking is kept")
    assert not diagnose.record_button.isEnabled()
    assert diagnose.unavailable_banner.isVisible()
    assert diagnose.unavailable_banner.text() == sentence
    assert not flow.record_current()  # Ctrl+Enter does nothing on an unavailable step

    flow.go_to(StepKey.PERMISSION)
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    qtbot.keyClicks(permission.explanation, "Look at the print queue.")
    click(qtbot, flow, permission.record_button)
    assert flow.step_available(StepKey.DIAGNOSE)
    assert diagnose.record_button.isEnabled()
    assert not diagnose.unavailable_banner.isVisible()
    assert diagnose.perspective.toPlainText() == "Typing before asking is kept"


def test_sign_off_waits_for_a_demonstration_or_its_reason(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    seed(store, EventType.PERMISSION_GRANTED, EventType.DIAGNOSED)
    flow = open_flow()
    flow.go_to(StepKey.RESOLVE)
    resolve: ResolvePage = page(flow, StepKey.RESOLVE, ResolvePage)
    qtbot.keyClicks(resolve.explanation, "Replaced the toner.")
    click(qtbot, flow, resolve.record_button)  # neither shown nor a reason given
    sentence = "Show the user it works (or record why that was impossible) before sign-off."
    assert not flow.step_available(StepKey.SIGN_OFF)
    assert flow.item(StepKey.SIGN_OFF).toolTip() == sentence
    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    assert not sign_off.record_button.isEnabled()
    assert sign_off.unavailable_banner.text() == sentence

    flow.go_to(StepKey.RESOLVE)
    assert resolve.impossible.isEnabled()
    qtbot.keyClicks(resolve.impossible, "The user left for a meeting.")
    click(qtbot, flow, resolve.record_button)
    assert flow.step_available(StepKey.SIGN_OFF)
    flow.go_to(StepKey.SIGN_OFF)
    assert sign_off.record_button.isEnabled()
    click(qtbot, flow, sign_off.record_button)
    with store.read_session() as session:
        assert visit_state(session, VISIT).step is Step.COMPLETED


def test_absent_user_needs_admin_logged_off_and_a_desk_note(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow = open_flow()
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    tick(qtbot, permission.outcome_buttons[2])
    assert permission.record_button.text() == "&Record urgent work"
    qtbot.keyClicks(permission.absent_reason, "The virus is spreading on the floor.")
    qtbot.mouseClick(permission.record_button, Qt.MouseButton.LeftButton)
    assert permission.error_banner.text().startswith("Warn the user")  # read first
    assert flow.window().focusWidget() is permission.open_files
    tick(qtbot, permission.open_files)
    click(qtbot, flow, permission.record_button)
    seed(store, EventType.DIAGNOSED, EventType.RESOLVED)
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        flow.refresh()

    flow.go_to(StepKey.SIGN_OFF)
    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    assert sign_off.absent_box.isVisible()
    note = sign_off.desk_note.toPlainText()
    assert "Hello Ada Park" in note
    assert "INC-00042" in note
    click(qtbot, flow, sign_off.record_button)
    assert sign_off.error_banner.isVisible()
    assert sign_off.error_banner.text() == (
        "The user was absent: log the admin account off and leave a note on the desk "
        "before sign-off."
    )
    assert EventType.SIGNED_OFF not in recorded(store)

    tick(qtbot, sign_off.admin)
    tick(qtbot, sign_off.note_left)
    assert not sign_off.error_banner.isVisible()
    click(qtbot, flow, sign_off.record_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
        events = [e.stored.event for e in visit_events(session, VISIT)]
    assert state.step is Step.COMPLETED
    kinds = [e.payload.get("kind") for e in events if e.type is EventType.ATTACHMENT_ADDED]
    assert kinds == ["desk_note"]
    assert events[-1].payload["admin_logged_off"] is True
    assert events[-1].payload["note_left_on_desk"] is True
    assert events[2].payload["open_files_warned"] is True


def test_busy_user_agrees_a_return_time_which_becomes_a_promise(
    qtbot: QtBot, store: Store, clock: Clock, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    clock.now = T0 + timedelta(minutes=10)
    flow = open_flow()
    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    tick(qtbot, permission.outcome_buttons[1])
    assert permission.forms.currentIndex() == 1
    assert permission.agreed_with.text() == "Ada Park"
    click(qtbot, flow, permission.record_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.step is Step.AWAITING_RETURN
    [promise] = state.open_promises
    assert promise.kind == "return_visit"
    assert promise.due_at == T0 + timedelta(hours=2, minutes=15)  # rounded to a quarter
    assert flow.current_key is StepKey.ARRIVE
    arrive = page(flow, StepKey.ARRIVE, ArrivePage)
    assert "You agreed to come back at" in arrive.return_banner.text()
    assert flow.header.step.text() == "Awaiting return"


def test_late_arrival_prompts_to_tell_the_customer(
    qtbot: QtBot, store: Store, clock: Clock, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED)
    clock.now = T0 + timedelta(minutes=40)
    flow = open_flow()
    arrive = page(flow, StepKey.ARRIVE, ArrivePage)
    assert flow.current_key is StepKey.ARRIVE
    assert arrive.late_banner.isVisible()
    assert "40 minutes past the start" in arrive.late_banner.text()
    assert "ext. 4412" in arrive.late_banner.text()
    tick(qtbot, arrive.greeting)
    tick(qtbot, arrive.late_notice)
    click(qtbot, flow, arrive.record_button)
    with store.read_session() as session:
        arrived = visit_events(session, VISIT)[-1].stored.event
    assert arrived.payload == {"greeting_done": True, "late_notice_given": True}


def test_escalation_is_reachable_from_any_page_while_open(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED)
    flow = open_flow()
    qtbot.mouseClick(flow.escalate_button, Qt.MouseButton.LeftButton)
    assert flow.current_key is StepKey.ESCALATE
    escalate: EscalatePage = page(flow, StepKey.ESCALATE, EscalatePage)
    qtbot.mouseClick(escalate.record_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert escalate.error_banner.text() == "Say why it cannot be resolved now."
    qtbot.keyClicks(escalate.reason, "The disk is failing.")
    qtbot.keyClicks(escalate.team.lineEdit(), "Hardware")
    click(qtbot, flow, escalate.record_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.step is Step.ESCALATED
    assert [p.kind for p in state.open_promises] == ["next_update"]
    assert not flow.escalate_button.isEnabled()
    reason = why_not(state, EventType.ESCALATED)
    assert reason is not None
    assert flow.escalate_button.toolTip() == reason.message
