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

SATISFACTION_WORDS = ("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy")
TEAMS = ("Second line", "Network", "Hardware", "Software", "Security", "Accounts and access")


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
    intro = (
        "Sum up in plain language, ask the user to sign and how satisfied they are. If they "
        "are away, the signature and rating can stay empty."
    )

    def build(self) -> None:
        form = self.form()
        self.summary = text_edit("Summary", "What was done, in plain language")
        form.addRow("Su&mmary:", self.add_field("summary", self.summary))

        box, layout = _group("Signature")
        self.pad = SignaturePad()
        layout.addWidget(self.add_field("signature", self.pad))
        self.clear_button = QPushButton(icon("clear"), "C&lear signature")
        self.clear_button.setAccessibleName("Clear the signature")
        self.clear_button.clicked.connect(self.pad.clear)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.body_layout.addWidget(box)

        box, layout = _group("How satisfied is the user?")
        row = QHBoxLayout()
        row.setSpacing(MARGIN)
        self.satisfaction = QButtonGroup(self)
        self.not_asked = QRadioButton("Not given")
        self.not_asked.setAccessibleName("Satisfaction not given")
        self.satisfaction.addButton(self.not_asked, 0)
        row.addWidget(self.add_field("satisfaction_0", self.not_asked))
        for score, words in enumerate(SATISFACTION_WORDS, start=1):
            button = QRadioButton(f"&{score} {words.lower()}")
            button.setAccessibleName(f"Satisfaction {score}: {words}")
            self.satisfaction.addButton(button, score)
            row.addWidget(self.add_field(f"satisfaction_{score}", button))
        row.addStretch(1)
        self.not_asked.setChecked(True)
        layout.addLayout(row)
        self.comment = line_edit("Satisfaction comment", "In the user's words (optional)")
        inner = self.form(layout)
        inner.addRow("Comme&nt:", self.add_field("comment", self.comment))
        self.body_layout.addWidget(box)

        box, layout = _group("Before leaving")
        self.admin = check_box("&Admin account logged off", "Admin account logged off")
        layout.addWidget(self.add_field("admin_logged_off", self.admin))
        self.absent_box, absent = _group("The user was absent")
        absent.addWidget(
            wrapped_label(
                "Log the admin account off and leave this note on the desk; both are "
                "required before sign-off.",
                muted=True,
            )
        )
        self.desk_note = text_edit("Desk note text", lines=10)
        absent.addWidget(self.add_field("desk_note", self.desk_note))
        note_row = QHBoxLayout()
        self.note_left = check_box("Note left on the &desk", "Note left on the desk")
        note_row.addWidget(self.add_field("note_left_on_desk", self.note_left))
        note_row.addStretch(1)
        self.copy_note = QPushButton(icon("copy"), "Cop&y note")
        self.copy_note.setAccessibleName("Copy the desk note to the clipboard")
        self.copy_note.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.desk_note.toPlainText())
        )
        note_row.addWidget(self.copy_note)
        # The user back at the desk lifts both checks; their return is recorded with the
        # permission, where the absence was.
        self.user_back = QPushButton(icon("arrive"), "The user came &back\u2026")
        self.user_back.setAccessibleName("The user came back: record their return")
        self.user_back.clicked.connect(lambda: self.navigate.emit(str(StepKey.PERMISSION)))
        note_row.addWidget(self.user_back)
        absent.addLayout(note_row)
        layout.addWidget(self.absent_box)
        self.parts_label = wrapped_label()
        layout.addWidget(self.parts_label)
        self.parts = check_box("Borrowed &parts returned", "Borrowed parts returned")
        layout.addWidget(self.add_field("parts_returned", self.parts))
        follow = QHBoxLayout()
        follow.setSpacing(SPACING)
        self.follow_up = check_box("&Follow-up call promised for", "Follow-up call promised")
        self.follow_up_at = date_time_edit("Follow-up call time", self.now() + timedelta(days=2))
        self.follow_up_at.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_at.setEnabled)
        follow.addWidget(self.add_field("follow_up", self.follow_up))
        follow.addWidget(self.add_field("follow_up_at", self.follow_up_at))
        follow.addStretch(1)
        layout.addLayout(follow)
        self.body_layout.addWidget(box)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            "&Record sign-off", EventType.SIGNED_OFF, self.on_record_clicked, icon_name="sign"
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
            "Borrowed: "
            + ", ".join(parts)
            + ". One that cannot go back (broken, kept, written off): record what became of it "
            "under Notes, files and promises (Ctrl+Shift+N)."
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
        who = self.context.technician_name or "a technician from IT support"
        resolved = self.snapshot.latest(EventType.RESOLVED)
        done = str(resolved.payload["explanation"]) if resolved else "the problem you reported"
        return "\n".join(
            [
                f"Hello {visit.customer_name},",
                "",
                (
                    f"{who} from IT support came by on {local_time(self.now())} for "
                    f"{visit.reference}. Because it was urgent, I worked on your computer "
                    "while you were away."
                ),
                "",
                f"What I did: {done}",
                "",
                (
                    "I did not close your programs or files, and I logged the admin account "
                    f"off. If anything is not right, contact {self.context.service_desk} and "
                    f"quote {visit.reference}."
                ),
            ]
        )

    def on_record_clicked(self) -> None:
        assert self.snapshot is not None
        state = self.snapshot.state
        summary = self.summary.toPlainText()
        if self.missing([(summary, "Write a short summary in plain language.", self.summary)]):
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
    intro = (
        "Cannot be resolved now? Escalate it, and tell the customer which team takes it and "
        "when they will next hear from you: that time becomes a promise."
    )

    def build(self) -> None:
        form = self.form()
        self.reason = text_edit("Reason for escalating", "Why it cannot be resolved now")
        form.addRow("Rea&son:", self.add_field("reason", self.reason))
        self.team = QComboBox()
        self.team.setEditable(True)
        self.team.addItems(TEAMS)
        self.team.setCurrentText("")
        self.team.setAccessibleName("Team")
        team_edit = self.team.lineEdit()
        if team_edit is not None:
            team_edit.setPlaceholderText("The team it goes to")
        form.addRow("&Team:", self.add_field("team", self.team))
        self.next_update = date_time_edit("Next update promised", self.now() + timedelta(hours=4))
        form.addRow("&Next update by:", self.add_field("next_update_at", self.next_update))

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            "&Record escalation", EventType.ESCALATED, self.on_record_clicked, icon_name="escalate"
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
                f"{declined.payload['declined_by']} declined the use of their machine"
                + (f": {said}" if said else ".")
            )

    def on_record_clicked(self) -> None:
        reason = self.reason.toPlainText()
        team = self.team.currentText().strip()
        if self.missing(
            [
                (reason, "Say why it cannot be resolved now.", self.reason),
                (team, "Say which team takes it.", self.team),
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
