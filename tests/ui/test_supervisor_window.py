"""The supervisors' window on a real seeded server: board, timeline, metrics, charts, conflicts,
shortcuts and error sentences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType as E
from fieldapp.domain import Step
from fieldapp.protocol import BoardStatus, BoardVisit, ConflictStatus, FollowUpStatus, Priority
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.board import step_words
from fieldapp.ui.supervisor.common import local, rate
from fieldapp.ui.supervisor.metrics_columns import time_on_site_words
from fieldapp.ui.supervisor.timeline import TimelineDialog
from fieldapp.ui.table_model import TableModel
from tests.sync.supervisor_kit import REPORT_PDF, Team, event, push_all
from tests.ui.supervisor_kit import WAIT_MS, Chooser, chooser_fixture, team_fixture, window_fixture

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def texts(model: TableModel[object], column: str) -> list[str]:
    """The column's text, row by row."""
    number = next(i for i, c in enumerate(model.columns) if c.title == column)
    return [model.index(row, number).data() for row in range(model.rowCount())]


def cell(model: TableModel[object], row: int, column: str) -> str:
    return texts(model, column)[row]


def test_the_board_shows_each_technician_with_their_counts(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    board = window.board

    assert texts(board.technicians, "Technician") == ["Ana Lopez", "Ben Okafor"]
    assert texts(board.technicians, "Visits") == ["5", "3"]
    assert texts(board.technicians, "Completed") == ["2", "0"]
    assert texts(board.technicians, "Escalated") == ["1", "0"]
    assert texts(board.technicians, "Overdue") == ["1", "0"]
    assert texts(board.technicians, "In progress") == ["0", "1"]
    working = team.client.visit(team.ids["working"]).reference
    late = team.client.visit(team.ids["late"]).reference
    ana_now, ben_now = texts(board.technicians, "Now")
    assert ana_now.startswith(f"Overdue: {late} at ")  # nothing in progress: what waits
    assert ben_now == f"At the desk \u00b7 {working}"
    assert all("ago" in t or "just now" in t for t in texts(board.technicians, "Last synced"))
    assert board.summary.text() == "2 technicians \u00b7 8 visits listed \u00b7 1 unassigned"

    board.technician_table.selectRow(0)

    assert board.visits.rowCount() == 5
    assert sorted(texts(board.visits, "Status")) == [
        "Completed",
        "Completed",
        "Escalated",
        "Overdue",
        "Upcoming",
    ]
    assert board.visits_label.text().startswith("Visits of Ana Lopez")


def test_board_filters_ask_the_server_again(qtbot: QtBot, window: SupervisorWindow) -> None:
    board = window.board
    board.technician_table.selectRow(0)
    overdue = board.status_combo.findData("overdue")

    with qtbot.waitSignal(board.loaded, timeout=WAIT_MS):
        board.status_combo.setCurrentIndex(overdue)
        board.status_combo.activated.emit(overdue)

    assert texts(board.visits, "Customer") == ["Late Larry"]  # Ana stays selected
    assert texts(board.technicians, "Visits") == ["5", "3"]  # counts cover every status
    with qtbot.waitSignal(board.loaded, timeout=WAIT_MS):
        board.site_edit.setText("Annex")
        board.site_edit.editingFinished.emit()
    assert texts(board.technicians, "Visits") == ["0", "0"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_a_double_click_opens_the_timeline_with_both_times_and_authors(
    qtbot: QtBot, window: SupervisorWindow, team: Team, chooser: Chooser, tmp_path: Path
) -> None:
    board = window.board
    board.technician_table.selectRow(0)
    done = team.client.visit(team.ids["done"]).reference
    assert board.visit_table.select_where(lambda v: v.reference == done)
    index = board.visit_table.currentIndex()
    rect = board.visit_table.visualRect(index)

    viewport = board.visit_table.viewport()
    with qtbot.waitSignal(window.timeline_opened, timeout=WAIT_MS) as opened:
        # a real double-click: press and release, then the double-click event
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog: TimelineDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6, timeout=WAIT_MS)

    assert dialog.heading.text().startswith(done)
    assert texts(dialog.model, "What") == [
        "Arrived at the desk",
        "Permission granted",
        "Diagnosed",
        "Resolved",
        "Signed off",
        "File attached",
    ]
    assert all(texts(dialog.model, "Laptop time"))
    assert all(texts(dialog.model, "Server time"))
    assert set(texts(dialog.model, "Recorded by")) == {"Ana Lopez (ana)"}
    assert "Satisfaction 5/5" in cell(dialog.model, 4, "Details")
    assert dialog.trips.text().startswith("1 trip \u00b7 ")
    assert "Trip 1: " in dialog.trips.text()
    assert window.open_timeline(team.ids["done"]) is dialog  # a second open raises it

    target = tmp_path / "report.pdf"
    chooser.answers.append(target)
    with qtbot.waitSignal(dialog.report_saved, timeout=WAIT_MS):
        dialog.report_button.click()
    assert target.read_bytes() == REPORT_PDF
    assert chooser.requests[-1].suggested == f"{done}-service-report.pdf"
    dialog.close()


def test_metrics_match_the_server_and_a_follow_up_is_closed_with_a_note(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    metrics = window.metrics
    with qtbot.waitSignal(metrics.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is metrics
    report = team.client.metrics(team.date_from, team.date_to)

    assert texts(metrics.model, "Who") == ["Whole team", "Ana Lopez", "Ben Okafor"]
    rows = [report.team] + [t.metrics for t in report.technicians]
    assert texts(metrics.model, "Visits") == [str(m.visits) for m in rows]
    assert texts(metrics.model, "Shown\nworking") == [
        rate(m.resolution_demonstrated_rate, m.resolution_demonstrated, m.completed) for m in rows
    ]
    assert texts(metrics.model, "Permission\nrecorded") == [
        rate(m.permission_recorded_rate, m.permission_recorded, m.arrived) for m in rows
    ]
    assert texts(metrics.model, "Escalations") == [str(m.escalations) for m in rows]
    for title, count in (
        ("Declined by\nthe user", lambda m: m.declined_by_user),
        ("Closed as\ndeclined", lambda m: m.closed_declined),
        ("User absent:\nnote left", lambda m: m.absent_note_left),
        ("Absent user\ncame back", lambda m: m.absent_user_returned),
        ("Resolved\nremotely", lambda m: m.resolved_remotely),
        ("Already fixed\non arrival", lambda m: m.fixed_on_arrival),
        ("No fault\nfound", lambda m: m.no_fault_found),
        ("No longer\nneeded", lambda m: m.no_longer_needed),
        ("Walk-ups", lambda m: m.walk_ups),
        ("Handled on\nthe spot", lambda m: m.handled_on_the_spot),
        ("Reopened:\nfix failed", lambda m: m.reopened),
        ("Finished on\na later trip", lambda m: m.finished_later_trip),
        ("Parts that\ncould not go back", lambda m: m.parts_disposed),
        ("Parts\nstill out", lambda m: m.parts_out),
        ("Loans\nstill out", lambda m: m.loans_out),
        ("Loans\noverdue", lambda m: m.loans_overdue),
    ):
        assert texts(metrics.model, title) == [str(count(m)) for m in rows], title
    assert texts(metrics.model, "Time on\nsite") == [time_on_site_words(m) for m in rows]
    assert cell(metrics.model, 0, "Satisfaction") == "3.5 / 5 (2)"
    assert texts(metrics.model, "Ratings\n\u2264 2") == ["1", "1", "0"]
    assert texts(metrics.follow_ups, "Customer's comment") == ["Took too long."]

    metrics.follow_up_table.selectRow(0)
    metrics.close_button.click()
    dialog = metrics.close_dialog
    assert dialog is not None
    assert not dialog.action_button.isEnabled()  # a note is required
    dialog.note_edit.setPlainText("Called her back; apologised for the wait.")
    with qtbot.waitSignals([metrics.follow_up_closed, metrics.loaded], timeout=WAIT_MS):
        dialog.action_button.click()

    assert metrics.follow_ups.rowCount() == 0
    [closed] = team.client.follow_ups(FollowUpStatus.CLOSED).items
    assert closed.note == "Called her back; apologised for the wait."


def test_the_care_audit_figures_per_technician_and_per_source_category(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    """The seed: Ana arrived (greeted) at three visits and diagnosed two as software; Ben
    arrived (greeted) at one. Here Ana notes an out-of-scope request on a closed visit."""
    out_of_scope = {"category": "out_of_scope", "answer_given": "Personal phones are not ours."}
    note = event(team.ids["done"], E.NOTE, team.now, text="Asked about a phone.", **out_of_scope)
    push_all(team.laptops["ana"], note)
    metrics = window.metrics
    with qtbot.waitSignal(metrics.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    per_category = metrics.per_category

    assert texts(metrics.model, "Greeted on\narrival") == [
        "100% (4 of 4)", "100% (3 of 3)", "100% (1 of 1)"
    ]  # fmt: skip
    assert texts(metrics.model, "Late: user\ntold") == ["\u2013"] * 3  # nobody was late
    assert texts(metrics.model, "Teaching\naccepted") == ["\u2013"] * 3
    assert texts(metrics.model, "Out-of-scope\nrequests") == ["1", "1", "0"]
    assert texts(metrics.model, "Diagnoses by\nsource") == ["Software 2", "Software 2", "\u2013"]
    assert texts(per_category.model, "Source") == [
        "Network", "Software", "Hardware", "Configuration", "User knowledge"
    ]  # fmt: skip
    assert texts(per_category.model, "Diagnosed\nvisits") == ["0", "2", "0", "0", "0"]
    assert cell(per_category.model, 1, "Greeted on\narrival") == "100% (2 of 2)"
    assert cell(per_category.model, 1, "Out-of-scope\nrequests") == "1"
    rates = {s.label(): [s.at(i) for i in range(s.count())] for s in
             per_category.bars(per_category.rates_view)}  # fmt: skip
    counts = {s.label(): [s.at(i) for i in range(s.count())] for s in
              per_category.bars(per_category.counts_view)}  # fmt: skip
    assert rates["Greeted on arrival"] == [0.0, 100.0, 0.0, 0.0, 0.0]
    assert set(rates) == {"Greeted on arrival", "Late: user told", "Teaching accepted"}
    assert counts == {
        "Diagnosed visits": [0.0, 2.0, 0.0, 0.0, 0.0],
        "Out-of-scope requests": [0.0, 1.0, 0.0, 0.0, 0.0],
    }


def test_the_charts_get_the_days_series(qtbot: QtBot, window: SupervisorWindow, team: Team) -> None:
    charts = window.charts
    with qtbot.waitSignal(charts.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    days = team.client.daily_metrics(team.date_from, team.date_to).days

    assert [charts.completions.at(i) for i in range(charts.completions.count())] == [
        float(d.completions) for d in days
    ]
    assert [(p.x(), p.y()) for p in charts.satisfaction.points()] == [
        (float(i), d.satisfaction_average)
        for i, d in enumerate(days)
        if d.satisfaction_average is not None
    ]
    assert charts.promises.count() == 0  # no promise fell due
    assert "none fell due" in charts.promises_view.chart_.title()
    assert charts.summary.text() == "2 completed \u00b7 2 ratings over 3 days"
    with qtbot.waitSignal(charts.loaded, timeout=WAIT_MS):
        ben = charts.technician_combo.findData("ben")
        charts.technician_combo.setCurrentIndex(ben)
        charts.technician_combo.activated.emit(ben)
    assert sum(charts.completions.at(i) for i in range(charts.completions.count())) == 0


@pytest.mark.parametrize("accept", [True, False])
def test_a_conflict_is_accepted_or_dismissed_with_a_note(
    qtbot: QtBot, window: SupervisorWindow, team: Team, accept: bool
) -> None:
    conflicts = window.conflicts
    with qtbot.waitSignal(conflicts.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert texts(conflicts.model, "Recorded by") == ["Ana Lopez"]
    assert texts(conflicts.model, "Now with") == ["Ben Okafor"]
    assert texts(conflicts.model, "Details") == ["The user moved to desk 3.15."]
    assert not conflicts.accept_button.isEnabled()

    conflicts.table.selectRow(0)
    (conflicts.accept_button if accept else conflicts.dismiss_button).click()
    dialog = conflicts.dialog
    assert dialog is not None
    dialog.note_edit.setPlainText("Checked with Ben.")
    with qtbot.waitSignals([conflicts.resolved, conflicts.loaded], timeout=WAIT_MS):
        dialog.action_button.click()

    assert conflicts.model.rowCount() == 0
    [done] = team.client.conflicts().conflicts
    assert done.status is (ConflictStatus.ACCEPTED if accept else ConflictStatus.DISMISSED)
    assert done.note == "Checked with Ben."


def test_ctrl_numbers_switch_tabs_and_f5_reads_the_tab_again(
    qtbot: QtBot, window: SupervisorWindow
) -> None:
    for number, tab in enumerate(
        (window.board, window.metrics, window.charts, window.dispatch, window.conflicts), 1
    ):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.tabs.currentWidget() is tab
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.export
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)

    with qtbot.waitSignal(window.board.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.tabs.tabText(0) == "Team &board"
    for widget in (window.board.technician_table, window.refresh_button, window.from_edit):
        assert widget.accessibleName()


def test_a_failure_shows_the_typed_errors_sentence(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    team.server.expire_tokens("sue")

    with qtbot.waitSignal(window.board.loader.failed, timeout=WAIT_MS):
        window.refresh()

    assert window.notice.isVisible()
    assert window.notice.text == "Your login has expired; please log in again."


def test_a_second_refresh_while_reading_runs_once_after_it(
    qtbot: QtBot, window: SupervisorWindow
) -> None:
    loads: list[int] = []
    window.board.loaded.connect(lambda: loads.append(1))

    window.refresh()
    assert window.board.loader.busy
    window.refresh()
    window.refresh()  # both wanted while busy: one more read, not two
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=WAIT_MS)
    qtbot.wait(300)

    assert len(loads) == 2
    assert not window.board.loader.busy


def test_a_busy_users_visit_says_when_the_technician_comes_back() -> None:
    start = datetime(2030, 3, 11, 9, tzinfo=UTC)
    visit = BoardVisit(
        id="v",
        reference="INC-1",
        customer_name="Priya",
        site="",
        building="",
        floor="",
        room="",
        window_start=start,
        window_end=start + timedelta(hours=1),
        estimated_minutes=30,
        priority=Priority.NORMAL,
        step=Step.AWAITING_RETURN,
        status=BoardStatus.IN_PROGRESS,
        return_at=start + timedelta(hours=5),
    )

    assert step_words(visit) == f"Awaiting return at {local(start + timedelta(hours=5))}"
    assert step_words(visit.model_copy(update={"return_at": None})) == "Awaiting return"
