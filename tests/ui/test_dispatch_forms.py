"""The dispatch forms as a supervisor meets them: the focus on the first box, labels with
colons, a reference already proposed, Cancel asking before typing is thrown away."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from fieldapp.ui import window_place
from fieldapp.ui.supervisor.common import remember_folder, start_path
from fieldapp.ui.supervisor.dispatch import DispatchTab
from fieldapp.ui.supervisor.dispatch_dialogs import VisitDialog, next_reference
from tests.sync.supervisor_kit import Team
from tests.ui.supervisor_kit import chooser_fixture, team_fixture, window_fixture
from tests.ui.test_supervisor_dispatch import dispatch_fixture

__all__ = ["chooser_fixture", "dispatch_fixture", "team_fixture", "window_fixture"]


def test_the_next_reference_follows_the_commonest_kind() -> None:
    assert next_reference(["HP-2612-006", "HP-2612-002", "VIP-7", "INC-1"]) == "HP-2612-007"
    assert next_reference(["A-009"]) == "A-010"
    assert next_reference(["no number"]) == ""
    assert next_reference([]) == ""


def labels(dialog: VisitDialog) -> list[str]:
    found = []
    for row in range(dialog.form.rowCount()):
        item = dialog.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            found.append(item.widget().text())
    return found


def test_new_visit_starts_on_the_reference_and_tab_walks_the_form(
    qtbot: QtBot, dispatch: DispatchTab
) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    qtbot.waitExposed(form)
    assert all(text.endswith(":") for text in labels(form)), labels(form)
    reference = form.fields["reference"]
    assert form.focusWidget() is reference
    proposed = reference.text()
    assert proposed == next_reference(v.reference for v in dispatch.model.rows())
    assert proposed
    assert reference.selectedText() == proposed  # typing replaces it

    qtbot.keyClicks(reference, "INC-555")
    qtbot.keyClick(reference, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "Bo Chen")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "555 0101")
    assert reference.text() == "INC-555"
    assert form.fields["customer_name"].text() == "Bo Chen"
    assert form.fields["contact_phone"].text() == "555 0101"

    asked: list[bool] = []
    form.ask_discard = lambda: asked.append(True) or False  # "keep typing"
    form.reject()
    assert asked
    assert form.isVisible()
    form.ask_discard = lambda: True  # "discard"
    form.reject()
    assert not form.isVisible()


def test_cancel_on_an_untouched_form_asks_nothing(qtbot: QtBot, dispatch: DispatchTab) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    form.ask_discard = lambda: (_ for _ in ()).throw(AssertionError("asked"))
    form.reject()
    assert not form.isVisible()


def test_creating_an_assigned_visit_previews_as_creating(
    qtbot: QtBot, dispatch: DispatchTab
) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    form.fields["customer_name"].setText("Bo Chen")
    form.technician_combo.setCurrentIndex(form.technician_combo.findData("ana"))
    assert form.form.horizontalSpacing() >= 8  # a label never touches its field
    with qtbot.waitSignal(dispatch.preview_shown, timeout=15_000) as shown:
        form.action_button.click()
    preview = shown.args[0]
    assert preview.windowTitle() == "Before you create it"
    preview.reject()


def test_dispatch_says_how_far_each_visit_got_as_the_board_does(
    dispatch: DispatchTab, team: Team
) -> None:
    column = [c.title for c in dispatch.model.columns].index("Status")
    status = {
        dispatch.model.row_at(row).id: dispatch.model.index(row, column).data()
        for row in range(dispatch.model.rowCount())
    }
    assert status[team.ids["done"]] == "Completed"
    assert status[team.ids["escalated"]] == "Escalated"
    assert status[team.ids["working"]] == "In progress"
    assert status[team.ids["late"]] == "Overdue"
    assert status[team.ids["unassigned"]] == "Scheduled"


def test_file_dialogs_open_in_documents_then_where_the_last_file_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(window_place.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)  # the folder the app was started from
    first = Path(start_path("visits.csv"))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert first.parent in {Path(documents), Path.home()}
    assert first.parent != tmp_path
    assert first.name == "visits.csv"
    reports = tmp_path / "reports"
    reports.mkdir()
    remember_folder(reports / "metrics.csv")
    assert Path(start_path("visits.csv")) == reports / "visits.csv"


def test_new_visit_sends_the_facts_the_technician_reads(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    qtbot.waitExposed(form)
    letters = [
        mnemonic
        for layout in (form.form, form.facts.form)
        for row in range(layout.rowCount())
        if (item := layout.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(label := item.widget(), QLabel)
        and (mnemonic := label.text().split("&")[1][:1].lower() if "&" in label.text() else "")
    ]
    assert len(letters) == len(set(letters)), sorted(letters)
    form.fields["reference"].setText("FACT-1")
    form.fields["customer_name"].setText("Ada Park")
    form.technician_combo.setFocus()
    qtbot.keyClick(form.technician_combo, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.facts.texts["already_tried"]  # the facts follow
    qtbot.keyClicks(form.focusWidget(), "Restarted twice.")
    form.facts.texts["business_impact"].setPlainText("Payroll is due today.")
    form.facts.skill_combo.setCurrentText("confident user")
    form.facts.lines["incident_ref"].setText("INC-4471")
    form.facts.texts["incident_summary"].setPlainText("Fake virus pop-ups on 9 PCs.")
    form.facts.lines["coordinator"].setText("Sam Lee")
    form.facts.backup_combo.setCurrentText("Ben Okafor")
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=15_000):
        form.action_button.click()
    [visit_id] = [v.id for v in dispatch.model.rows() if v.reference == "FACT-1"]
    made = team.client.visit(visit_id)
    assert (made.already_tried, made.business_impact, made.skill_level) == (
        "Restarted twice.",
        "Payroll is due today.",
        "confident user",
    )
    assert (made.incident_ref, made.incident_summary) == (
        "INC-4471",
        "Fake virus pop-ups on 9 PCs.",
    )
    assert (made.coordinator, made.backup_technician) == ("Sam Lee", "Ben Okafor")
