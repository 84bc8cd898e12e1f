"""Files of a visit over a real cache: added offline from the dialog, a drop or the clipboard,
listed and stored; too large refused without writing; opened under their own name."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import EventType
from fieldapp.protocol import MAX_ATTACHMENT_BYTES
from fieldapp.store import Store, apply_changes_page
from fieldapp.store.models import AttachmentRow
from fieldapp.sync import OfflineError
from fieldapp.ui.visit import VisitFlow
from fieldapp.ui.visit.files import NO_IMAGE
from tests.store.factories import PageBuilder, feed_event, snapshot
from tests.ui.test_visit_flow import VISIT, clock_fixture, store_fixture
from tests.ui.test_visit_notes import OpenPanel, open_panel_fixture, payloads, press

__all__ = ["clock_fixture", "open_panel_fixture", "store_fixture"]  # used by name, as fixtures

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # a JPEG's first bytes, then anything


def drop(qtbot: QtBot, flow: VisitFlow, *paths: Path) -> None:
    """Drop files from a file manager onto the panel and wait for the visit to be read again."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = flow.panel.rect().center()
    enter = QDragEnterEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(flow.panel, enter)
    assert enter.isAccepted()
    assert flow.panel.files.hint.text().startswith("Release to attach")
    dropped = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(flow.loaded, timeout=5000):
        QApplication.sendEvent(flow.panel, dropped)


def test_a_file_added_offline_is_listed_stored_and_opened_under_its_name(
    qtbot: QtBot, store: Store, tmp_path: Path, open_panel: OpenPanel
) -> None:
    photo = tmp_path / "camera" / "IMG_2041.jpg"
    photo.parent.mkdir()
    photo.write_bytes(PHOTO)
    opened: list[QUrl] = []
    flow = open_panel(
        choose=lambda _parent: [str(photo)], open_url=lambda url: opened.append(url) or True
    )
    files = flow.panel.files
    assert files.empty_label.isVisible()
    press(qtbot, flow, files.add_files_button)

    sha = hashlib.sha256(PHOTO).hexdigest()
    assert payloads(store, EventType.ATTACHMENT_ADDED) == [
        {
            "sha256": sha,
            "filename": "IMG_2041.jpg",
            "media_type": "image/jpeg",
            "size": len(PHOTO),
            "kind": "photo",
        }
    ]
    with store.read_session() as session:
        row = session.get(AttachmentRow, sha)
    assert row is not None
    assert not row.uploaded
    assert store.files.read(row.path) == PHOTO
    model = files.model
    assert [model.data(model.index(0, c)) for c in (0, 1, 2, 4)] == [
        "IMG_2041.jpg",
        "Photo",
        "10 KB",
        "Waiting to sync",
    ]

    assert not files.open_button.isEnabled()  # nothing selected yet
    files.table.selectRow(0)
    qtbot.mouseClick(files.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "IMG_2041.jpg"
    assert copy.read_bytes() == PHOTO

    press(qtbot, flow, files.add_files_button)  # the same photo again
    assert (
        files.error_banner.text() == "\u201cIMG_2041.jpg\u201d is already attached to this visit."
    )
    assert len(payloads(store, EventType.ATTACHMENT_ADDED)) == 1


def test_a_file_over_50_mb_is_refused_without_writing_anything(
    qtbot: QtBot, store: Store, tmp_path: Path, open_panel: OpenPanel
) -> None:
    big = tmp_path / "disk-image.iso"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1024 * 1024)  # 51 MB, sparse
    small = tmp_path / "notes.txt"
    small.write_text("fan noise since Monday")
    flow = open_panel()
    before = snapshot(store)
    drop(qtbot, flow, big)
    assert flow.panel.files.error_banner.text() == (
        "\u201cdisk-image.iso\u201d is 51 MB; files over 50 MB cannot be attached, so it was "
        "not added. Share it another way and say where in a note."
    )
    assert snapshot(store) == before
    assert not store.attachments_dir.exists() or not any(store.attachments_dir.rglob("*.*"))

    drop(qtbot, flow, big, small)  # one refused, the other kept
    assert [p["filename"] for p in payloads(store, EventType.ATTACHMENT_ADDED)] == ["notes.txt"]
    assert payloads(store, EventType.ATTACHMENT_ADDED)[0]["kind"] == "file"
    assert "disk-image.iso" in flow.panel.files.error_banner.text()
    assert flow.panel.files.model.rowCount() == 1


