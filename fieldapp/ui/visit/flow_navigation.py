"""Moving about a visit: the step to do now (past the ones skipped), showing a step's page
and remembering it as the screen to reopen on, and the shortcuts to the notes tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListWidgetItem, QStackedWidget

from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.data import VisitSnapshot, write_screen
from fieldapp.ui.visit.flow_tabs import VisitTabs
from fieldapp.ui.visit.page import PageContext, StepPage
from fieldapp.ui.visit.panel import NotesPanel
from fieldapp.ui.visit.step_list import StepList
from fieldapp.ui.visit.steps import StepKey, current_step


class FlowNavigation:
    """VisitFlow's navigation (a mixin: the flow builds the widgets it moves between)."""

    store: Store
    visit_id: str
    context: PageContext
    snapshot: VisitSnapshot | None
    skipped: set[StepKey]
    tabs: VisitTabs
    steps: StepList
    stack: QStackedWidget
    pages: dict[StepKey, StepPage]
    panel: NotesPanel
    _writer: BackgroundRunner
    _screen: StepKey | None

    if TYPE_CHECKING:  # the flow's own (VisitFlow)

        def _update_steps(self) -> None: ...

        def on_draft_failed(self, error: Exception) -> None: ...

    def current_step(self) -> StepKey:
        """The step that holds what is next, past the steps skipped."""
        assert self.snapshot is not None
        return current_step(self.snapshot.state, frozenset(self.skipped))

    def skip(self, key: StepKey) -> None:
        """The technician skipped a step: it is no longer the one to do now."""
        self.skipped.add(key)
        if self.snapshot is not None:
            self._update_steps()

    @property
    def current_key(self) -> StepKey:
        page = self.stack.currentWidget()
        assert isinstance(page, StepPage)
        return page.key

    @property
    def current_page(self) -> StepPage:
        return self.pages[self.current_key]

    def item(self, key: StepKey) -> QListWidgetItem:
        """The step's row in the list (its tooltip says why an unavailable step is)."""
        return self.steps.item_of(key)

    def step_available(self, key: StepKey) -> bool:
        return self.steps.available(key)

    def go_to(self, key: StepKey, *, remember: bool = True, focus: bool = False) -> None:
        """Show a step's page; `remember` keeps it as the screen to reopen on."""
        page = self.pages[key]
        self.tabs.setCurrentIndex(0)
        self.stack.setCurrentWidget(page)
        row = self.steps.row_of(key)
        if self.steps.currentRow() != row:
            self.steps.blockSignals(True)
            self.steps.setCurrentRow(row)
            self.steps.blockSignals(False)
        if focus:
            page.focus_first()
        if remember and key is not self._screen:
            store, visit_id, now = self.store, self.visit_id, self.context.clock()
            self._writer.run(
                lambda: write_screen(store, visit_id, str(key), now),
                lambda _: None,
                self.on_draft_failed,
            )
        self._screen = key

    def on_steps_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.steps.count():
            self.go_to(self.steps.key_at(row))

    def show_panel(self) -> None:
        """Ctrl+Shift+N: the notes, files and promises, with the focus on a new note."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.focus_note()

    def show_leave(self) -> None:
        """Ctrl+Shift+D: the Leave for now page, to record why and when you will be back."""
        self.go_to(StepKey.LEAVE, focus=True)

    def show_lend(self) -> None:
        """Ctrl+Shift+L: the notes tab, with the focus on lending equipment to the user."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.focus_lend()

    def show_scan(self) -> None:
        """Ctrl+Shift+A: the notes tab, with the focus in the device's tag field, so a USB
        scanner's keys land there."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.focus_scan()

    def show_team(self) -> None:
        """Ctrl+Shift+K: the people on this visit, with the focus on adding a colleague."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.team.focus_colleague()
        self.panel.show_widget(self.panel.team)

    def step_by(self, delta: int) -> None:
        """Alt+Up / Alt+Down: the previous or next step."""
        last = self.steps.count() - 1
        row = max(0, min(last, self.steps.row_of(self.current_key) + delta))
        self.go_to(self.steps.key_at(row), focus=True)
