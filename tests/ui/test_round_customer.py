"""The round's messages to users, on a real server with a real SMTP sink: "On my way" with one
key and "Running late..." are recorded offline and mailed by the server at the next sync; the
end of the day lists the visits not solved (also by itself, once a day, at the time chosen)
and what each user is told is recorded and mailed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.demo import DemoKeyring
from fieldapp.store import Store
from fieldapp.store.models import events_table
from fieldapp.sync import TokenStore
from fieldapp.sync.errors import OfflineError
from fieldapp.ui.app import connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.end_of_day import EndDayDialog, end_of_day_time
from fieldapp.ui.moments import clock as clock_words
from fieldapp.ui.preferences import END_OF_DAY_KEY, Preferences, load_preferences, save_preferences
from fieldapp.ui.round_customer import PROMPTED_KEY, RunningLateDialog
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.window_place import app_settings
from tests.server.test_supervisor_mail import Inbox, mail_server, send, smtp_server
from tests.support.servers import free_port
from tests.sync.harness import Server, running_server
from tests.ui.test_sync_news import WAIT_MS, _sync


def pending_types(store: Store) -> list[str]:
    with store.session() as session, session.begin():
        col = events_table.c
        return list(
            session.scalars(
                select(col.type).where(col.sync_state == "pending").order_by(col.occurred_at)
            )
        )


def began_earlier_today() -> datetime:
    """A window that began two hours ago, or at local midnight if that was later: the round's
    Today and the end-of-day list hold the visits of the local day, so two hours back from
    just after midnight is yesterday's visit, shown on neither."""
    now = datetime.now(UTC)
    midnight = datetime.combine(now.astimezone().date(), time(0, 0)).astimezone()
    return max(now - timedelta(hours=2), midnight.astimezone(UTC))


def bodies(inbox: Inbox) -> dict[str, str]:
    found = {}
    for _, _, message in inbox.messages:
        body = message.get_body(("plain",))
        assert body is not None
        found[str(message["Subject"])] = body.get_content()
    return found


def test_on_my_way_running_late_and_the_end_of_day_reach_the_user(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    inbox, port = Inbox(), free_port()
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with smtp_server(port, inbox), mail_server(database_url, tmp_path, port) as live:
        server = Server(live.base_url, live.app)
        username, password = server.add_technician("kyra")
        visit_id = server.create_visit(username, contact_email="priya@example.com")
        server.reschedule(visit_id, began_earlier_today())
        connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
        offline = [False]

        def sync() -> object:  # the network, cut while the technician walks to the desk
            if offline[0]:
                raise OfflineError("The server cannot be reached.")
            return connection.sync()

        window = RoundWindow(
            store,
            BackgroundRunner(),
            sync,
            user_label=username,
            author=username,
            use_tray=False,
            auto_sync_ms=3_600_000,
        )
        qtbot.addWidget(window)
        window.show()
        _sync(qtbot, window)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=WAIT_MS)

        offline[0] = True
        # Nothing chosen: the round says so and records nothing.
        window.table.clearSelection()
        window.customer.on_my_way()
        assert "Choose the visit first" in window.statusBar().currentMessage()

        window.table.selectRow(0)
        window.table.setFocus()
        qtbot.keyClick(
            window.table,
            Qt.Key.Key_W,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(
            lambda: "on your way" in window.statusBar().currentMessage(), timeout=WAIT_MS
        )
        late = window.customer.open_running_late()
        assert isinstance(late, RunningLateDialog)
        late.minutes_spin.setValue(20)
        assert "20 minutes late" in late.message
        # The window began earlier: 20 minutes from now, not from its start (which cannot be
        # told apart in the first minutes after midnight, when the window began at midnight).
        started = window.model.rows()[0].window_start
        soon = datetime.now(UTC) + timedelta(minutes=20)
        if soon - (started + timedelta(minutes=20)) >= timedelta(minutes=3):
            assert clock_words(started + timedelta(minutes=20)) not in late.message
        assert any(clock_words(soon + timedelta(minutes=d)) in late.message for d in (-1, 0))
        late.send_button.click()
        qtbot.waitUntil(
            lambda: "20 min late" in window.statusBar().currentMessage(), timeout=WAIT_MS
        )
        assert pending_types(store) == ["on_my_way", "on_my_way"]  # kept until the sync
        assert inbox.messages == []

        with qtbot.waitSignal(window.customer.end_day_offered, timeout=WAIT_MS) as offered:
            window.customer.end_day()
        dialog = offered.args[0]
        assert isinstance(dialog, EndDayDialog)
        (row,) = dialog.rows
        assert row.visit.visit_id == visit_id
        assert row.tell.isChecked()
        assert row.channel.currentData() == "email"  # the user has an address
        dialog.record_button.click()  # no next step yet: refused with a sentence
        assert not dialog.hint.isHidden()
        assert "next step" in dialog.hint.text()
        row.next_step.setText("I come back tomorrow at 9:00 with the new part.")
        with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS):
            dialog.record_button.click()
        assert pending_types(store) == ["on_my_way", "on_my_way", "day_end_update"]

        offline[0] = False
        _sync(qtbot, window)
        assert pending_types(store) == []
        assert send(live, datetime.now(UTC)) == 3
        window.close()
        connection.close()
    mails = bodies(inbox)
    (way,) = [b for s, b in mails.items() if "on the way" in s]
    assert "on my way to you" in way
    (running,) = [b for s, b in mails.items() if "running 20 minutes late" in s]
    assert "about 20 minutes late" in running
    (day,) = [b for s, b in mails.items() if "stands" in s]
    assert "still working on it" in day
    assert "Next step: I come back tomorrow at 9:00 with the new part." in day


