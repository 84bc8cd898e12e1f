"""The files section's work off the UI thread: keeping files through the flow's ordered
writer, and copying a kept file out to open it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from shiboken6 import isValid

from fieldapp.domain import Event
from fieldapp.domain.errors import DomainError
from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.attachments import (
    AttachedFile,
    FileSource,
    copy_for_opening,
    write_attachment,
)
from fieldapp.ui.visit.files import FilesSection
from fieldapp.ui.visit.words import domain_sentence, refusal_sentence, translate


class FileJobs(QObject):
    """Connects a FilesSection to the store.

    Args:
        writer: the flow's ordered writer (files are kept in the order they were given).
        reader: a runner for the copies made to open files.
        open_url: opens a copy with the laptop's program for it.
        fetch: an attachment's bytes from the server by SHA-256, for files this laptop does
            not hold (attached on another laptop).

    Signals:
        kept(str): an ATTACHMENT_ADDED event was written.
        settled(): every file asked for was kept or refused, or a file was fetched from the
            server (the flow reads the visit again).
    """

    kept = Signal(str)
    settled = Signal()

    def __init__(
        self,
        section: FilesSection,
        store: Store,
        visit_id: str,
        *,
        author: str,
        clock: Callable[[], datetime],
        writer: BackgroundRunner,
        reader: BackgroundRunner,
        open_url: Callable[[QUrl], bool],
        fetch: Callable[[str], bytes] | None = None,
    ) -> None:
        super().__init__(section)
        self.section = section
        self.store = store
        self.visit_id = visit_id
        self.author = author
        self.clock = clock
        self._writer = writer
        self._reader = reader
        self._open_url = open_url
        self._fetch = fetch
        section.attach_requested.connect(self.on_attach_requested)
        section.open_requested.connect(self.on_open_requested)

    def on_attach_requested(self, sources: list[FileSource]) -> None:
        """Keep each file with its ATTACHMENT_ADDED event, one transaction each, in order."""
        store, visit_id, author, now = self.store, self.visit_id, self.author, self.clock()

        def keep(source: FileSource) -> Callable[[], Event]:
            return lambda: write_attachment(store, visit_id, source, author=author, now=now)

        for source in sources:
            self._writer.run(
                keep(source),
                lambda event: self.on_attached(None, str(event.type)),
                lambda error: self.on_attached(refusal_sentence(error), ""),
            )

    def on_attached(self, failure: str | None, event_type: str) -> None:
        self.section.on_attached(failure)
        if failure is None:
            self.kept.emit(event_type)
        if not self.section.pending:
            self.settled.emit()

    def on_open_requested(self, attached: AttachedFile) -> None:
        """Open a kept file: copied under its own name off the UI thread, then opened."""
        store, fetch = self.store, self._fetch
        self._reader.run(
            lambda: copy_for_opening(store, attached, fetch),
            lambda path: self.on_copy_ready(path, fetched=attached.path is None),
            self.on_copy_failed,
        )

    def on_copy_ready(self, path: Path, *, fetched: bool = False) -> None:
        if not isValid(self.section):
            return
        if not self._open_url(QUrl.fromLocalFile(str(path))):
            self.section.show_error(
                translate("FileJobs", "No program on this laptop opens \u201c{name}\u201d.").format(
                    name=path.name
                )
            )
        if fetched:
            self.settled.emit()  # now kept on this laptop: the list says so after a read

    def on_copy_failed(self, error: Exception) -> None:
        if isValid(self.section):
            message = domain_sentence(error) if isinstance(error, DomainError) else str(error)
            self.section.show_error(
                translate("FileJobs", "The file could not be opened: {reason}").format(
                    reason=message
                )
            )
