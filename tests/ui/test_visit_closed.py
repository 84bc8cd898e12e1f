"""A completed visit is read-only and offers the next visit of the round."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_close import SignOffPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.store.factories import T0, PageBuilder, server_visit
from tests.ui.test_visit_flow import (
    WAIT_MS,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
)

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures


def add_next_visit(store: Store) -> None:
    builder = PageBuilder()
    builder.visit(
        server_visit(
            "v-next",
            reference="INC-00043",
            customer_name="Ben Ruiz",
            window_start=T0 + timedelta(hours=2),
            window_end=T0 + timedelta(hours=3),
        )
    )
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())


def test_a_completed_visit_is_read_only_and_offers_the_next(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    add_next_visit(store)
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED, EventType.RESOLVED, EventType.SIGNED_OFF)
    flow = open_flow()
    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    flow.go_to(StepKey.SIGN_OFF)
    assert not sign_off.clear_button.isEnabled()
    assert not sign_off.pad.isEnabled()
    assert not sign_off.summary.isEnabled()
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    assert not diagnose.perspective.isEnabled()
    assert not any(b.isEnabled() for b in diagnose.body.findChildren(QAbstractButton))

    bar = flow.closed_bar
    assert bar.isVisible()
    qtbot.waitUntil(bar.next_button.isVisible, timeout=WAIT_MS)
    assert "INC-00043" in bar.label.text()
    assert "Ben Ruiz" in bar.label.text()
    with qtbot.waitSignal(flow.visit_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["v-next"]


def test_an_open_visit_stays_editable_without_the_bar(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    add_next_visit(store)
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    assert diagnose.perspective.isEnabled()
    assert not flow.closed_bar.isVisible()
