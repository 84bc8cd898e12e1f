"""The round's columns on a fresh cache: sized to what they hold once the first visits arrive."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.protocol import Priority
from fieldapp.store import open_store
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.recording import record_event
from fieldapp.store.round_queries import RoundFilter
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_columns import content_width, fit_to_rows
from fieldapp.ui.round_rows import CUSTOMER, LOCATION, PROBLEM, REFERENCE, STEP
from fieldapp.ui.round_window import RoundWindow
from tests.domain.factories import MINIMAL
from tests.store.factories import TECH, PageBuilder, server_visit
from tests.ui.test_round_window import NOW, WAIT_MS, Clock, at

CONFIRMED, ARRIVED = EventType.CONFIRMED, EventType.ARRIVED


@pytest.mark.parametrize("width", [1920, 1366])
def test_columns_fit_the_first_visits_after_an_empty_start(
    qtbot: QtBot, tmp_path: Path, width: int
) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        window = RoundWindow(
            store, BackgroundRunner(), lambda: "", clock=Clock(NOW), use_tray=False
        )
        qtbot.addWidget(window)
        window.resize(width, 700)
        window.show()
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.refresh()  # a fresh cache: nothing yet
        assert window.model.rowCount() == 0

        builder = PageBuilder()  # the first sync brings the round
        for number, start in enumerate((at(9), at(10), at(11)), start=1):
            builder.visit(
                server_visit(
                    f"v-{number}",
                    reference=f"HP-2612-00{number}",
                    customer_name="Concepción Fernández-Wright",
                    building="Harbour House",
                    floor="12",
                    room="12.40 desk 7",
                    window_start=start,
                    window_end=start + timedelta(minutes=45),
                    problem="The docking station drops both screens after lunch, every day.",
                )
            )
        with store.session() as session, session.begin():
            apply_changes_page(session, builder.page())
            for visit_id, kinds in (("v-2", [CONFIRMED]), ("v-3", [CONFIRMED, ARRIVED])):
                for kind in kinds:
                    record_event(session, visit_id, kind, MINIMAL[kind], author=TECH, now=NOW)
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.refresh()

        header = window.table.horizontalHeader()
        metrics = window.table.fontMetrics()
        model = window.model
        steps = {model.index(r, STEP).data() for r in range(model.rowCount())}
        assert {"Not confirmed", "Confirmed", "Arrived"} <= steps  # in words, not an icon
        # Whole on a large screen; on a laptop's the location and customer give the problem
        # room first, never the reference or the step.
        whole = (REFERENCE, CUSTOMER, LOCATION, STEP) if width > 1600 else (REFERENCE, STEP)
        for row in range(model.rowCount()):
            for column in whole:
                index = model.index(row, column)
                option = QStyleOptionViewItem()
                wanted = window.table.itemDelegateForIndex(index).sizeHint(option, index)
                text = str(index.data())
                assert header.sectionSize(column) >= wanted.width(), (column, text)
                assert header.sectionSize(column) > metrics.horizontalAdvance(text), text
        assert header.sectionSize(PROBLEM) >= 200  # the problem keeps room to be read

        # Fitted once; a return visit that a later sync brings still shows its whole
        # reference (it was cut to "HP-2612-0...").
        later = PageBuilder()
        later.visit(
            server_visit(
                "v-r1",
                reference="HP-2612-001-R1",
                customer_name="Ada",
                window_start=at(8),
                window_end=at(8) + timedelta(minutes=30),
            )
        )
        with store.session() as session, session.begin():
            apply_changes_page(session, later.page())
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.refresh()
        row = next(r for r in range(model.rowCount()) if "-R1" in str(model.index(r, 1).data()))
        index = model.index(row, REFERENCE)
        wanted = window.table.itemDelegateForIndex(index).sizeHint(QStyleOptionViewItem(), index)
        assert header.sectionSize(REFERENCE) >= wanted.width()
        assert header.sectionSize(PROBLEM) >= 200  # the location gave the width, not it
    finally:
        window.close()
        store.dispose()


def test_fitting_to_the_rows_gives_what_qt_fits_to_the_contents(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """fit_to_rows measures only each column's widest cells: the widths are Qt's own."""
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        builder = PageBuilder()
        names = ["Li", "Concepción Fernández-Wright", "Ada Park", "Wolfgang Maximilian Ober"]
        priorities = [Priority.LOW, Priority.CRITICAL, Priority.NORMAL, Priority.HIGH]
        for number in range(24):
            start = at(8 + number % 9, day=number % 3 - 1)
            builder.visit(
                server_visit(
                    f"v-{number}",
                    reference=f"HP-2612-{number:03d}" + ("-R1" if number % 7 == 0 else ""),
                    customer_name=names[number % len(names)],
                    building=["Annex", "Harbour House North Wing"][number % 2],
                    floor=str(number),
                    priority=priorities[number % len(priorities)],
                    window_start=start,
                    window_end=start + timedelta(minutes=30 + number),
                    problem="x" * (10 + 3 * number),
                )
            )
        with store.session() as session, session.begin():
            apply_changes_page(session, builder.page())
            for number in range(0, 24, 5):  # pending events: the sync column's icon
                record_event(
                    session, f"v-{number}", CONFIRMED, MINIMAL[CONFIRMED], author=TECH, now=NOW
                )
        window = RoundWindow(
            store, BackgroundRunner(), lambda: "", clock=Clock(NOW), use_tray=False
        )
        qtbot.addWidget(window)
        window.show()
        window.set_filter(RoundFilter.ALL)
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.refresh()
        assert window.model.rowCount() == 24
        header = window.table.horizontalHeader()
        window.table.resizeColumnsToContents()
        qt_widths = [header.sectionSize(c) for c in range(header.count())]
        for column in range(header.count()):
            header.resizeSection(column, 30)
        fit_to_rows(window.table)
        assert [header.sectionSize(c) for c in range(header.count())] == qt_widths
        for column in range(header.count()):
            table = window.table
            assert content_width(table, column) == table.sizeHintForColumn(column), column
    finally:
        window.close()
        store.dispose()
