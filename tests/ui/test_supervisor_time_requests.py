"""A user's request for another time in the supervisors' Dispatch tab, on a real server:
listed with the times asked and the note; accepted (the visit is rescheduled to the time
chosen) or declined with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.domain.customer import USER_AUTHOR
from fieldapp.protocol import TimelineEntry
from fieldapp.server.customer import answer, new_link
from fieldapp.server.db import write_transaction
from fieldapp.server.models_customer import CustomerLink
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.time_requests import AcceptTimeDialog
from fieldapp.ui.supervisor.timeline import author_words
from fieldapp.ui.visit.customer_words import customer_details
from tests.sync.supervisor_kit import Team, new_visit
from tests.ui.supervisor_kit import WAIT_MS, chooser_fixture, team_fixture, window_fixture
from tests.ui.test_supervisor_dispatch import DAY, dispatch_fixture

__all__ = ["chooser_fixture", "dispatch_fixture", "team_fixture", "window_fixture"]


def user_asks(team: Team, visit_id: str, *times: datetime, note: str = "") -> None:
    """What the customer page records when the user asks for another time."""
    now = datetime.now(UTC)
    with team.server.app.state.sessionmaker() as session:
        with write_transaction(session):
            new_link(session, visit_id, now + timedelta(days=3), now)
        with session.begin():
            link_id = session.scalars(
                select(CustomerLink.id).where(CustomerLink.visit_id == visit_id)
            ).one()
        with write_transaction(session):
            answer(session, link_id, confirm=False, times=list(times), note=note, now=now)


def test_accept_reschedules_and_decline_answers(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    dispatch = window.dispatch
    panel = dispatch.requests
    first = new_visit(team.server, "ana", DAY + timedelta(hours=2))
    second = new_visit(team.server, "ben", DAY + timedelta(hours=3))
    wanted = DAY + timedelta(days=1, hours=5)
    user_asks(team, first, wanted, DAY + timedelta(days=2), note="Afternoons, please.")
    user_asks(team, second, DAY + timedelta(days=1))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.refresh()
    listed = {r.visit_id: r for r in panel.model.rows()}
    assert set(listed) >= {first, second}
    assert listed[first].note == "Afternoons, please."
    assert panel.heading.text().endswith(f"({len(listed)})")
    assert not panel.accept_button.isEnabled()  # nothing chosen yet

    assert panel.table.select_where(lambda r: r.visit_id == first)
    panel.accept_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, AcceptTimeDialog)
    assert dialog.time_combo.count() == 2
    dialog.time_combo.setCurrentIndex(0)
    with qtbot.waitSignals([panel.changed, panel.loaded], timeout=WAIT_MS):
        dialog.action_button.click()
    moved = team.client.visit(first)
    assert moved.window_start == wanted
    assert first not in [r.visit_id for r in panel.model.rows()]

    assert panel.table.select_where(lambda r: r.visit_id == second)
    panel.decline_button.click()
    note = panel.dialog
    assert isinstance(note, NoteDialog)
    note.note_edit.setPlainText("No technician is free that day.")
    with qtbot.waitSignals([panel.changed, panel.loaded], timeout=WAIT_MS):
        note.action_button.click()
    assert second not in [r.visit_id for r in panel.model.rows()]
    assert team.client.visit(second).window_start == DAY + timedelta(hours=3)


def test_the_timeline_names_the_user_as_the_author_of_their_answer() -> None:
    now = datetime.now(UTC)
    entry = TimelineEntry(
        id="00000000-0000-4000-8000-000000000001",
        visit_id="v-1",
        type=EventType.USER_REPLIED,
        occurred_at=now,
        payload={"answer": "confirmed"},
        author=USER_AUTHOR,
        server_seq=1,
        received_at=now,
        author_name="",
    )
    assert author_words(entry) == "The user, on the confirmation page"
    assert customer_details(EventType.USER_REPLIED, entry.payload) == "Confirmed the time"


def test_the_visits_keep_most_of_the_tabs_height(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    """On a 768 px screen the requests under the visits are a short list: the visits keep
    most of the height (the two had about the same)."""
    window.resize(1320, 700)
    visit = new_visit(team.server, "ana", DAY + timedelta(hours=2))
    user_asks(team, visit, DAY + timedelta(days=1), note="Mornings are busy.")
    dispatch = window.dispatch
    with qtbot.waitSignal(dispatch.requests.loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(dispatch)
    qtbot.waitUntil(lambda: dispatch.requests.model.rowCount() > 0, timeout=WAIT_MS)
    assert dispatch.table.height() >= 2 * dispatch.requests.height()
    rows = dispatch.requests.table
    assert rows.viewport().height() >= rows.verticalHeader().defaultSectionSize()  # one shows
