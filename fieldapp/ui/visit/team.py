"""People on this visit: its holder, the colleagues assisting, and how many events each
recorded; the holder adds a colleague (offline too) or takes one off the team."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from fieldapp.domain import EventType
from fieldapp.domain.team import team_of
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.widgets import line_edit, wrapped_label
from fieldapp.ui.visit.words import translate

HOLDER_ONLY = QT_TRANSLATE_NOOP(
    "TeamSection",
    "Only the technician who holds this visit, or a supervisor, can change who helps on it.",
)
HOLDS = QT_TRANSLATE_NOOP("TeamSection", "Holds the visit")
ASSISTING = QT_TRANSLATE_NOOP("TeamSection", "Assisting")
RECORDED = QT_TRANSLATE_NOOP("TeamSection", "Recorded on it")


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the visit's team (or who recorded on it), as the list shows them."""

    username: str
    role: str  # HOLDS, ASSISTING or RECORDED (English; shown translated)
    events: int

    @property
    def assisting(self) -> bool:
        return self.role == ASSISTING


COLUMNS: tuple[Column[Person], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda p: p.username),
    Column(
        QT_TRANSLATE_NOOP("Columns", "On this visit"), lambda p: translate("TeamSection", p.role)
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Events recorded"), lambda p: QLocale().toString(p.events)),
)


class TeamSection(Section):
    """The visit's team, worked out from its events (fieldapp.domain.team) like the server's.

    No Alt letters: the panel has none left; Ctrl+Shift+K brings the focus to the colleague's
    name and Ctrl+Enter there adds them."""

    draft_name = "colleague"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Sections", "People on this visit"), context, parent)
        self.setAccessibleName(self.tr("People on this visit"))
        self.model: TableModel[Person] = TableModel(COLUMNS, key=lambda p: p.username)
        self.model.setParent(self)
        self.table = RowsView(self.model, self.tr("People on this visit"), stretch=(1,), lines=1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_availability())
        self.column.addWidget(self.table)
        self.remove_button = self.add_button(
            self.tr("Take off the team"),
            EventType.ASSISTANT_REMOVED,
            self.on_remove_clicked,
            name=self.tr("Take the selected colleague off the team"),
            icon_name="remove",
            unready=self.remove_unready,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        self.column.addLayout(row)
        self.column.addWidget(
            wrapped_label(
                self.tr(
                    "A colleague you add sees this visit in their round and records on it, "
                    "offline too; every event keeps who recorded it."
                ),
                muted=True,
            )
        )
        form = self.form()
        self.username = line_edit(self.tr("Colleague's username"), self.tr("e.g. tony"))
        form.addRow(self.tr("Colleague:"), self.add_field("username", self.username))
        self.reason = line_edit(
            self.tr("Why they are joining"), self.tr("e.g. two people to carry the printer")
        )
        form.addRow(self.tr("Why (optional):"), self.add_field("reason", self.reason))
        self.add_button_ = self.add_button(
            self.tr("Add a colleague"),
            EventType.ASSISTANT_ADDED,
            self.on_add_clicked,
            name=self.tr("Add a colleague to this visit"),
            icon_name="add",
            unready=self.add_unready,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button_)
        self.column.addLayout(row)

    # --- reading ---------------------------------------------------------------------------

    def holds_visit(self) -> bool:
        return (
            self.snapshot is not None and self.snapshot.detail.visit.assignee == self.context.author
        )

    def refresh(self) -> None:
        assert self.snapshot is not None
        counted = [e.stored.event for e in self.snapshot.timeline]
        kept = [e.stored.event for e in self.snapshot.timeline if e.stored.sync_state != "rejected"]
        authored = Counter(event.author for event in counted if event.author)
        team = team_of(self.snapshot.detail.visit.assignee, kept)
        people = []
        for name in team.members:
            role = HOLDS if name == team.holder else ASSISTING
            people.append(Person(name, role, authored.pop(name, 0)))
        people += [Person(name, RECORDED, n) for name, n in sorted(authored.items())]
        self.model.set_rows(people)
        self.update_availability()

    def selected(self) -> Person | None:
        item = self.table.selected()
        return item if isinstance(item, Person) else None

    # --- why a button waits ----------------------------------------------------------------

    def add_unready(self) -> str | None:
        return None if self.holds_visit() else self.tr(HOLDER_ONLY)

    def remove_unready(self) -> str | None:
        if not self.holds_visit():
            return self.tr(HOLDER_ONLY)
        chosen = self.selected()
        if chosen is None or not chosen.assisting:
            return self.tr("Select a colleague who is assisting.")
        return None

    # --- recording -------------------------------------------------------------------------

    def default_button(self) -> QPushButton | None:
        return self.add_button_

    def reset(self) -> None:
        self.username.clear()
        self.reason.clear()

    def focus_colleague(self) -> None:
        self.username.setFocus()

    def on_add_clicked(self) -> None:
        username = self.username.text().strip()
        if self.missing([(username, self.tr("Write your colleague's username."))]):
            self.username.setFocus()
            return
        reason = self.reason.text().strip() or None
        self.record(
            EventType.ASSISTANT_ADDED, {"username": username, "reason": reason}, settles=True
        )

    def on_remove_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.assisting:
            self.record(EventType.ASSISTANT_REMOVED, {"username": chosen.username}, settles=False)
