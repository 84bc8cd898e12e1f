"""The technicians the supervisor dispatches to, by username and full name, for every tab."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox

from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.supervisor.common import Loader, translate

EVERYONE = "*"  # a combo's "all technicians" entry
UNASSIGNED = ""  # a combo's "nobody" entry


@dataclass(frozen=True, slots=True)
class Member:
    username: str
    full_name: str

    @property
    def label(self) -> str:
        return f"{self.full_name} ({self.username})" if self.full_name else self.username


def read_team(client: SupervisorClient) -> list[Member]:
    """Every active technician, by full name (page by page)."""
    members: list[Member] = []
    while True:
        page = client.technicians(offset=len(members))
        members += [Member(t.username, t.full_name) for t in page.technicians]
        if not page.technicians or len(members) >= page.total:
            return members


class TeamDirectory(QObject):
    """The team, read in the background; combos listing it keep their choice across reloads.

    Signals:
        changed(): the list of technicians was read.
    """

    changed = Signal()

    def __init__(
        self, client: SupervisorClient, runner: BackgroundRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self.loader: Loader[list[Member]] = Loader(runner, self)
        self.members: list[Member] = []

    def load(self) -> None:
        self.loader.start(lambda: read_team(self._client), self._on_loaded, queue=True)

    def _on_loaded(self, members: list[Member]) -> None:
        self.members = members
        self.changed.emit()

    def name_of(self, username: str | None) -> str:
        """The technician's full name ("Unassigned" for nobody; the username if unknown)."""
        if not username:
            return translate("SupervisorWords", "Unassigned")
        for member in self.members:
            if member.username == username:
                return member.full_name or username
        return username

    def fill(
        self, combo: QComboBox, *, everyone: str | None = None, unassigned: str | None = None
    ) -> None:
        """List the team in `combo` (data: username), after the optional "everyone" and
        "unassigned" entries; the current choice is kept if still there."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if everyone is not None:
            combo.addItem(everyone, EVERYONE)
        if unassigned is not None:
            combo.addItem(unassigned, UNASSIGNED)
        for member in self.members:
            combo.addItem(member.label, member.username)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
