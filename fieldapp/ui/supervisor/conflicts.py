"""Conflicts: events a previous assignee recorded after their visit was reassigned; each is
accepted into the visit's history or dismissed, with a note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import ConflictPublic, ConflictResolution, ConflictStatus
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.common import Loader, Table, local, translate
from fieldapp.ui.supervisor.dialogs import NoteDialog
from fieldapp.ui.supervisor.tab import ReadingTab, follow_selection
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.event_words import event_details
from fieldapp.ui.visit.steps import EVENT_WORDS, said

STATUS_WORDS = {
    ConflictStatus.OPEN: QT_TRANSLATE_NOOP("ConflictStatus", "Open"),
    ConflictStatus.ACCEPTED: QT_TRANSLATE_NOOP("ConflictStatus", "Accepted"),
    ConflictStatus.DISMISSED: QT_TRANSLATE_NOOP("ConflictStatus", "Dismissed"),
}


def conflict_status_words(conflict: ConflictPublic) -> str:
    """ "Accepted by sue: <note>", "Open"."""
    status = translate("ConflictStatus", STATUS_WORDS[conflict.status])
    if conflict.resolved_by and conflict.note:
        return translate("ConflictStatus", "{status} by {who}: {note}").format(
            status=status, who=conflict.resolved_by, note=conflict.note
        )
    return status


def conflict_columns(team: TeamDirectory) -> tuple[Column[ConflictPublic], ...]:
    return (
        Column(
            translate("ConflictsTab", "Recorded"),
            lambda c: local(c.event.occurred_at),
            sort=lambda c: c.event.occurred_at,
            tip=lambda c: translate(
                "ConflictsTab", "On the laptop; reached the server {time}"
            ).format(time=local(c.created_at)),
        ),
        Column(translate("ConflictsTab", "Visit"), lambda c: c.reference),
        Column(translate("ConflictsTab", "Recorded by"), lambda c: team.name_of(c.technician)),
        Column(translate("ConflictsTab", "Now with"), lambda c: team.name_of(c.current_assignee)),
        Column(
            translate("ConflictsTab", "Event"),
            lambda c: said(EVENT_WORDS.get(c.event.type, str(c.event.type))),
        ),
        Column(
            translate("ConflictsTab", "Details"),
            lambda c: event_details(c.event.type, c.event.payload),
        ),
        Column(translate("ConflictsTab", "Status"), conflict_status_words),
    )


def read_conflicts(client: SupervisorClient, open_only: bool) -> list[ConflictPublic]:
    status = ConflictStatus.OPEN if open_only else None
    page = client.conflicts(status)
    found = list(page.conflicts)
    while page.conflicts and len(found) < page.total:
        page = client.conflicts(status, offset=len(found))
        found += page.conflicts
    return found


class ConflictsTab(ReadingTab[list[ConflictPublic]]):
    """The list, oldest first (accept them in this order), with Accept\u2026 and Dismiss\u2026

    Signals:
        loaded(): the list was read.
        resolved(int): a conflict was accepted or dismissed (its id).
    """

    resolved = Signal(int)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self.dialog: NoteDialog | None = None
        self.action_loader: Loader[ConflictPublic] = Loader(runner, self)
        self.open_check = QCheckBox(self.tr("Open onl&y"), self)
        self.open_check.setChecked(True)
        self.open_check.toggled.connect(lambda _on: self.refresh())
        about = QLabel(
            self.tr(
                "A technician who worked offline on a visit given meanwhile to someone else: "
                "their events wait here. Accept one to add it to the visit's history, or "
                "dismiss it."
            ),
            self,
        )
        about.setWordWrap(True)
        about.setEnabled(False)  # quiet text, readable on any palette
        self.model: TableModel[ConflictPublic] = TableModel(conflict_columns(team), self)
        self.table = Table(self.model, self.tr("Conflicts"), stretch=5)
        self.table.set_empty_text(self.tr("No conflict is waiting."))
        self.accept_button = QPushButton(icon("done"), self.tr("&Accept\u2026"), self)
        self.accept_button.setAccessibleName(self.tr("Accept the selected event into the visit"))
        self.dismiss_button = QPushButton(icon("decline"), self.tr("Di&smiss\u2026"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the selected event"))
        self.accept_button.clicked.connect(
            lambda: self.open_resolve_dialog(ConflictResolution.ACCEPT)
        )
        self.dismiss_button.clicked.connect(
            lambda: self.open_resolve_dialog(ConflictResolution.DISMISS)
        )
        top = QHBoxLayout()
        top.addWidget(about, 1)
        top.addWidget(self.open_check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow_selection(self.update_buttons, self.table, self.action_loader)

    def reader(self) -> Callable[[], list[ConflictPublic]]:
        open_only = self.open_check.isChecked()
        return lambda: read_conflicts(self._client, open_only)

    def on_loaded(self, conflicts: list[ConflictPublic]) -> None:
        self.model.set_rows(conflicts)
        self.update_buttons()

    def update_buttons(self) -> None:
        item = self.table.selected()
        ready = item is not None and item.status is ConflictStatus.OPEN
        ready = ready and not self.action_loader.busy
        self.accept_button.setEnabled(ready)
        self.dismiss_button.setEnabled(ready)

    def open_resolve_dialog(self, resolution: ConflictResolution) -> NoteDialog | None:
        item = self.table.selected()
        if item is None or item.status is not ConflictStatus.OPEN or self.action_loader.busy:
            return None
        what = said(EVENT_WORDS.get(item.event.type, str(item.event.type)))
        if resolution is ConflictResolution.ACCEPT:
            title = self.tr("Accept into {reference}").format(reference=item.reference)
            action = self.tr("Accept")
            prompt = self.tr(
                "Add \u201c{event}\u201d to the history of {reference}? The technician now "
                "holding the visit gets it at their next sync."
            ).format(event=what, reference=item.reference)
        else:
            title = self.tr("Dismiss for {reference}").format(reference=item.reference)
            action = self.tr("Dismiss")
            prompt = self.tr("Leave \u201c{event}\u201d out of the history of {reference}?").format(
                event=what, reference=item.reference
            )
        dialog = NoteDialog(
            title,
            prompt,
            action,
            required=False,
            placeholder=self.tr("Why (optional)"),
            parent=self,
        )
        dialog.accepted.connect(lambda: self.resolve(item, resolution, dialog.note))
        self.dialog = dialog
        dialog.open()
        return dialog

    def resolve(self, item: ConflictPublic, resolution: ConflictResolution, note: str) -> None:
        def done(conflict: ConflictPublic) -> Any:
            self.resolved.emit(conflict.id)
            self.refresh()

        self.action_loader.start(
            lambda: self._client.resolve_conflict(item.id, resolution, note), done
        )
