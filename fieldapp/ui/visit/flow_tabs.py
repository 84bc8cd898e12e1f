"""The visit window's three tabs: the step list beside its pages, the timeline, and the panel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from fieldapp.ui.resources import icon
from fieldapp.ui.visit.equipment import LEND_SHORTCUT
from fieldapp.ui.visit.files import FileChooser
from fieldapp.ui.visit.page import PageContext, StepPage
from fieldapp.ui.visit.pages_after import AnythingElsePage, ResolvePage, TeachPage
from fieldapp.ui.visit.pages_before import ArrivePage, ConfirmPage
from fieldapp.ui.visit.pages_close import EscalatePage, SignOffPage
from fieldapp.ui.visit.pages_leave import LeavePage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_outcome import NoRepairPage
from fieldapp.ui.visit.pages_permission import PermissionPage
from fieldapp.ui.visit.pages_reopen import ReopenPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from fieldapp.ui.visit.panel import NotesPanel
from fieldapp.ui.visit.step_list import StepList
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.timeline import TimelineModel, TimelineView
from fieldapp.ui.visit.widgets import MARGIN, SPACING

PANEL_SHORTCUT = "Ctrl+Shift+N"
COLLEAGUE_SHORTCUT = "Ctrl+Shift+K"
PAGE_CLASSES: tuple[type[StepPage], ...] = (
    ConfirmPage,
    ArrivePage,
    PermissionPage,
    DiagnosePage,
    OptionsPage,
    ResolvePage,
    TeachPage,
    AnythingElsePage,
    SignOffPage,
    EscalatePage,
    NoRepairPage,
    LeavePage,
    ReopenPage,
)


class VisitTabs(QTabWidget):
    """Steps (the list and one page per step), Timeline, and Notes, files & promises.

    Only the widgets: the visit flow connects their signals and fills them from its reads.
    """

    def __init__(
        self, context: PageContext, choose_files: FileChooser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.steps = StepList()
        self.stack = QStackedWidget()
        self.pages: dict[StepKey, StepPage] = {}
        for page_class in PAGE_CLASSES:
            page = page_class(context)
            self.pages[page.key] = page
            self.stack.addWidget(page)

        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(MARGIN, MARGIN, 0, MARGIN)
        row.setSpacing(SPACING)
        row.addWidget(self.steps)
        row.addWidget(self.stack, 1)
        self.timeline_model = TimelineModel(self)
        self.timeline_view = TimelineView(self.timeline_model)
        timeline = QWidget()
        column = QVBoxLayout(timeline)
        column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        column.addWidget(self.timeline_view)
        self.setDocumentMode(True)
        self.addTab(work, icon("visit"), self.tr("Steps"))
        self.addTab(timeline, icon("timeline"), self.tr("T&imeline"))
        self.panel = NotesPanel(context, choose_files)
        self.addTab(self.panel, icon("promise"), self.tr("Notes, files && promises"))
        self.setTabToolTip(
            2,
            self.tr(
                "Notes, files, promises, borrowed parts and loans, at any time ({panel}; "
                "lend equipment: {lend}); the people on this visit ({colleague} adds a colleague)"
            ).format(panel=PANEL_SHORTCUT, lend=LEND_SHORTCUT, colleague=COLLEAGUE_SHORTCUT),
        )
