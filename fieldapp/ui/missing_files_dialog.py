"""Unsent events whose file is gone from this laptop: give the file again, or drop the event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from fieldapp.clock import Clock, utc_now
from fieldapp.domain.errors import DomainError
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
from fieldapp.ui.table_model import Column
from fieldapp.ui.visit.attachments import LIMIT_WORDS, clean_filename, media_type_of

FilePicker = Callable[[QWidget, MissingFile], Path | None]
Confirm = Callable[[QWidget, str], bool]

_PROBLEM_WORDS = {
    "missing": "The file is no longer on this laptop (deleted or moved).",
    "damaged": "The file on this laptop was changed or damaged since it was attached.",
}


def pick_file(parent: QWidget, item: MissingFile) -> Path | None:
    """Ask for the file again with the system's file dialog; None when cancelled."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    chosen, _ = QFileDialog.getOpenFileName(parent, f"Re-attach {item.filename}", pictures)
    return Path(chosen) if chosen else None


def ask_to_drop(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Drop this file?", question)
    return answer == QMessageBox.StandardButton.Yes


def read_missing(store: Store) -> list[MissingFile]:
    """The events whose file is missing or damaged (runs on a worker thread)."""
    with store.read_session() as session:
        return missing_files(session, store.files)


def reattach(store: Store, item: MissingFile, source: Path, now: Clock) -> str:
    """Read `source` and give it to `item`'s event (runs on a worker thread)."""
    try:
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise DomainError(
                "attachment_too_large", f"This file is too large to attach (over {LIMIT_WORDS})."
            )
        data = source.read_bytes()
    except OSError as error:
        raise DomainError(
            "file_unreadable", f"{source.name} could not be read: {error.strerror or error}."
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


def _what(item: MissingFile) -> str:
    return "Signature" if item.is_signature else "Attachment"


MISSING_COLUMNS: tuple[Column[MissingFile], ...] = (
    Column("Visit", lambda item: f"{item.visit_reference} \u00b7 {item.customer_name}"),
    Column("Event", _what),
    Column("File", lambda item: item.filename),
    Column("Recorded", lambda item: f"{item.occurred_at.astimezone():%a %d %b %H:%M}"),
    Column("Problem", lambda item: _PROBLEM_WORDS.get(item.problem, item.problem)),
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
            title="Files missing",
            size=(900, 380),
            intro=(
                "These events cannot be sent: their file is no longer on this laptop as it was "
                "attached. Re-attach the file (the same one, or another to send instead), or "
                "drop the attachment. Until then the visit's later events wait too."
            ),
            columns=MISSING_COLUMNS,
            key=lambda item: item.event_id,
            stretch={4},
            table_name="Events whose file is missing",
            empty_text="No missing files: every file attached is on this laptop.",
            status_name="Missing files status",
        )
        self._clock = clock
        self.pick = pick
        self.confirm = confirm

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        self.reattach_button = QPushButton("&Re-attach\u2026", self)
        self.reattach_button.setToolTip(
            "Choose the file again; another file is sent in place of the lost one"
        )
        self.drop_button = QPushButton("&Drop", self)
        self.drop_button.setToolTip("Remove this attachment from the visit; it was never sent")
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
            lambda name: self.on_done(f"Re-attached {name} on {item.visit_reference}."),
            self.on_failed,
        )

    def on_drop_clicked(self) -> None:
        item = self.selected()
        if item is None or item.is_signature:
            return
        question = (
            f"Drop {item.filename} from {item.visit_reference}? It was never sent, so it will "
            "not reach the server."
        )
        if not self.confirm(self, question):
            return
        self.drop_button.setEnabled(False)
        self._runner.run(
            lambda: drop(self._store, item),
            lambda _none: self.on_done(f"Dropped {item.filename} from {item.visit_reference}."),
            self.on_failed,
        )
