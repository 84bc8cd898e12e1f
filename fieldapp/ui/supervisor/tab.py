"""The wiring the supervisor tabs share: read then show, the technician combo, the filter row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.supervisor.common import Loader, Table, translate
from fieldapp.ui.supervisor.team import EVERYONE, TeamDirectory

D = TypeVar("D")


class _Visit(Protocol):
    @property
    def id(self) -> str: ...


V = TypeVar("V", bound=_Visit)


class ReadingTab(QWidget, Generic[D]):
    """A tab that reads one thing from the server off the UI thread, then shows it.

    `refresh` takes the filters as they are now (`reader`, on the UI thread), runs the read on
    `loader` and hands its result to `on_loaded`. A refresh during a read waits for it; of
    several waiting, only the newest runs (a filter changed twice). A failure is the loader's
    `failed`, which the window shows.

    Signals:
        loaded(): what was read is shown.
    """

    loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader: Loader[D] = Loader(runner, self)

    def refresh(self) -> None:
        """Read again for the filters as they are now (after the current read, if any)."""
        self.loader.start(self.reader(), self._deliver, queue=True)

    def reader(self) -> Callable[[], D]:
        """The read to run off the UI thread, for the filters as they are now."""
        raise NotImplementedError

    def on_loaded(self, data: D) -> None:
        """Show what was read."""
        raise NotImplementedError

    def _deliver(self, data: D) -> None:
        self.on_loaded(data)
        self.loaded.emit()


class TechnicianCombo(QComboBox):
    """The team to choose from (data: the username) after an "everyone" entry, and an
    "unassigned" one if asked; listed again, the choice kept, whenever the team is read.

    Args:
        name: the accessible name.
    """

    def __init__(
        self,
        team: TeamDirectory,
        name: str,
        parent: QWidget,
        *,
        everyone: str,
        unassigned: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._team = team
        self._everyone = everyone
        self._unassigned = unassigned
        self.setAccessibleName(name)
        team.changed.connect(self.on_team_changed)
        self.on_team_changed()

    def on_team_changed(self) -> None:
        self._team.fill(self, everyone=self._everyone, unassigned=self._unassigned)

    def technician(self) -> str | None:
        """The username chosen; None for everyone."""
        chosen = self.currentData()
        return None if chosen in (None, EVERYONE) else str(chosen)


def filter_row(
    parent: QWidget, filters: Iterable[tuple[str, QWidget] | QWidget], summary: QLabel
) -> QHBoxLayout:
    """The filters in a row, each after its label if it has one (the label's Alt+letter
    focuses it), and the summary at the far end."""
    row = QHBoxLayout()
    for item in filters:
        if isinstance(item, tuple):
            text, widget = item
            label = QLabel(text, parent)
            label.setBuddy(widget)
            row.addWidget(label)
        else:
            widget = item
        row.addWidget(widget)
    row.addStretch(1)
    row.addWidget(summary)
    return row


def follow_selection(update: Callable[[], Any], table: Table[Any], *loaders: Loader[Any]) -> None:
    """Call `update` now, and whenever the table's selection changes or one of the loaders
    starts or finishes: buttons that act on the selected row, one action at a time."""
    table.selectionModel().selectionChanged.connect(lambda *_: update())
    for loader in loaders:
        loader.busy_changed.connect(lambda _busy: update())
    update()


def open_timeline_on_activate(table: Table[V], open_timeline: Callable[[str], Any]) -> None:
    """Enter or a double-click on a visit's row opens the visit's timeline."""
    table.setAccessibleDescription(
        translate("SupervisorWords", "Enter or double-click opens the timeline.")
    )
    table.activated.connect(lambda index: open_timeline(table.source_row(index).id))
