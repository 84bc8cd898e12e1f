"""The intake rules on the laptop: the diagnosis asks how long the problem has been happening
and whether the user showed it; the technician adds to what the user already tried; the
priority's inputs and the VIP override are shown where the priority is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from fieldapp.domain import Event, EventType
from fieldapp.domain.events import PROBLEM_SINCE
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import Priority, VisitPublic
from fieldapp.protocol.enums import Level
from fieldapp.ui.resources import icon
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.draft_form import DraftForm
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.widgets import line_edit, local_time, text_edit, wrapped_label
from fieldapp.ui.visit.words import translate

if TYPE_CHECKING:
    from fieldapp.ui.visit.flow import VisitFlow

TRIED_SHORTCUT = "Ctrl+Shift+T"

PROBLEM_SINCE_WORDS: dict[str, str] = {
    "today": QT_TRANSLATE_NOOP("Intake", "Since today"),
    "this_week": QT_TRANSLATE_NOOP("Intake", "Since earlier this week"),
    "this_month": QT_TRANSLATE_NOOP("Intake", "Since earlier this month"),
    "longer": QT_TRANSLATE_NOOP("Intake", "For longer than a month"),
    "not_sure": QT_TRANSLATE_NOOP("Intake", "The user is not sure"),
}
assert tuple(PROBLEM_SINCE_WORDS) == PROBLEM_SINCE
SHOWN_YES, SHOWN_NO = "yes", "no"


class IntakeQuestions:
    """The Diagnose page's two questions, as inputs drafted with the page's own."""

    def __init__(self, page: DraftForm, form: QFormLayout) -> None:
        self.since = QComboBox()
        self.since.setAccessibleName(
            translate("IntakeQuestions", "How long the problem has been happening")
        )
        self.since.addItem(
            translate("IntakeQuestions", "Ask the user how long it has been happening\u2026"), ""
        )
        for value, words in PROBLEM_SINCE_WORDS.items():
            self.since.addItem(translate("Intake", words), value)
        form.addRow(
            translate("IntakeQuestions", "How &long:"), page.add_field("problem_since", self.since)
        )
        self.shown = QComboBox()
        self.shown.setAccessibleName(
            translate("IntakeQuestions", "Did the user show you the problem")
        )
        self.shown.addItem(
            translate("IntakeQuestions", "Ask the user to show you the problem\u2026"), ""
        )
        self.shown.addItem(translate("IntakeQuestions", "Yes, the user showed me"), SHOWN_YES)
        self.shown.addItem(translate("IntakeQuestions", "No, the user could not show me"), SHOWN_NO)
        form.addRow(
            translate("IntakeQuestions", "S&hown by the user:"),
            page.add_field("shown_by_user", self.shown),
        )
        for combo in (self.since, self.shown):  # long prompts elide rather than widen the page
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.reason = line_edit(
            translate("IntakeQuestions", "Why the user could not show the problem"),
            translate("IntakeQuestions", "e.g. it only happens at month end"),
        )
        self.reason_label = QLabel(translate("IntakeQuestions", "&Why not:"))
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, page.add_field("not_shown_reason", self.reason))
        self.shown.currentIndexChanged.connect(self.on_shown_changed)
        self.on_shown_changed()

    def on_shown_changed(self, *_args: object) -> None:
        not_shown = self.shown.currentData() == SHOWN_NO
        self.reason.setEnabled(not_shown)
        self.reason_label.setEnabled(not_shown)

    def checks(self) -> list[tuple[str, str, QWidget]]:
        """(answer, what to do when it is blank, its field), for the page's `missing`."""
        since, shown = self.since.currentData() or "", self.shown.currentData() or ""
        checks: list[tuple[str, str, QWidget]] = [
            (
                since,
                translate(
                    "IntakeQuestions", "Ask the user how long the problem has been happening."
                ),
                self.since,
            ),
            (
                shown,
                translate("IntakeQuestions", "Ask the user to show you the problem."),
                self.shown,
            ),
        ]
        if self.shown.currentData() == SHOWN_NO:
            why = translate("IntakeQuestions", "Say why the user could not show the problem.")
            checks.append((self.reason.text(), why, self.reason))
        return checks

    def payload(self) -> dict[str, Any]:
        shown = self.shown.currentData() == SHOWN_YES
        return {
            "problem_since": self.since.currentData(),
            "shown_by_user": shown,
            "not_shown_reason": None if shown else self.reason.text().strip(),
        }

    def fill(self, payload: Mapping[str, Any]) -> None:
        """Show a recorded diagnosis's answers (none, for one from before they were asked)."""
        self.since.setCurrentIndex(max(0, self.since.findData(payload.get("problem_since"))))
        shown = payload.get("shown_by_user")
        self.shown.setCurrentIndex({True: 1, False: 2}.get(shown, 0) if shown is not None else 0)
        self.reason.setText(str(payload.get("not_shown_reason") or ""))


def diagnosis_words(payload: Mapping[str, Any]) -> str:
    """The two answers in words, for the timeline ("" for a diagnosis without them)."""
    words = []
    since = payload.get("problem_since")
    if since in PROBLEM_SINCE_WORDS:
        since_words = translate("Intake", PROBLEM_SINCE_WORDS[since])
        words.append(since_words[:1].lower() + since_words[1:])
    if payload.get("shown_by_user") is True:
        words.append(translate("Intake", "shown by the user"))
    elif payload.get("shown_by_user") is False:
        reason = " ".join(str(payload.get("not_shown_reason", "")).split())
        words.append(translate("Intake", "not shown: {reason}").format(reason=reason))
    return "; ".join(words)


