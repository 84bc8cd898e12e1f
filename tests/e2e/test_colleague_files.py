"""A visit handed over with a colleague's photo: the new holder's sync brings it down for the
round, and a copy lost since is fetched again when opened (real server, real app; the file
URL caught as the desktop would get it)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType
from fieldapp.store import add_attachment, open_store
from fieldapp.store.models import AttachmentRow
from fieldapp.sync import TokenStore
from tests.e2e.test_technician_day import WAIT_MS, make_app
from tests.sync.harness import Server, laptop_for, running_server

PHOTO = b"\xff\xd8\xff\xe0 the desk as it was before the move"


class OpenedFiles(QObject):
    """Stands in for the desktop: file URLs the app asks to open land here."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Iterator[OpenedFiles]:
    catcher = OpenedFiles()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        yield catcher
    finally:
        QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


def test_the_new_holder_opens_the_photo_taken_on_the_colleagues_laptop(
    qtbot: QtBot, server: Server, tmp_path: Path, opened: OpenedFiles
) -> None:
    ana, ana_password = server.add_technician("ana")
    ben, ben_password = server.add_technician("ben")
    visit_id = server.create_visit(ana)
    with laptop_for(server.base_url, tmp_path / "ana" / "cache.sqlite3", ana, ana_password) as lap:
        lap.engine.sync()
        lap.record(visit_id, EventType.ARRIVED)
        with lap.store.session() as session, session.begin():
            add_attachment(
                session, lap.store.attachments_dir, visit_id, PHOTO,
                filename="desk.jpg", media_type="image/jpeg", kind="photo",
                author=ana, now=datetime.now(UTC),
            )  # fmt: skip
        lap.engine.sync()
    server.reassign(visit_id, ben)

    store = open_store(tmp_path / "ben" / "cache.sqlite3")
    app = make_app(store, TokenStore(DemoKeyring()), server.base_url)
    try:
        app.start((ben, ben_password))
        window = app.window
        assert window is not None
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as synced:
            pass  # the first sync, started with the window, brings the visit and the photo
        assert "1 file from colleagues fetched" in synced.args[0]
        sha = hashlib.sha256(PHOTO).hexdigest()
        with store.read_session() as session:
            prefetched = session.get(AttachmentRow, sha)
        assert prefetched is not None
        kept = store.attachments_dir / prefetched.path
        assert kept.read_bytes() == PHOTO  # on the laptop for the round, offline or not
        kept.unlink()  # lost since (a disk clean-up): opening it fetches it again
        assert app.visits is not None
        flow = app.visits.open(visit_id).flow
        qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
        flow.show_panel()
        files = flow.panel.files
        assert files.model.rowCount() == 1
        files.table.selectRow(0)
        assert files.open_button.isEnabled(), files.open_button.toolTip()
        qtbot.mouseClick(files.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(opened.urls), timeout=WAIT_MS)

        copy = Path(opened.urls[0].toLocalFile())
        assert (copy.name, copy.read_bytes()) == ("desk.jpg", PHOTO)
        assert kept.read_bytes() == PHOTO
        with store.read_session() as session:
            row = session.get(AttachmentRow, sha)
        assert row is not None
        assert row.uploaded
    finally:
        app.close()
        store.dispose()
