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
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import VisitPublic
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import CHANNEL_WORDS, StepKey, said
from fieldapp.ui.visit.widgets import (
    Banner,
    check_box,
    line_edit,
    local_time,
    location_of,
    text_edit,
    window_of,
)
from fieldapp.ui.visit.words import translate


def confirmation_text(visit: VisitPublic, technician: str, service_desk: str) -> str:
    """The confirmation the customer receives: what, when, who, how long, reference, contact."""
    who = technician or translate("Confirmation", "a technician from IT support")
    lines = [
        translate("Confirmation", "Hello {name},").format(name=visit.customer_name),
        "",
        translate(
            "Confirmation", "This confirms your IT support visit, reference {reference}."
        ).format(reference=visit.reference),
        "",
        translate("Confirmation", "When: {window}").format(window=window_of(visit)),
        translate("Confirmation", "Who is coming: {who}").format(who=who),
        translate("Confirmation", "Where: {where}").format(
            where=location_of(visit) or translate("Confirmation", "your desk")
        ),
        translate("Confirmation", "How long: about %n minute(s)", "", visit.estimated_minutes),
    ]
    if visit.problem:
        lines.append(
            translate("Confirmation", "What about: {problem}").format(problem=visit.problem)
        )
    lines += [
        "",
        translate(
            "Confirmation",
            "I will ask your permission before using your computer, and show you that it "
            "works before I leave.",
        ),
        "",
        translate(
            "Confirmation",
            "To change the time or ask anything, contact {desk} and quote {reference}.",
        ).format(desk=service_desk, reference=visit.reference),
    ]
    if visit.backup_technician:
        lines.append(
            translate("Confirmation", "If I am held up, {backup} can take over.").format(
                backup=visit.backup_technician
            )
        )
    lines += ["", who]
    return "\n".join(lines)


class ConfirmPage(StepPage):
    """Step 1: the drafted confirmation, copied or sent, and the channel it went by."""

    key = StepKey.CONFIRM
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Tell the customer in advance what will happen, when, who is coming, how long it "
        "takes, the reference number and how to reach the desk.",
    )

    def build(self) -> None:
        form = self.form()
        self.message = text_edit(self.tr("Confirmation text"), lines=18)
        form.addRow(self.tr("&Message:"), self.add_field("message", self.message))
        self.copy_button = QPushButton(icon("copy"), self.tr("C&opy to clipboard"))
        self.copy_button.setAccessibleName(self.tr("Copy the confirmation to the clipboard"))
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.redraft_button = QPushButton(icon("sync"), self.tr("Re&draft"))
        self.redraft_button.setAccessibleName(self.tr("Draft the confirmation text again"))
        self.redraft_button.clicked.connect(self.on_redraft_clicked)
        self.channel = QComboBox()
        self.channel.setAccessibleName(self.tr("Channel"))
        for value in CONFIRM_CHANNELS:
            self.channel.addItem(said(CHANNEL_WORDS[value]), value)
        form.addRow(self.tr("C&hannel:"), self.add_field("channel", self.channel))
        self.confirmed_with = line_edit(
            self.tr("Confirmed with"), self.tr("Who you spoke to (optional)")
        )
        form.addRow(
            self.tr("Confirmed &with:"), self.add_field("confirmed_with", self.confirmed_with)
        )

    def add_buttons(self) -> None:
        self.button_row.insertWidget(0, self.redraft_button)
        self.button_row.insertWidget(1, self.copy_button)
        self.record_button = self.add_record_button(
            self.tr("&Record confirmation"), EventType.CONFIRMED, self.on_record_clicked
        )

    def fill_defaults(self) -> None:
        self.on_redraft_clicked()

    def on_redraft_clicked(self) -> None:
        if self.snapshot is not None:
            visit = self.snapshot.detail.visit
            self.message.setPlainText(
                confirmation_text(visit, self.context.technician_name, self.service_desk())
            )

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())

    def on_record_clicked(self) -> None:
        text = self.message.toPlainText()
        if self.missing(
            [(text, self.tr("Write the confirmation message before recording it."), self.message)]
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
        return translate("Confirmation", "%n minute(s)", "", minutes)
    if minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        if rest:
            return translate("Confirmation", "{hours} h {minutes} min").format(
                hours=hours, minutes=rest
            )
        return translate("Confirmation", "{hours} h").format(hours=hours)
    return translate("Confirmation", "%n day(s)", "", minutes // (24 * 60))


class ArrivePage(StepPage):
    """Step 2: check in at the desk; late against the window, tell the customer."""

    key = StepKey.ARRIVE
    intro = QT_TRANSLATE_NOOP(
        "StepPage", "Check in when you reach the desk. Greet the user and say why you are here."
    )

    def build(self) -> None:
        self.return_banner = Banner("promise", self.tr("Return visit"))
        self.body_layout.addWidget(self.return_banner)
        self.late_banner = Banner("warning", self.tr("Late against the window"))
        self.body_layout.addWidget(self.late_banner)
        self.greeting = check_box(
            self.tr("I &greeted the user, introduced myself and said why I am here"),
            self.tr("Greeting done"),
        )
        self.body_layout.addWidget(self.add_field("greeting_done", self.greeting))
        self.late_notice = check_box(
            self.tr("I &told the customer I am late"), self.tr("Late notice given to the customer")
        )
        self.late_notice.hide()
        self.body_layout.addWidget(self.add_field("late_notice_given", self.late_notice))

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record arrival"),
            EventType.ARRIVED,
            self.on_record_clicked,
            icon_name="arrive",
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
                self.tr(
                    "You agreed to come back at {when}. Checking in keeps that promise."
                ).format(when=local_time(returns[0].due_at))
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
                visit.contact_extension
                and self.tr("ext. {number}").format(number=visit.contact_extension),
            )
            if c
        )
        self.late_banner.show_text(
            (
                self.tr(
                    "You are {late} past the start of the window ({window}). Tell {customer} "
                    "you are running late ({contact}): keep them informed."
                )
                if contact
                else self.tr(
                    "You are {late} past the start of the window ({window}). Tell {customer} "
                    "you are running late: keep them informed."
                )
            ).format(
                late=how_long(late),
                window=window_of(visit),
                customer=visit.customer_name,
                contact=contact,
            )
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
