"""The pages that close a visit: sign-off (with the signature) and escalation."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from fieldapp.domain import EventType
from fieldapp.domain.codes import ESCALATION_TEAMS
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.codes import chosen_code, fill_codes
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.data import FileToAttach
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.signature import SignaturePad
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import (
    MARGIN,
    SPACING,
    aware,
    check_box,
    date_time_edit,
    line_edit,
    local_time,
    next_quarter,
    qdatetime,
    text_edit,
    wrapped_label,
)
from fieldapp.ui.visit.words import translate

SATISFACTION_WORDS = (
    QT_TRANSLATE_NOOP("PagesClose", "Very unhappy"),
    QT_TRANSLATE_NOOP("PagesClose", "Unhappy"),
    QT_TRANSLATE_NOOP("PagesClose", "Neutral"),
    QT_TRANSLATE_NOOP("PagesClose", "Happy"),
    QT_TRANSLATE_NOOP("PagesClose", "Very happy"),
)


def _group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
    layout.setSpacing(SPACING)
    return box, layout


class SignOffPage(StepPage):
    """Step 9: summary, signature, satisfaction, the absent-user and borrowed-part checks."""

    key = StepKey.SIGN_OFF
    refusal_fields: ClassVar[dict[str, str]] = {
        "absent_user_checks": "admin_logged_off",
        "parts_not_returned": "parts_returned",
    }
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Sum up in plain language, ask the user to sign and how satisfied they are. If they "
        "are away, the signature and rating can stay empty.",
    )

    def build(self) -> None:
        form = self.form()
        self.summary = text_edit(self.tr("Summary"), self.tr("What was done, in plain language"))
        form.addRow(self.tr("Su&mmary:"), self.add_field("summary", self.summary))

        box, layout = _group(self.tr("Signature"))
        self.pad = SignaturePad()
        layout.addWidget(self.add_field("signature", self.pad))
        self.clear_button = QPushButton(icon("clear"), self.tr("C&lear signature"))
        self.clear_button.setAccessibleName(self.tr("Clear the signature"))
        self.clear_button.clicked.connect(self.pad.clear)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.body_layout.addWidget(box)

        box, layout = _group(self.tr("How satisfied is the user?"))
        row = QHBoxLayout()
        row.setSpacing(MARGIN)
        self.satisfaction = QButtonGroup(self)
        self.not_asked = QRadioButton(self.tr("Not given"))
        self.not_asked.setAccessibleName(self.tr("Satisfaction not given"))
        self.satisfaction.addButton(self.not_asked, 0)
        row.addWidget(self.add_field("satisfaction_0", self.not_asked))
        for score, words in enumerate(SATISFACTION_WORDS, start=1):
            said = translate("PagesClose", words)
            button = QRadioButton(f"&{score} {said[:1].lower() + said[1:]}")
            button.setAccessibleName(
                self.tr("Satisfaction {score}: {words}").format(score=score, words=said)
            )
            self.satisfaction.addButton(button, score)
            row.addWidget(self.add_field(f"satisfaction_{score}", button))
        row.addStretch(1)
        self.not_asked.setChecked(True)
        layout.addLayout(row)
        self.comment = line_edit(
            self.tr("Satisfaction comment"), self.tr("In the user's words (optional)")
        )
        inner = self.form(layout)
        inner.addRow(self.tr("Comme&nt:"), self.add_field("comment", self.comment))
        self.body_layout.addWidget(box)

        box, layout = _group(self.tr("Before leaving"))
        self.admin = check_box(
            self.tr("&Admin account logged off"), self.tr("Admin account logged off")
        )
        layout.addWidget(self.add_field("admin_logged_off", self.admin))
        self.absent_box, absent = _group(self.tr("The user was absent"))
        absent.addWidget(
            wrapped_label(
                self.tr(
                    "Log the admin account off and leave this note on the desk; both are "
                    "required before sign-off."
                ),
                muted=True,
            )
        )
        self.desk_note = text_edit(self.tr("Desk note text"), lines=10)
        absent.addWidget(self.add_field("desk_note", self.desk_note))
        note_row = QHBoxLayout()
        self.note_left = check_box(
            self.tr("Note left on the &desk"), self.tr("Note left on the desk")
        )
        note_row.addWidget(self.add_field("note_left_on_desk", self.note_left))
        note_row.addStretch(1)
        self.copy_note = QPushButton(icon("copy"), self.tr("Cop&y note"))
        self.copy_note.setAccessibleName(self.tr("Copy the desk note to the clipboard"))
        self.copy_note.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.desk_note.toPlainText())
        )
        note_row.addWidget(self.copy_note)
        # The user back at the desk lifts both checks; their return is recorded with the
        # permission, where the absence was.
        self.user_back = QPushButton(icon("arrive"), self.tr("The user came &back\u2026"))
        self.user_back.setAccessibleName(self.tr("The user came back: record their return"))
        self.user_back.clicked.connect(lambda: self.navigate.emit(str(StepKey.PERMISSION)))
        note_row.addWidget(self.user_back)
        absent.addLayout(note_row)
        layout.addWidget(self.absent_box)
        self.parts_label = wrapped_label()
        layout.addWidget(self.parts_label)
        self.parts = check_box(
            self.tr("Borrowed &parts returned"), self.tr("Borrowed parts returned")
        )
        layout.addWidget(self.add_field("parts_returned", self.parts))
        follow = QHBoxLayout()
        follow.setSpacing(SPACING)
        self.follow_up = check_box(
            self.tr("&Follow-up call promised for"), self.tr("Follow-up call promised")
        )
        self.follow_up_at = date_time_edit(
            self.tr("Follow-up call time"), self.now() + timedelta(days=2)
        )
        self.follow_up_at.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_at.setEnabled)
        follow.addWidget(self.add_field("follow_up", self.follow_up))
        follow.addWidget(self.add_field("follow_up_at", self.follow_up_at))
        follow.addStretch(1)
        layout.addLayout(follow)
        self.body_layout.addWidget(box)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record sign-off"),
            EventType.SIGNED_OFF,
            self.on_record_clicked,
            icon_name="sign",
        )

    def fill_defaults(self) -> None:
        self.follow_up_at.setDateTime(qdatetime(next_quarter(self.now() + timedelta(days=2))))

    def refresh(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        self.absent_box.setVisible(state.user_absent)
        parts = state.borrowed_parts
        # Tick only what really went back: a part that cannot go back is settled in the
        # notes tab with what became of it and who agreed.
        self.parts_label.setText(
            self.tr(
                "Borrowed: {parts}. One that cannot go back (broken, kept, written off): record "
                "what became of it under Notes, files and promises (Ctrl+Shift+N)."
            ).format(parts=", ".join(parts))
            if parts
            else ""
        )
        self.parts_label.setVisible(bool(parts))
        self.parts.setVisible(bool(parts))
        with self.quietly():  # drafted texts are not the technician's typing
            resolved = self.snapshot.latest(EventType.RESOLVED)
            if not self.summary.toPlainText() and resolved is not None:
                self.summary.setPlainText(str(resolved.payload["explanation"]))
            if state.user_absent and not self.desk_note.toPlainText():
                self.desk_note.setPlainText(self.desk_note_text())

    def desk_note_text(self) -> str:
        assert self.snapshot is not None
        visit = self.snapshot.detail.visit
        who = self.context.technician_name or self.tr("a technician from IT support")
        resolved = self.snapshot.latest(EventType.RESOLVED)
        done = (
            str(resolved.payload["explanation"])
            if resolved
            else self.tr("the problem you reported")
        )
        return "\n".join(
            [
                self.tr("Hello {name},").format(name=visit.customer_name),
                "",
                self.tr(
                    "{who} from IT support came by on {when} for {reference}. Because it was "
                    "urgent, I worked on your computer while you were away."
                ).format(who=who, when=local_time(self.now()), reference=visit.reference),
                "",
                self.tr("What I did: {done}").format(done=done),
                "",
                self.tr(
                    "I did not close your programs or files, and I logged the admin account "
                    "off. If anything is not right, contact {desk} and quote {reference}."
                ).format(desk=self.service_desk(), reference=visit.reference),
            ]
        )

    def on_record_clicked(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        summary = self.summary.toPlainText()
        if self.missing(
            [(summary, self.tr("Write a short summary in plain language."), self.summary)]
        ):
            return
        files: list[FileToAttach] = []
        signature: str | None = None
        if not self.pad.is_empty():
            svg = FileToAttach(self.pad.to_svg(), "signature.svg", "image/svg+xml", "signature")
            files.append(svg)
            signature = svg.sha256
        note_text = self.desk_note.toPlainText().strip()
        if state.user_absent and self.note_left.isChecked() and note_text:
            files.append(
                FileToAttach(note_text.encode(), "desk-note.txt", "text/plain", "desk_note")
            )
        score = self.satisfaction.checkedId()
        self.record(
            EventType.SIGNED_OFF,
            {
                "summary": summary,
                "satisfaction": score if score > 0 else None,
                "comment": self.comment.text().strip() or None,
                "signature_sha256": signature,
                "admin_logged_off": self.admin.isChecked(),
                "note_left_on_desk": self.note_left.isChecked() if state.user_absent else None,
                "parts_returned": self.parts.isChecked() if state.borrowed_parts else None,
                "follow_up_call_at": (
                    aware(self.follow_up_at.dateTime()).isoformat()
                    if self.follow_up.isChecked()
                    else None
                ),
            },
            files=tuple(files),
        )


class EscalatePage(StepPage):
    """Cannot resolve now: the reason, the team it goes to, the next update promised."""

    key = StepKey.ESCALATE
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Cannot be resolved now? Escalate it, and tell the customer which team takes it and "
        "when they will next hear from you: that time becomes a promise.",
    )

    def build(self) -> None:
        form = self.form()
        self.reason = text_edit(
            self.tr("Reason for escalating"), self.tr("Why it cannot be resolved now")
        )
        form.addRow(self.tr("Rea&son:"), self.add_field("reason", self.reason))
        self.team = QComboBox()
        self.team.setEditable(True)
        # A listed team goes into the record as its code (said in each reader's language),
        # another as typed.
        fill_codes(self.team, ESCALATION_TEAMS)
        self.team.setCurrentText("")
        self.team.setAccessibleName(self.tr("Team"))
        team_edit = self.team.lineEdit()
        if team_edit is not None:
            team_edit.setPlaceholderText(self.tr("The team it goes to"))
        form.addRow(self.tr("&Team:"), self.add_field("team", self.team))
        self.next_update = date_time_edit(
            self.tr("Next update promised"), self.now() + timedelta(hours=4)
        )
        form.addRow(self.tr("&Next update by:"), self.add_field("next_update_at", self.next_update))

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record escalation"),
            EventType.ESCALATED,
            self.on_record_clicked,
            icon_name="escalate",
        )

    def fill_defaults(self) -> None:
        self.next_update.setDateTime(qdatetime(next_quarter(self.now() + timedelta(hours=4))))

    def refresh(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        declined = self.snapshot.latest(EventType.PERMISSION_DECLINED)
        if (
            declined is None
            or not state.on_site
            or state.permission is not EventType.PERMISSION_DECLINED
            or self.reason.toPlainText()
        ):
            return
        said = str(declined.payload.get("reason", "")).strip()
        with self.quietly():  # a drafted reason is not the technician's typing
            self.reason.setPlainText(
                (
                    self.tr("{who} declined the use of their machine: {reason}")
                    if said
                    else self.tr("{who} declined the use of their machine.")
                ).format(who=declined.payload["declined_by"], reason=said)
            )

    def on_record_clicked(self) -> None:
        reason = self.reason.toPlainText()
        team = chosen_code(self.team)
        if self.missing(
            [
                (reason, self.tr("Say why it cannot be resolved now."), self.reason),
                (team, self.tr("Say which team takes it."), self.team),
            ]
        ):
            return
        self.record(
            EventType.ESCALATED,
            {
                "reason": reason,
                "team": team,
                "next_update_at": aware(self.next_update.dateTime()).isoformat(),
            },
        )
