"""The visit's promises: open and kept, on time or late; make one, mark one kept."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from fieldapp.domain import EventType, Promise
from fieldapp.domain.equipment import LOAN_RETURN
from fieldapp.domain.events import PROMISE_KINDS
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.widgets import (
    aware,
    date_time_edit,
    line_edit,
    local_time,
    next_quarter,
    qdatetime,
    wrapped_label,
)
from fieldapp.ui.visit.words import promise_words, translate

KIND_WORDS = {
    "return_visit": QT_TRANSLATE_NOOP("Promises", "Come back"),
    "call_back": QT_TRANSLATE_NOOP("Promises", "Call back"),
    "next_update": QT_TRANSLATE_NOOP("Promises", "Next update"),
    "follow_up_call": QT_TRANSLATE_NOOP("Promises", "Follow-up call"),
    "other": QT_TRANSLATE_NOOP("Promises", "Other"),
}
assert tuple(KIND_WORDS) == PROMISE_KINDS
# Promises made by other events than promise_made, shown but never offered.
SHOWN_KIND_WORDS = {**KIND_WORDS, LOAN_RETURN: QT_TRANSLATE_NOOP("Promises", "Loan due back")}
DEFAULT_DUE = timedelta(hours=2)


def status_words(promise: Promise, now: datetime) -> str:
    """Open, overdue, kept on time or kept late."""
    if promise.kept_at is None:
        if promise.due_at < now:
            return translate("Promises", "Overdue")
        return translate("Promises", "Open")
    if promise.kept_on_time:
        return translate("Promises", "Kept on time")
    return translate("Promises", "Kept late")


def status_tip(promise: Promise, now: datetime) -> str:
    state, made = status_words(promise, now), local_time(promise.made_at)
    if promise.kept_at is None:
        return translate("Promises", "{state}: due {due}. Made {made}.").format(
            state=state, due=local_time(promise.due_at), made=made
        )
    return translate("Promises", "{state}: kept {kept}. Made {made}.").format(
        state=state, kept=local_time(promise.kept_at), made=made
    )


def promise_columns(clock: Callable[[], datetime]) -> tuple[Column[Promise], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda p: local_time(p.due_at)),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Kind"),
            lambda p: translate("Promises", SHOWN_KIND_WORDS.get(p.kind, p.kind)),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Promise"), promise_words),
        Column(
            QT_TRANSLATE_NOOP("Columns", "State"),
            lambda p: status_words(p, clock()),
            lambda p: status_tip(p, clock()),
        ),
    )


def ordered(promises: list[Promise]) -> list[Promise]:
    """Open promises first, soonest due first; then the kept ones."""
    return sorted(promises, key=lambda p: (p.kept_at is not None, p.due_at))


class PromisesSection(Section):
    """Every time committed to on this visit, closed only by an event that keeps it."""

    draft_name = "promise"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Sections", "Promises"), context, parent)
        self.model: TableModel[Promise] = TableModel(
            promise_columns(context.clock), key=lambda p: p.id
        )
        self.model.setParent(self)
        self.table = RowsView(
            self.model, self.tr("Promises of this visit"), stretch=(2,), wrap=True
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_availability())
        self.column.addWidget(self.table)
        self.empty_label = wrapped_label(
            self.tr(
                "No promises on this visit. A time you commit to becomes one: a return, a call "
                "back, the next update."
            ),
            muted=True,
        )
        self.column.addWidget(self.empty_label)
        self.keep_button = self.add_button(
            self.tr("&Mark kept"),
            EventType.PROMISE_KEPT,
            self.on_keep_clicked,
            name=self.tr("Mark the selected promise kept"),
            icon_name="step-done",
            unready=self.keep_unready,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        self.column.addLayout(row)

        form = self.form()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of promise"))
        for value, words in KIND_WORDS.items():
            self.kind.addItem(translate("Promises", words), value)
        self.kind.setCurrentIndex(self.kind.findData("call_back"))
        self.due = date_time_edit(self.tr("Promise due by"), self.context.clock() + DEFAULT_DUE)
        form.addRow(self.tr("&Kind:"), self.add_field("kind", self.kind))
        form.addRow(self.tr("Due &by:"), self.add_field("due_at", self.due))
        self.description = line_edit(
            self.tr("What you promised"), self.tr("e.g. call back once the part arrives")
        )
        form.addRow(self.tr("&What you promised:"), self.add_field("description", self.description))
        self.make_button = self.add_button(
            self.tr("Make promi&se"),
            EventType.PROMISE_MADE,
            self.on_make_clicked,
            name=self.tr("Make the promise"),
            icon_name="promise",
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.make_button)
        self.column.addLayout(row)

    def fill_defaults(self) -> None:
        self.due.setDateTime(qdatetime(next_quarter(self.context.clock() + DEFAULT_DUE)))

    def reset(self) -> None:
        self.description.clear()
        self.fill_defaults()

    def refresh(self) -> None:
        assert self.snapshot is not None
        promises = ordered(list(self.snapshot.state.promises.values()))
        self.model.set_rows(promises)
        self.table.setVisible(bool(promises))
        self.keep_button.setVisible(bool(promises))
        self.empty_label.setVisible(not promises)

    def selected(self) -> Promise | None:
        item = self.table.selected()
        return item if isinstance(item, Promise) else None

    def keep_unready(self) -> str | None:
        chosen = self.selected()
        if chosen is None:
            return self.tr("Select an open promise to mark it kept.")
        if chosen.kept_at is not None:
            return self.tr("This promise has already been kept.")
        return None

    def default_button(self) -> QPushButton | None:
        return self.make_button

    def on_keep_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.kept_at is None:
            self.record(EventType.PROMISE_KEPT, {"promise_id": chosen.id}, settles=False)

    def on_make_clicked(self) -> None:
        description = self.description.text()
        if self.missing(
            [(description, self.tr("Say what you promised, in the customer's words."))]
        ):
            self.description.setFocus()
            return
        self.record(
            EventType.PROMISE_MADE,
            {
                "promise_id": str(uuid.uuid4()),
                "kind": self.kind.currentData(),
                "due_at": aware(self.due.dateTime()).isoformat(),
                "description": description.strip(),
            },
            settles=True,
        )
