"""Dispatch's moves that can delay other visits: create a visit, assign or reassign it, move
it; one onto a technician, or earlier, shows first what it delays and runs only on a yes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance

from fieldapp.protocol import (
    DispatchPreview,
    DispatchPreviewRequest,
    VisitCreate,
    VisitPublic,
    VisitStatus,
    VisitUpdate,
)
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.supervisor.common import Loader, Table, translate, window_words
from fieldapp.ui.supervisor.dispatch_dialogs import (
    AssignDialog,
    RescheduleDialog,
    VisitDialog,
    next_reference,
)
from fieldapp.ui.supervisor.dispatch_preview import PreviewDialog
from fieldapp.ui.supervisor.priority_inputs import Cells
from fieldapp.ui.supervisor.team import TeamDirectory
from fieldapp.ui.table_model import TableModel

if TYPE_CHECKING:  # the tab (a QWidget) is the dialogs' parent
    from PySide6.QtWidgets import QWidget as _Tab
else:
    _Tab = object


class DispatchMoves(_Tab):
    """The Dispatch tab's New visit, Assign and Reschedule: the words stay in the tab's
    translation context ("DispatchTab")."""

    _client: SupervisorClient
    _team: TeamDirectory
    action_loader: Loader[Any]
    table: Table[VisitPublic]
    model: TableModel[VisitPublic]
    matrix: Cells
    preview_shown: SignalInstance

    if TYPE_CHECKING:  # the tab's own (DispatchTab)

        def _show(self, dialog: Any) -> Any: ...

        def _done(self, sentence: str) -> Callable[[VisitPublic], None]: ...

    def _confirm_then(
        self,
        request: DispatchPreviewRequest,
        what: str,
        action: str,
        go: Callable[[], Any],
        title: str = "",
    ) -> None:
        """Preview the move in the background, then ask; `go` runs only on a yes."""

        def ask(preview: DispatchPreview) -> None:
            dialog = PreviewDialog(preview, what, action, self, title=title)
            dialog.accepted.connect(go)
            self._show(dialog)
            self.preview_shown.emit(dialog)

        self.action_loader.start(lambda: self._client.preview(request), ask)

    def open_create_dialog(self) -> VisitDialog | None:
        if self.action_loader.busy:
            return None
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        dialog = VisitDialog(
            self._team,
            start,
            self,
            suggested_reference=next_reference(v.reference for v in self.model.rows()),
            matrix=self.matrix,
        )
        dialog.accepted.connect(lambda: self.create_visit(dialog.visit()))
        return self._show(dialog)  # type: ignore[no-any-return]

    def create_visit(self, visit: VisitCreate) -> None:
        """Create the visit; one assigned straight away shows first what it delays."""
        done = self._done(translate("DispatchTab", "Created {ref}, assigned to {who}."))

        def go() -> None:
            self.action_loader.start(lambda: self._client.create_visit(visit), done)

        if visit.assignee is None:
            go()
            return
        request = DispatchPreviewRequest(
            assignee=visit.assignee,
            window_start=visit.window_start,
            window_end=visit.window_end,
            estimated_minutes=visit.estimated_minutes,
        )
        what = translate("DispatchTab", "Create {reference} for {name}, {window}").format(
            reference=visit.reference,
            name=self._team.name_of(visit.assignee),
            window=window_words(visit.window_start, visit.window_end),
        )
        self._confirm_then(
            request,
            what,
            translate("DispatchTab", "Create visit"),
            go,
            translate("DispatchTab", "Before you create it"),
        )

    def open_assign_dialog(self) -> AssignDialog | None:
        visit = self.table.selected()
        if visit is None or visit.status is VisitStatus.CANCELLED or self.action_loader.busy:
            return None
        dialog = AssignDialog(self._team, visit, self)
        dialog.accepted.connect(lambda: self.assign(visit, dialog.assignee))
        return self._show(dialog)  # type: ignore[no-any-return]

    def assign(self, visit: VisitPublic, assignee: str | None) -> None:
        """Assign, reassign or unassign; onto a technician, the preview comes first."""
        change = VisitUpdate(assignee=assignee)
        if not assignee:
            done = self._done(translate("DispatchTab", "Unassigned {ref}."))
        elif visit.assignee:
            done = self._done(translate("DispatchTab", "Reassigned {ref} to {who}."))
        else:
            done = self._done(translate("DispatchTab", "Assigned {ref} to {who}."))

        def go() -> None:
            self.action_loader.start(lambda: self._client.update_visit(visit.id, change), done)

        if assignee is None:
            go()
            return
        request = DispatchPreviewRequest(
            visit_id=visit.id,
            assignee=assignee,
            window_start=visit.window_start,
            window_end=visit.window_end,
        )
        name = self._team.name_of(assignee)
        if visit.assignee:
            what = translate("DispatchTab", "Reassign {reference} to {name}")
            verb = translate("DispatchTab", "Reassign")
        else:
            what = translate("DispatchTab", "Assign {reference} to {name}")
            verb = translate("DispatchTab", "Assign")
        self._confirm_then(request, what.format(reference=visit.reference, name=name), verb, go)

    def open_reschedule_dialog(self) -> RescheduleDialog | None:
        visit = self.table.selected()
        if visit is None or visit.status is VisitStatus.CANCELLED or self.action_loader.busy:
            return None
        dialog = RescheduleDialog(visit, self)
        dialog.accepted.connect(lambda: self.reschedule(visit, *dialog.new_window))
        return self._show(dialog)  # type: ignore[no-any-return]

    def reschedule(self, visit: VisitPublic, start: datetime, end: datetime) -> None:
        """Move the window; moving an assigned visit earlier shows the preview first."""
        change = VisitUpdate(window_start=start, window_end=end)
        done = self._done(translate("DispatchTab", "Rescheduled {ref}."))

        def go() -> None:
            self.action_loader.start(lambda: self._client.update_visit(visit.id, change), done)

        if visit.assignee is None or start >= visit.window_start:
            go()
            return
        request = DispatchPreviewRequest(
            visit_id=visit.id, assignee=visit.assignee, window_start=start, window_end=end
        )
        what = translate("DispatchTab", "Move {reference} earlier, to {window}").format(
            reference=visit.reference, window=window_words(start, end)
        )
        self._confirm_then(request, what, translate("DispatchTab", "Reschedule"), go)
