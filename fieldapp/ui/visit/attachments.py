"""A visit's files, run on worker threads: which are attached, adding one, a copy to open."""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import re
import stat
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLocale
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType
from fieldapp.domain.errors import DomainError
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import MAX_ATTACHMENT_BYTES
from fieldapp.store.db import Store
from fieldapp.store.files import FILE_MODE, AttachmentDamaged
from fieldapp.store.models import AttachmentRow
from fieldapp.store.recording import add_attachment, keep_fetched_attachment
from fieldapp.store.visit_detail import TimelineEntry, visit_state
from fieldapp.sync.errors import SyncError
from fieldapp.ui.visit.words import translate

MAX_FILENAME = 255
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


class FileRefused(DomainError):
    """A file that cannot be attached (too large, a folder, unreadable, already attached);
    its sentences are marked in the "Attachments" context."""

    context = "Attachments"


def size_words(size: int) -> str:
    """A file size as people read it (1 MB = 1024 KB, as the 50 MB limit is counted)."""
    if size < 1024:
        return translate("Attachments", "%n byte(s)", "", size)
    value, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    # The locale's decimal sign (1,5 MB in German); a whole number without its ",0".
    whole = value >= 100 or round(value, 1) == int(round(value, 1))
    number = QLocale().toString(value, "f", 0 if whole else 1)
    return translate("Attachments", "{number} {unit}").format(number=number, unit=unit)


LIMIT_WORDS = size_words(MAX_ATTACHMENT_BYTES)  # in the language of import: for logs, tests
UNREADABLE = QT_TRANSLATE_NOOP(
    "Attachments", "\u201c{name}\u201d could not be read ({why}); nothing was attached."
)


def media_type_of(filename: str) -> str:
    """The media type a file's name suggests (application/octet-stream when unknown)."""
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def kind_of(media_type: str) -> str:
    """The attachment kind for a media type: PNG images are screenshots (screenshot tools and
    phones save PNG, cameras JPEG or HEIC), other images photos, anything else a file."""
    if media_type == "image/png":
        return "screenshot"
    if media_type.startswith("image/"):
        return "photo"
    return "file"


def clean_filename(name: str, fallback: str = "file") -> str:
    """A file name safe to record and to copy under: no folders, no control or reserved
    characters, at most 255 characters (the extension is kept)."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or fallback
    if len(base) <= MAX_FILENAME:
        return base
    suffix = Path(base).suffix[:16]
    return base[: MAX_FILENAME - len(suffix)] + suffix


@dataclass(frozen=True, slots=True)
class FileSource:
    """A file the technician adds: read and checked on the worker thread, never the UI's.

    Attributes:
        path: a file on disk; or else
        encode: makes the bytes (e.g. a pasted image as PNG).
        media_type, kind: guessed from the name when empty.
    """

    filename: str
    path: Path | None = None
    encode: Callable[[], bytes] | None = None
    media_type: str = ""
    kind: str = ""

    @classmethod
    def from_path(cls, path: Path) -> FileSource:
        return cls(clean_filename(path.name), path=path)

    def load(self) -> bytes:
        """The file's bytes.

        Raises:
            FileRefused: a folder, unreadable, or larger than the limit (nothing is read then).
        """
        if self.path is not None:
            try:
                info = self.path.stat()
            except OSError as error:
                raise FileRefused(
                    "attachment_unreadable",
                    UNREADABLE,
                    {"name": self.filename, "why": error.strerror},
                ) from None
            if stat.S_ISDIR(info.st_mode):
                raise FileRefused(
                    "attachment_is_folder",
                    QT_TRANSLATE_NOOP(
                        "Attachments",
                        "\u201c{name}\u201d is a folder; attach the files in it instead.",
                    ),
                    {"name": self.filename},
                )
            self._check_size(info.st_size)
            try:
                data = self.path.read_bytes()
            except OSError as error:
                raise FileRefused(
                    "attachment_unreadable",
                    UNREADABLE,
                    {"name": self.filename, "why": error.strerror},
                ) from None
        elif self.encode is not None:
            data = self.encode()
        else:
            raise ValueError("a FileSource needs a path or an encoder")
        self._check_size(len(data))
        return data

    def _check_size(self, size: int) -> None:
        if size > MAX_ATTACHMENT_BYTES:
            raise FileRefused(
                "attachment_too_large",
                QT_TRANSLATE_NOOP(
                    "Attachments",
                    "\u201c{name}\u201d is {size}; files over {limit} cannot be attached, so it "
                    "was not added. Share it another way and say where in a note.",
                ),
                {
                    "name": self.filename,
                    "size": size_words(size),
                    "limit": size_words(MAX_ATTACHMENT_BYTES),
                },
            )


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """A file named by an ATTACHMENT_ADDED event of the visit.

    Attributes:
        path: where it is kept on this laptop (relative to the attachments directory); None
            when only the server has it (attached on another laptop).
        uploaded: the bytes reached the server.
    """

    sha256: str
    filename: str
    media_type: str
    size: int
    kind: str
    added_at: datetime
    sync_state: str
    reject_message: str | None = None
    path: str | None = None
    uploaded: bool = False


def attached_files(session: Session, timeline: Sequence[TimelineEntry]) -> tuple[AttachedFile, ...]:
    """The visit's files in the order they were attached, from its timeline."""
    found = []
    for entry in timeline:
        stored = entry.stored
        if stored.event.type is not EventType.ATTACHMENT_ADDED:
            continue
        payload = stored.event.payload
        row = session.get(AttachmentRow, payload["sha256"])
        found.append(
            AttachedFile(
                sha256=payload["sha256"],
                filename=payload["filename"],
                media_type=payload["media_type"],
                size=payload["size"],
                kind=payload["kind"],
                added_at=stored.event.occurred_at,
                sync_state=stored.sync_state,
                reject_message=stored.reject_message or stored.reject_code,
                path=row.path if row else None,
                uploaded=row.uploaded if row else False,
            )
        )
    return tuple(found)


