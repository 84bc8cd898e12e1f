"""Small faults of the visit window: the header's values and status, Diagnose prefilled,
recorded choices shown read-only, Skip moving on, Resolve done only once shown to work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.store import Store, open_store
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_after import ResolvePage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from fieldapp.ui.visit.step_list import AVAILABLE_ROLE
from tests.store.factories import T0, PageBuilder, server_visit
from tests.ui.test_visit_flow import VISIT, WAIT_MS, Clock, click, page, seed

LONG_INCIDENT = " ".join(["The fake virus alert spread over the floor."] * 8)


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    builder = PageBuilder()
    builder.visit(
        server_visit(
            VISIT,
            reference="INC-00042",
            customer_name="Ada Park",
            contact_phone="+44 20 7946 3314",
            contact_extension="4412",
            window_start=T0,
            window_end=T0 + timedelta(hours=1),
            problem="The printer says it is offline.",
            category="Network",
            incident_ref="INC-4471",
            incident_summary=LONG_INCIDENT,
        )
    )
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture(name="open_flow")
def open_flow_fixture(qtbot: QtBot, store: Store) -> Iterator[Callable[[], VisitFlow]]:
    runner = BackgroundRunner()
    flows: list[VisitFlow] = []

    def make() -> VisitFlow:
        flow = VisitFlow(store, runner, VISIT, author="kyra", clock=Clock(T0))
        flow.resize(1100, 900)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        flows.append(flow)
        return flow

    yield make
    for flow in flows:
        flow.close()
        flow.deleteLater()
    runner.wait()


def test_contact_starts_on_its_first_line_beside_a_long_incident(
    open_flow: Callable[[], VisitFlow],
) -> None:
    flow = open_flow()
    caption, value = flow.header.values["contact"]
    assert value.text().startswith("+44 20 7946 3314")
    assert value.height() > value.fontMetrics().height() * 2  # the incident's row is tall
    assert value.alignment() & Qt.AlignmentFlag.AlignTop
    assert value.y() == caption.y()


def test_diagnose_starts_from_the_users_words_and_the_visits_category(
    store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    assert diagnose.perspective.toPlainText() == "The printer says it is offline."
    assert diagnose.source.currentData() == "network"


def test_after_the_choice_the_header_does_not_go_back_to_diagnosed(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED, EventType.OPTIONS_OFFERED)
    flow = open_flow()
    assert flow.header.step.text() == "User choosing"
    options: OptionsPage = page(flow, StepKey.OPTIONS, OptionsPage)
    # The offered choices are on record: shown, not editable, not offered again.
    assert options.editor.rows[0][1].text()
    assert not options.editor.isEnabled()
    assert not options.offer_button.isEnabled()
    assert options.offer_button.toolTip()
    flow.go_to(StepKey.OPTIONS)
    options.choices.group.buttons()[0].setChecked(True)
    click(qtbot, flow, options.choose_button)
    assert flow.header.step.text() == "User chose: resolving"


def test_skip_moves_the_current_step_on(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED)
    flow = open_flow()
    assert flow.current_key is StepKey.OPTIONS
    options: OptionsPage = page(flow, StepKey.OPTIONS, OptionsPage)
    qtbot.mouseClick(options.skip_button, Qt.MouseButton.LeftButton)
    assert flow.current_key is StepKey.RESOLVE
    resolve_row = flow.item(StepKey.RESOLVE)
    assert resolve_row.data(Qt.ItemDataRole.AccessibleTextRole).endswith("to do now")
    assert flow.item(StepKey.OPTIONS).data(Qt.ItemDataRole.AccessibleTextRole).endswith("available")

    flow.close()  # reopened, the visit carries on at Resolve with Resolve to do now
    again = open_flow()
    assert again.current_key is StepKey.RESOLVE
    row = again.item(StepKey.RESOLVE)
    assert row.data(Qt.ItemDataRole.AccessibleTextRole).endswith("to do now")


def test_resolve_without_a_demonstration_is_not_marked_done(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    seed(store, EventType.DIAGNOSED)
    flow = open_flow()
    flow.go_to(StepKey.RESOLVE)
    resolve: ResolvePage = page(flow, StepKey.RESOLVE, ResolvePage)
    qtbot.keyClicks(resolve.explanation, "Replaced the toner.")
    click(qtbot, flow, resolve.record_button)  # neither shown nor why not
    row = flow.item(StepKey.RESOLVE)
    assert not row.data(Qt.ItemDataRole.AccessibleTextRole).endswith("done")
    assert row.data(AVAILABLE_ROLE) is True  # it can still be shown and recorded
    assert resolve.gate_label.text().startswith("Recorded without a demonstration")

    flow.go_to(StepKey.RESOLVE)
    resolve.demonstrated.setChecked(True)
    resolve.confirmed.setChecked(True)
    click(qtbot, flow, resolve.record_button)
    assert flow.item(StepKey.RESOLVE).data(Qt.ItemDataRole.AccessibleTextRole).endswith("done")
