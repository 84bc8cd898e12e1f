"""The page of the work itself: diagnose (the choices offered are pages_options.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
)

from fieldapp.domain import EventType
from fieldapp.domain.codes import source_category_code
from fieldapp.domain.events import SOURCE_CATEGORIES
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.visit.intake import IntakeQuestions
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.past_fixes import PastFixesBox
from fieldapp.ui.visit.steps import SOURCE_WORDS, StepKey, said
from fieldapp.ui.visit.widgets import line_edit, text_edit


class DiagnosePage(StepPage):
    """Step 4: the problem as the user sees it, its source, findings, borrowed parts."""

    key = StepKey.DIAGNOSE
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Start from the user's perspective: ask how long it has been happening and to be "
        "shown the problem, then say where it comes from. Parts borrowed from other "
        "equipment are tracked until they are returned.",
    )

    def build(self) -> None:
        form = self.form()
        self.perspective = text_edit(
            self.tr("The user's perspective"), self.tr("What the user experiences")
        )
        form.addRow(
            self.tr("The user's &view:"), self.add_field("user_perspective", self.perspective)
        )
        self.intake = IntakeQuestions(self, form)  # how long; "show me the problem"
        self.source = QComboBox()
        self.source.setAccessibleName(self.tr("Source category"))
        self.source.addItem(self.tr("Choose where the problem comes from\u2026"), "")
        for value in SOURCE_CATEGORIES:
            self.source.addItem(said(SOURCE_WORDS[value]), value)
        form.addRow(self.tr("&Source:"), self.add_field("source_category", self.source))
        self.findings = text_edit(self.tr("Findings"), self.tr("What you found"))
        form.addRow(self.tr("&Findings:"), self.add_field("findings", self.findings))
        self.resources = text_edit(
            self.tr("Resources used"), self.tr("Knowledge base articles, tools, colleagues")
        )
        form.addRow(self.tr("Resources &used:"), self.add_field("resources_used", self.resources))
        self.parts = text_edit(
            self.tr("Borrowed parts, one per line"), self.tr("One part per line"), lines=2
        )
        form.addRow(self.tr("Borrowed &parts:"), self.add_field("borrowed_parts", self.parts))
        self.out_of_order = line_edit(
            self.tr("Shared equipment left out of order"),
            self.tr("e.g. the printer on floor 4 (optional)"),
        )
        form.addRow(
            self.tr("Equipment &out of order:"), self.add_field("out_of_order", self.out_of_order)
        )
        # Similar past fixes and the incident's known fix (the flow looks them up).
        self.past_fixes = PastFixesBox(self.body)
        self.body_layout.addWidget(self.past_fixes)
        self.add_field("fix_used", self.past_fixes.used_field)
        for described in (self.perspective, self.findings):
            described.textChanged.connect(self.on_described)
        self._asked = False

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record diagnosis"), EventType.DIAGNOSED, self.on_record_clicked
        )

    def described(self) -> str:
        """What the suggestions are looked up by: the user's view and the findings."""
        return f"{self.perspective.toPlainText()}\n{self.findings.toPlainText()}"

    def on_described(self) -> None:
        self.past_fixes.ask(self.described())

    def refresh(self) -> None:
        assert self.snapshot is not None
        if not self._asked:  # the first read: suggest from what the page starts with
            self._asked = True
            self.past_fixes.ask_now(self.described())
        revising = self.snapshot.latest(EventType.DIAGNOSED) is not None
        self.record_button.setText(
            self.tr("&Record revised diagnosis") if revising else self.tr("&Record diagnosis")
        )

    def fill_defaults(self) -> None:
        # Reopened after a diagnosis was recorded (its draft went with the recording): show
        # what was recorded, so a revised diagnosis starts from it rather than from nothing.
        assert self.snapshot is not None
        recorded = self.snapshot.latest(EventType.DIAGNOSED)
        if recorded is None:
            # A first diagnosis starts from the problem in the user's words and the category
            # dispatch gave the visit; the technician corrects what the desk shows otherwise.
            visit = self.snapshot.detail.visit
            self.perspective.setPlainText(visit.problem)
            category = source_category_code(visit.category)
            self.source.setCurrentIndex(max(0, self.source.findData(category)))
            return
        payload = recorded.payload
        self.perspective.setPlainText(str(payload.get("user_perspective") or ""))
        self.source.setCurrentIndex(max(0, self.source.findData(payload.get("source_category"))))
        self.findings.setPlainText(str(payload.get("findings") or ""))
        self.resources.setPlainText(str(payload.get("resources_used") or ""))
        parts = payload.get("borrowed_parts") or []
        self.parts.setPlainText("\n".join(str(p) for p in parts))
        self.out_of_order.setText(str(payload.get("out_of_order") or ""))
        self.past_fixes.used_field.setText(str(payload.get("fix_used") or ""))
        self.intake.fill(payload)

    def on_record_clicked(self) -> None:
        perspective = self.perspective.toPlainText()
        findings = self.findings.toPlainText()
        if self.missing(
            [
                (perspective, self.tr("Write the problem as the user sees it."), self.perspective),
                *self.intake.checks(),
                (
                    self.source.currentData() or "",
                    self.tr("Choose where the problem comes from."),
                    self.source,
                ),
                (findings, self.tr("Write what you found."), self.findings),
            ]
        ):
            return
        parts = [line.strip() for line in self.parts.toPlainText().splitlines() if line.strip()]
        self.record(
            EventType.DIAGNOSED,
            {
                "user_perspective": perspective,
                "source_category": self.source.currentData(),
                "findings": findings,
                "resources_used": self.resources.toPlainText().strip() or None,
                "borrowed_parts": parts or None,
                "out_of_order": self.out_of_order.text().strip() or None,
                "fix_used": self.past_fixes.used_key() or None,
                **self.intake.payload(),
            },
        )
