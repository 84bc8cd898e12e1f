"""The "Notes, files and promises" tab: what can be added to a visit at any time, even after
sign-off: notes, files, promises, borrowed parts and loans, the user's device (with its
history); and the people on it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from fieldapp.domain import EventType, why_not
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import VisitStatus
from fieldapp.ui.visit.data import VisitSnapshot
from fieldapp.ui.visit.device import DeviceSection
from fieldapp.ui.visit.equipment import BorrowSection, EquipmentSection, LendSection
from fieldapp.ui.visit.files import FileChooser, FilesSection, choose_files
from fieldapp.ui.visit.intake import AlreadyTriedSection
from fieldapp.ui.visit.notes import NotesSection
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.promises import PromisesSection
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.team import TeamSection
from fieldapp.ui.visit.widgets import MARGIN, Banner, heading, wrapped_label
from fieldapp.ui.visit.words import domain_sentence, translate

INTRO = QT_TRANSLATE_NOOP(
    "NotesPanel",
    "Notes, files, promises, and what became of borrowed parts and loans can be added at any "
    "time, also after sign-off or escalation; what the user already tried, until the visit "
    "is closed. Everything is kept on this laptop and synced with the rest of the visit.",
)

LOST = QT_TRANSLATE_NOOP(
    "NotesPanel", "This visit is no longer assigned to you, so nothing more can be added to it."
)


def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class NotesPanel(QWidget):
    """Notes, parts and loans still out and borrowing on the left; files, promises and
    lending on the right.

    Files dropped anywhere on the panel are attached to the visit.
    """

    def __init__(
        self,
        context: PageContext,
        choose: FileChooser = choose_files,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Notes, files and promises"))
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = self.scroller = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        page = QVBoxLayout(body)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        page.setSpacing(MARGIN)
        page.addWidget(heading(self.tr("Notes, files and promises")))
        page.addWidget(wrapped_label(self.tr(INTRO), muted=True))
        self.banner = Banner("step-locked", self.tr("Why nothing can be added"))
        page.addWidget(self.banner)

        self.notes = NotesSection(context)
        self.tried = AlreadyTriedSection(context)
        self.equipment = EquipmentSection(context)
        self.borrow = BorrowSection(context)
        self.files = FilesSection(context, choose)
        self.promises = PromisesSection(context)
        self.lend = LendSection(context)
        self.team = TeamSection(context)
        self.device = DeviceSection(context)
        self.sections: tuple[Section, ...] = (
            self.device,
            self.notes,
            self.tried,
            self.equipment,
            self.borrow,
            self.files,
            self.promises,
            self.lend,
            self.team,
        )
        columns = QHBoxLayout()
        columns.setSpacing(MARGIN)
        left = (self.notes, self.tried, self.equipment, self.borrow)
        right = (self.device, self.files, self.promises, self.lend, self.team)
        for members in (left, right):
            column = QVBoxLayout()
            column.setSpacing(MARGIN)
            for section in members:
                column.addWidget(section)
            column.addStretch(1)
            columns.addLayout(column, 1)
        page.addLayout(columns, 1)
        self._hint = self.files.hint.text()

    @property
    def screens(self) -> dict[str, Section]:
        """The sections whose inputs are drafted, by screen name."""
        return {s.draft_name: s for s in self.sections if s.draft_name is not None}

    def restore(self, drafts: dict[str, dict[str, Any]]) -> None:
        for screen, section in self.screens.items():
            saved = drafts.get(screen)
            if saved:
                section.restore(saved)

    def apply_snapshot(self, snapshot: VisitSnapshot) -> None:
        detail = snapshot.detail
        locked = None  # as the cache refuses: taken away, unless cancelled (the rules say so)
        if detail.scope_lost_reason is not None and detail.visit.status != VisitStatus.CANCELLED:
            locked = detail.scope_lost_message or self.tr(LOST)
        cancelled = why_not(snapshot.state, EventType.NOTE)
        self.banner.show_text(locked or (domain_sentence(cancelled) if cancelled else ""))
        for section in self.sections:
            section.locked = locked
            section.apply_snapshot(snapshot)

    def record_default(self) -> bool:
        """Ctrl+Enter: record what the section holding the focus holds (a note, a promise)."""
        focused = QApplication.focusWidget()
        for section in self.sections:
            if focused is not None and section.isAncestorOf(focused):
                return section.press_default()
        return False

    def focus_note(self) -> None:
        self.notes.text.setFocus()

    def focus_scan(self) -> None:
        self.device.focus_scan()
        self.show_widget(self.device)
        # A section with a long history is taller than the view, which then shows its middle:
        # the tag field the scanner types into must be in sight.
        self.show_widget(self.device.scan)

    def focus_lend(self) -> None:
        self.lend.item.setFocus()

    def show_widget(self, widget: QWidget) -> None:
        """Scroll the panel so that `widget` shows."""
        self.scroller.ensureWidgetVisible(widget)

    # --- files dropped on the panel -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        paths = _local_files(event)
        if paths:
            self.files.hint.setText(
                translate(
                    "NotesPanel", "Release to attach %n file(s) to this visit.", "", len(paths)
                )
            )
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.files.hint.setText(self._hint)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.files.hint.setText(self._hint)
        paths = _local_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.add_paths(paths)
