"""Dispatch from the supervisors' window on a real server: create, assign and reassign after the
preview, cancel; CSV import and export; the service report saved from the list."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldapp.protocol import VisitStatus
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.colleagues import ColleaguesDialog
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.dispatch import DispatchTab
from fieldapp.ui.supervisor.dispatch_dialogs import AssignDialog, VisitDialog
from fieldapp.ui.supervisor.dispatch_preview import PreviewDialog
from tests.sync.supervisor_kit import REPORT_PDF, Team, new_visit
from tests.ui.supervisor_kit import WAIT_MS, Chooser, chooser_fixture, team_fixture, window_fixture

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here

# A day of its own, away from the seeded visits and from midnight: previews are per UTC day.
DAY = (datetime.now(UTC) + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture(name="dispatch")
def dispatch_fixture(qtbot: QtBot, window: SupervisorWindow, team: Team) -> DispatchTab:
    """The Dispatch tab over a period reaching DAY, read."""
    with qtbot.waitSignal(window.board.loaded, timeout=WAIT_MS):
        window.set_period(team.date_from, DAY.date())
    with qtbot.waitSignal(window.dispatch.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    return window.dispatch


def rows(dispatch: DispatchTab) -> dict[str, str]:
    """Reference -> technician's name, as listed."""
    column = [c.title for c in dispatch.model.columns].index("Technician")
    return {
        dispatch.model.row_at(row).reference: dispatch.model.index(row, column).data()
        for row in range(dispatch.model.rowCount())
    }


def select(dispatch: DispatchTab, reference: str) -> None:
    assert dispatch.table.select_where(lambda v: v.reference == reference)


def reassign(qtbot: QtBot, dispatch: DispatchTab, username: str) -> PreviewDialog:
    """Ask to (re)assign the selected visit; return the preview shown before anything changes."""
    dispatch.assign_button.click()
    dialog = dispatch.dialog
    assert isinstance(dialog, AssignDialog)
    dialog.technician_combo.setCurrentIndex(dialog.technician_combo.findData(username))
    with qtbot.waitSignal(dispatch.preview_shown, timeout=WAIT_MS) as shown:
        dialog.action_button.click()
    preview: PreviewDialog = shown.args[0]
    return preview


def test_create_assign_reassign_after_the_preview_and_cancel(
    qtbot: QtBot, dispatch: DispatchTab, team: Team, qtmodeltester: ModelTester
) -> None:
    ana_ref = team.client.visit(new_visit(team.server, "ana", DAY + timedelta(hours=1))).reference
    ben_ref = team.client.visit(new_visit(team.server, "ben", DAY + timedelta(hours=1.5))).reference
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        dispatch.refresh()

    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    form.fields["reference"].setText("VIP-7")
    form.fields["customer_name"].setText("The CEO")
    start = DAY + timedelta(minutes=55)
    form.start_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))
    form.end_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp()) + 3600))
    form.minutes_spin.setValue(60)
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        form.action_button.click()
    [vip_id] = [v.id for v in dispatch.model.rows() if v.reference == "VIP-7"]
    assert rows(dispatch)["VIP-7"] == "Unassigned"

    select(dispatch, "VIP-7")
    assert dispatch.assign_button.text() == "&Assign\u2026"
    preview = reassign(qtbot, dispatch, "ana")
    assert [d.reference for d in preview.model.rows()] == [ana_ref]
    qtmodeltester.check(preview.model, force_py=True)
    assert "delays 1 of the technician's visits" in preview.summary.text()
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        preview.go_button.click()
    assert rows(dispatch)["VIP-7"] == "Ana Lopez"

    select(dispatch, "VIP-7")
    assert dispatch.assign_button.text() == "Re&assign\u2026"
    declined = reassign(qtbot, dispatch, "ben")
    declined.reject()  # nothing changes without a yes
    assert team.client.visit(vip_id).assignee == "ana"
    preview = reassign(qtbot, dispatch, "ben")
    first = preview.model.rows()[0]
    assert (first.reference, first.delay_minutes) == (ben_ref, 25)
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        preview.go_button.click()
    assert rows(dispatch)["VIP-7"] == "Ben Okafor"
    assert team.client.visit(vip_id).assignee == "ben"

    select(dispatch, "VIP-7")
    dispatch.cancel_button.click()
    note = dispatch.dialog
    assert isinstance(note, NoteDialog)
    note.note_edit.setPlainText("The CEO fixed it himself.")
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        note.action_button.click()
    assert "VIP-7" not in rows(dispatch)
    cancelled = team.client.visit(vip_id)
    assert (cancelled.status, cancelled.cancel_reason) == (
        VisitStatus.CANCELLED,
        "The CEO fixed it himself.",
    )


