"""A photo whose file went missing before it was sent: the round shows it, and the technician
re-attaches it or drops it from the dialog; the next sync leaves nothing waiting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.store import Store, add_attachment, sync_counts
from fieldapp.store.missing_files import MissingFile
from fieldapp.store.models import AttachmentRow
from fieldapp.sync import TokenStore
from fieldapp.ui.app import Connection, connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.missing_files_dialog import MissingFilesDialog
from fieldapp.ui.round_window import RoundWindow
from tests.sync.harness import Server, running_server

WAIT_MS = 15_000
PHOTO = b"\xff\xd8 the printer's paper tray"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


def _window(qtbot: QtBot, store: Store, server: Server) -> tuple[RoundWindow, Connection, str]:
    username, password = server.add_technician()
    visit = server.create_visit(username)
    connection = connect(store, TokenStore(DemoKeyring()), server.base_url, username, password)
    window = RoundWindow(
        store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
    )
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
        window.sync_now()
    with store.session() as session, session.begin():
        add_attachment(
            session, store.attachments_dir, visit, PHOTO, filename="tray.jpg",
            media_type="image/jpeg", kind="photo", author=username, now=datetime.now(UTC),
        )  # fmt: skip
        [row] = session.query(AttachmentRow).all()
        (store.attachments_dir / row.path).unlink()  # deleted before any sync sent it
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as waited:
        window.sync_now()
    assert "1 update to send again later" in str(waited.args[0])
    assert "1 file not sent: gone from this laptop" in str(waited.args[0])
    return window, connection, visit


def _open(qtbot: QtBot, window: RoundWindow) -> MissingFilesDialog:
    qtbot.waitUntil(window.missing_files_button.isVisible, timeout=WAIT_MS)
    assert window.missing_files_button.text() == "1 file missing"
    dialog = window.open_missing_files_dialog()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    assert dialog.model.index(0, 1).data() == "Attachment"
    assert dialog.model.index(0, 2).data() == "tray.jpg"
    assert "no longer on this laptop" in dialog.model.index(0, 4).data()
    assert dialog.reattach_button.isEnabled()
    assert dialog.drop_button.isEnabled()
    return dialog


def _settled(qtbot: QtBot, window: RoundWindow, store: Store) -> str:
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
        window.sync_now()
    with store.read_session() as session:
        assert sync_counts(session).pending == 0
    qtbot.waitUntil(lambda: not window.missing_files_button.isVisible(), timeout=WAIT_MS)
    return str(finished.args[0])


def test_reattach_picks_the_file_again_and_the_next_sync_sends_it(
    qtbot: QtBot, store: Store, server: Server, tmp_path: Path
) -> None:
    window, connection, visit = _window(qtbot, store, server)
    dialog = _open(qtbot, window)
    found_again = tmp_path / "usb" / "tray.jpg"
    found_again.parent.mkdir()
    found_again.write_bytes(PHOTO)
    asked: list[MissingFile] = []
    dialog.pick = lambda _parent, item: asked.append(item) or found_again
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        dialog.reattach_button.click()
    assert [item.filename for item in asked] == ["tray.jpg"]
    assert dialog.status_label.text() == f"Re-attached tray.jpg on {asked[0].visit_reference}."
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=WAIT_MS)
    assert dialog.empty_label.isVisible()
    dialog.close()
    said = _settled(qtbot, window, store)
    assert "sent 1 update;" in said
    assert "1 file sent" in said
    assert len(server.event_ids(visit)) == 1
    window.close()
    connection.close()


def test_drop_removes_the_photo_after_asking_and_nothing_waits(
    qtbot: QtBot, store: Store, server: Server
) -> None:
    window, connection, visit = _window(qtbot, store, server)
    dialog = _open(qtbot, window)
    questions: list[str] = []
    dialog.confirm = lambda _parent, question: questions.append(question) is None and False
    dialog.drop_button.click()  # asked, and the technician said no
    assert len(questions) == 1
    assert "never sent" in questions[0]
    assert dialog.model.rowCount() == 1
    dialog.confirm = lambda _parent, _question: True
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        dialog.drop_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=WAIT_MS)
    assert dialog.status_label.text().startswith("Dropped tray.jpg")
    dialog.close()
    said = _settled(qtbot, window, store)
    assert "sent" not in said
    assert server.event_ids(visit) == []
    window.close()
    connection.close()


def test_a_sign_off_whose_signature_is_gone_can_be_reattached_not_dropped(
    qtbot: QtBot, store: Store
) -> None:
    dialog = MissingFilesDialog(store, BackgroundRunner())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        pass  # the first (empty) read of the cache
    signature = MissingFile(
        "e-1", "v-1", "HD-1", "Priya", EventType.SIGNED_OFF, datetime.now(UTC),
        "signature.svg", "0" * 64, "missing", is_signature=True,
    )  # fmt: skip
    dialog.on_loaded([signature])
    assert dialog.model.index(0, 1).data() == "Signature"
    assert dialog.reattach_button.isEnabled()
    assert not dialog.drop_button.isEnabled()
