"""Borrowed parts and loans in the "Notes, files and promises" tab: what is still out (mark it
returned, or record what became of it and who agreed), borrow a part, lend equipment until a
due date (a promise). All of it but borrowing can be recorded after the close too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from fieldapp.domain import Event, EventType
from fieldapp.domain.equipment import PART, ItemOut, equipment_of
from fieldapp.domain.events import EQUIPMENT_FATES
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.data import VisitSnapshot
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.steps import FATE_WORDS
from fieldapp.ui.visit.widgets import (
    aware,
    date_time_edit,
    line_edit,
    local_time,
    next_quarter,
    qdatetime,
    wrapped_label,
)
from fieldapp.ui.visit.words import translate

DEFAULT_LOAN = timedelta(days=7)
LEND_SHORTCUT = "Ctrl+Shift+L"


def counted_events(snapshot: VisitSnapshot) -> list[Event]:
    """The visit's events that count (rejected ones left out), in history order."""
    return [e.stored.event for e in snapshot.timeline if e.stored.sync_state != "rejected"]


def due_words(item: ItemOut, now: datetime) -> str:
    if item.due_at is None:
        return ""
    late = " (overdue)" if item.due_at < now else ""
    return local_time(item.due_at) + late


def out_columns(clock: Callable[[], datetime]) -> tuple[Column[ItemOut], ...]:
    return (
        Column(
            QT_TRANSLATE_NOOP("Columns", "What"),
            lambda i: (
                translate("Equipment", "Part: {item}")
                if i.kind == PART
                else translate("Equipment", "Loan: {item}")
            ).format(item=i.item),
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Whose"),
            lambda i: i.whose or translate("Equipment", "Not recorded"),
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "With"),
            lambda i: i.holder or translate("Equipment", "In this machine"),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Since"), lambda i: local_time(i.since)),
        Column(QT_TRANSLATE_NOOP("Columns", "Due back"), lambda i: due_words(i, clock())),
    )


class EquipmentSection(Section):
    """Parts and loans of this visit not back yet (shown only while there are): each goes
    back, or what became of it is recorded with who agreed, so nothing false is ticked."""

    draft_name = "equipment_fate"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Borrowed parts and loans still out"), context, parent)
        self.column.addWidget(
            wrapped_label(
                self.tr(
                    "Put back what you borrowed and mark it returned. A part or a loan that cannot "
                    "go back (broken, the owner lets the user keep it, written off): say what "
                    "became of it and who agreed."
                ),
                muted=True,
            )
        )
        self.model: TableModel[ItemOut] = TableModel(
            out_columns(context.clock), key=lambda i: f"{i.kind}:{i.key}"
        )
        self.model.setParent(self)
        self.table = RowsView(
            self.model, self.tr("Borrowed parts and loans still out"), stretch=(0,), wrap=True
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_availability())
        self.column.addWidget(self.table)
        # The settling buttons follow the rules of a note (refused only on a cancelled visit,
        # taken after the close): which part or loan is chosen is the selection's business,
        # and the rules judge it again when it is recorded.
        self.return_button = self.add_button(
            self.tr("Mark re&turned"),
            EventType.NOTE,
            self.on_return_clicked,
            name=self.tr("Mark the selected part or loan returned"),
            icon_name="step-done",
            unready=self.unselected,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.return_button)
        self.column.addLayout(row)

        form = self.form()
        self.fate = QComboBox()
        self.fate.setAccessibleName(self.tr("What became of it"))
        for value in EQUIPMENT_FATES:
            self.fate.addItem(FATE_WORDS[value], value)
        form.addRow(self.tr("What be&came of it:"), self.add_field("fate", self.fate))
        self.agreed_with = line_edit(
            self.tr("Who agreed"), self.tr("e.g. Ana, who runs meeting room 4.12")
        )
        form.addRow(self.tr("A&greed with:"), self.add_field("agreed_with", self.agreed_with))
        self.note = line_edit(self.tr("Note on what became of it"), self.tr("optional"))
        form.addRow(self.tr("Note:"), self.add_field("note", self.note))
        self.dispose_button = self.add_button(
            self.tr("Recor&d what became of it"),
            EventType.NOTE,
            self.on_dispose_clicked,
            name=self.tr("Record what became of the selected part or loan"),
            icon_name="record",
            unready=self.unselected,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.dispose_button)
        self.column.addLayout(row)
        self.hide()

    def selected(self) -> ItemOut | None:
        item = self.table.selected()
        return item if isinstance(item, ItemOut) else None

    def unselected(self) -> str | None:
        return None if self.selected() else self.tr("Select the part or loan first.")

    def reset(self) -> None:
        self.agreed_with.clear()
        self.note.clear()

    def refresh(self) -> None:
        assert self.snapshot is not None
        out = equipment_of(counted_events(self.snapshot)).out
        self.model.set_rows(out)
        if out and self.selected() is None:
            self.table.selectRow(0)
        self.setVisible(bool(out))

    def default_button(self) -> QPushButton | None:
        return self.dispose_button

    def on_return_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if chosen.kind == PART:
            self.record(EventType.PART_RETURNED, {"part": chosen.key}, settles=False)
        else:
            self.record(EventType.LOAN_RETURNED, {"loan_id": chosen.key}, settles=False)

    def on_dispose_clicked(self) -> None:
        chosen = self.selected()
        agreed = self.agreed_with.text()
        if chosen is None or self.missing(
            [(agreed, self.tr("Say who agreed to what became of it."))]
        ):
            self.agreed_with.setFocus()
            return
        payload: dict[str, object] = {
            "fate": self.fate.currentData(),
            "agreed_with": agreed.strip(),
            "note": self.note.text().strip() or None,
        }
        if chosen.kind == PART:
            self.record(EventType.PART_DISPOSED, {"part": chosen.key, **payload}, settles=True)
        else:
            self.record(EventType.LOAN_DISPOSED, {"loan_id": chosen.key, **payload}, settles=True)