def test_a_second_click_while_a_change_runs_does_nothing(
    qtbot: QtBot, dispatch: DispatchTab
) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    form.fields["reference"].setText("ONE-1")
    form.fields["customer_name"].setText("Bo Chen")
    with qtbot.waitSignal(dispatch.changed, timeout=WAIT_MS):
        form.action_button.click()
        assert dispatch.action_loader.busy
        assert not dispatch.new_button.isEnabled()
        assert dispatch.open_create_dialog() is None
        assert dispatch.import_csv() is False


def test_a_csv_import_with_a_bad_row_shows_the_sentence_naming_it(
    qtbot: QtBot, window: SupervisorWindow, dispatch: DispatchTab, chooser: Chooser, tmp_path: Path
) -> None:
    end = DAY + timedelta(hours=1)
    good = f"CSV-1,Ada Park,{DAY.isoformat()},{end.isoformat()},ben\n"
    bad = "CSV-2,Bo Chen,half past nine,2030-01-01T10:00:00+00:00,ben\n"
    path = tmp_path / "visits.csv"
    path.write_text("reference,customer_name,window_start,window_end,assignee\n" + good + bad)
    chooser.answers.append(path)

    with qtbot.waitSignal(dispatch.action_loader.failed, timeout=WAIT_MS):
        dispatch.import_button.click()

    assert window.notice.isVisible()
    assert window.notice.text.startswith("Nothing was imported: line 3, field 'window_start'")
    assert chooser.requests[-1].save is False
    path.write_text("reference,customer_name,window_start,window_end,assignee\n" + good)
    chooser.answers.append(path)
    with qtbot.waitSignals([dispatch.imported, dispatch.loaded], timeout=WAIT_MS):
        dispatch.import_button.click()
    assert rows(dispatch)["CSV-1"] == "Ben Okafor"
    assert window.statusBar().currentMessage() == "Imported 1 visit from visits.csv."


def test_export_writes_csv_files_with_a_header(
    qtbot: QtBot, window: SupervisorWindow, chooser: Chooser, tmp_path: Path
) -> None:
    export = window.export
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    visits_csv, metrics_csv = tmp_path / "visits.csv", tmp_path / "metrics.csv"
    chooser.answers += [visits_csv, metrics_csv, None]

    with qtbot.waitSignal(export.exported, timeout=WAIT_MS):
        export.visits_button.click()
    with qtbot.waitSignal(export.exported, timeout=WAIT_MS):
        export.metrics_button.click()

    with visits_csv.open(newline="") as handle:
        visits = list(csv.reader(handle))
    assert visits[0][:3] == ["reference", "visit_id", "customer_name"]
    assert len(visits) == 1 + 9
    with metrics_csv.open(newline="") as handle:
        metrics = list(csv.reader(handle))
    assert metrics[0][:3] == ["scope", "technician", "full_name"]
    assert [row[:2] for row in metrics[1:4]] == [["team", ""], ["technician", "ana"],
                                                  ["technician", "ben"]]  # fmt: skip
    assert [row[3] for row in metrics[4:]] == [
        "network", "software", "hardware", "configuration", "user_knowledge"
    ]  # fmt: skip
    assert export.result_label.text().startswith(f"Saved {metrics_csv}")
    assert chooser.requests[0].suggested.startswith("visits-")
    assert export.export("visits") is False  # the chooser was cancelled: nothing happens


