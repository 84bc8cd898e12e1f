"""The "Notes, files and promises" tab over a real cache: notes with the polite answer, promises
made and kept, borrowed parts returned after the close, drafts, the keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
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
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from fieldapp.domain import EventType
from fieldapp.protocol import VisitStatus
from fieldapp.store import Store, record_event, visit_events, visit_state
from fieldapp.store.drafts import load_draft
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import VisitFlow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, PageBuilder, server_visit
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    Clock,
    clock_fixture,
    recorded,
    seed,
    store_fixture,
)

__all__ = ["clock_fixture", "store_fixture"]  # used by name, as fixtures

OpenPanel = Callable[..., VisitFlow]


@pytest.fixture(name="open_panel")
def open_panel_fixture(qtbot: QtBot, store: Store, clock: Clock) -> Iterator[OpenPanel]:
    """Opens the flow on its notes, files and promises, with the given collaborators."""
    runner = BackgroundRunner()
    flows: list[VisitFlow] = []

    def make(
        choose: Callable[[QWidget], list[str]] = lambda _parent: [],
        open_url: Callable[[QUrl], bool] = lambda _url: True,
        fetch_attachment: Callable[[str], bytes] | None = None,
    ) -> VisitFlow:
        flow = VisitFlow(
            store,
            runner,
            VISIT,
            author="kyra",
            technician_name="Kyra Lane",
            clock=clock,
            choose_files=choose,
            open_url=open_url,
            fetch_attachment=fetch_attachment,
        )
        flow.resize(1200, 900)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        flow.show_panel()
        flows.append(flow)
        return flow

    yield make
    for flow in flows:
        if isValid(flow):
            flow.close()
            flow.deleteLater()
    runner.wait()


def press(qtbot: QtBot, flow: VisitFlow, button: QAbstractButton) -> None:
    """Click a button that writes, and wait until the flow has read the visit again."""
    assert button.isEnabled(), button.toolTip()
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        button.click()


def payloads(store: Store, kind: EventType) -> list[dict[str, Any]]:
    with store.read_session() as session:
        events = [e.stored.event for e in visit_events(session, VISIT)]
    return [dict(e.payload) for e in events if e.type is kind]


def test_a_policy_request_is_recorded_only_with_the_polite_answer(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    notes = flow.panel.notes
    assert flow.tabs.currentWidget() is flow.panel
    notes.category.setCurrentIndex(notes.category.findData("policy"))
    qtbot.keyClicks(notes.text, "Wants admin rights to install a PDF editor.")
    notes.record_button.click()
    assert notes.error_banner.isVisible()
    assert notes.error_banner.text() == (
        "Write the polite answer you gave: a request against ICT policy is recorded with it, "
        "not silently done or ignored."
    )
    assert recorded(store) == []

    qtbot.keyClicks(notes.answer, "Explained the policy; the portal has an approved editor.")
    assert not notes.error_banner.isVisible()  # typing clears the refusal
    press(qtbot, flow, notes.record_button)
    assert payloads(store, EventType.NOTE) == [
        {
            "text": "Wants admin rights to install a PDF editor.",
            "category": "policy",
            "answer_given": "Explained the policy; the portal has an approved editor.",
        }
    ]
    assert notes.text.toPlainText() == ""  # ready for the next note
    assert notes.chosen() == "general"
    assert notes.model.rowCount() == 1
    assert notes.model.data(notes.model.index(0, 1)) == "ICT policy"
    timeline = flow.timeline_model
    assert timeline.data(timeline.index(0, 1)) == (
        "ICT policy: Wants admin rights to install a PDF editor. \u2014 answered: Explained the "
        "policy; the portal has an approved editor."
    )


def test_notes_are_taken_after_sign_off_and_out_of_scope_needs_its_answer_too(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED, EventType.RESOLVED, EventType.SIGNED_OFF)
    flow = open_panel()
    notes = flow.panel.notes
    assert not flow.panel.banner.isVisible()
    notes.category.setCurrentIndex(notes.category.findData("out_of_scope"))
    qtbot.keyClicks(notes.text, "Asked me to fix her own phone.")
    notes.record_button.click()
    assert notes.error_banner.text().startswith("Write the polite answer you gave")
    notes.category.setCurrentIndex(notes.category.findData("out_of_order"))
    press(qtbot, flow, notes.record_button)  # out of order needs no answer
    assert payloads(store, EventType.NOTE)[0]["category"] == "out_of_order"
    with store.read_session() as session:
        assert visit_state(session, VISIT).signed_off


def test_making_and_keeping_a_promise(
    qtbot: QtBot, store: Store, clock: Clock, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    promises = flow.panel.promises
    assert not promises.table.isVisible()
    assert promises.empty_label.isVisible()
    promises.make_button.click()
    assert promises.error_banner.text() == "Say what you promised, in the customer's words."

    promises.kind.setCurrentIndex(promises.kind.findData("call_back"))
    qtbot.keyClicks(promises.description, "Call back when the toner arrives")
    press(qtbot, flow, promises.make_button)
    [made] = payloads(store, EventType.PROMISE_MADE)
    assert made["kind"] == "call_back"
    assert made["description"] == "Call back when the toner arrives"
    due = T0 - timedelta(days=1) + timedelta(hours=2)  # the clock, plus two hours
    with store.read_session() as session:
        [promise] = visit_state(session, VISIT).open_promises
    assert promise.id == made["promise_id"]
    assert promise.due_at == due
    assert promises.description.text() == ""
    model = promises.model
    assert [model.data(model.index(0, c)) for c in (1, 2, 3)] == [
        "Call back",
        "Call back when the toner arrives",
        "Open",
    ]

    assert not promises.keep_button.isEnabled()
    assert promises.keep_button.toolTip() == "Select an open promise to mark it kept."
    promises.table.selectRow(0)
    clock.now = due - timedelta(minutes=30)
    press(qtbot, flow, promises.keep_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.open_promises == []
    kept = state.promises[made["promise_id"]]
    assert kept.kept_at == clock.now
    assert kept.kept_on_time
    assert model.data(model.index(0, 3)) == "Kept on time"
    assert promises.table.selected() is not None  # the selection stays on the promise
    assert not promises.keep_button.isEnabled()
    assert promises.keep_button.toolTip() == "This promise has already been kept."
    timeline = flow.timeline_model
    assert timeline.data(timeline.index(1, 0)) == "Promise kept"
    assert timeline.data(timeline.index(1, 1)) == "Call back when the toner arrives"


def test_a_borrowed_part_is_returned_after_an_escalation(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    parts = ["RAM stick from desk 4.10", "Dock from the meeting room"]
    with store.session() as session, session.begin():
        diagnosed = {**MINIMAL[EventType.DIAGNOSED], "borrowed_parts": parts}
        record_event(session, VISIT, EventType.DIAGNOSED, diagnosed, author="kyra", now=T0)
    seed(store, EventType.ESCALATED)
    flow = open_panel()
    section = flow.panel.equipment
    assert section.isVisible()
    model = section.model
    assert [model.data(model.index(n, 0)) for n in range(2)] == [f"Part: {p}" for p in parts]
    section.table.selectRow(1)
    press(qtbot, flow, section.return_button)
    with store.read_session() as session:
        assert visit_state(session, VISIT).borrowed_parts == parts[:1]
    assert section.selected() is not None
    assert section.selected().key == parts[0]
    press(qtbot, flow, section.return_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert state.borrowed_parts == []
    assert state.escalated
    assert not section.isVisible()
    assert [p["part"] for p in payloads(store, EventType.PART_RETURNED)] == parts[::-1]


def test_drafts_of_notes_and_promises_survive_a_rebuilt_flow(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    notes, promises = flow.panel.notes, flow.panel.promises
    notes.category.setCurrentIndex(notes.category.findData("out_of_scope"))
    qtbot.keyClicks(notes.text, "Personal laptop")
    qtbot.keyClicks(promises.description, "Bring a spare mouse")
    saved: set[str] = set()
    flow.draft_saved.connect(saved.add)
    qtbot.waitUntil(lambda: saved == {"notes", "promise"}, timeout=WAIT_MS)
    flow.close()
    flow.deleteLater()
    qtbot.waitUntil(lambda: not isValid(flow), timeout=WAIT_MS)

    again = open_panel()
    notes, promises = again.panel.notes, again.panel.promises
    assert notes.chosen() == "out_of_scope"
    assert notes.text.toPlainText() == "Personal laptop"
    assert promises.description.text() == "Bring a spare mouse"
    qtbot.keyClicks(notes.answer, "Personal devices are not covered; pointed to the shop.")
    press(qtbot, again, notes.record_button)
    again.wait()
    with store.read_session() as session:
        assert load_draft(session, VISIT, "notes") is None
        assert load_draft(session, VISIT, "promise") == promises.draft()


def test_a_cancelled_visit_takes_nothing_more_and_says_why(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    builder = PageBuilder(start=100)
    cancelled = server_visit(VISIT, status=VisitStatus.CANCELLED, cancel_reason="Moved away")
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.visit(cancelled).page())
    flow = open_panel()
    sentence = "Dispatch cancelled this visit, so nothing more can be recorded on it."
    assert flow.panel.banner.text() == sentence
    for button in (flow.panel.notes.record_button, flow.panel.files.add_files_button):
        assert not button.isEnabled()
        assert button.toolTip() == sentence


def test_keyboard_reaches_the_panel_and_records_from_it(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    flow.activateWindow()
    flow.go_to(flow.current_key)  # back on the steps
    assert flow.tabs.currentIndex() == 0
    flow.steps.setFocus()
    qtbot.waitUntil(flow.steps.hasFocus, timeout=WAIT_MS)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(flow.steps, Qt.Key.Key_N, ctrl_shift)
    assert flow.tabs.currentWidget() is flow.panel
    qtbot.waitUntil(flow.panel.notes.text.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(flow.panel.notes.text, "Printer toner low on floor 4")
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):  # Ctrl+Enter records the note
        qtbot.keyClick(
            flow.panel.notes.text,
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier,
        )
    assert payloads(store, EventType.NOTE) == [
        {"text": "Printer toner low on floor 4", "category": "general"}
    ]
    assert QApplication.focusWidget() is flow.panel.notes.text


def _mnemonics(widget: QWidget) -> list[str]:
    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy()]
    return [m.group(1).lower() for text in texts if (m := re.search(r"&([^&])", text))]


def test_every_input_is_named_and_mnemonics_do_not_clash(
    store: Store, open_panel: OpenPanel
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.PROMISE_MADE)
    flow = open_panel()
    letters = _mnemonics(flow.panel)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not {"e", "i"} & set(letters)  # Escalate and Timeline work on every tab
    unnamed = [
        type(w).__name__
        for w in flow.panel.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(flow.panel)
        and not w.accessibleName()
        and not isinstance(w, QScrollArea | QScrollBar)
        and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)  # their inner editor
    ]
    assert not unnamed, unnamed


def test_the_tables_are_well_behaved_models(
    qtmodeltester: ModelTester, store: Store, open_panel: OpenPanel
) -> None:
    seed(store, EventType.NOTE, EventType.PROMISE_MADE)
    flow = open_panel()
    for model in (flow.panel.notes.model, flow.panel.promises.model, flow.panel.files.model):
        qtmodeltester.check(model)


def test_a_visit_taken_away_with_unsynced_work_takes_nothing_more(
    store: Store, open_panel: OpenPanel
) -> None:
    seed(store, EventType.NOTE)  # pending: the visit stays as a conflict
    with store.session() as session, session.begin():
        page = PageBuilder(start=100).tombstone(VISIT, "reassigned", "Dispatch gave it to JB.")
        apply_changes_page(session, page.page())
    flow = open_panel()
    assert flow.panel.banner.text() == "Dispatch gave it to JB."
    for section in flow.panel.sections:
        assert section.locked == "Dispatch gave it to JB."
    assert not flow.panel.promises.make_button.isEnabled()
    assert flow.panel.promises.make_button.toolTip() == "Dispatch gave it to JB."
    flow.panel.files.add_paths(["/nonexistent/photo.jpg"])
    assert flow.panel.files.error_banner.text() == "Dispatch gave it to JB."


def test_tab_walks_the_files_row_as_it_reads(open_panel: OpenPanel) -> None:
    files = open_panel().panel.files
    chain = [files.table]
    while len(chain) < 4:
        chain.append(chain[-1].nextInFocusChain())
        while not (chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus):
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain[1:] == [files.open_button, files.paste_button, files.add_files_button]


def test_a_second_click_on_record_records_once(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    notes = flow.panel.notes
    qtbot.keyClicks(notes.text, "Printer toner low.")

    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        notes.record_button.click()
        notes.record_button.click()  # an impatient double click, before the first is written
    flow.wait()

    assert [p["text"] for p in payloads(store, EventType.NOTE)] == ["Printer toner low."]
