"""The pages after the fix: resolve and demonstrate, teach, and ask if there is anything else."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.visit.page import StepPage
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.widgets import SPACING, check_box, line_edit, text_edit, wrapped_label
from fieldapp.ui.visit.words import translate

GATE_WORDS = QT_TRANSLATE_NOOP(
    "PagesAfter",
    "Sign-off waits until you show it works and the user confirms, or you say why that was "
    "impossible.",
)


class ResolvePage(StepPage):
    """Step 6: explain in plain words, show it works, the user confirms (or say why not)."""

    key = StepKey.RESOLVE
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Explain in plain words what was wrong and what you did. Show it works by repeating "
        "what the user was trying to do, and let them confirm it.",
    )

    def build(self) -> None:
        self.choice_label = wrapped_label(muted=True)
        self.body_layout.addWidget(self.choice_label)
        form = self.form()
        self.explanation = text_edit(
            self.tr("Plain-words explanation"),
            self.tr("What was wrong and what you did, in the user's words"),
        )
        form.addRow(self.tr("&Plain words:"), self.add_field("explanation", self.explanation))
        self.demonstrated = check_box(
            self.tr("I &showed it works by repeating what the user was trying to do"),
            self.tr("Demonstrated"),
        )
        form.addRow("", self.add_field("demonstrated", self.demonstrated))
        self.confirmed = check_box(
            self.tr("The user &confirmed it works"), self.tr("User confirmed")
        )
        form.addRow("", self.add_field("user_confirmed", self.confirmed))
        self.impossible = text_edit(
            self.tr("Why a demonstration was impossible"),
            self.tr("Only if you could not show it: why (e.g. the user had to leave)"),
            lines=2,
        )
        form.addRow(
            self.tr("&Why not shown:"), self.add_field("impossible_reason", self.impossible)
        )
        self.gate_label = wrapped_label(translate("PagesAfter", GATE_WORDS), muted=True)
        self.body_layout.addWidget(self.gate_label)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record resolution"), EventType.RESOLVED, self.on_record_clicked
        )

    def shown(self) -> bool:
        return self.demonstrated.isChecked() and self.confirmed.isChecked()

    def on_field_changed(self, *args: object) -> None:
        self.impossible.setEnabled(not self.shown())
        super().on_field_changed(*args)

    def refresh(self) -> None:
        assert self.snapshot is not None
        self.impossible.setEnabled(not self.shown())
        state = self.snapshot.state
        unshown = state.resolved and not state.demonstrated
        incomplete = unshown and not state.demonstration_impossible_reason
        # Recorded, but not done: the step keeps no check mark until it is shown to work.
        self.gate_label.setText(
            self.tr(
                "Recorded without a demonstration: this step stays incomplete until you show it "
                "works and the user confirms, or say why that was impossible, and record again."
            )
            if incomplete and not state.signed_off
            else translate("PagesAfter", GATE_WORDS)
        )
        chosen = self.snapshot.latest(EventType.OPTION_CHOSEN)
        offered = self.snapshot.latest(EventType.OPTIONS_OFFERED)
        if chosen is not None and offered is not None and self.snapshot.state.chosen_option:
            words = {o["key"]: o["description"] for o in offered.payload["options"]}
            self.choice_label.setText(
                self.tr("The user chose: {option}").format(
                    option=words.get(chosen.payload["key"], "")
                )
            )
            self.choice_label.show()
        else:
            self.choice_label.hide()

    def on_record_clicked(self) -> None:
        explanation = self.explanation.toPlainText()
        if self.missing(
            [
                (
                    explanation,
                    self.tr("Explain in plain words what was wrong and what you did."),
                    self.explanation,
                )
            ]
        ):
            return
        reason = None if self.shown() else self.impossible.toPlainText().strip() or None
        self.record(
            EventType.RESOLVED,
            {
                "explanation": explanation,
                "demonstrated": self.demonstrated.isChecked(),
                "user_confirmed": self.confirmed.isChecked(),
                "demonstration_impossible_reason": reason,
            },
        )


class TeachPage(StepPage):
    """Step 7: offer to show how to avoid the problem; a "no thanks" is respected."""

    key = StepKey.TEACH
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Offer to show how to avoid the problem next time, in the user's language. If they "
        "say \u201cno thanks\u201d, respect it.",
    )

    def build(self) -> None:
        form = self.form()
        self.topic = text_edit(self.tr("What you showed"), self.tr("What you showed the user"))
        form.addRow(self.tr("&What you showed:"), self.add_field("topic", self.topic))
        self.comment = line_edit(
            self.tr("Comment on declining"), self.tr("Optional, if they said no thanks")
        )
        form.addRow(self.tr("Co&mment:"), self.add_field("comment", self.comment))

    def add_buttons(self) -> None:
        self.decline_button = self.add_record_button(
            self.tr("&No thanks"),
            EventType.TEACHING_DECLINED,
            self.on_decline_clicked,
            primary=False,
            icon_name="decline",
        )
        self.record_button = self.add_record_button(
            self.tr("&Record teaching"), EventType.TAUGHT, self.on_record_clicked
        )

    def on_decline_clicked(self) -> None:
        self.record(EventType.TEACHING_DECLINED, {"comment": self.comment.text().strip() or None})

    def on_record_clicked(self) -> None:
        topic = self.topic.toPlainText()
        if self.missing(
            [
                (
                    topic,
                    self.tr("Write what you showed, or record \u201cNo thanks\u201d."),
                    self.topic,
                )
            ]
        ):
            return
        self.record(EventType.TAUGHT, {"topic": topic})


class AnythingElsePage(StepPage):
    """Step 8: "is there anything else?"; a yes becomes a linked follow-up visit, or is
    handled there and then as its own visit."""

    key = StepKey.ANYTHING_ELSE
    intro = QT_TRANSLATE_NOOP(
        "StepPage",
        "Ask whether there is anything else. A \u201cyes\u201d is not lost: the server opens a "
        "linked follow-up visit for it on the next working day, or you handle it now, as its "
        "own visit at this desk.",
    )

    def build(self) -> None:
        column = QVBoxLayout()
        column.setSpacing(SPACING // 2)
        self.answer = QButtonGroup(self)
        self.no = QRadioButton(self.tr("&No, nothing else"))
        self.no.setAccessibleName(self.tr("No, nothing else"))
        self.yes = QRadioButton(self.tr("&Yes, something else:"))
        self.yes.setAccessibleName(self.tr("Yes, something else"))
        for number, button in enumerate((self.no, self.yes)):
            self.answer.addButton(button, number)
            column.addWidget(button)
        self.no.setChecked(True)
        self.add_field("no", self.no)
        self.add_field("yes", self.yes)
        self.body_layout.addLayout(column)
        form = self.form()
        self.request = text_edit(self.tr("The request"), self.tr("What the user asked for"))
        form.addRow(self.tr("Re&quest:"), self.add_field("request", self.request))
        self.request.setEnabled(False)
        self.yes.toggled.connect(self.request.setEnabled)
        self.handle_now = check_box(
            self.tr("&Handle it now, as its own visit (opened here, offline too)"),
            self.tr("Handle it now"),
        )
        form.addRow("", self.add_field("handle_now", self.handle_now))
        self.handle_now.setEnabled(False)
        self.yes.toggled.connect(self.handle_now.setEnabled)

    def add_buttons(self) -> None:
        self.record_button = self.add_record_button(
            self.tr("&Record answer"), EventType.ANYTHING_ELSE, self.on_record_clicked
        )

    def on_record_clicked(self) -> None:
        if self.yes.isChecked():
            request = self.request.toPlainText()
            if self.missing([(request, self.tr("Write what the user asked for."), self.request)]):
                return
            payload = {"answer": True, "request": request}
            if self.handle_now.isChecked():
                payload["handled_now"] = True  # the cache opens the new visit with it
            self.record(EventType.ANYTHING_ELSE, payload)
        else:
            self.record(EventType.ANYTHING_ELSE, {"answer": False})
