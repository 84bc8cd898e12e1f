"""Step 3, permission to use the machine: every outcome a desk can give, and the user's return."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import EventType, why_not
from fieldapp.domain.events import DECLINED_NEXT_STEPS
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import DECLINED_NEXT_WORDS, StepKey, said
from fieldapp.ui.visit.widgets import (
    SPACING,
    Banner,
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

_GRANTED, _BUSY, _ABSENT, _NOTE_LEFT, _DECLINED = range(5)
_OUTCOME_TEXTS = (
    QT_TRANSLATE_NOOP("PagesPermission", "Permission &granted"),
    QT_TRANSLATE_NOOP("PagesPermission", "User &busy: agree a time to come back"),
    QT_TRANSLATE_NOOP("PagesPermission", "User &absent and the work is urgent"),
    QT_TRANSLATE_NOOP(
        "PagesPermission", "User absent and the work is &not urgent: leave a note, come back later"
    ),
    QT_TRANSLATE_NOOP("PagesPermission", "User &declined: I may not use the machine"),
)
_RECORD_TEXTS = (
    QT_TRANSLATE_NOOP("PagesPermission", "&Record permission"),
    QT_TRANSLATE_NOOP("PagesPermission", "&Record return time"),
    QT_TRANSLATE_NOOP("PagesPermission", "&Record urgent work"),
    QT_TRANSLATE_NOOP("PagesPermission", "&Record the note left"),
    QT_TRANSLATE_NOOP("PagesPermission", "&Record the refusal"),
)


class PermissionPage(StepPage):
    """Step 3: permission granted, user busy, absent (urgent or not), or declined; and, while
    urgent work goes on without them, the absent user's return."""

    key = StepKey.PERMISSION
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Computers are the users' private spaces: ask before you sit at the machine, say what "
        "you will do, why, and how long it will take.",
    )

    def build(self) -> None:
        self.outcome, self.outcome_buttons = self.add_choice(
            [translate("PagesPermission", text) for text in _OUTCOME_TEXTS]
        )
        self.outcome_buttons[_GRANTED].setChecked(True)
        self.forms = QStackedWidget()
        self.body_layout.addWidget(self.forms)
        self._build_granted()
        self._build_busy()
        self._build_absent()
        self._build_note_left()
        self._build_declined()
        self._build_returned()
        self.outcome.idToggled.connect(self.on_outcome_toggled)

    def _page(self) -> QVBoxLayout:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.forms.addWidget(page)
        return layout

    def _build_granted(self) -> None:
        form = self.form(self._page())
        self.granted_by = line_edit(self.tr("Granted by"), self.tr("The user's name"))
        form.addRow(self.tr("Granted b&y:"), self.add_field("granted_by", self.granted_by))
        self.explanation = text_edit(
            self.tr("What you will do and why"), self.tr("What you explained you will do, and why")
        )
        form.addRow(self.tr("&What and why:"), self.add_field("explanation", self.explanation))
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName(self.tr("Expected minutes"))
        self.minutes.setRange(1, 10_000)
        self.minutes.setSuffix(self.tr(" min"))
        form.addRow(self.tr("E&xpected time:"), self.add_field("expected_minutes", self.minutes))

    def _build_busy(self) -> None:
        layout = self._page()
        form = self.form(layout)
        self.return_at = date_time_edit(self.tr("Return time"), self.now() + timedelta(hours=2))
        form.addRow(self.tr("Come bac&k at:"), self.add_field("return_at", self.return_at))
        self.agreed_with = line_edit(self.tr("Agreed with"), self.tr("The user's name"))
        form.addRow(self.tr("Agreed wi&th:"), self.add_field("agreed_with", self.agreed_with))
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "The return time becomes a promise: you are reminded before it is due and the "
                    "visit waits for your return."
                ),
                muted=True,
            )
        )

    def _build_absent(self) -> None:
        layout = self._page()
        warning = Banner("warning", self.tr("Open files warning"))
        warning.show_text(
            self.tr(
                "The user may have files open and unsaved. Do not close their programs or restart "
                "without saving their work first. Before sign-off you will have to log the admin "
                "account off and leave a note on the desk, unless the user comes back."
            )
        )
        layout.addWidget(warning)
        form = self.form(layout)
        self.absent_reason = text_edit(
            self.tr("Why the work cannot wait"), self.tr("Why it cannot wait")
        )
        form.addRow(self.tr("Rea&son:"), self.add_field("absent_reason", self.absent_reason))
        self.open_files = check_box(
            self.tr("I have read the warning about open &files"), self.tr("Open files warning read")
        )
        form.addRow("", self.add_field("open_files_warned", self.open_files))

    def _build_note_left(self) -> None:
        layout = self._page()
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "The work can wait, so leave the machine alone: leave this note on the desk "
                    "and come back later. Nobody agreed a time, so no promise is made; the visit "
                    "waits for your next arrival."
                ),
                muted=True,
            )
        )
        form = self.form(layout)
        self.desk_note = text_edit(
            self.tr("Note left on the desk"), self.tr("What the note says"), lines=8
        )
        form.addRow(self.tr("Note &left:"), self.add_field("desk_note", self.desk_note))

    def _build_declined(self) -> None:
        layout = self._page()
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "The user's machine is theirs: respect the refusal and say what happens next. "
                    "If they agree a time for you to come back, record 'User busy' instead."
                ),
                muted=True,
            )
        )
        form = self.form(layout)
        self.declined_by = line_edit(self.tr("Declined by"), self.tr("The user's name"))
        form.addRow(self.tr("&User who declined:"), self.add_field("declined_by", self.declined_by))
        self.declined_reason = text_edit(
            self.tr("The user's reason (optional)"), self.tr("What the user said, if anything")
        )
        form.addRow(
            self.tr("Their reason (o&ptional):"),
            self.add_field("declined_reason", self.declined_reason),
        )
        self.next_step = QComboBox()
        self.next_step.setAccessibleName(self.tr("What happens next"))
        for value in DECLINED_NEXT_STEPS:
            words = said(DECLINED_NEXT_WORDS[value])
            self.next_step.addItem(words[:1].upper() + words[1:], value)
        form.addRow(self.tr("T&hen:"), self.add_field("next_step", self.next_step))

    def _build_returned(self) -> None:
        self.returned_box = QGroupBox(self.tr("The absent user came back"))
        layout = QVBoxLayout(self.returned_box)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Tell them what you did while they were away and why. With the user back, "
                    "sign-off no longer asks for the admin log-off and the desk note."
                ),
                muted=True,
            )
        )
        form = self.form(layout)
        self.returned = line_edit(self.tr("Who came back"), self.tr("The user's name"))
        form.addRow(self.tr("Wh&o came back:"), self.add_field("returned", self.returned))
        self.returned_explanation = text_edit(
            self.tr("What you told them"),
            self.tr("What you told them you did while they were away"),
        )
        form.addRow(
            self.tr("What you told the&m:"),
            self.add_field("returned_explanation", self.returned_explanation),
        )
        self.returned_button = QPushButton(icon("record"), self.tr("Re&cord the user's return"))
        self.returned_button.setAccessibleName(self.tr("Record the user's return"))
        # Ctrl+Enter records it, as it does a page's main button: while it is offered, the
        # permission itself is already recorded and its button disabled.
        self.returned_button.setDefault(True)
        self.returned_button.clicked.connect(self.on_returned_clicked)
        layout.addWidget(self.returned_button)
        self.register_button(self.returned_button, EventType.USER_RETURNED)
        self.body_layout.addWidget(self.returned_box)
        self.returned_box.hide()

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            translate("PagesPermission", _RECORD_TEXTS[_GRANTED]),
            EventType.PERMISSION_GRANTED,
            self.on_record_clicked,
        )

    def fill_defaults(self) -> None:
        assert self.snapshot is not None
        visit = self.snapshot.detail.visit
        for edit in (self.granted_by, self.agreed_with, self.declined_by, self.returned):
            edit.setText(visit.customer_name)
        self.minutes.setValue(visit.estimated_minutes)
        self.return_at.setDateTime(qdatetime(next_quarter(self.now() + timedelta(hours=2))))
        self.desk_note.setPlainText(self.desk_note_text())

    def desk_note_text(self) -> str:
        """The note for a user away from their desk when the work can wait: who came, why,
        and how to reach the desk; it names no time, since nobody agreed one."""
        assert self.snapshot is not None
        visit = self.snapshot.detail.visit
        who = self.context.technician_name or self.tr("a technician from IT support")
        came = (
            self.tr(
                "{who} from IT support came by on {when} for {reference} about: {problem}. You "
                "were away, so I did not touch your computer."
            )
            if visit.problem
            else self.tr(
                "{who} from IT support came by on {when} for {reference}. You were away, so I "
                "did not touch your computer."
            )
        )
        return "\n".join(
            [
                self.tr("Hello {name},").format(name=visit.customer_name),
                "",
                came.format(
                    who=who,
                    when=local_time(self.now()),
                    reference=visit.reference,
                    problem=visit.problem,
                ),
                "",
                self.tr(
                    "I will come back. To tell us when suits you, contact {desk} and quote "
                    "{reference}."
                ).format(desk=self.service_desk(), reference=visit.reference),
            ]
        )

    def refresh(self) -> None:
        assert self.snapshot is not None
        self.returned_box.setVisible(why_not(self.snapshot.state, EventType.USER_RETURNED) is None)

    def on_outcome_toggled(self, number: int, checked: bool) -> None:
        if not checked:
            return
        self.forms.setCurrentIndex(number)
        text = translate("PagesPermission", _RECORD_TEXTS[number])
        self.record_button.setText(text)
        self.record_button.setAccessibleName(text.replace("&", ""))
        self.update_availability()

    def on_record_clicked(self) -> None:
        outcome = self.outcome.checkedId()
        if outcome == _GRANTED:
            self._record_granted()
        elif outcome == _BUSY:
            if self.missing(
                [
                    (
                        self.agreed_with.text(),
                        self.tr("Say who agreed the return time."),
                        self.agreed_with,
                    )
                ]
            ):
                return
            self.record(
                EventType.USER_BUSY,
                {
                    "return_at": aware(self.return_at.dateTime()).isoformat(),
                    "agreed_with": self.agreed_with.text().strip(),
                },
            )
        elif outcome == _ABSENT:
            reason = self.absent_reason.toPlainText()
            if self.missing(
                [
                    (
                        reason,
                        self.tr("Say why the work is urgent enough to do without the user."),
                        self.absent_reason,
                    ),
                    (
                        "ok" if self.open_files.isChecked() else "",
                        self.tr(
                            "Warn the user's open files are at risk first, and tick that you did."
                        ),
                        self.open_files,
                    ),
                ]
            ):
                return
            self.record(
                EventType.USER_ABSENT_URGENT,
                {"reason": reason, "open_files_warned": self.open_files.isChecked()},
            )
        elif outcome == _NOTE_LEFT:
            note = self.desk_note.toPlainText()
            if self.missing(
                [(note, self.tr("Write the note you leave on the desk."), self.desk_note)]
            ):
                return
            self.record(EventType.USER_ABSENT_NOTE_LEFT, {"desk_note": note})
        else:
            self._record_declined()

    def _record_granted(self) -> None:
        explanation = self.explanation.toPlainText()
        if self.missing(
            [
                (self.granted_by.text(), self.tr("Say who granted permission."), self.granted_by),
                (
                    explanation,
                    self.tr("Write what you explained you will do and why."),
                    self.explanation,
                ),
            ]
        ):
            return
        self.record(
            EventType.PERMISSION_GRANTED,
            {
                "granted_by": self.granted_by.text().strip(),
                "explanation": explanation,
                "expected_minutes": self.minutes.value(),
            },
        )

    def _record_declined(self) -> None:
        if self.missing(
            [(self.declined_by.text(), self.tr("Say who declined."), self.declined_by)]
        ):
            return
        self.record(
            EventType.PERMISSION_DECLINED,
            {
                "declined_by": self.declined_by.text().strip(),
                "next_step": self.next_step.currentData(),
                "reason": self.declined_reason.toPlainText().strip() or None,
            },
        )

    def on_returned_clicked(self) -> None:
        explanation = self.returned_explanation.toPlainText()
        if self.missing(
            [
                (self.returned.text(), self.tr("Say who came back."), self.returned),
                (
                    explanation,
                    self.tr("Write what you told them you did while they were away."),
                    self.returned_explanation,
                ),
            ]
        ):
            return
        self.record(
            EventType.USER_RETURNED,
            {"returned": self.returned.text().strip(), "explanation": explanation},
        )