# --- what the user already tried -------------------------------------------------------------

TRIED_COLUMNS: tuple[Column[Event], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda e: local_time(e.occurred_at)),
    Column(
        QT_TRANSLATE_NOOP("Columns", "What they tried"),
        lambda e: " ".join(str(e.payload["text"]).split()),
    ),
)


class AlreadyTriedSection(Section):
    """Add to what the user already tried (dispatch's text stays as it was): what they tell
    at the desk, so nobody repeats it and the user is not asked twice."""

    draft_name = "already_tried"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Sections", "What the user already tried"), context, parent
        )
        self.dispatch = wrapped_label(muted=True)
        self.dispatch.setAccessibleName(self.tr("What dispatch recorded as already tried"))
        self.column.addWidget(self.dispatch)
        form = self.form()
        self.text = text_edit(
            self.tr("What the user tried"), self.tr("e.g. restarted the PC, cleared the cache")
        )
        form.addRow(self.tr("Pre&vious attempts:"), self.add_field("text", self.text))
        self.record_button = self.add_button(
            self.tr("Add to what was tried"),
            EventType.ALREADY_TRIED_ADDED,
            self.on_record_clicked,
            name=self.tr("Add to what the user already tried"),
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        self.column.addLayout(row)
        self.model: TableModel[Event] = TableModel(TRIED_COLUMNS, key=lambda e: e.id, parent=self)
        self.list = RowsView(
            self.model, self.tr("What the user tried, as added"), stretch=(1, 4), wrap=True
        )
        self.column.addWidget(self.list)

    def refresh(self) -> None:
        assert self.snapshot is not None
        tried = self.snapshot.detail.visit.already_tried
        self.dispatch.setText(
            self.tr("Dispatch: {tried}").format(tried=tried)
            if tried
            else self.tr("Dispatch recorded nothing the user tried.")
        )
        added = self.snapshot.events_of(EventType.ALREADY_TRIED_ADDED)
        self.model.set_rows(added)
        self.list.setVisible(bool(added))

    def reset(self) -> None:
        self.text.clear()

    def default_button(self) -> QPushButton | None:
        return self.record_button

    def on_record_clicked(self) -> None:
        text = self.text.toPlainText()
        what = self.tr("Write what the user says they already tried.")
        if self.missing([(text, what, self.text)]):
            return
        self.record(EventType.ALREADY_TRIED_ADDED, {"text": text.strip()}, settles=True)


def add_tried_action(flow: VisitFlow, section: AlreadyTriedSection) -> QPushButton:
    """The header's "Already tried…" button (and its shortcut): opens the panel at the
    section where what the user tried is added."""

    def open_section() -> None:
        flow.tabs.setCurrentWidget(flow.panel)
        section.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        flow.panel.scroller.ensureWidgetVisible(section.text)

    button = QPushButton(icon("add"), translate("AlreadyTriedSection", "Already tried\u2026"))
    button.setAccessibleName(translate("AlreadyTriedSection", "Add to what the user already tried"))
    button.setToolTip(
        translate("AlreadyTriedSection", "Add to what the user already tried ({keys})").format(
            keys=TRIED_SHORTCUT
        )
    )
    button.clicked.connect(open_section)
    flow.header.add_second_action(button)
    shortcut = QShortcut(QKeySequence(TRIED_SHORTCUT), flow)
    shortcut.setWhatsThis(translate("AlreadyTriedSection", "Add to what the user already tried"))
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(open_section)
    return button


# --- the priority, as worked out ---------------------------------------------------------------


def priority_words(visit: VisitPublic) -> str:
    """Why the visit has its priority, in words (the header's and the round's tooltip)."""
    impact = translate("Intake", LEVEL_WORDS[visit.impact])
    urgency = translate("Intake", LEVEL_WORDS[visit.urgency])
    if visit.vip:
        return translate(
            "Intake",
            "Critical because dispatch marked this visit VIP (an explicit override), whatever "
            "its {impact} impact and {urgency} urgency.",
        ).format(impact=impact, urgency=urgency)
    return translate(
        "Intake",
        "Worked out from {impact} impact and {urgency} urgency by the supervisors' priority "
        "matrix.",
    ).format(impact=impact, urgency=urgency)


LEVEL_WORDS: dict[Level, str] = {
    Level.LOW: QT_TRANSLATE_NOOP("Intake", "low"),
    Level.MEDIUM: QT_TRANSLATE_NOOP("Intake", "medium"),
    Level.HIGH: QT_TRANSLATE_NOOP("Intake", "high"),
}
PRIORITY_LABELS: dict[Priority, str] = {
    Priority.LOW: QT_TRANSLATE_NOOP("Intake", "Low priority"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("Intake", "Normal priority"),
    Priority.HIGH: QT_TRANSLATE_NOOP("Intake", "High priority"),
    Priority.CRITICAL: QT_TRANSLATE_NOOP("Intake", "Critical priority"),
}


def priority_label(visit: VisitPublic) -> str:
    """'High priority', in the chosen language."""
    return translate("Intake", PRIORITY_LABELS[visit.priority])


def vip_badge() -> QLabel:
    """The visible VIP mark beside the priority (hidden for any other visit)."""
    badge = QLabel(translate("Intake", "VIP"))
    badge.setObjectName("vip-badge")
    badge.setAccessibleName(translate("Intake", "VIP: priority overridden to critical"))
    badge.setStyleSheet(
        "QLabel#vip-badge { font-weight: bold; padding: 0 6px; border: 1px solid; }"
    )
    badge.setVisible(False)
    return badge
