"""The pages before the work starts: confirm in advance and arrive (permission has its own)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QPushButton,
)

from fieldapp.domain import EventType
from fieldapp.domain.events import CONFIRM_CHANNELS
from fieldapp.protocol import VisitPublic
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import CHANNEL_WORDS, StepKey
from fieldapp.ui.visit.widgets import (
    Banner,
    check_box,
    line_edit,
    local_time,
    location_of,
    text_edit,
    window_of,
)


def confirmation_text(visit: VisitPublic, technician: str, service_desk: str) -> str:
    """The confirmation the customer receives: what, when, who, how long, reference, contact."""
    who = technician or "a technician from IT support"
    lines = [
        f"Hello {visit.customer_name},",
        "",
        f"This confirms your IT support visit, reference {visit.reference}.",
        "",
        f"When: {window_of(visit)}",
        f"Who is coming: {who}",
        f"Where: {location_of(visit) or 'your desk'}",
        f"How long: about {visit.estimated_minutes} minutes",
    ]
    if visit.problem:
        lines.append(f"What about: {visit.problem}")
    lines += [
        "",
        (
            "I will ask your permission before using your computer, and show you that it "
            "works before I leave."
        ),
        "",
        f"To change the time or ask anything, contact {service_desk} and quote {visit.reference}.",
    ]
    if visit.backup_technician:
        lines.append(f"If I am held up, {visit.backup_technician} can take over.")
    lines += ["", who]
    return "\n".join(lines)


class ConfirmPage(StepPage):
    """Step 1: the drafted confirmation, copied or sent, and the channel it went by."""

    key = StepKey.CONFIRM
    intro = (
        "Tell the customer in advance what will happen, when, who is coming, how long it "
        "takes, the reference number and how to reach the desk."
    )

    def build(self) -> None:
        form = self.form()
        self.message = text_edit("Confirmation text", lines=18)
        form.addRow("&Message:", self.add_field("message", self.message))
        self.copy_button = QPushButton(icon("copy"), "C&opy to clipboard")
        self.copy_button.setAccessibleName("Copy the confirmation to the clipboard")
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.redraft_button = QPushButton(icon("sync"), "Re&draft")
        self.redraft_button.setAccessibleName("Draft the confirmation text again")
        self.redraft_button.clicked.connect(self.on_redraft_clicked)
        self.channel = QComboBox()
        self.channel.setAccessibleName("Channel")
        for value in CONFIRM_CHANNELS:
            self.channel.addItem(CHANNEL_WORDS[value], value)
        form.addRow("C&hannel:", self.add_field("channel", self.channel))
        self.confirmed_with = line_edit("Confirmed with", "Who you spoke to (optional)")
        form.addRow("Confirmed &with:", self.add_field("confirmed_with", self.confirmed_with))

    def add_buttons(self) -> None:
        self.button_row.insertWidget(0, self.redraft_button)
        self.button_row.insertWidget(1, self.copy_button)
        self.record_button = self.add_record_button(
            "&Record confirmation", EventType.CONFIRMED, self.on_record_clicked
        )

    def fill_defaults(self) -> None:
        self.on_redraft_clicked()

    def on_redraft_clicked(self) -> None:
        if self.snapshot is not None:
            visit = self.snapshot.detail.visit
            self.message.setPlainText(
                confirmation_text(visit, self.context.technician_name, self.context.service_desk)
            )

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())

    def on_record_clicked(self) -> None:
        text = self.message.toPlainText()
        if self.missing(
            [(text, "Write the confirmation message before recording it.", self.message)]
        ):
            return
        self.record(
            EventType.CONFIRMED,
            {
                "channel": self.channel.currentData(),
                "message": text,
                "confirmed_with": self.confirmed_with.text().strip() or None,
            },
        )


def how_long(span: timedelta) -> str:
    """A duration as a person says it: '40 minutes', '2 h 5 min', '3 days'."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days = minutes // (24 * 60)
    return f"{days} day{'s' if days != 1 else ''}"


class ArrivePage(StepPage):
    """Step 2: check in at the desk; late against the window, tell the customer."""

    key = StepKey.ARRIVE
    intro = "Check in when you reach the desk. Greet the user and say why you are here."

    def build(self) -> None:
        self.return_banner = Banner("promise", "Return visit")
        self.body_layout.addWidget(self.return_banner)
        self.late_banner = Banner("warning", "Late against the window")
        self.body_layout.addWidget(self.late_banner)
        self.greeting = check_box(
            "I &greeted the user, introduced myself and said why I am here", "Greeting done"
        )
        self.body_layout.addWidget(self.add_field("greeting_done", self.greeting))
        self.late_notice = check_box(
            "I &told the customer I am late", "Late notice given to the customer"
        )
        self.late_notice.hide()
        self.body_layout.addWidget(self.add_field("late_notice_given", self.late_notice))

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            "&Record arrival", EventType.ARRIVED, self.on_record_clicked, icon_name="arrive"
        )

    def lateness(self) -> timedelta | None:
        """How late arriving now would be (past the window end or start plus grace)."""
        if self.snapshot is None:
            return None
        visit = self.snapshot.detail.visit
        now = self.now()
        if now > visit.window_end or now > visit.window_start + self.context.late_grace:
            return now - visit.window_start
        return None

    def refresh(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        visit = self.snapshot.detail.visit
        returns = [p for p in state.open_promises if p.kind == "return_visit"]
        if returns and not state.on_site:
            self.return_banner.show_text(
                f"You agreed to come back at {local_time(returns[0].due_at)}. "
                "Checking in keeps that promise."
            )
        else:
            self.return_banner.clear()
        late = self.lateness() if not state.on_site and not state.closed else None
        if late is None:
            self.late_banner.clear()
            self.late_notice.hide()
            return
        contact = ", ".join(
            c
            for c in (
                visit.contact_phone,
                visit.contact_extension and f"ext. {visit.contact_extension}",
            )
            if c
        )
        self.late_banner.show_text(
            f"You are {how_long(late)} past the start of the window ({window_of(visit)}). "
            f"Tell {visit.customer_name} you are running late"
            + (f" ({contact})" if contact else "")
            + ": keep them informed."
        )
        self.late_notice.show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self.snapshot is not None:
            self.refresh()  # lateness depends on the time the page is looked at
        super().showEvent(event)

    def on_record_clicked(self) -> None:
        late = self.lateness() is not None
        self.record(
            EventType.ARRIVED,
            {
                "greeting_done": self.greeting.isChecked(),
                "late_notice_given": self.late_notice.isChecked() if late else None,
            },
        )