def test_the_service_report_is_saved_from_the_list(
    qtbot: QtBot, window: SupervisorWindow, dispatch: DispatchTab, team: Team, chooser: Chooser
) -> None:
    tmp_path = chooser.folder
    done = team.client.visit(team.ids["done"]).reference
    select(dispatch, done)
    target = tmp_path / "saved.pdf"
    chooser.answers.append(target)

    dispatch.report_button.click()
    assert dispatch.report_loader.busy
    assert not dispatch.report_button.isEnabled()  # one download at a time
    qtbot.waitUntil(lambda: not dispatch.report_loader.busy, timeout=WAIT_MS)

    assert target.read_bytes() == REPORT_PDF
    assert window.statusBar().currentMessage().startswith(f"Saved the service report to {target}")
    select(dispatch, team.client.visit(team.ids["late"]).reference)
    chooser.answers.append(tmp_path / "none.pdf")
    with qtbot.waitSignal(dispatch.report_loader.failed, timeout=WAIT_MS):
        dispatch.report_button.click()
    assert not (tmp_path / "none.pdf").exists()
    assert window.notice.isVisible()


def test_the_list_narrows_to_a_technician_to_unassigned_visits_and_to_the_period(
    qtbot: QtBot, window: SupervisorWindow, dispatch: DispatchTab, team: Team
) -> None:
    later = DAY + timedelta(days=2)
    refs = {
        name: team.client.visit(new_visit(team.server, who, at)).reference
        for name, who, at in [
            ("ana", "ana", DAY),
            ("nobody", None, DAY + timedelta(hours=2)),
            ("after", "ana", later),  # beyond the period
        ]
    }
    combo = dispatch.technician_combo

    def shown_for(username: str) -> set[str]:
        combo.setCurrentIndex(combo.findData(username))
        with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
            combo.activated.emit(combo.currentIndex())
        return set(rows(dispatch))

    qtbot.waitUntil(lambda: combo.findData("ana") >= 0, timeout=WAIT_MS)
    everyone = shown_for("*")
    anas = shown_for("ana")
    unassigned = shown_for("")

    assert {refs["ana"], refs["nobody"]} <= everyone
    assert refs["after"] not in everyone
    assert refs["ana"] in anas
    assert refs["nobody"] not in anas
    assert set(rows(dispatch)) == unassigned
    assert refs["nobody"] in unassigned
    assert all(dispatch.model.row_at(r).assignee is None for r in range(len(unassigned)))
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        window.set_period(team.date_from, later.date())
    assert refs["after"] in shown_for("ana")


def test_a_completed_visit_is_reopened_and_its_return_visit_listed_with_its_origin(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    done = team.client.visit(team.ids["done"]).reference
    working = team.client.visit(team.ids["working"]).reference
    select(dispatch, working)
    assert not dispatch.reopen_button.isEnabled()  # only a completed visit
    select(dispatch, done)
    assert dispatch.reopen_button.isEnabled()
    dispatch.reopen_button.click()
    note = dispatch.dialog
    assert isinstance(note, NoteDialog)
    note.note_edit.setPlainText("The printer jams again after ten pages.")
    with (
        qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS),
        qtbot.waitSignal(dispatch.changed, timeout=WAIT_MS) as changed,
    ):
        note.action_button.click()
    assert changed.args is not None
    back = team.client.visit(changed.args[0])
    assert (back.reference, back.follow_up_of, back.assignee) == (
        f"{done}-R1",
        team.ids["done"],
        "ana",
    )
    assert (back.origin, back.created_by) == ("reopened", "sue")
    assert back.problem == "The printer jams again after ten pages."
    column = [c.title for c in dispatch.model.columns].index("Origin")
    origins = {
        dispatch.model.row_at(row).reference: dispatch.model.index(row, column).data()
        for row in range(dispatch.model.rowCount())
    }
    assert origins[done] == "Dispatch"
    if back.reference in origins:  # listed when its day is within the period
        assert origins[back.reference] == "Reopened: fix failed, by sue"


