"""The visit's files: add photos, screenshots and files offline (dialog, drop, clipboard image),
see them with their size, kind and sync state, and open one."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from fieldapp.domain import EventType, why_not
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import MAX_ATTACHMENT_BYTES
from fieldapp.ui.resources import icon
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.attachments import AttachedFile, FileSource, size_words
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.widgets import local_time, wrapped_label
from fieldapp.ui.visit.words import domain_sentence, translate

KIND_WORDS = {
    "photo": QT_TRANSLATE_NOOP("Files", "Photo"),
    "screenshot": QT_TRANSLATE_NOOP("Files", "Screenshot"),
    "file": QT_TRANSLATE_NOOP("Files", "File"),
    "signature": QT_TRANSLATE_NOOP("Files", "Signature"),
    "desk_note": QT_TRANSLATE_NOOP("Files", "Desk note"),
}
NO_IMAGE = QT_TRANSLATE_NOOP(
    "Files",
    "The clipboard holds no image. Take a screenshot to the clipboard first (Print Screen; "
    "on Windows Shift+Win+S, on macOS Ctrl+Shift+Cmd+4), then paste it here.",
)

FileChooser = Callable[[QWidget], list[str]]


def sync_words(attached: AttachedFile) -> str:
    """Where a file stands in sync, in words."""
    if attached.sync_state == "rejected":
        return translate("Files", "Rejected: {reason}").format(
            reason=attached.reject_message or translate("Files", "no reason given")
        )
    if attached.sync_state == "synced":
        return (
            translate("Files", "Synced")
            if attached.path
            else translate("Files", "Synced (on the server; fetched when opened)")
        )
    return translate("Files", "Waiting to sync") + (
        translate("Files", " (file uploaded)") if attached.uploaded else ""
    )


FILE_COLUMNS: tuple[Column[AttachedFile], ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Name"),
        lambda f: f.filename,
        lambda f: f"{f.filename} ({f.media_type})",
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Kind"),
        lambda f: translate("Files", KIND_WORDS.get(f.kind, f.kind)),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Size"), lambda f: size_words(f.size)),
    Column(QT_TRANSLATE_NOOP("Columns", "Added"), lambda f: local_time(f.added_at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Sync"), sync_words),
)


def choose_files(parent: QWidget) -> list[str]:
    """Ask for files to attach with the platform's file dialog."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        translate("Files", "Attach files to the visit"),
        pictures,
        translate(
            "Files",
            "All files (*);;Photos and screenshots (*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp)",
        ),
    )
    return list(names)


