"""Dispatch's "Colleagues…": who assists the holder on a visit; add a technician, take one off.

Every call runs on the dialog's own loader, off the UI thread; the dialog shows the team as
the server answered it after each change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.protocol import VisitPublic, VisitTeam
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.common import Loader, local, window_words
from fieldapp.ui.supervisor.team import TeamDirectory


class ColleaguesDialog(QDialog):
    """The visit's team: its holder, its assistants (who added each, when), add and remove.

    A failed call's sentence shows in `status`; `changed_count` counts the changes made.
    """

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        team: TeamDirectory,
        visit: VisitPublic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._team = team
        self.visit = visit
        self.current: VisitTeam | None = None
        self.changed_count = 0
        self.loader: Loader[VisitTeam] = Loader(runner, self)
        self.loader.busy_changed.connect(lambda _busy: self.update_buttons())
        self.loader.failed.connect(self.on_failed)
        self.setWindowTitle(self.tr("Colleagues on {reference}").format(reference=visit.reference))
        self.setMinimumWidth(480)

        about = QLabel(
            f"{visit.customer_name} \u00b7 {window_words(visit.window_start, visit.window_end)}"
            " \u00b7 "
            + self.tr(
                "held by {name}. A colleague added sees the visit in their round at their next "
                "sync and records on it like its holder."
            ).format(name=team.name_of(visit.assignee)),
            self,
        )
        about.setWordWrap(True)
        self.people = QListWidget(self)
        self.people.setAccessibleName(self.tr("Colleagues assisting"))
        self.people.currentRowChanged.connect(lambda _row: self.update_buttons())
        self.remove_button = QPushButton(icon("remove"), self.tr("&Take off the team"), self)
        self.remove_button.setAccessibleName(self.tr("Take the selected colleague off the team"))
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_selected())

        self.technician_combo = QComboBox(self)
        self.technician_combo.setAccessibleName(self.tr("Colleague to add"))
        team.fill(self.technician_combo)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setAccessibleName(self.tr("Why they are joining"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. two people to carry the printer"))
        self.add_button = QPushButton(icon("add"), self.tr("&Add to the team"), self)
        self.add_button.setAccessibleName(self.tr("Add the colleague to the team"))
        self.add_button.clicked.connect(lambda _checked=False: self.add_chosen())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("What happened"))

        form = QFormLayout()
        form.addRow(self.tr("&Colleague:"), self.technician_combo)
        form.addRow(self.tr("&Why:"), self.reason_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        adding = QHBoxLayout()
        adding.addStretch(1)
        adding.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.people)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addLayout(adding)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.loader.start(lambda: client.assistants(visit.id), self.show_team)

    def show_team(self, team: VisitTeam) -> None:
        self.current = team
        self.people.clear()
        for member in team.assistants:
            name = self._team.name_of(member.username)
            item = QListWidgetItem(
                self.tr("{name} \u00b7 added by {who}, {time}").format(
                    name=name, who=member.added_by, time=local(member.added_at)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, member.username)
            self.people.addItem(item)
        if not team.assistants:
            self.status.setText(self.tr("Nobody assists on this visit yet."))
        self.update_buttons()

    def update_buttons(self) -> None:
        idle = not self.loader.busy and self.current is not None
        self.add_button.setEnabled(idle and self.technician_combo.count() > 0)
        self.remove_button.setEnabled(idle and self.people.currentRow() >= 0)

    def on_failed(self, sentence: str) -> None:
        self.status.setText(sentence)

    def add_chosen(self) -> bool:
        username = self.technician_combo.currentData()
        if not username or self.loader.busy:
            return False
        reason = self.reason_edit.text().strip()
        name = self._team.name_of(str(username))

        def done(team: VisitTeam) -> None:
            self.changed_count += 1
            self.reason_edit.clear()
            self.show_team(team)
            self.status.setText(
                self.tr("{name} is on the team of {reference}.").format(
                    name=name, reference=self.visit.reference
                )
            )

        return self.loader.start(
            lambda: self._client.add_assistant(self.visit.id, str(username), reason), done
        )

    def remove_selected(self) -> bool:
        if self.people.currentRow() < 0 or self.loader.busy:
            return False
        item = self.people.currentItem()
        username = str(item.data(Qt.ItemDataRole.UserRole))
        name = self._team.name_of(username)

        def done(team: VisitTeam) -> None:
            self.changed_count += 1
            self.show_team(team)
            self.status.setText(
                self.tr("{name} is off the team; their laptop drops the visit.").format(name=name)
            )

        return self.loader.start(
            lambda: self._client.remove_assistant(self.visit.id, username), done
        )
