"""The round window over a real cache file: filters, order, search, keyboard, status, reminders."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType, Step
from fieldapp.protocol import Priority
from fieldapp.store import DiskFullError, Store, open_store
from fieldapp.store.feed import apply_changes_page
from fieldapp.store.recording import record_event
from fieldapp.store.round_queries import RoundFilter, RoundSort
from fieldapp.store.visit_rows import VisitRow
from fieldapp.sync.errors import AuthError, OfflineError
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_data import read_rows
from fieldapp.ui.round_model import RoundTableModel
from fieldapp.ui.round_rows import COLUMNS, STEP, RoundRow, round_row
from fieldapp.ui.round_window import RoundWindow
from tests.domain.factories import MINIMAL, iso
from tests.store.factories import TECH, PageBuilder, server_visit

NOW = datetime(2030, 3, 12, 10, 0).astimezone()  # local time: "today" is the 12th
WAIT_MS = 5000


class Clock:
    """The window's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def at(hour: float, day: int = 0) -> datetime:
    return datetime(2030, 3, 12 + day, int(hour), int(hour % 1 * 60)).astimezone()


def _visit(visit_id: str, start: datetime, **fields: Any) -> Any:
    return server_visit(
        visit_id, window_start=start, window_end=start + timedelta(minutes=45), **fields
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3")
    builder = PageBuilder()
    for visit_id, start, reference, customer, building, floor, fields in (
        ("v-print", at(9), "HP-001", "Ada Park", "North", "3",
         {"problem": "Printer prints blank pages."}),
        ("v-vpn", at(9.25), "HP-002", "Ben Ode", "South", "1",
         {"priority": Priority.CRITICAL, "problem": "VPN drops every few minutes."}),
        ("v-zoe", at(9.5), "HP-003", "Zoë Müller", "North", "2",
         {"problem": "Outlook asks for the password."}),
        ("v-old", at(9, -1), "HP-004", "Old Overdue", "Annex", "1", {}),
        ("v-next", at(9, 1), "HP-005", "Next Day", "Annex", "1", {}),
    ):  # fmt: skip
        builder.visit(
            _visit(
                visit_id,
                start,
                reference=reference,
                customer_name=customer,
                building=building,
                floor=floor,
                **fields,
            )
        )
    with opened.session() as session, session.begin():
        apply_changes_page(session, builder.page())
        record_event(
            session, "v-print", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=NOW
        )
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


MakeWindow = Callable[..., RoundWindow]


@pytest.fixture
def make_window(qtbot: QtBot, store: Store, clock: Clock) -> MakeWindow:
    def make(sync: Callable[[], object] = lambda: "Sync done.", **options: Any) -> RoundWindow:
        window = RoundWindow(
            store, BackgroundRunner(), sync, user_label="Kyra", clock=clock, use_tray=False,
            **options,
        )  # fmt: skip
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignals([window.round_loaded, window.status_loaded], timeout=WAIT_MS):
            window.refresh()
        return window

    return make


def references(window: RoundWindow) -> list[str]:
    return [row.reference for row in window.model.rows()]


def wait_rows(qtbot: QtBot, window: RoundWindow, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: references(window) == expected, timeout=WAIT_MS)


def test_lists_todays_round_with_steps_and_sync_marks(make_window: MakeWindow) -> None:
    window = make_window()
    # Round order: North (09:00 holds the earliest visit) floor 3 then 2, then South.
    assert references(window) == ["HP-001", "HP-003", "HP-002"]
    rows = {row.customer: row for row in window.model.rows()}
    assert rows["Ada Park"].step == "arrived"
    assert rows["Ada Park"].sync_mark == "1 to sync"
    assert rows["Ben Ode"].sync_mark == ""
    assert rows["Ben Ode"].unconfirmed
    model = window.model
    assert model.index(0, 0).data() == "09:00\u201309:45"  # today: the time says it all
    assert window.pending_label.text() == "1 to sync"
    assert window.last_sync_label.text() == "Never synced"
    assert window.tabs.tabText(0) == "&Today (3)"
    assert window.tabs.tabText(2) == "Ov&erdue (2)"  # yesterday's and this morning's
    assert not window.rejected_button.isVisible()


def test_filters_switch_from_the_keyboard(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    for key, kind, expected in (
        (Qt.Key.Key_2, RoundFilter.UPCOMING, ["HP-005"]),
        (Qt.Key.Key_3, RoundFilter.OVERDUE, ["HP-004", "HP-001"]),
        (Qt.Key.Key_4, RoundFilter.DONE, []),
        (Qt.Key.Key_5, RoundFilter.ALL, ["HP-004", "HP-001", "HP-002", "HP-003", "HP-005"]),
        (Qt.Key.Key_1, RoundFilter.TODAY, ["HP-001", "HP-003", "HP-002"]),
    ):
        qtbot.keyClick(window.table, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_filter is kind
        wait_rows(qtbot, window, expected)
    qtbot.keyClick(window.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.empty_label.isVisible, timeout=WAIT_MS)
    assert window.empty_label.text() == "No finished visits on this laptop yet."


def test_header_clicks_sort_and_ctrl_r_brings_back_round_order(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    header = window.table.horizontalHeader()
    customer = [c[0] for c in COLUMNS].index("Customer")
    header.sectionClicked.emit(customer)
    assert window.current_order == (RoundSort.CUSTOMER, False)
    wait_rows(qtbot, window, ["HP-001", "HP-002", "HP-003"])
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == customer
    header.sectionClicked.emit(customer)  # again: reversed
    wait_rows(qtbot, window, ["HP-003", "HP-002", "HP-001"])
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert window.order_combo.currentText() == "Customer"
    qtbot.keyClick(window.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, window, ["HP-001", "HP-003", "HP-002"])
    assert window.current_order == (RoundSort.ROUND, False)
    assert not header.isSortIndicatorShown()
    assert window.order_combo.currentText() == "Round order"
    # Each filter keeps its own order.
    header.sectionClicked.emit([c[0] for c in COLUMNS].index("Priority"))
    wait_rows(qtbot, window, ["HP-002", "HP-001", "HP-003"])
    window.set_filter(RoundFilter.ALL)
    assert window.current_order == (RoundSort.WINDOW, False)
    window.set_filter(RoundFilter.TODAY)
    assert window.current_order == (RoundSort.PRIORITY, False)


def test_search_is_instant_and_takes_any_input(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "nor")
    wait_rows(qtbot, window, ["HP-001", "HP-003"])
    assert window.result_label.text() == "2 visits match \u201cnor\u201d"
    window.search.setText("zoe")  # diacritics folded
    wait_rows(qtbot, window, ["HP-003"])
    window.search.setText("printer blank")  # the problem's words
    wait_rows(qtbot, window, ["HP-001"])
    for awkward in ('"', "*", "NEAR", "NEAR(ada", "ada OR", '"ben', "^", "\U0001f525", "Müller"):
        window.search.setText(awkward)
        qtbot.waitUntil(lambda: not window.model.loading, timeout=WAIT_MS)
    wait_rows(qtbot, window, ["HP-003"])  # Müller
    window.search.setText("old overdue")
    qtbot.waitUntil(window.empty_label.isVisible, timeout=WAIT_MS)
    assert window.empty_label.text() == (
        "No visit in Today matches \u201cold overdue\u201d. Search all visits with Ctrl+5."
    )
    qtbot.keyClick(window.search, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, window, ["HP-004"])
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)  # clears the search
    assert window.search.text() == ""


def test_keyboard_opens_a_visit_and_double_click_too(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "ben")
    wait_rows(qtbot, window, ["HP-002"])
    qtbot.keyClick(window.search, Qt.Key.Key_Down)  # into the list, first row selected
    assert window.table.hasFocus()
    with qtbot.waitSignal(window.visit_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == ["v-vpn"]
    rect = window.table.visualRect(window.model.index(0, 2))
    viewport = window.table.viewport()
    # QTest's double click sends no press first; a real one does (the view checks it).
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.visit_opened) as opened:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["v-vpn"]


def test_selection_survives_a_refresh(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.table.selectRow(2)
    assert window.current_visit_id() == "v-vpn"
    with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
        window.refresh()
    assert window.current_visit_id() == "v-vpn"


def test_failed_sync_says_why_and_shows_offline(qtbot: QtBot, make_window: MakeWindow) -> None:
    def sync() -> str:
        raise OfflineError("Cannot reach the server; your work is kept and will be sent later.")

    window = make_window(sync)
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert finished.args == ["Cannot reach the server; your work is kept and will be sent later."]
    assert window.connection_label.text() == "Offline"
    assert window.sync_action.isEnabled()


def test_a_full_disk_during_sync_is_said_plainly_and_is_not_offline(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    def sync() -> str:
        raise DiskFullError()

    window = make_window(sync)
    before = window.connection_label.text()
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert finished.args == [DiskFullError().message]
    assert window.statusBar().currentMessage() == DiskFullError().message
    assert window.connection_label.text() == before  # the link is not what failed
    assert window.sync_action.isEnabled()


def test_second_click_while_syncing_starts_nothing(qtbot: QtBot, make_window: MakeWindow) -> None:
    release = threading.Event()
    calls: list[int] = []

    def slow_sync() -> str:
        calls.append(1)
        release.wait(10)
        return "Sync done: pulled 0, pushed 0."

    window = make_window(slow_sync)
    window.sync_now()
    window.sync_now()
    window.sync_action.trigger()
    assert window.syncing
    assert not window.sync_action.isEnabled()
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
        release.set()
    assert calls == [1]
    assert window.connection_label.text() == "Online"


def test_an_expired_login_asks_for_a_new_one(qtbot: QtBot, make_window: MakeWindow) -> None:
    def sync() -> str:
        raise AuthError("Your login has expired; please log in again.", reason="token_expired")

    window = make_window(sync)
    with qtbot.waitSignal(window.login_required, timeout=WAIT_MS) as asked:
        window.sync_now()
    assert asked.args == ["Your login has expired; please log in again."]
    assert window.connection_label.text() == "Online"  # the server answered


def test_the_server_coming_back_starts_a_sync(qtbot: QtBot, make_window: MakeWindow) -> None:
    reachable = threading.Event()
    syncs: list[int] = []

    def sync() -> str:
        syncs.append(1)
        if not reachable.is_set():
            raise OfflineError("Cannot reach the server.")
        return "Sync done."

    def probe() -> str:
        if not reachable.is_set():
            raise OfflineError("Cannot reach the server.")
        return "info"

    window = make_window(sync, probe=probe, probe_interval_ms=30)
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
        window.sync_now()
    assert window.connection_label.text() == "Offline"
    qtbot.wait(100)  # a few probes, all failing: no sync meanwhile
    assert syncs == [1]
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        reachable.set()
    assert finished.args == ["Sync done."]
    assert syncs == [1, 1]
    assert window.connection_label.text() == "Online"


def test_a_promise_is_reminded_once_fifteen_minutes_before(
    qtbot: QtBot, store: Store, clock: Clock, make_window: MakeWindow
) -> None:
    with store.session() as session, session.begin():
        record_event(
            session,
            "v-vpn",
            EventType.ARRIVED,
            MINIMAL[EventType.ARRIVED],
            author=TECH,
            now=NOW,
        )
        record_event(
            session,
            "v-vpn",
            EventType.USER_BUSY,
            {"return_at": iso(at(14)), "agreed_with": "Ben"},
            author=TECH,
            now=NOW,
        )
    window = make_window()
    assert window.promises_model.rowCount() == 1
    assert window.promises_model.index(0, 0).data() == (
        "14:00 \u2014 Return visit\nHP-002 \u00b7 Ben Ode\nCome back at the agreed time"
    )
    assert window.promises_panel.windowTitle() == "Promises (1)"
    clock.now = at(13, 0) + timedelta(minutes=44)  # 16 minutes before: not yet
    window.check_reminders()
    assert not window.notice.isVisible()
    clock.now = at(13, 0) + timedelta(minutes=46)
    window.check_reminders()
    assert window.notice.isVisible()
    assert window.notice.text == (
        "Return visit for HP-002 (Ben Ode) is due at 14:00, in 14 min: "
        "Come back at the agreed time."
    )
    assert window.promises_model.index(0, 0).data().startswith("14:00 (in 14 min) \u2014 ")
    window.notice.dismiss()
    clock.now = at(13, 0) + timedelta(minutes=50)
    window.check_reminders()  # once only
    assert not window.notice.isVisible()
    with qtbot.waitSignal(window.visit_opened) as opened:
        window.promises_panel.list.activated.emit(window.promises_model.index(0, 0))
    assert opened.args == ["v-vpn"]


def test_reminder_notice_opens_the_visit(
    qtbot: QtBot, store: Store, clock: Clock, make_window: MakeWindow
) -> None:
    with store.session() as session, session.begin():
        for kind, payload in (
            (EventType.ARRIVED, MINIMAL[EventType.ARRIVED]),
            (EventType.USER_BUSY, {"return_at": iso(at(9, -1)), "agreed_with": "Ada"}),
        ):
            record_event(session, "v-old", kind, payload, author=TECH, now=at(8, -1))
    window = make_window()  # already overdue when first seen: reminded at once
    assert window.notice.isVisible()
    assert "is overdue since 09:00" in window.notice.text
    with qtbot.waitSignal(window.visit_opened) as opened:
        window.notice.action_button.click()
    assert opened.args == ["v-old"]
    assert not window.notice.isVisible()


def test_round_model_passes_qt_model_checks_while_paging(qtmodeltester: Any, store: Store) -> None:
    from fieldapp.store.round_queries import RoundQuery

    query = RoundQuery(now=NOW, filter=RoundFilter.ALL, sort=RoundSort.WINDOW)
    model = RoundTableModel(page_size=2)
    model.load(lambda offset, limit: read_rows(store, query, offset, limit))
    assert model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def test_only_the_newest_load_is_shown(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    model = RoundTableModel(runner=runner)
    started = threading.Event()
    release = threading.Event()

    def row(reference: str) -> RoundRow:
        return RoundRow(
            visit_id=reference, window_start=NOW, window_end=NOW, reference=reference,
            customer="", location="", priority="normal", step="scheduled", pending=0, rejected=0,
        )  # fmt: skip

    def slow(_offset: int, _limit: int) -> list[RoundRow]:
        started.set()
        release.wait(5)
        return [row("old")]

    model.load(slow)
    assert started.wait(5)
    model.load(lambda _o, _l: [row("middle")])
    model.load(lambda _o, _l: [row("new")])
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        release.set()
    assert [r.reference for r in model.rows()] == ["new"]
    runner.wait()


def test_dark_palette_changes_the_colours_used(
    qtbot: QtBot, make_window: MakeWindow, clock: Clock
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    window = make_window()
    window.set_filter(RoundFilter.OVERDUE)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=WAIT_MS)
    light_red = window.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    dark = QPalette(original)
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.ToolTipBase, "#2d2f31"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(color))
    try:
        app.setPalette(dark)
        window.notice.show_notice("Checking the colours.")
        qtbot.wait(10)  # the palette reaches the widgets through events
        dark_red = window.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
        assert light_red.lightness() < 128 < dark_red.lightness()
        notice = window.notice
        assert notice.palette().color(notice.backgroundRole()) == QColor("#2d2f31")
        label = notice.text_label
        assert label.palette().color(label.foregroundRole()) == QColor("#e8eaed")
    finally:
        app.setPalette(original)


def test_widgets_have_accessible_names(make_window: MakeWindow) -> None:
    window = make_window()
    for widget in (
        window.table,
        window.search,
        window.tabs,
        window.order_combo,
        window.connection_label,
        window.pending_label,
        window.last_sync_label,
        window.rejected_button,
        window.promises_panel.list,
        window.notice,
    ):
        assert widget.accessibleName(), widget
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"F5", "Ctrl+F", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+R"} <= (
        shortcuts
    )


def test_a_busy_users_visit_says_when_to_go_back_and_turns_red_after() -> None:
    morning = datetime(2030, 3, 12, 8, 0).astimezone()
    back = datetime(2030, 3, 12, 14, 0).astimezone()
    visit = VisitRow(
        id="v", reference="R-1", customer_name="Priya", site="", building="North", floor="3",
        room="3.14", window_start=morning, window_end=morning + timedelta(minutes=30),
        priority="normal", status="scheduled", step=Step.AWAITING_RETURN, pending_count=0,
        rejected_count=0, scope_lost_reason=None, scope_lost_message=None, return_at=back,
    )  # fmt: skip

    at_noon = round_row(visit, datetime(2030, 3, 12, 12, 0).astimezone())
    at_three = round_row(visit, datetime(2030, 3, 12, 15, 0).astimezone())
    day_before = round_row(visit, datetime(2030, 3, 11, 12, 0).astimezone())

    assert at_noon.texts[STEP] == "Back at 14:00"
    assert not at_noon.overdue  # the window passed, but the user expects the technician at two
    assert at_three.overdue
    assert day_before.texts[STEP] == "Back tomorrow at 14:00"
