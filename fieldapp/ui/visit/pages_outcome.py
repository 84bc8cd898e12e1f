"""Closing a visit with no repair at the desk: remotely, already fixed, no fault, not needed."""

from __future__ import annotations

from typing import ClassVar

from fieldapp.domain import EventType, why_not
from fieldapp.domain.events import NO_REPAIR_OUTCOMES
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import Banner, check_box, line_edit, text_edit
from fieldapp.ui.visit.words import domain_sentence, translate

# The radio buttons' words, in NO_REPAIR_OUTCOMES order; each mnemonic is unique on the page.
_OUTCOME_TEXTS = (
    QT_TRANSLATE_NOOP(
        "PagesOutcome", "Resolved rem&otely: fixed from afar, no visit to the desk needed"
    ),
    QT_TRANSLATE_NOOP(
        "PagesOutcome", "Already &fixed on arrival: it works, the machine was not touched"
    ),
    QT_TRANSLATE_NOOP(
        "PagesOutcome", "No fa&ult found: checked with the user's permission, it works"
    ),
    QT_TRANSLATE_NOOP(
        "PagesOutcome",
        "No lon&ger needed: the user says so at the desk (only dispatch cancels a visit)",
    ),
)


class NoRepairPage(StepPage):
    """The visit closes on what really happened, with no arrival, permission or diagnosis
    invented for it; each outcome is offered only when it is true to the visit so far."""

    key = StepKey.NO_REPAIR
    refusal_fields: ClassVar[dict[str, str]] = {"absent_user_checks": "admin_logged_off"}
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Nothing to repair here? Say how it ended. Looking for a fault is using the machine, "
        "so 'no fault found' needs the user's permission like a diagnosis.",
    )

    def build(self) -> None:
        self.outcome, self.outcome_buttons = self.add_choice(
            [translate("PagesOutcome", text) for text in _OUTCOME_TEXTS]
        )
        self.outcome_banner = Banner("step-locked", self.tr("Why this outcome is unavailable"))
        self.body_layout.addWidget(self.outcome_banner)
        form = self.form()
        self.explanation = text_edit(
            self.tr("What happened"), self.tr("What you found, or what was done and by whom")
        )
        form.addRow(self.tr("&What happened:"), self.add_field("explanation", self.explanation))
        self.confirmed_by = line_edit(
            self.tr("Confirmed by (optional)"), self.tr("Who confirmed it works")
        )
        form.addRow(self.tr("Confirmed b&y:"), self.add_field("confirmed_by", self.confirmed_by))
        self.admin = check_box(
            self.tr("&Admin account logged off"), self.tr("Admin account logged off")
        )
        self.note_left = check_box(
            self.tr("Note left on the &desk"), self.tr("Note left on the desk")
        )
        form.addRow("", self.add_field("admin_logged_off", self.admin))
        form.addRow("", self.add_field("note_left_on_desk", self.note_left))
        self.outcome.idToggled.connect(self.on_outcome_toggled)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record the outcome"),
            EventType.CLOSED_WITHOUT_REPAIR,
            self.on_record_clicked,
        )

    def chosen(self) -> str | None:
        number = self.outcome.checkedId()
        return NO_REPAIR_OUTCOMES[number] if number >= 0 else None

    def outcome_refusal(self, outcome: str | None = None) -> str | None:
        """Why the rules refuse `outcome` (the chosen one by default) now, or None."""
        outcome = outcome or self.chosen()
        if self.snapshot is None or outcome is None:
            return None
        reason = why_not(self.snapshot.state, EventType.CLOSED_WITHOUT_REPAIR, {"outcome": outcome})
        return domain_sentence(reason) if reason else None

    def refresh(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        for outcome, button in zip(NO_REPAIR_OUTCOMES, self.outcome_buttons, strict=True):
            button.setToolTip(self.outcome_refusal(outcome) or "")
        # The absent-user checks apply when the technician used an absent user's machine.
        absent = state.user_absent and state.on_site
        self.admin.setVisible(absent)
        self.note_left.setVisible(absent)
        self.on_outcome_toggled(self.outcome.checkedId(), True)

    def fill_defaults(self) -> None:
        assert self.snapshot is not None
        self.confirmed_by.setText(self.snapshot.detail.visit.customer_name)

    def on_outcome_toggled(self, number: int, checked: bool) -> None:
        if not checked:
            return
        self.outcome_banner.show_text(self.outcome_refusal() or "")
        self.update_availability()

    def on_record_clicked(self) -> None:
        outcome = self.chosen()
        explanation = self.explanation.toPlainText()
        if self.missing(
            [
                (outcome or "", self.tr("Choose how the visit ended."), self.outcome_buttons[0]),
                (
                    "" if self.outcome_refusal() else "ok",
                    self.outcome_refusal() or "",
                    self.outcome_buttons[max(0, self.outcome.checkedId())],
                ),
                (
                    explanation,
                    self.tr("Say what happened: what you found, or what was done."),
                    self.explanation,
                ),
            ]
        ):
            return
        absent = self.admin.isVisibleTo(self)
        self.record(
            EventType.CLOSED_WITHOUT_REPAIR,
            {
                "outcome": outcome,
                "explanation": explanation,
                "confirmed_by": self.confirmed_by.text().strip() or None,
                "admin_logged_off": self.admin.isChecked() if absent else None,
                "note_left_on_desk": self.note_left.isChecked() if absent else None,
            },
        )