def test_colleagues_are_added_and_taken_off_and_listed_beside_the_holder(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    visit_id = new_visit(team.server, "ana", DAY + timedelta(hours=3))
    reference = team.client.visit(visit_id).reference
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        dispatch.refresh()
    select(dispatch, reference)
    assert dispatch.colleagues_button.isEnabled()
    dialog = dispatch.open_colleagues_dialog()
    assert isinstance(dialog, ColleaguesDialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    assert dialog.people.count() == 0
    assert dialog.status.text() == "Nobody assists on this visit yet."

    dialog.technician_combo.setCurrentIndex(dialog.technician_combo.findData("ben"))
    dialog.reason_edit.setText("Two to lift the printer")
    with qtbot.waitSignal(dialog.loader.busy_changed, timeout=WAIT_MS):
        assert dialog.add_chosen()
    qtbot.waitUntil(lambda: dialog.people.count() == 1, timeout=WAIT_MS)
    assert "Ben Okafor" in dialog.people.item(0).text()
    assert dialog.status.text() == f"Ben Okafor is on the team of {reference}."
    assert [m.username for m in team.client.assistants(visit_id).assistants] == ["ben"]

    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        dialog.reject()  # closing the dialog after a change re-reads the list
    assert rows(dispatch)[reference] == "Ana Lopez + Ben Okafor"

    select(dispatch, reference)
    dialog = dispatch.open_colleagues_dialog()
    assert isinstance(dialog, ColleaguesDialog)
    qtbot.waitUntil(lambda: dialog.people.count() == 1, timeout=WAIT_MS)
    dialog.people.setCurrentRow(0)
    assert dialog.remove_button.isEnabled()
    assert dialog.remove_selected()
    qtbot.waitUntil(lambda: dialog.people.count() == 0, timeout=WAIT_MS)
    assert "off the team" in dialog.status.text()
    assert team.client.assistants(visit_id).assistants == []
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        dialog.reject()
    assert rows(dispatch)[reference] == "Ana Lopez"


def test_every_column_fits_a_1366_pixel_screen_whatever_the_names(
    qtbot: QtBot, window: SupervisorWindow, dispatch: DispatchTab, team: Team
) -> None:
    """A small laptop's screen, a very long customer name and cancellation reason: every
    column stays on screen (no sideways scrolling) and the long texts are elided, their
    tooltip saying them whole."""
    customer = " and ".join(["Facilities and Building Services, second floor open-plan team"] * 2)
    long_ref = team.client.visit(new_visit(team.server, "ana", DAY, customer_name=customer))
    cancelled = new_visit(team.server, "ben", DAY + timedelta(hours=2))
    team.client.cancel_visit(cancelled, "The user moved to the other building last week. " * 3)
    window.resize(1366, 768)  # maximised on the screen (offscreen's is smaller: by hand)
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        dispatch.cancelled_check.setChecked(True)
    table = dispatch.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width(), timeout=WAIT_MS)
    assert table.horizontalScrollBar().maximum() == 0
    titles = [c.title for c in dispatch.model.columns]
    for column, title in enumerate(titles):
        assert header.sectionViewportPosition(column) >= 0, title
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= table.viewport().width(), title
        assert header.sectionSize(column) >= header.fontMetrics().averageCharWidth() * 4, title
    place = titles.index("Location")
    widest = max(header.sectionSize(c) for c in range(len(titles)) if c != place)
    assert widest < table.viewport().width() // 4  # no column takes the room of the others
    row = next(
        r for r in range(dispatch.model.rowCount()) if dispatch.model.row_at(r).id == long_ref.id
    )
    tip = dispatch.model.index(row, titles.index("Customer")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == customer


def test_a_note_dialog_starts_in_its_note_and_asks_before_losing_it(qtbot: QtBot) -> None:
    """The note is where typing goes first; Cancel with a note typed asks first, and keeps
    the dialog open when the supervisor chooses to keep editing; empty, it just closes."""
    dialog = NoteDialog("Cancel visit", "Why is it cancelled?", "Cancel visit")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.note_edit
    assert not dialog.action_button.isEnabled()
    qtbot.keyClicks(dialog.note_edit, "Moved to next week")
    assert dialog.action_button.isEnabled()
    asked: list[bool] = []
    dialog.ask_discard = lambda: asked.append(True) or False
    dialog.reject()
    assert asked == [True]
    assert dialog.isVisible()
    dialog.note_edit.clear()
    dialog.reject()
    assert asked == [True]
    assert not dialog.isVisible()
