"""The fix failed after sign-off: reopen the visit as a linked return visit, offline too."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QSpinBox

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import (
    aware,
    date_time_edit,
    next_quarter,
    text_edit,
    wrapped_label,
)

RETURN_MINUTES = 60


class ReopenPage(StepPage):
    """After sign-off: the user says it fails again. The visit stays completed (it is no longer
    a first-visit resolution) and a return visit, linked to it, is opened for the time set."""

    key = StepKey.REOPEN
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "The fix failed after sign-off? Reopen the visit as a return visit: the visit stays "
        "signed off and is linked to the new one, which goes on your round now (offline too) "
        "and reaches dispatch with the next sync.",
    )

    def build(self) -> None:
        form = self.form()
        self.reason = text_edit(
            self.tr("Why it is reopened"),
            self.tr("What fails again, in the user's words (the new visit's problem)"),
        )
        form.addRow(self.tr("&What fails:"), self.add_field("reason", self.reason))
        self.return_at = date_time_edit(
            self.tr("Return visit time"), next_quarter(self.now() + timedelta(hours=1))
        )
        form.addRow(self.tr("&Come back at:"), self.add_field("return_at", self.return_at))
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 8 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(RETURN_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Return visit length"))
        form.addRow(self.tr("&Length:"), self.add_field("minutes", self.minutes))
        self.body_layout.addWidget(
            wrapped_label(
                self.tr(
                    "Only a signed-off visit is reopened, and only once; an escalated or "
                    "declined visit was never claimed fixed."
                ),
                muted=True,
            )
        )

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Reopen as a return visit"),
            EventType.REOPENED,
            self.on_record_clicked,
            icon_name="reschedule",
        )

    def on_record_clicked(self) -> None:
        reason = self.reason.toPlainText()
        if self.missing(
            [(reason, self.tr("Say what fails again: it is the return visit's problem."))]
        ):
            return
        start = aware(self.return_at.dateTime())
        end = start + timedelta(minutes=self.minutes.value())
        # The cache makes the return visit's id and opens it with this (fieldapp.store.opening).
        self.record(
            EventType.REOPENED,
            {
                "reason": reason,
                "window_start": start.isoformat(),
                "window_end": end.isoformat(),
            },
        )
