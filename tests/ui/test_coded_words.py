"""Values chosen from a list are stored as codes and said in each reader's language: a
supervisor working in German picks a skill level, a technician working in German picks the
team a visit is escalated to; the server and the cache hold the codes, and each screen says
them in its own language (German, then English once the app is English again)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.domain.codes import ESCALATION_TEAMS, SKILL_LEVELS
from fieldapp.store import Store, open_store, visit_events, visit_state
from fieldapp.store.cipher import new_cache_key
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.codes import skill_words, team_words
from fieldapp.ui.languages import install_translation, remove_translation
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.dispatch_dialogs import VisitDialog
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_close import EscalatePage
from fieldapp.ui.visit.words import promise_words
from tests.store.factories import PageBuilder
from tests.sync.supervisor_kit import Team
from tests.ui.supervisor_kit import WAIT_MS, Chooser, chooser_fixture, team_fixture
from tests.ui.test_supervisor_dispatch import DAY

__all__ = ["chooser_fixture", "team_fixture"]  # the fixtures used here


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cache.sqlite3", new_cache_key())
    try:
        yield opened
    finally:
        opened.dispose()


def timeline_texts(flow: VisitFlow) -> str:
    model = flow.timeline_model
    return " | ".join(
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_a_skill_level_and_a_team_chosen_in_german_are_stored_as_codes(
    qtbot: QtBot, qapp: QApplication, team: Team, chooser: Chooser, store: Store
) -> None:
    installed = install_translation(qapp, "de")
    assert installed
    runner = BackgroundRunner()
    try:
        window = SupervisorWindow(team.client, runner, "Sue Visor (sue)", choose_file=chooser)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.board.loaded, timeout=WAIT_MS):
            window.set_period(team.date_from, DAY.date())
        dispatch = window.dispatch
        with qtbot.waitSignal(dispatch.loaded, timeout=WAIT_MS):
            qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)

        # The supervisor, in German, picks "Alltagsnutzer" from New visit's list.
        form = dispatch.open_create_dialog()
        assert isinstance(form, VisitDialog)
        form.fields["reference"].setText("CODE-1")
        form.fields["customer_name"].setText("Ada Park")
        form.fields["category"].setText("network")  # a source category's code, typed
        skill = form.facts.skill_combo
        offered = [skill.itemText(i) for i in range(skill.count())]
        assert "Alltagsnutzer" in offered
        assert "everyday user" not in offered
        skill.setCurrentIndex(skill.findText("Alltagsnutzer"))
        with qtbot.waitSignals([dispatch.changed, dispatch.loaded], timeout=WAIT_MS):
            form.action_button.click()
        [visit_id] = [v.id for v in dispatch.model.rows() if v.reference == "CODE-1"]
        made = team.client.visit(visit_id)
        assert made.skill_level == "everyday user"  # the code, whatever the language
        window.close()

        # The visit reaches a laptop whose technician works in German.
        with store.session() as session, session.begin():
            apply_changes_page(session, PageBuilder().visit(made).page())
        flow = VisitFlow(store, runner, visit_id, author="ana", clock=lambda: DAY)
        qtbot.addWidget(flow)
        flow.show()
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        assert flow.header.text_of("skill") == "Alltagsnutzer"
        assert flow.header.where.text().endswith("\u00b7  Netzwerk")

        # It cannot be resolved now: escalated to the team the list calls "Netzwerk".
        flow.go_to(StepKey.ESCALATE)
        escalate = flow.current_page
        assert isinstance(escalate, EscalatePage)
        offered = [escalate.team.itemText(i) for i in range(escalate.team.count())]
        assert "Netzwerk" in offered
        assert "Network" not in offered
        qtbot.keyClicks(escalate.reason, "Der Switch im 4. Stock ist ausgefallen.")
        qtbot.keyClicks(escalate.team.lineEdit(), "Netzwerk")
        with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
            escalate.record_button.click()
        with store.read_session() as session:
            escalated = visit_events(session, visit_id)[-1].stored.event
            state = visit_state(session, visit_id)
        assert escalated.type is EventType.ESCALATED
        assert escalated.payload["team"] == "Network"  # the code
        (promise,) = state.open_promises
        assert "Netzwerk" in promise_words(promise)
        assert "Netzwerk" in timeline_texts(flow)
    finally:
        remove_translation(qapp, installed)

    # The same data, read by someone working in English, says the English words.
    with qtbot.waitSignal(flow.loaded, timeout=WAIT_MS):
        flow.refresh()
    assert flow.header.text_of("skill") == "everyday user"
    assert flow.header.where.text().endswith("\u00b7  Network")
    assert "Network" in promise_words(promise)
    assert "Netzwerk" not in timeline_texts(flow)
    assert "Network" in timeline_texts(flow)
    flow.close()
    runner.wait()


def test_a_team_or_level_typed_by_hand_is_said_as_typed() -> None:
    assert team_words("Printer vendor") == "Printer vendor"  # not on the list: as typed
    assert skill_words("knows Excel macros") == "knows Excel macros"
    assert team_words("Network") == "Network"  # a code, in English
    assert "Network" in ESCALATION_TEAMS
    assert "everyday user" in SKILL_LEVELS