def png_bytes(image: QImage) -> bytes:
    """An image as PNG (runs on a worker thread: QImage, unlike QPixmap, may)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    if not writer.write(image):
        raise ValueError(f"the image could not be saved as PNG: {writer.errorString()}")
    return bytes(buffer.data().data())


class FilesSection(Section):
    """Files of the visit, and the ways to add one while offline.

    Signals:
        attach_requested(object): a list of FileSource to keep, one event each.
        open_requested(object): the AttachedFile to open with the laptop's program for it.
    """

    attach_requested = Signal(object)
    open_requested = Signal(object)

    def __init__(
        self,
        context: PageContext,
        choose: FileChooser = choose_files,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Files"), context, parent)
        self.choose = choose
        self.pending = 0
        self._refusals: list[str] = []
        self.hint = wrapped_label(
            self.tr(
                "Photos, screenshots and other files up to {limit} each. Drop them here or "
                "add them below; they stay on this laptop until the next sync."
            ).format(limit=size_words(MAX_ATTACHMENT_BYTES)),
            muted=True,
        )
        self.column.addWidget(self.hint)
        self.model: TableModel[AttachedFile] = TableModel(FILE_COLUMNS, key=lambda f: f.sha256)
        self.model.setParent(self)
        self.table = RowsView(self.model, self.tr("Files of this visit"), stretch=(0,))
        self.table.activated.connect(lambda _index: self.on_open_clicked())  # Enter, double-click
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_availability())
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self.table)
        paste.setWhatsThis(self.tr("Paste a file or screenshot into the files"))
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.on_paste_clicked)
        self.column.addWidget(self.table)
        self.empty_label = wrapped_label(self.tr("No files attached yet."), muted=True)
        self.column.addWidget(self.empty_label)

        self.add_files_button = self.add_button(
            self.tr("Add &files\u2026"),
            EventType.ATTACHMENT_ADDED,
            self.on_add_clicked,
            name=self.tr("Add files to the visit"),
            icon_name="add",
        )
        self.paste_button = self.add_button(
            self.tr("&Paste image from clipboard"),
            EventType.ATTACHMENT_ADDED,
            self.on_paste_clicked,
            name=self.tr("Paste an image from the clipboard as a screenshot"),
            icon_name="copy",
        )
        self.open_button = QPushButton(icon("next"), self.tr("&Open file"))
        self.open_button.setAccessibleName(self.tr("Open the selected file"))
        self.open_button.clicked.connect(self.on_open_clicked)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.paste_button)
        row.addWidget(self.add_files_button)
        self.column.addLayout(row)
        order = (self.table, self.open_button, self.paste_button, self.add_files_button)
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)  # as they read, left to right

    # --- adding ------------------------------------------------------------------------------

    def refusal(self) -> str | None:
        """Why no file can be attached now, or None."""
        if self.snapshot is None:
            return self.tr("The visit is still being read.")
        if self.locked:
            return self.locked
        why = why_not(self.snapshot.state, EventType.ATTACHMENT_ADDED)
        return domain_sentence(why) if why else None

    def on_add_clicked(self) -> None:
        self.add_paths(self.choose(self))

    def add_paths(self, paths: list[str]) -> None:
        """Attach files from disk (the dialog's choice, or a drop)."""
        if not paths:
            return
        refused = self.refusal()
        if refused:
            self.show_error(refused)
            return
        self.submit([FileSource.from_path(Path(p)) for p in paths])

    def on_paste_clicked(self) -> None:
        refused = self.refusal()
        if refused:
            self.show_error(refused)
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.show_error(translate("Files", NO_IMAGE))
            return
        name = f"screenshot-{self.context.clock().astimezone():%Y-%m-%d-%H%M%S}.png"
        self.submit(
            [
                FileSource(
                    name, encode=lambda: png_bytes(image), media_type="image/png", kind="screenshot"
                )
            ]
        )

    def submit(self, sources: list[FileSource]) -> None:
        self.error_banner.clear()
        self._refusals = []
        self.pending += len(sources)
        self.set_busy(True)
        self.attach_requested.emit(sources)

    def on_attached(self, failure: str | None) -> None:
        """One file of those submitted was kept (failure None) or refused (with the sentence)."""
        self.pending = max(0, self.pending - 1)
        if failure:
            self._refusals.append(failure)
            self.show_error("\n".join(self._refusals))
        if not self.pending:
            self.set_busy(False)

    # --- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        assert self.snapshot is not None
        files = self.snapshot.files
        self.model.set_rows(files)
        self.table.setVisible(bool(files))
        self.open_button.setVisible(bool(files))
        self.empty_label.setVisible(not files)

    def selected(self) -> AttachedFile | None:
        item = self.table.selected()
        return item if isinstance(item, AttachedFile) else None

    def update_availability(self) -> None:
        super().update_availability()
        chosen = self.selected()
        self.open_button.setEnabled(chosen is not None)
        if chosen is None:
            self.open_button.setToolTip(self.tr("Select a file to open it."))
        elif chosen.path is None:
            self.open_button.setToolTip(
                self.tr(
                    "Fetch \u201c{name}\u201d from the server (attached on another laptop) and "
                    "open it"
                ).format(name=chosen.filename)
            )
        else:
            self.open_button.setToolTip(
                self.tr("Open \u201c{name}\u201d").format(name=chosen.filename)
            )

    def on_open_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.error_banner.clear()
            self.open_requested.emit(chosen)