def write_attachment(
    store: Store, visit_id: str, source: FileSource, *, author: str, now: datetime
) -> Event:
    """Read the file, keep it and record ATTACHMENT_ADDED, in one transaction.

    Raises:
        FileRefused: too large, a folder, unreadable, or already attached to this visit.
        InvalidEvent, WorkflowViolation, VisitNotFound, VisitOutOfScope: nothing is written.
    """
    data = source.load()
    media_type = source.media_type or media_type_of(source.filename)
    with store.session() as session, session.begin():
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in visit_state(session, visit_id).attachments:
            raise FileRefused(
                "attachment_duplicate",
                QT_TRANSLATE_NOOP(
                    "Attachments", "\u201c{name}\u201d is already attached to this visit."
                ),
                {"name": source.filename},
            )
        return add_attachment(
            session,
            store.files,
            visit_id,
            data,
            filename=source.filename,
            media_type=media_type,
            kind=source.kind or kind_of(media_type),
            author=author,
            now=now,
        )


def _fetch(store: Store, attached: AttachedFile, fetch: Callable[[str], bytes] | None) -> bytes:
    elsewhere = attached.path is None
    if fetch is None:
        said = (
            QT_TRANSLATE_NOOP("Attachments", "\u201c{name}\u201d was attached on another laptop.")
            if elsewhere
            else QT_TRANSLATE_NOOP("Attachments", "\u201c{name}\u201d is missing on this laptop.")
        )
        raise FileRefused("attachment_not_here", said, {"name": attached.filename})
    try:
        data = fetch(attached.sha256)
    except SyncError as error:
        said = (
            QT_TRANSLATE_NOOP(
                "Attachments",
                "\u201c{name}\u201d was attached on another laptop and could not be fetched "
                "from the server: {reason}",
            )
            if elsewhere
            else QT_TRANSLATE_NOOP(
                "Attachments",
                "\u201c{name}\u201d is missing on this laptop and could not be fetched from "
                "the server: {reason}",
            )
        )
        raise FileRefused(
            "attachment_not_here", said, {"name": attached.filename, "reason": error.message}
        ) from None
    with store.session() as session, session.begin():
        keep_fetched_attachment(
            session,
            store.files,
            data,
            filename=attached.filename,
            media_type=attached.media_type,
            now=datetime.now(UTC),
        )
    return data


def copy_for_opening(
    store: Store, attached: AttachedFile, fetch: Callable[[str], bytes] | None = None
) -> Path:
    """A copy of a kept file under its own name, so the program opening it knows its type.

    A file this laptop does not hold (attached on another laptop, or lost) is fetched with
    `fetch` (bytes by SHA-256, checked) and kept first, when given.

    Raises:
        FileRefused: this laptop does not hold the file and it could not be fetched.
    """
    with store.read_session() as session:  # fresh: it may have been fetched since the read
        row = session.get(AttachmentRow, attached.sha256)
        path = row.path if row is not None else None
    folder = store.opened_dir / attached.sha256[:16]
    target = folder / clean_filename(attached.filename, attached.sha256[:12])
    if target.exists() and target.stat().st_size == attached.size:
        os.utime(target)  # opened again: the sweep of old opened copies leaves it for now
        return target
    data: bytes | None = None
    if path:
        with contextlib.suppress(FileNotFoundError, AttachmentDamaged):  # fetched again below
            data = store.files.read(path)
    if data is None:
        data = _fetch(store, attached, fetch)
    # The one plain copy, by necessity: another program must read it. In memory where the
    # system has a runtime folder; the sweep removes it after two days.
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = folder / f".{uuid.uuid4().hex}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)
    return target
