"""Unsent events whose file is gone from this laptop: give the file again, or drop the event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from fieldapp.clock import Clock, utc_now
from fieldapp.domain.errors import DomainError
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import MAX_ATTACHMENT_BYTES
from fieldapp.store.db import Store
from fieldapp.store.missing_files import (
    MissingFile,
    drop_missing_file_event,
    missing_files,
    reattach_file,
)
from fieldapp.ui.attention_dialog import AttentionListDialog
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.rejected_dialog import when_recorded
from fieldapp.ui.table_model import Column
from fieldapp.ui.visit.attachments import LIMIT_WORDS, clean_filename, media_type_of

FilePicker = Callable[[QWidget, MissingFile], Path | None]
Confirm = Callable[[QWidget, str], bool]

translate = QCoreApplication.translate
_PROBLEM_WORDS = {
    "missing": QT_TRANSLATE_NOOP(
        "MissingFilesDialog", "The file is no longer on this laptop (deleted or moved)."
    ),
    "damaged": QT_TRANSLATE_NOOP(
        "MissingFilesDialog",
        "The file on this laptop was changed or damaged since it was attached.",
    ),
}


def pick_file(parent: QWidget, item: MissingFile) -> Path | None:
    """Ask for the file again with the system's file dialog; None when cancelled."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    title = translate("MissingFilesDialog", "Re-attach {file}").format(file=item.filename)
    chosen, _ = QFileDialog.getOpenFileName(parent, title, pictures)
    return Path(chosen) if chosen else None


def ask_to_drop(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(
        parent, translate("MissingFilesDialog", "Drop this file?"), question
    )
    return answer == QMessageBox.StandardButton.Yes


def read_missing(store: Store) -> list[MissingFile]:
    """The events whose file is missing or damaged (runs on a worker thread)."""
    with store.read_session() as session:
        return missing_files(session, store.files)


def reattach(store: Store, item: MissingFile, source: Path, now: Clock) -> str:
    """Read `source` and give it to `item`'s event (runs on a worker thread)."""
    try:
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise MissingFileRefusal(
                "attachment_too_large",
                QT_TRANSLATE_NOOP(
                    "MissingFilesDialog", "This file is too large to attach (over {limit})."
                ),
                {"limit": LIMIT_WORDS},
            )
        data = source.read_bytes()
    except OSError as error:
        raise MissingFileRefusal(
            "file_unreadable",
            QT_TRANSLATE_NOOP("MissingFilesDialog", "{file} could not be read: {why}."),
            {"file": source.name, "why": error.strerror or error},
        ) from None
    name = clean_filename(source.name)
    with store.session() as session, session.begin():
        reattach_file(
            session, store.files, item.event_id, data,
            filename=name, media_type=media_type_of(name), now=now(),
        )  # fmt: skip
    return name


def drop(store: Store, item: MissingFile) -> None:
    """Drop `item`'s unsent event (runs on a worker thread)."""
    with store.session() as session, session.begin():
        drop_missing_file_event(session, item.event_id)


class MissingFileRefusal(DomainError):
    """The file given again cannot be used (too large, unreadable); its words are this
    dialog's (context "MissingFilesDialog")."""

    context = "MissingFilesDialog"


def _problem_words(item: MissingFile) -> str:
    words = _PROBLEM_WORDS.get(item.problem)
    return translate("MissingFilesDialog", words) if words else item.problem


def _what(item: MissingFile) -> str:
    if item.is_signature:
        return translate("MissingFilesDialog", "Signature")
    return translate("MissingFilesDialog", "Attachment")


MISSING_COLUMNS: tuple[Column[MissingFile], ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Visit"),
        lambda item: f"{item.visit_reference} \u00b7 {item.customer_name}",
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Event"), _what),
    Column(QT_TRANSLATE_NOOP("Columns", "File"), lambda item: item.filename),
    Column(QT_TRANSLATE_NOOP("Columns", "Recorded"), lambda item: when_recorded(item.occurred_at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Problem"), _problem_words),
)


class MissingFilesDialog(AttentionListDialog[MissingFile]):
    """Lists the unsent events whose file is gone; re-attach the file, or drop the event.

    Signals:
        changed(): an event was re-attached or dropped (the round and its counts changed,
            and a sync can now send it).
        loaded(): the list was (re)read.
    """

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        pick: FilePicker = pick_file,
        confirm: Confirm = ask_to_drop,
    ) -> None:
        super().__init__(
            store,
            runner,
            parent,
            read=read_missing,
            title=translate("MissingFilesDialog", "Files missing"),
            size=(900, 380),
            intro=translate(
                "MissingFilesDialog",
                "These events cannot be sent: their file is no longer on this laptop as it was "
                "attached. Re-attach the file (the same one, or another to send instead), or "
                "drop the attachment. Until then the visit's later events wait too.",
            ),
            columns=MISSING_COLUMNS,
            key=lambda item: item.event_id,
            stretch={4},
            table_name=translate("MissingFilesDialog", "Events whose file is missing"),
            empty_text=translate(
                "MissingFilesDialog", "No missing files: every file attached is on this laptop."
            ),
            status_name=translate("MissingFilesDialog", "Missing files status"),
        )
        self._clock = clock
        self.pick = pick
        self.confirm = confirm

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        self.reattach_button = QPushButton(self.tr("&Re-attach\u2026"), self)
        self.reattach_button.setToolTip(
            self.tr("Choose the file again; another file is sent in place of the lost one")
        )
        self.drop_button = QPushButton(self.tr("&Drop"), self)
        self.drop_button.setToolTip(
            self.tr("Remove this attachment from the visit; it was never sent")
        )
        self.reattach_button.clicked.connect(self.on_reattach_clicked)
        self.drop_button.clicked.connect(self.on_drop_clicked)
        return (self.reattach_button, self.drop_button)

    def _update_buttons(self) -> None:
        item = self.selected()
        self.reattach_button.setEnabled(item is not None)
        # A sign-off is not dropped for its signature: only the same file can be given back.
        self.drop_button.setEnabled(item is not None and not item.is_signature)

    def on_reattach_clicked(self) -> None:
        item = self.selected()
        if item is None:
            return
        source = self.pick(self, item)
        if source is None:
            return
        self.reattach_button.setEnabled(False)
        self._runner.run(
            lambda: reattach(self._store, item, source, self._clock),
            lambda name: self.on_done(
                self.tr("Re-attached {file} on {visit}.").format(
                    file=name, visit=item.visit_reference
                )
            ),
            self.on_failed,
        )

    def on_drop_clicked(self) -> None:
        item = self.selected()
        if item is None or item.is_signature:
            return
        question = self.tr(
            "Drop {file} from {visit}? It was never sent, so it will not reach the server."
        ).format(file=item.filename, visit=item.visit_reference)
        if not self.confirm(self, question):
            return
        self.drop_button.setEnabled(False)
        self._runner.run(
            lambda: drop(self._store, item),
            lambda _none: self.on_done(
                self.tr("Dropped {file} from {visit}.").format(
                    file=item.filename, visit=item.visit_reference
                )
            ),
            self.on_failed,
        )
