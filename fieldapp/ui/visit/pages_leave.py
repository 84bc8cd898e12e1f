"""Leaving a visit that carries on: why, what is left, and a return time if one was agreed."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from PySide6.QtWidgets import QWidget

from fieldapp.domain import EventType
from fieldapp.domain.events import DEPARTURE_REASONS, OTHER_REASON
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import (
    aware,
    check_box,
    date_time_edit,
    line_edit,
    next_quarter,
    qdatetime,
    text_edit,
    wrapped_label,
)
from fieldapp.ui.visit.words import translate

# The radio buttons' words, in DEPARTURE_REASONS order; each mnemonic is unique on the page.
_REASON_TEXTS = (
    QT_TRANSLATE_NOOP("PagesLeave", "To fetch a &part or a tool"),
    QT_TRANSLATE_NOOP("PagesLeave", "The user needs the P&C back now"),
    QT_TRANSLATE_NOOP("PagesLeave", "To carry on &later (another time or day)"),
    QT_TRANSLATE_NOOP("PagesLeave", "Anot&her reason (say which below)"),
)


class LeavePage(StepPage):
    """The technician leaves the desk and the visit carries on: the next arrival starts its
    next trip (and asks permission again); what is done with the user waits until then."""

    key = StepKey.LEAVE
    refusal_fields: ClassVar[dict[str, str]] = {"absent_user_checks": "admin_logged_off"}
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Leave for now when the work must stop and go on later. The visit stays open; check "
        "in again when you are back. Tell the user when you will be back if you can.",
    )

    def build(self) -> None:
        self.reason, self.reason_buttons = self.add_choice(
            [translate("PagesLeave", text) for text in _REASON_TEXTS], "reason"
        )
        self.reason_buttons[0].setChecked(True)
        form = self.form()
        self.note = text_edit(
            self.tr("What is needed or left to do"), self.tr("The part, or what is left to do")
        )
        form.addRow(self.tr("&What is left:"), self.add_field("note", self.note))
        self.agreed = check_box(
            self.tr("A return time was a&greed with the user"), self.tr("Return time agreed")
        )
        form.addRow("", self.add_field("return_agreed", self.agreed))
        self.return_at = date_time_edit(self.tr("Back at"), self.now() + timedelta(hours=1))
        form.addRow(self.tr("&Back at:"), self.add_field("return_at", self.return_at))
        self.agreed_with = line_edit(self.tr("Agreed with"), self.tr("The user's name"))
        form.addRow(self.tr("Agreed wi&th:"), self.add_field("agreed_with", self.agreed_with))
        self._promise_hint: QWidget = wrapped_label(
            self.tr(
                "The return time becomes a promise: you are reminded before it is due, and "
                "checking in again keeps it."
            ),
            muted=True,
        )
        form.addRow("", self._promise_hint)
        self.admin = check_box(
            self.tr("&Admin account logged off"), self.tr("Admin account logged off")
        )
        self.note_left = check_box(
            self.tr("Note left on the &desk"), self.tr("Note left on the desk")
        )
        form.addRow("", self.add_field("admin_logged_off", self.admin))
        form.addRow("", self.add_field("note_left_on_desk", self.note_left))
        self.agreed.toggled.connect(self.on_agreed_toggled)
        self.on_agreed_toggled(False)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record leaving for now"),
            EventType.DEPARTED,
            self.on_record_clicked,
            icon_name="next",
        )

    def chosen(self) -> str | None:
        number = self.reason.checkedId()
        return DEPARTURE_REASONS[number] if number >= 0 else None

    def on_agreed_toggled(self, agreed: bool) -> None:
        for widget in (self.return_at, self.agreed_with, self._promise_hint):
            widget.setEnabled(agreed)

    def fill_defaults(self) -> None:
        assert self.snapshot is not None
        self.agreed_with.setText(self.snapshot.detail.visit.customer_name)
        self.return_at.setDateTime(qdatetime(next_quarter(self.now() + timedelta(hours=1))))

    def refresh(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        # Leaving an absent user's machine: log the admin off and say so on the desk.
        absent = state.user_absent and state.on_site
        self.admin.setVisible(absent)
        self.note_left.setVisible(absent)
        self.on_agreed_toggled(self.agreed.isChecked())  # a restored draft sets it quietly

    def on_record_clicked(self) -> None:
        reason = self.chosen()
        note = self.note.toPlainText()
        agreed = self.agreed.isChecked()
        checks: list[tuple[str, str, QWidget]] = [
            (reason or "", self.tr("Choose why you are leaving."), self.reason_buttons[0])
        ]
        if reason == OTHER_REASON:
            checks.append((note, self.tr("Say why you are leaving."), self.note))
        if agreed:
            checks.append(
                (
                    self.agreed_with.text(),
                    self.tr("Say who agreed the return time."),
                    self.agreed_with,
                )
            )
        if self.missing(checks):
            return
        absent = self.admin.isVisibleTo(self)
        self.record(
            EventType.DEPARTED,
            {
                "reason": reason,
                "note": note if note.strip() else None,
                "return_at": aware(self.return_at.dateTime()).isoformat() if agreed else None,
                "agreed_with": self.agreed_with.text().strip() if agreed else None,
                "admin_logged_off": self.admin.isChecked() if absent else None,
                "note_left_on_desk": self.note_left.isChecked() if absent else None,
            },
        )
