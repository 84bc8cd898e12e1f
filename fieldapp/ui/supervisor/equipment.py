"""Equipment out: the parts borrowed from other equipment and the items lent to users that
are not back yet, whose they are, who has them, since when, and the loans overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import EquipmentKind, EquipmentOutItem
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.supervisor.common import Table, local, translate
from fieldapp.ui.supervisor.tab import ReadingTab, TechnicianCombo, filter_row
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import Column, TableModel

KIND_WORDS = {
    EquipmentKind.PART: QT_TRANSLATE_NOOP("EquipmentKind", "Part"),
    EquipmentKind.LOAN: QT_TRANSLATE_NOOP("EquipmentKind", "Loan"),
}
Out = tuple[list[EquipmentOutItem], datetime]


def due_words(item: EquipmentOutItem) -> str:
    if item.due_at is None:
        return ""
    if item.overdue:
        return translate("EquipmentTab", "{time} (overdue)").format(time=local(item.due_at))
    return local(item.due_at)


def what_words(item: EquipmentOutItem) -> str:
    kind = translate("EquipmentKind", KIND_WORDS[item.kind])
    return f"{kind}: {item.item}"


def equipment_columns(team: TeamDirectory) -> tuple[Column[EquipmentOutItem], ...]:
    not_recorded = translate("EquipmentTab", "Not recorded")
    in_machine = translate("EquipmentTab", "In the user's machine")
    return (
        Column(
            translate("EquipmentTab", "Out since"), lambda i: local(i.since), sort=lambda i: i.since
        ),
        Column(translate("EquipmentTab", "What"), what_words),
        Column(translate("EquipmentTab", "Whose"), lambda i: i.whose or not_recorded),
        Column(translate("EquipmentTab", "With"), lambda i: i.holder or in_machine),
        Column(
            translate("EquipmentTab", "Due back"),
            due_words,
            sort=lambda i: i.due_at.isoformat() if i.due_at else "",
        ),
        Column(translate("EquipmentTab", "Visit"), lambda i: f"{i.reference} ({i.customer_name})"),
        Column(
            translate("EquipmentTab", "Technician"),
            lambda i: team.name_of(i.technician),
            tip=lambda i: translate("EquipmentTab", "Recorded by {name}").format(
                name=team.name_of(i.recorded_by)
            ),
        ),
    )


def read_equipment(
    client: SupervisorClient, technician: str | None, kind: EquipmentKind | None
) -> Out:
    """Every page of the list, and the server's time it was read at."""
    page = client.equipment_out(technician=technician, kind=kind)
    found = list(page.items)
    while page.items and len(found) < page.total:
        page = client.equipment_out(technician=technician, kind=kind, offset=len(found))
        found += page.items
    return found, page.server_time


def summary_words(items: list[EquipmentOutItem]) -> str:
    parts = sum(i.kind is EquipmentKind.PART for i in items)
    loans = len(items) - parts
    overdue = sum(i.overdue for i in items)
    said = translate("EquipmentTab", "{parts} and {loans} out").format(
        parts=counted(
            parts,
            translate("EquipmentTab", "{count} part"),
            translate("EquipmentTab", "{count} parts"),
        ),
        loans=counted(
            loans,
            translate("EquipmentTab", "{count} loan"),
            translate("EquipmentTab", "{count} loans"),
        ),
    )
    if not overdue:
        return said
    return translate("EquipmentTab", "{out}; {count} overdue").format(out=said, count=overdue)


class EquipmentTab(ReadingTab[Out]):
    """What is out now, longest out first: not limited to the period (a part borrowed last
    month is still out); Enter or a double-click opens the visit's timeline."""

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        team: TeamDirectory,
        open_timeline: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self.technician_combo = TechnicianCombo(
            team, self.tr("Technician whose visits to show"), self, everyone=self.tr("Everyone")
        )
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName(self.tr("Parts, loans or both"))
        self.kind_combo.addItem(self.tr("Parts and loans"), None)
        self.kind_combo.addItem(self.tr("Parts borrowed"), EquipmentKind.PART.value)
        self.kind_combo.addItem(self.tr("Loans to users"), EquipmentKind.LOAN.value)
        for combo in (self.technician_combo, self.kind_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel(self)
        about = QLabel(
            self.tr(
                "Parts taken from other equipment and items lent to users that are not back "
                "yet, whatever the period. A part that cannot go back is settled by the "
                "technician with what became of it and who agreed."
            ),
            self,
        )
        about.setWordWrap(True)
        about.setEnabled(False)  # quiet text, readable on any palette
        self.model: TableModel[EquipmentOutItem] = TableModel(equipment_columns(team), self)
        self.table = Table(self.model, self.tr("Equipment out"), stretch=1)
        self.table.set_empty_text(self.tr("Nothing borrowed or lent is out."))
        self.table.setAccessibleDescription(
            self.tr("Enter or double-click opens the visit's timeline.")
        )
        self.table.activated.connect(
            lambda index: open_timeline(self.table.source_row(index).visit_id)
        )
        layout = QVBoxLayout(self)
        filters = [
            (self.tr("T&echnician:"), self.technician_combo),
            (self.tr("&Kind:"), self.kind_combo),
        ]
        layout.addLayout(filter_row(self, filters, self.summary))
        layout.addWidget(about)
        layout.addWidget(self.table, 1)

    def reader(self) -> Callable[[], Out]:
        technician = self.technician_combo.technician()
        chosen = self.kind_combo.currentData()
        kind = EquipmentKind(chosen) if chosen else None
        return lambda: read_equipment(self._client, technician, kind)

    def on_loaded(self, data: Out) -> None:
        items, _server_time = data
        self.model.set_rows(items)
        self.summary.setText(summary_words(items))
