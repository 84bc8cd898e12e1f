"""Shared steps of the visit-flow page tests: the last event recorded, and a flow closed once
its draft is saved."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from fieldapp.domain import EventType
from fieldapp.store import Store, visit_events
from fieldapp.ui.visit import VisitFlow
from tests.ui.test_visit_flow import VISIT, WAIT_MS


def last_event(store: Store) -> tuple[EventType, dict[str, object]]:
    with store.read_session() as session:
        event = visit_events(session, VISIT)[-1].stored.event
    return event.type, dict(event.payload)


def close_once_drafted(qtbot: QtBot, flow: VisitFlow) -> list[object]:
    """Wait for `flow` to save a draft, then close it as the app does (pending saves finish,
    then it is destroyed); return what the draft_saved signal carried."""
    with qtbot.waitSignal(flow.draft_saved, timeout=WAIT_MS) as saved:
        pass
    flow.close()
    flow.deleteLater()
    qtbot.waitUntil(lambda: not isValid(flow), timeout=WAIT_MS)
    return list(saved.args or [])