class BorrowSection(Section):
    """A part taken from other equipment, with whose it is: tracked until it goes back."""

    draft_name = "part_borrowed"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Borrow a part"), context, parent)
        form = self.form()
        self.part = line_edit(
            self.tr("Part borrowed"), self.tr("e.g. power supply from the meeting-room PC")
        )
        form.addRow(self.tr("Part:"), self.add_field("part", self.part))
        self.whose = line_edit(self.tr("Whose the part is"), self.tr("e.g. meeting room 4.12"))
        form.addRow(self.tr("W&hose it is:"), self.add_field("whose", self.whose))
        self.borrow_button = self.add_button(
            self.tr("Borrow part"),
            EventType.PART_BORROWED,
            self.on_borrow_clicked,
            name=self.tr("Record the part borrowed"),
            icon_name="record",
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.borrow_button)
        self.column.addLayout(row)

    def reset(self) -> None:
        self.part.clear()
        self.whose.clear()

    def default_button(self) -> QPushButton | None:
        return self.borrow_button

    def on_borrow_clicked(self) -> None:
        part, whose = self.part.text(), self.whose.text()
        if self.missing(
            [
                (part, self.tr("Say which part you borrowed.")),
                (whose, self.tr("Say whose the part is, so it finds its way back.")),
            ]
        ):
            (self.part if not part.strip() else self.whose).setFocus()
            return
        self.record(
            EventType.PART_BORROWED, {"part": part.strip(), "whose": whose.strip()}, settles=True
        )


class LendSection(Section):
    """Equipment lent to the user (a loaner laptop) until a due date, which is a promise."""

    draft_name = "loan"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lend equipment"), context, parent)
        self.column.addWidget(
            wrapped_label(
                self.tr(
                    "The due date becomes a promise, kept when the loan comes back ({keys})."
                ).format(keys=LEND_SHORTCUT),
                muted=True,
            )
        )
        form = self.form()
        self.item = line_edit(self.tr("Item lent"), self.tr("e.g. loaner laptop L-07"))
        form.addRow(self.tr("Item lent:"), self.add_field("item", self.item))
        self.lent_to = line_edit(self.tr("Lent to"), self.tr("the user who has it"))
        form.addRow(self.tr("Lent to:"), self.add_field("lent_to", self.lent_to))
        self.whose = line_edit(self.tr("Whose the item is"), self.tr("e.g. IT loan pool"))
        form.addRow(self.tr("Belongs to:"), self.add_field("whose", self.whose))
        self.due = date_time_edit(self.tr("Loan due back by"), context.clock() + DEFAULT_LOAN)
        form.addRow(self.tr("D&ue back by:"), self.add_field("due_at", self.due))
        self.lend_button = self.add_button(
            self.tr("&Lend"),
            EventType.LOAN_MADE,
            self.on_lend_clicked,
            name=self.tr("Record the loan"),
            icon_name="promise",
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.lend_button)
        self.column.addLayout(row)

    def fill_defaults(self) -> None:
        self.due.setDateTime(qdatetime(next_quarter(self.context.clock() + DEFAULT_LOAN)))
        if self.snapshot is not None:
            self.lent_to.setText(self.snapshot.detail.visit.customer_name)

    def reset(self) -> None:
        self.item.clear()
        self.fill_defaults()

    def default_button(self) -> QPushButton | None:
        return self.lend_button

    def on_lend_clicked(self) -> None:
        item, lent_to, whose = self.item.text(), self.lent_to.text(), self.whose.text()
        checks = [
            (item, self.tr("Say what you lent.")),
            (lent_to, self.tr("Say who you lent it to.")),
            (whose, self.tr("Say whose it is, so it finds its way back.")),
        ]
        if self.missing(checks):
            inputs = (self.item, self.lent_to, self.whose)
            next(
                w for (text, _), w in zip(checks, inputs, strict=True) if not text.strip()
            ).setFocus()
            return
        self.record(
            EventType.LOAN_MADE,
            {
                "item": item.strip(),
                "lent_to": lent_to.strip(),
                "whose": whose.strip(),
                "due_at": aware(self.due.dateTime()).isoformat(),
            },
            settles=True,
        )
