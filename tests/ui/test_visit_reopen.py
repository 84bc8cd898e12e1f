"""From the guided visit: a request handled now at "Anything else?" and a signed-off visit
reopened as a return visit, each opening its new visit in the cache at once (offline) and
asking the app to show it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, get_visit, visit_state
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_after import AnythingElsePage
from fieldapp.ui.visit.pages_reopen import ReopenPage
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
    tick,
)
from tests.ui.visit_kit import last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures

RESOLVED = (
    EventType.CONFIRMED,
    EventType.ARRIVED,
    EventType.PERMISSION_GRANTED,
    EventType.DIAGNOSED,
    EventType.RESOLVED,
    EventType.TAUGHT,
)


def test_a_request_handled_now_opens_its_own_visit_at_the_same_desk(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, *RESOLVED)
    flow = open_flow()
    flow.go_to(StepKey.ANYTHING_ELSE)
    answer: AnythingElsePage = page(flow, StepKey.ANYTHING_ELSE, AnythingElsePage)
    assert not answer.handle_now.isEnabled()  # only for a yes
    tick(qtbot, answer.yes)
    qtbot.keyClicks(answer.request, "The printer on the same desk jams.")
    tick(qtbot, answer.handle_now)
    with qtbot.waitSignal(flow.visit_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(answer.record_button, Qt.MouseButton.LeftButton)
    (new_id,) = opened.args
    kind, payload = last_event(store)
    assert kind is EventType.ANYTHING_ELSE
    assert (payload["handled_now"], payload["new_visit_id"]) == (True, new_id)
    with store.read_session() as session:
        new = get_visit(session, new_id).visit
        here = get_visit(session, VISIT).visit
    assert (new.origin, new.follow_up_of, new.room) == ("anything_else", VISIT, here.room)
    assert new.problem == "The printer on the same desk jams."


def test_reopen_is_offered_only_on_a_signed_off_visit_and_opens_the_return_visit(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, *RESOLVED)
    flow = open_flow()
    assert not flow.reopen_button.isVisible()
    assert not flow.step_available(StepKey.REOPEN)
    flow.close()
    seed(store, EventType.SIGNED_OFF)
    flow = open_flow()
    assert flow.reopen_button.isVisible()
    flow.reopen_button.click()
    assert flow.current_key is StepKey.REOPEN
    reopen: ReopenPage = page(flow, StepKey.REOPEN, ReopenPage)
    reopen.record_button.click()
    assert reopen.error_banner.text().startswith("Say what fails again")
    qtbot.keyClicks(reopen.reason, "It jams again after ten pages.")
    with qtbot.waitSignal(flow.visit_opened, timeout=WAIT_MS) as opened:
        reopen.record_button.click()
    (back_id,) = opened.args
    with store.read_session() as session:
        back = get_visit(session, back_id).visit
        state = visit_state(session, VISIT)
    assert state.reopened_as == back_id
    assert (back.origin, back.follow_up_of) == ("reopened", VISIT)
    assert back.problem == "It jams again after ten pages."
    assert back.window_end - back.window_start == timedelta(minutes=reopen.minutes.value())
    qtbot.waitUntil(lambda: not flow.reopen_button.isVisible(), timeout=WAIT_MS)
