"""Leave for now and come back, driven as a technician would: the visit carries on over a
second trip, the header counts the trips and the minutes on site."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType, Step
from fieldapp.store import Store, visit_state
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.report_content import trips_words as report_trips_words
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.flow import LEAVE_SHORTCUT
from fieldapp.ui.visit.pages_before import ArrivePage
from fieldapp.ui.visit.pages_leave import LeavePage
from tests.domain.factories import Walk
from tests.store.factories import T0
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    Clock,
    click,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
    tick,
)
from tests.ui.visit_kit import last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures

E = EventType


def test_leave_for_now_and_come_back_on_a_second_trip(
    qtbot: QtBot, store: Store, clock: Clock, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED, E.DIAGNOSED)
    clock.now = T0 + timedelta(minutes=40)
    flow = open_flow()
    assert flow.header.time_on_task.text() == "1 trip \u00b7 40 min on site"
    assert flow.leave_button.isEnabled()
    assert LEAVE_SHORTCUT in flow.leave_button.toolTip()

    qtbot.keyClick(
        flow.current_page,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert flow.current_key is StepKey.LEAVE
    leave: LeavePage = page(flow, StepKey.LEAVE, LeavePage)
    assert leave.reason_buttons[0].isChecked()  # to fetch a part
    assert not leave.return_at.isEnabled()
    qtbot.keyClicks(leave.note, "A fuser unit from the store room.")
    tick(qtbot, leave.agreed)
    assert leave.return_at.isEnabled()
    assert leave.agreed_with.text() == "Ada Park"
    assert not leave.admin.isVisible()  # the user let them in: no absent-user checks
    click(qtbot, flow, leave.record_button)

    kind, payload = last_event(store)
    assert kind is E.DEPARTED
    back = T0 + timedelta(hours=1, minutes=45)  # the next quarter past an hour from now
    assert payload == {
        "reason": "part_needed",
        "note": "A fuser unit from the store room.",
        "return_at": back.astimezone().isoformat(),
        "agreed_with": "Ada Park",
    }
    assert flow.header.step.text() == "Awaiting return"
    assert flow.header.time_on_task.text() == (
        "1 trip \u00b7 40 min on site \u00b7 away: to fetch a part"
    )
    assert flow.current_key is StepKey.ARRIVE
    assert not flow.leave_button.isEnabled()
    assert not flow.step_available(StepKey.RESOLVE)
    assert "to fetch a part" in flow.item(StepKey.RESOLVE).toolTip()
    arrive: ArrivePage = page(flow, StepKey.ARRIVE, ArrivePage)
    assert "Checking in keeps that promise" in arrive.return_banner.text()

    clock.now = T0 + timedelta(hours=1, minutes=40)
    tick(qtbot, arrive.greeting)
    click(qtbot, flow, arrive.record_button)
    with store.read_session() as session:
        state = visit_state(session, VISIT)
    assert (state.trips, state.step, state.diagnosed) == (2, Step.ARRIVED, True)
    assert flow.current_key is StepKey.PERMISSION  # the user is asked again
    assert flow.header.time_on_task.text() == "2 trips \u00b7 40 min on site"
    clock.now += timedelta(minutes=20)
    flow.refresh()
    qtbot.waitUntil(
        lambda: flow.header.time_on_task.text() == "2 trips \u00b7 60 min on site",
        timeout=WAIT_MS,
    )


def test_leave_for_now_is_unavailable_before_arriving_with_the_rules_sentence(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, E.CONFIRMED)
    flow = open_flow()
    assert not flow.leave_button.isEnabled()
    assert "not checked in" in flow.leave_button.toolTip()
    assert flow.header.time_on_task.text() == ""
    assert not flow.step_available(StepKey.LEAVE)


def test_another_reason_says_which_and_an_absent_users_machine_is_left_safe(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.USER_ABSENT_URGENT)
    flow = open_flow()
    flow.show_leave()
    leave: LeavePage = page(flow, StepKey.LEAVE, LeavePage)
    assert leave.admin.isVisible()
    assert leave.note_left.isVisible()
    tick(qtbot, leave.reason_buttons[3])
    qtbot.mouseClick(leave.record_button, Qt.MouseButton.LeftButton)
    assert leave.error_banner.text() == "Say why you are leaving."
    qtbot.keyClicks(leave.note, "Fire drill.")
    click(qtbot, flow, leave.record_button)  # the checks are not ticked: refused
    assert "log the admin account off" in leave.error_banner.text()
    tick(qtbot, leave.admin)
    tick(qtbot, leave.note_left)
    click(qtbot, flow, leave.record_button)
    kind, payload = last_event(store)
    assert kind is E.DEPARTED
    assert payload == {
        "reason": "other",
        "note": "Fire drill.",
        "admin_logged_off": True,
        "note_left_on_desk": True,
    }


def test_every_reason_has_a_keyboard_mnemonic_of_its_own_and_a_name(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED)
    flow = open_flow()
    leave: LeavePage = page(flow, StepKey.LEAVE, LeavePage)
    texts = [b.text() for b in leave.reason_buttons] + [
        leave.record_button.text(),
        leave.agreed.text(),
        leave.admin.text(),
        leave.note_left.text(),
    ]
    letters = [t[t.index("&") + 1].lower() for t in texts]
    assert len(set(letters)) == len(texts)
    assert "e" not in letters  # the header's Escalate
    assert all(b.accessibleName() and "&" not in b.accessibleName() for b in leave.reason_buttons)


def test_arriving_and_leaving_are_each_technicians_own(
    qtbot: QtBot, store: Store, clock: Clock, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, E.CONFIRMED, E.ARRIVED, E.PERMISSION_GRANTED)  # kyra is at the desk
    kyra = open_flow()
    assert not page(kyra, StepKey.ARRIVE, ArrivePage).record_button.isEnabled()
    assert "already checked in" in kyra.item(StepKey.ARRIVE).toolTip()
    assert kyra.leave_button.isEnabled()
    runner = BackgroundRunner()
    colleague = VisitFlow(store, runner, VISIT, author="tony", clock=clock)
    try:
        colleague.show()
        qtbot.waitUntil(lambda: colleague.snapshot is not None, timeout=WAIT_MS)
        arrive: ArrivePage = page(colleague, StepKey.ARRIVE, ArrivePage)
        assert arrive.record_button.isEnabled()  # tony has not checked in yet
        assert not colleague.leave_button.isEnabled()
    finally:
        colleague.close()
        colleague.deleteLater()
        runner.wait()


def test_the_service_report_names_each_trip_when_there_were_several() -> None:
    w = Walk().working()
    w.do(E.DEPARTED, minutes=20)
    w.do(E.ARRIVED, minutes=60)
    w.do(E.PERMISSION_GRANTED, minutes=5)
    w.do(E.CLOSED_WITHOUT_REPAIR, minutes=25)
    words = report_trips_words(w.events)
    assert words.startswith("2: ")
    assert words.endswith("(55 min at your desk in all)")  # 25 then 30 minutes
    single = Walk().working()
    assert report_trips_words(single.events) == ""  # the arrival says it
