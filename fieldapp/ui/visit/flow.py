"""The guided desk visit: header, step list, one page per step, the timeline, and the panel of
notes, files and promises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget
from shiboken6 import isValid

from fieldapp.clock import utc_now
from fieldapp.domain import Event, EventType
from fieldapp.domain.errors import DomainError
from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.closed_bar import ClosedBar
from fieldapp.ui.visit.data import (
    Recording,
    VisitSnapshot,
    opened_by,
    read_visit,
    write_recording,
)
from fieldapp.ui.visit.device import SCAN_SHORTCUT
from fieldapp.ui.visit.draft_saver import DraftSaver
from fieldapp.ui.visit.equipment import LEND_SHORTCUT
from fieldapp.ui.visit.file_jobs import FileJobs
from fieldapp.ui.visit.files import FileChooser, choose_files
from fieldapp.ui.visit.flow_actions import LEAVE_SHORTCUT, HeaderActions
from fieldapp.ui.visit.flow_navigation import FlowNavigation
from fieldapp.ui.visit.flow_tabs import COLLEAGUE_SHORTCUT, PANEL_SHORTCUT, VisitTabs
from fieldapp.ui.visit.header import VisitHeader, time_on_task_words
from fieldapp.ui.visit.intake import add_tried_action
from fieldapp.ui.visit.page import PageContext, StepPage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from fieldapp.ui.visit.past_fixes import Found, look_up
from fieldapp.ui.visit.section import Recorder, Section
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import Banner
from fieldapp.ui.visit.words import domain_sentence, promise_words, refusal_sentence

__all__ = ["COLLEAGUE_SHORTCUT", "LEAVE_SHORTCUT", "PANEL_SHORTCUT", "VisitFlow"]


class VisitFlow(FlowNavigation, QWidget):
    """One visit, step by step: each page records its event in the background.

    Args:
        store: the cache; reads and writes happen on worker threads, never here.
        runner: the app's background runner, used for reads.
        visit_id: the visit shown.
        author: username the events are recorded under.
        technician_name: the name the customer reads (confirmation, desk note).
        clock: the time of recorded events and of the lateness check.
        choose_files: asks which files to attach (the platform's file dialog).
        open_url: opens a kept file with the laptop's program for it.

    Signals:
        event_recorded(str): an event of this type was written (the round can refresh).
        loaded(): the visit was read and shown (after building and after each record).
        draft_saved(str): a page's draft (its screen name) reached the cache.
        failed(str): a read or a draft save failed, with the sentence shown.
        visit_opened(str): a step opened another visit (a request handled now, a return
            visit); its id, to show it.
    """

    event_recorded = Signal(str)
    visit_opened = Signal(str)
    loaded = Signal()
    draft_saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        visit_id: str,
        *,
        author: str,
        technician_name: str = "",
        clock: Callable[[], datetime] = utc_now,
        service_desk: str = "",
        late_grace: timedelta = timedelta(minutes=15),
        choose_files: FileChooser = choose_files,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        fetch_attachment: Callable[[str], bytes] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.visit_id = visit_id
        self.author = author
        self._runner = runner
        # Writes (drafts, the screen, recorded steps) run one at a time in the order asked,
        # so a draft saved before a step is recorded can never outlive that step's clearing.
        self._writer = BackgroundRunner(self, max_threads=1)
        self.draft_saver = DraftSaver(
            store, visit_id, writer=self._writer, clock=clock, parent=self
        )
        self.draft_saver.saved.connect(self.draft_saved)
        self.draft_saver.failed.connect(self.on_draft_failed)
        self.context = PageContext(technician_name, clock, service_desk, late_grace, author)
        self.snapshot: VisitSnapshot | None = None
        self._read_seq = 0
        self._advance = False
        self._screen: StepKey | None = None
        # Steps the technician skipped (Offer choices with one way forward): no longer current.
        self.skipped: set[StepKey] = set()
        self.setAccessibleName(self.tr("Desk visit"))

        self.header = VisitHeader(self)
        actions = HeaderActions(self.header)
        self.header_actions = actions
        self.escalate_button = actions.escalate_button
        self.escalate_button.clicked.connect(lambda: self.go_to(StepKey.ESCALATE, focus=True))
        self.leave_button = actions.leave_button
        self.leave_button.clicked.connect(self.show_leave)
        self.reopen_button = actions.reopen_button
        self.reopen_button.clicked.connect(lambda: self.go_to(StepKey.REOPEN, focus=True))
        self.error_banner = Banner("warning", self.tr("Problem reading the visit"))
        self.closed_bar = ClosedBar(self)
        self.closed_bar.open_requested.connect(self.visit_opened)  # the next of the round

        self.tabs = VisitTabs(self.context, choose_files)
        self.steps = self.tabs.steps
        self.stack = self.tabs.stack
        self.pages = self.tabs.pages
        self.timeline_model = self.tabs.timeline_model
        self.timeline_view = self.tabs.timeline_view
        self.panel = self.tabs.panel
        for key, page in self.pages.items():
            page.record_requested.connect(
                lambda recording, p=page: self.on_page_record_requested(p, recording)
            )
            self.draft_saver.watch(str(key), page.fields_changed, page.draft)
            page.navigate.connect(lambda name: self.go_to(StepKey(name), focus=True))
        self.steps.currentRowChanged.connect(self.on_steps_current_row_changed)
        diagnose = self.pages[StepKey.DIAGNOSE]
        assert isinstance(diagnose, DiagnosePage)
        self._look_up_seq = 0
        diagnose.past_fixes.wanted.connect(self.on_past_fixes_wanted)
        options = self.pages[StepKey.OPTIONS]
        assert isinstance(options, OptionsPage)
        options.skip_button.clicked.connect(lambda: self.skip(StepKey.OPTIONS))
        for section in self.panel.sections:
            section.record_requested.connect(
                lambda recording, s=section: self.on_section_record_requested(s, recording)
            )
        for screen, section in self.panel.screens.items():
            self.draft_saver.watch(screen, section.fields_changed, section.draft)
        self.tried_button = add_tried_action(self, self.panel.tried)
        self.file_jobs = FileJobs(
            self.panel.files,
            store,
            visit_id,
            author=author,
            clock=clock,
            writer=self._writer,
            reader=runner,
            open_url=open_url,
            fetch=fetch_attachment,
        )
        self.file_jobs.kept.connect(self.event_recorded)
        self.file_jobs.settled.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.closed_bar)
        layout.addWidget(self.tabs, 1)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(keys, self.record_current, self.tr("Record this step"))
        self._shortcut("Alt+Up", lambda: self.step_by(-1), self.tr("Previous step"))
        self._shortcut("Alt+Down", lambda: self.step_by(1), self.tr("Next step"))
        self._shortcut(
            PANEL_SHORTCUT, self.show_panel, self.tr("Notes, files and promises: a new note")
        )
        self._shortcut(LEAVE_SHORTCUT, self.show_leave, self.tr("Leave for now"))
        self._shortcut(LEND_SHORTCUT, self.show_lend, self.tr("Lend equipment"))
        self._shortcut(SCAN_SHORTCUT, self.show_scan, self.tr("Scan asset tag"))
        self._shortcut(COLLEAGUE_SHORTCUT, self.show_team, self.tr("A colleague joins or leaves"))
        self.refresh(with_drafts=True)

    def _shortcut(self, keys: str, slot: Callable[[], object], what: str) -> None:
        """`what`: what the keys do, for the window's list of shortcuts (F1)."""
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setWhatsThis(what)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # --- reading -------------------------------------------------------------------------

    def refresh(self, *, with_drafts: bool = False) -> None:
        """Re-read the visit in the background (drafts and last screen only when building)."""
        self._read_seq += 1
        seq = self._read_seq
        screens = self.draft_saver.screens
        store, visit_id = self.store, self.visit_id
        self._runner.run(
            lambda: read_visit(store, visit_id, screens, with_drafts=with_drafts),
            lambda snapshot: self.on_visit_read(snapshot, seq, with_drafts),
            self.on_visit_read_failed,
        )

    def on_visit_read(self, snapshot: VisitSnapshot, seq: int, first: bool) -> None:
        if not isValid(self) or seq != self._read_seq:
            return  # the flow was closed meanwhile, or a newer read is on its way
        self.error_banner.clear()
        if first:
            for key, page in self.pages.items():
                saved = snapshot.drafts.get(str(key))
                if saved:
                    page.restore(saved)
            self.panel.restore(snapshot.drafts)
        self.snapshot = snapshot
        self.header.show_snapshot(snapshot)
        self.header.show_time_on_task(time_on_task_words(snapshot, self.context.clock()))
        promises = {p.id: promise_words(p) for p in snapshot.state.promises.values()}
        self.timeline_model.set_entries(snapshot.timeline, promises)
        closed = snapshot.state.closed
        for page in self.pages.values():
            page.apply_snapshot(snapshot)
            if closed and page.unavailable_reason() is not None:
                page.show_read_only()  # (reopening a closed visit stays possible)
        self.closed_bar.follow(closed, self.store, self.visit_id, self._runner)
        self.panel.apply_snapshot(snapshot)
        self._update_steps()
        if first:
            saved_screen = snapshot.last_screen
            known = saved_screen in {str(k) for k in self.pages}
            start = StepKey(saved_screen) if known and saved_screen else None
            if start is StepKey.RESOLVE and self.current_step() is StepKey.OPTIONS:
                self.skip(StepKey.OPTIONS)  # left on Resolve after skipping the choices
            self.go_to(start or self.current_step(), remember=False)
        elif self._advance and self.tabs.currentIndex() == 0:  # not if they went elsewhere
            self.go_to(self.current_step(), focus=True)
        self._advance = False
        self.loaded.emit()

    def on_past_fixes_wanted(self, typed: str) -> None:
        """Look up similar past fixes (and the incident's known fix) off the UI thread; only
        the newest answer is shown."""
        self._look_up_seq += 1
        seq = self._look_up_seq
        page = self.pages[StepKey.DIAGNOSE]
        assert isinstance(page, DiagnosePage)
        store, visit_id = self.store, self.visit_id
        incident = self.snapshot.detail.visit.incident_ref if self.snapshot else ""

        def done(found: Found) -> None:
            if isValid(self) and seq == self._look_up_seq:
                page.past_fixes.show_found(found)

        def failed(_error: Exception) -> None:
            if isValid(self) and seq == self._look_up_seq:
                page.past_fixes.show_failed()

        self._runner.run(lambda: look_up(store, visit_id, incident, typed), done, failed)

    def on_visit_read_failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        message = domain_sentence(error) if isinstance(error, DomainError) else str(error)
        self.error_banner.show_text(
            self.tr("Could not read this visit: {reason}").format(reason=message), error=True
        )
        self.failed.emit(message)

    def _update_steps(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        self.steps.show_state(state, self.author, frozenset(self.skipped))
        self.header_actions.show_state(state, self.author)

    # --- recording -----------------------------------------------------------------------

    def record_current(self) -> bool:
        """Ctrl+Enter: press the current page's record button (or the focused section's)."""
        if self.tabs.currentWidget() is self.panel:
            return self.panel.record_default()
        if self.tabs.currentIndex() != 0:
            return False
        return self.current_page.record_default()

    def on_page_record_requested(self, page: StepPage, recording: Recording) -> None:
        self._record(page, recording, self.advance_after_read)

    def advance_after_read(self) -> None:
        """A step was recorded: the next read moves on to the step that holds what is next."""
        self._advance = True

    def on_section_record_requested(self, section: Section, recording: Recording) -> None:
        self._record(section, recording, section.on_recorded)

    def _record(self, recorder: Recorder, recording: Recording, done: Callable[[], None]) -> None:
        """Write a recording through the ordered writer; `done` runs once it is written."""
        if recorder.busy:
            return
        if recording.screen is not None:
            self.draft_saver.forget(recording.screen)  # the recording clears this draft
        recorder.set_busy(True)
        store, visit_id, author = self.store, self.visit_id, self.author
        now = self.context.clock()
        self._writer.run(
            lambda: write_recording(store, visit_id, recording, author=author, now=now),
            lambda event: self.on_written(recorder, event, done),
            lambda error: self.on_record_failed(recorder, error),
        )

    def on_written(self, recorder: Recorder, event: Event, done: Callable[[], None]) -> None:
        self.on_recorded(recorder, event.type, done)
        opened = opened_by(event)
        if opened is not None:
            self.visit_opened.emit(opened)

    def on_recorded(
        self, recorder: Recorder, event_type: EventType, done: Callable[[], None]
    ) -> None:
        recorder.set_busy(False)
        done()
        self.event_recorded.emit(str(event_type))
        self.refresh()

    def on_record_failed(self, recorder: Recorder, error: Exception) -> None:
        recorder.set_busy(False)
        if isinstance(recorder, StepPage):
            recorder.show_refusal(error)  # beside the field that can put it right
        else:
            recorder.show_error(refusal_sentence(error))
        self.refresh()

    # --- drafts --------------------------------------------------------------------------

    def flush_drafts(self) -> None:
        """Save the drafts of the pages and sections changed since the last save, now."""
        self.draft_saver.flush()

    def on_draft_failed(self, error: Exception) -> None:
        detail = domain_sentence(error) if isinstance(error, DomainError) else str(error)
        message = self.tr("What you typed could not be kept on this laptop: {reason}").format(
            reason=detail
        )
        self.error_banner.show_text(message, error=True)
        self.failed.emit(message)

    def wait(self, msecs: int = 30_000) -> bool:
        """Finish the pending draft saves and recordings (closing, tests)."""
        self.flush_drafts()
        return self._writer.wait(msecs)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.wait()
        super().closeEvent(event)
