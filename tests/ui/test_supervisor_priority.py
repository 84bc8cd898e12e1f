"""Priority from the supervisors' window on a real server: a new visit's impact, urgency and VIP
with the priority they give, a visit's "Priority…", the matrix's own dialog (refusing a grid
that ranks a worse problem lower), and the intake figures in the metrics table."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from fieldapp.protocol import Priority
from fieldapp.ui.supervisor.dispatch import DispatchTab
from fieldapp.ui.supervisor.dispatch_dialogs import VisitDialog
from fieldapp.ui.supervisor.metrics_columns import metric_columns
from fieldapp.ui.supervisor.priority import MatrixDialog, PriorityDialog
from tests.sync.supervisor_kit import Team, new_visit
from tests.ui.supervisor_kit import WAIT_MS, chooser_fixture, team_fixture, window_fixture
from tests.ui.test_supervisor_dispatch import DAY, dispatch_fixture, rows, select

__all__ = ["chooser_fixture", "dispatch_fixture", "team_fixture", "window_fixture"]


def priorities(dispatch: DispatchTab) -> dict[str, str]:
    column = [c.title for c in dispatch.model.columns].index("Priority")
    return {
        dispatch.model.row_at(row).reference: dispatch.model.index(row, column).data()
        for row in range(dispatch.model.rowCount())
    }


def test_a_new_visit_gets_the_priority_its_impact_and_urgency_give(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    dispatch.new_button.click()
    form = dispatch.dialog
    assert isinstance(form, VisitDialog)
    form.fields["reference"].setText("PRIO-1")
    form.fields["customer_name"].setText("Reception")
    start = int(DAY.timestamp())
    form.start_edit.setDateTime(QDateTime.fromSecsSinceEpoch(start))
    form.end_edit.setDateTime(QDateTime.fromSecsSinceEpoch(start + 3600))
    inputs = form.priority_inputs
    assert inputs.result.text() == "Priority: Normal (from the matrix)"
    inputs.impact.setCurrentIndex(inputs.impact.findData("high"))
    assert inputs.result.text() == "Priority: High (from the matrix)"
    inputs.vip.setChecked(True)
    assert inputs.result.text() == "Priority: Critical (VIP override)"
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        form.action_button.click()

    assert priorities(dispatch)["PRIO-1"] == "Critical (VIP)"
    [made] = [v for v in dispatch.model.rows() if v.reference == "PRIO-1"]
    assert (made.impact.value, made.vip, made.priority) == ("high", True, Priority.CRITICAL)


def test_priority_of_a_visit_is_set_by_its_impact_urgency_and_vip(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    visit_id = new_visit(team.server, "ana", DAY + timedelta(hours=2))
    reference = team.client.visit(visit_id).reference
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        dispatch.refresh()
    select(dispatch, reference)
    assert dispatch.priority_button.text() == "Priorit&y\u2026"

    dispatch.priority_button.click()
    qtbot.waitUntil(lambda: isinstance(dispatch.dialog, PriorityDialog), timeout=WAIT_MS)
    dialog = dispatch.dialog
    assert isinstance(dialog, PriorityDialog)
    dialog.priority_inputs.urgency.setCurrentIndex(dialog.priority_inputs.urgency.findData("high"))
    assert dialog.priority_inputs.result.text() == "Priority: High (from the matrix)"
    with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
        dialog.action_button.click()

    assert priorities(dispatch)[reference] == "High"
    assert team.client.visit(visit_id).urgency.value == "high"
    assert rows(dispatch)[reference] == "Ana Lopez"


def test_the_matrix_dialog_refuses_a_worse_problem_ranked_lower_then_sets_a_version(
    qtbot: QtBot, dispatch: DispatchTab, team: Team
) -> None:
    visit_id = new_visit(team.server, "ana", DAY + timedelta(hours=3))
    reference = team.client.visit(visit_id).reference
    dispatch.matrix_button.click()
    qtbot.waitUntil(lambda: isinstance(dispatch.dialog, MatrixDialog), timeout=WAIT_MS)
    dialog = dispatch.dialog
    assert isinstance(dialog, MatrixDialog)
    assert "Version 0 (the default)" in dialog.about.text()

    upside_down = dialog.combos["low", "high"]
    upside_down.setCurrentIndex(upside_down.findData("critical"))
    dialog.action_button.click()
    assert dialog.hint.isVisibleTo(dialog)
    assert "more impact never lowers the priority" in dialog.hint.text()

    upside_down.setCurrentIndex(upside_down.findData("normal"))
    stricter = dialog.combos["medium", "medium"]
    stricter.setCurrentIndex(stricter.findData("low"))
    with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
        dialog.action_button.click()

    assert team.client.priority_matrix().version == 1
    assert priorities(dispatch)[reference] == "Low"
    assert dispatch.matrix["medium"]["medium"] == "low"


def test_the_metrics_table_has_a_column_for_each_intake_figure() -> None:
    titles = [c.title.replace("\n", " ") for c in metric_columns()]
    for title in (
        "Asked how long",
        "User showed the problem",
        "Added to what was tried",
        "VIP visits",
    ):
        assert title in titles