def test_the_end_of_day_list_comes_by_itself_once_a_day(qtbot: QtBot, store: Store) -> None:
    settings = app_settings()
    settings.setValue(END_OF_DAY_KEY, "00:00")  # already past, whatever the time now
    settings.remove(PROMPTED_KEY)
    window = RoundWindow(store, BackgroundRunner(), lambda: None, use_tray=False)
    qtbot.addWidget(window)
    try:
        window.customer.check_end_of_day()  # an empty round: said in the status bar
        qtbot.waitUntil(
            lambda: "nothing to tell" in window.statusBar().currentMessage(), timeout=WAIT_MS
        )
        today = datetime.now(UTC).astimezone().date().isoformat()
        assert settings.value(PROMPTED_KEY) == today
        window.statusBar().clearMessage()
        window.customer.check_end_of_day()  # once a day only
        qtbot.wait(200)
        assert window.statusBar().currentMessage() == ""
        settings.setValue(END_OF_DAY_KEY, "off")
        settings.remove(PROMPTED_KEY)
        window.customer.check_end_of_day()
        qtbot.wait(200)
        assert settings.value(PROMPTED_KEY) is None
    finally:
        settings.remove(END_OF_DAY_KEY)
        settings.remove(PROMPTED_KEY)
        window.close()


def test_the_time_is_a_setting_of_the_app(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Preferences(end_of_day="18:30"), "https://fieldapp.example.org")
    qtbot.addWidget(dialog)
    assert dialog.end_of_day_combo.currentData() == "18:30"
    dialog.end_of_day_combo.setCurrentIndex(dialog.end_of_day_combo.findData("off"))
    dialog.ok_button.click()
    assert dialog.chosen is not None
    assert dialog.chosen.preferences.end_of_day == "off"
    try:
        save_preferences(Preferences(end_of_day="16:00"))
        assert load_preferences().end_of_day == "16:00"
        assert end_of_day_time(app_settings().value(END_OF_DAY_KEY)) == time(16, 0)
        app_settings().setValue(END_OF_DAY_KEY, "25:99")  # edited by hand into nonsense
        assert load_preferences().end_of_day == "17:00"
    finally:
        app_settings().remove(END_OF_DAY_KEY)


def test_enter_meant_for_the_round_does_not_answer_the_end_of_day_list(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """The list comes by itself while the technician works: the Enter pressed to open a
    visit lands in it, and must neither record nor mail anything, nor close it."""
    settings = app_settings()
    settings.setValue(END_OF_DAY_KEY, "00:00")  # already past, whatever the time now
    settings.remove(PROMPTED_KEY)
    with running_server(tmp_path / "server") as server:
        username, password = server.add_technician("kyra")
        visit_id = server.create_visit(username, contact_email="priya@example.com")
        server.reschedule(visit_id, began_earlier_today())
        connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
        window = RoundWindow(
            store,
            BackgroundRunner(),
            connection.sync,
            user_label=username,
            author=username,
            use_tray=False,
            auto_sync_ms=3_600_000,
        )
        qtbot.addWidget(window)
        try:
            window.show()
            _sync(qtbot, window)
            qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=WAIT_MS)
            window.table.selectRow(0)
            window.table.setFocus()
            with qtbot.waitSignal(window.customer.end_day_offered, timeout=WAIT_MS) as offered:
                window.customer.check_end_of_day()  # the timer's check, at the time chosen
            dialog = offered.args[0]
            assert isinstance(dialog, EndDayDialog)
            qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
            (row,) = dialog.rows
            row.next_step.setText("I come back tomorrow.")  # even with every field filled in
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                target = QApplication.focusWidget()
                for widget in (target, dialog, row.tell):  # wherever the key lands
                    if widget is not None and not isinstance(widget, QPlainTextEdit):
                        qtbot.keyClick(widget, key)
            qtbot.wait(300)
            assert dialog.isVisible()
            assert not dialog.record_button.isDefault()
            assert pending_types(store) == []  # nothing told to anyone by accident
            # The list is still there to answer on purpose.
            with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS):
                dialog.record_button.click()
            assert pending_types(store) == ["day_end_update"]
        finally:
            settings.remove(END_OF_DAY_KEY)
            settings.remove(PROMPTED_KEY)
            window.close()
            connection.close()