def test_a_clipboard_image_is_pasted_as_a_screenshot(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    flow = open_panel()
    files = flow.panel.files
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(files.paste_button, Qt.MouseButton.LeftButton)
    assert files.error_banner.text() == NO_IMAGE

    image = QImage(64, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1e88e5"))
    clipboard.setImage(image)
    files.table.setFocus()  # Ctrl+V on the list pastes too; here the button
    press(qtbot, flow, files.paste_button)
    assert not files.error_banner.isVisible(), files.error_banner.text()
    [added] = payloads(store, EventType.ATTACHMENT_ADDED)
    assert added["kind"] == "screenshot"
    assert added["media_type"] == "image/png"
    assert added["filename"].startswith("screenshot-")
    assert added["filename"].endswith(".png")
    with store.read_session() as session:
        row = session.get(AttachmentRow, added["sha256"])
    assert row is not None
    kept = QImage.fromData(store.files.read(row.path), "PNG")
    assert kept.size() == image.size()
    assert kept.pixelColor(QPoint(10, 10)) == QColor("#1e88e5")
    assert files.model.data(files.model.index(0, 1)) == "Screenshot"
    clipboard.clear()


def test_only_local_files_are_taken_from_a_drop(qtbot: QtBot, open_panel: OpenPanel) -> None:
    flow = open_panel()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/report.pdf")])
    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(flow.panel, enter)
    assert not enter.isAccepted()


def _attached_elsewhere(store: Store, data: bytes) -> str:
    """An ATTACHMENT_ADDED from the server: a colleague photographed the desk on their laptop."""
    sha = hashlib.sha256(data).hexdigest()
    payload = {
        "sha256": sha,
        "filename": "desk.jpg",
        "media_type": "image/jpeg",
        "size": len(data),
        "kind": "photo",
    }
    with store.session() as session, session.begin():
        apply_changes_page(
            session,
            PageBuilder(start=100)
            .event(feed_event(VISIT, EventType.ARRIVED, 101))
            .event(feed_event(VISIT, EventType.ATTACHMENT_ADDED, 102, payload=payload))
            .page(),
        )
    return sha


def test_a_file_attached_on_another_laptop_is_fetched_kept_and_opened(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    sha = _attached_elsewhere(store, PHOTO)
    fetched: list[str] = []
    opened: list[QUrl] = []

    def fetch(wanted: str) -> bytes:
        fetched.append(wanted)
        return PHOTO

    flow = open_panel(fetch_attachment=fetch, open_url=lambda url: opened.append(url) or True)
    files = flow.panel.files
    files.table.selectRow(0)
    qtbot.mouseClick(files.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)

    assert fetched == [sha]
    assert Path(opened[0].toLocalFile()).read_bytes() == PHOTO
    qtbot.waitUntil(lambda: files.model.data(files.model.index(0, 4)) == "Synced", timeout=5000)
    with store.read_session() as session:
        row = session.get(AttachmentRow, sha)
    assert row is not None
    assert row.uploaded  # the server has it: nothing to upload
    assert store.files.read(row.path) == PHOTO
    qtbot.mouseClick(files.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=5000)
    assert fetched == [sha]  # kept: the second opening needs no server


def test_a_file_attached_elsewhere_says_why_it_cannot_be_opened_offline(
    qtbot: QtBot, store: Store, open_panel: OpenPanel
) -> None:
    _attached_elsewhere(store, PHOTO)

    def offline(_sha: str) -> bytes:
        raise OfflineError("Cannot reach the server. Your work is kept on this laptop.")

    flow = open_panel(fetch_attachment=offline)
    files = flow.panel.files
    files.table.selectRow(0)
    qtbot.mouseClick(files.open_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: files.error_banner.isVisibleTo(flow), timeout=5000)
    assert files.error_banner.text() == (
        "The file could not be opened: \u201cdesk.jpg\u201d was attached on another laptop and "
        "could not be fetched from the server: Cannot reach the server. Your work is kept on "
        "this laptop."
    )
    with store.read_session() as session:
        assert session.get(AttachmentRow, hashlib.sha256(PHOTO).hexdigest()) is None
