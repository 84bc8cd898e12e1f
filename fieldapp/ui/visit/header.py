"""The top of the visit flow: the visit's essentials as dispatch sent them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.domain import Step, VisitState
from fieldapp.domain.codes import source_category_code
from fieldapp.domain.time_on_task import time_on_task
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import VisitStatus
from fieldapp.ui.codes import skill_words
from fieldapp.ui.visit.data import VisitSnapshot
from fieldapp.ui.visit.intake import priority_label, priority_words, vip_badge
from fieldapp.ui.visit.steps import DEPARTURE_WORDS, SOURCE_WORDS, STEP_WORDS, said
from fieldapp.ui.visit.widgets import (
    MARGIN,
    SPACING,
    Banner,
    heading,
    local_time,
    location_of,
    window_of,
    wrapped_label,
)
from fieldapp.ui.visit.words import translate

# (attribute of the header, label shown) in reading order; long texts span the full width.
_WIDE = (
    ("problem", QT_TRANSLATE_NOOP("VisitHeader", "In their words")),
    ("already_tried", QT_TRANSLATE_NOOP("VisitHeader", "Already tried")),
)
_PAIRS = (
    ("impact", QT_TRANSLATE_NOOP("VisitHeader", "Business impact")),
    ("skill", QT_TRANSLATE_NOOP("VisitHeader", "Skill level")),
    ("incident", QT_TRANSLATE_NOOP("VisitHeader", "Incident")),
    ("contact", QT_TRANSLATE_NOOP("VisitHeader", "Contact")),
    ("coordinator", QT_TRANSLATE_NOOP("VisitHeader", "Coordinator")),
    ("backup", QT_TRANSLATE_NOOP("VisitHeader", "Can take over")),
)


def time_on_task_words(snapshot: VisitSnapshot, now: datetime) -> str:
    """'2 trips \u00b7 75 min on site', counting a trip still going up to `now`; empty
    before the first arrival."""
    state = snapshot.state
    spent = time_on_task(snapshot.history(), until=now if state.on_site else None)
    count = len(spent.trips)
    if not count:
        return ""
    words = translate("VisitHeader", "%n trip(s) \u00b7 {minutes} min on site", "", count)
    words = words.format(minutes=spent.on_site_minutes)
    if state.away_reason is not None and not state.on_site and not state.closed:
        reason = said(DEPARTURE_WORDS.get(state.away_reason, ""))
        away = translate("VisitHeader", "away: {reason}")
        words += " \u00b7 " + away.format(reason=reason[:1].lower() + reason[1:])
    return words


def status_words(state: VisitState) -> str:
    """Where the visit stands, in words; a choice made is not the diagnosis again."""
    if state.step is Step.DIAGNOSED and state.chosen_option is not None:
        return translate("VisitHeader", "User chose: resolving")
    if state.time_request is not None and state.step in (Step.SCHEDULED, Step.CONFIRMED):
        # Not "Confirmed": the user asked for another time and dispatch has not answered.
        return translate("VisitHeader", "Another time requested: pending")
    return said(STEP_WORDS[state.step])


def user_answer_words(state: VisitState) -> str:
    """What the user answered on the confirmation e-mail's page (fieldapp.domain.customer):
    a request for another time waiting for dispatch, or their confirmation; empty if neither."""

    request = state.time_request
    if request is not None:
        times = ", ".join(local_time(datetime.fromisoformat(t)) for t in request.proposed_times)
        words = translate("VisitHeader", "The user asks for another time: {times}.").format(
            times=times
        )
        note = " ".join(request.note.split())
        if note:
            words += " " + translate("VisitHeader", "Their note: \u201c{note}\u201d").format(
                note=note
            )
        return words + " " + translate("VisitHeader", "Dispatch answers them.")
    if state.user_confirmed_at is not None:
        return translate("VisitHeader", "Confirmed by the user ({when}).").format(
            when=local_time(state.user_confirmed_at)
        )
    return ""


class VisitHeader(QFrame):
    """Reference, customer, where and when, priority, the problem in the customer's words..."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, SPACING, MARGIN, SPACING)
        outer.setSpacing(SPACING // 2)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        self.title = heading("")
        self.title.setAccessibleName(self.tr("Visit"))
        self.title.setWordWrap(True)  # a long customer name wraps instead of widening it
        self.priority = QLabel()
        self.priority.setAccessibleName(self.tr("Priority"))
        self.vip = vip_badge()
        self.step = QLabel()
        self.step.setAccessibleName(self.tr("Where the visit stands"))
        self.time_on_task = QLabel()
        self.time_on_task.setAccessibleName(self.tr("Trips and time on site"))
        top.addWidget(self.title, 1)
        top.addWidget(self.vip)
        top.addWidget(self.priority)
        top.addWidget(self.step)
        top.addWidget(self.time_on_task)
        outer.addLayout(top)
        # The visit's actions (Escalate, Leave for now...) get their own line: beside the
        # title they made the window wider than a small laptop screen.
        self._actions = QHBoxLayout()
        self._actions.setSpacing(SPACING)
        self._actions.addStretch(1)
        outer.addLayout(self._actions)
        self.where = wrapped_label()
        self.where.setAccessibleName(self.tr("Location and time window"))
        self._second = QHBoxLayout()  # the where-and-when line; actions that fit beside it
        self._second.setSpacing(MARGIN)
        self._second.addWidget(self.where, 1)
        outer.addLayout(self._second)
        self.cancelled = Banner("warning", self.tr("Visit cancelled"))
        outer.addWidget(self.cancelled)
        self.user_answer = wrapped_label()
        self.user_answer.setAccessibleName(self.tr("The user's answer"))
        outer.addWidget(self.user_answer)

        grid = QGridLayout()
        grid.setHorizontalSpacing(MARGIN)
        grid.setVerticalSpacing(SPACING // 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.values: dict[str, tuple[QLabel, QLabel]] = {}
        row = 0
        for name, words in _WIDE:
            caption, value = self._pair(name, words)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, 1, 3)
            row += 1
        for number, (name, words) in enumerate(_PAIRS):
            caption, value = self._pair(name, words)
            column = (number % 2) * 2
            grid.addWidget(caption, row + number // 2, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row + number // 2, column + 1)
        outer.addLayout(grid)

    def add_action(self, widget: QWidget) -> None:
        """Place a button (e.g. Escalate) on the actions line, under the title, at the right."""
        self._actions.addWidget(widget)

    def add_second_action(self, widget: QWidget) -> None:
        """Place a button at the right of the where-and-when line."""
        self._second.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)

    def _pair(self, name: str, words: str) -> tuple[QLabel, QLabel]:
        words = self.tr(words)
        caption = QLabel(self.tr("{caption}:").format(caption=words))
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        value = wrapped_label()
        # Top-aligned: beside a long neighbour (the incident) a short value would otherwise
        # sit in the middle of its row, as if it started with a blank line.
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        value.setAccessibleName(words)
        self.values[name] = (caption, value)
        return caption, value

    def show_time_on_task(self, text: str) -> None:
        """'2 trips \u00b7 75 min on site' (empty before the first arrival)."""
        self.time_on_task.setText(text)
        self.time_on_task.setVisible(bool(text))

    def text_of(self, name: str) -> str:
        return self.values[name][1].text()

    def show_snapshot(self, snapshot: VisitSnapshot) -> None:
        visit = snapshot.detail.visit
        self.title.setText(f"{visit.reference} \u2014 {visit.customer_name}")
        self.priority.setText(priority_label(visit))
        self.priority.setToolTip(priority_words(visit))
        self.vip.setVisible(visit.vip)
        self.step.setText(status_words(snapshot.state))
        about = self.tr("about {minutes} min").format(minutes=visit.estimated_minutes)
        parts = [location_of(visit), window_of(visit), about]
        if visit.category:
            code = source_category_code(visit.category)
            parts.append(said(SOURCE_WORDS[code]) if code else visit.category)
        self.where.setText("  \u00b7  ".join(p for p in parts if p))
        if visit.status == VisitStatus.CANCELLED:
            self.cancelled.show_text(
                self.tr("Dispatch cancelled this visit: {reason}").format(
                    reason=visit.cancel_reason
                )
                if visit.cancel_reason
                else self.tr("Dispatch cancelled this visit.")
            )
        elif snapshot.detail.scope_lost_message:
            self.cancelled.show_text(snapshot.detail.scope_lost_message)
        else:
            self.cancelled.clear()
        answer = user_answer_words(snapshot.state)
        self.user_answer.setText(answer)
        self.user_answer.setVisible(bool(answer))
        impact = visit.business_impact
        if visit.deadline is not None:
            deadline = self.tr("(deadline {when})").format(when=local_time(visit.deadline))
            impact = f"{impact} {deadline}".strip()
        incident = " \u2014 ".join(p for p in (visit.incident_ref, visit.incident_summary) if p)
        contact = ", ".join(
            p
            for p in (
                visit.contact_phone,
                self.tr("ext. {number}").format(number=visit.contact_extension)
                if visit.contact_extension
                else "",
                visit.contact_email,
            )
            if p
        )
        texts = {
            "problem": visit.problem,
            "already_tried": "\n".join(
                [visit.already_tried, *snapshot.state.already_tried_added]
            ).strip(),
            "impact": impact,
            "skill": skill_words(visit.skill_level),
            "incident": incident,
            "contact": contact,
            "coordinator": visit.coordinator,
            "backup": visit.backup_technician,
        }
        for name, (caption, value) in self.values.items():
            text = texts.get(name, "")
            value.setText(text)
            caption.setVisible(bool(text))
            value.setVisible(bool(text))
