"""The supervisors' API: board, metrics, follow-ups, conflicts, dispatch, CSV in and out, reports.

A SupervisorClient wraps a logged-in ServerClient: same session, timeouts, retries and typed
errors (fieldapp.sync.errors), answers validated as the protocol's models. Its calls may come
from several worker threads; they are made one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import (
    AssistantAdd,
    BoardPage,
    BoardStatus,
    CategoryMetricsReport,
    ConflictPage,
    ConflictPublic,
    ConflictResolution,
    ConflictResolve,
    ConflictStatus,
    DailyMetricsPage,
    DispatchPreview,
    DispatchPreviewRequest,
    EquipmentKind,
    EquipmentOutPage,
    FollowUpClose,
    FollowUpPage,
    FollowUpPublic,
    FollowUpStatus,
    MailPage,
    MailStatus,
    MetricsReport,
    PriorityMatrixIn,
    PriorityMatrixPublic,
    TechnicianPage,
    TimelinePage,
    TimeRequestAnswer,
    TimeRequestPage,
    UserPublic,
    VisitCancel,
    VisitCreate,
    VisitImportResult,
    VisitPage,
    VisitPublic,
    VisitReopen,
    VisitStatus,
    VisitTeam,
    VisitUpdate,
)
from fieldapp.sync.supervisor_calls import (
    LocalFileError,
    SupervisorCalls,
    local_zone_name,
)
from fieldapp.sync.supervisor_calls import (
    query_params as _params,
)

__all__ = ["LocalFileError", "SupervisorClient", "local_zone_name"]

_IMPORT_TYPES = {".csv": "text/csv", ".json": "application/json"}


class SupervisorClient(SupervisorCalls):
    """The supervisor endpoints of one server, through a logged-in ServerClient.

    Every method raises a SyncError subclass with a sentence for the user: OfflineError,
    AuthError, RequestRejectedError (a refusal, e.g. 403 for a technician, 409 for a
    cancelled visit, 422 naming a bad CSV row), ServerError, MalformedResponseError...
    """

    def __repr__(self) -> str:
        return f"SupervisorClient({self.server.base_url!r})"

    # --- who ----------------------------------------------------------------------------------

    def me(self) -> UserPublic:
        """The user the token belongs to (name and role)."""
        return self.server.parse(UserPublic, self._get("/me"))

    def technicians(self, *, offset: int = 0, limit: int | None = None) -> TechnicianPage:
        """Active technicians (dispatch's choices) by full name, with their last contact."""
        return self.server.parse(
            TechnicianPage, self._get("/technicians", _params(offset=offset, limit=limit))
        )

    # --- the team board, metrics, follow-ups ------------------------------------------------

    def board(
        self,
        date_from: date,
        date_to: date,
        *,
        technician: str | None = None,
        statuses: Sequence[BoardStatus] = (),
        site: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> BoardPage:
        """Each technician's visits in the range (UTC days, inclusive) and their counts.

        `statuses` (default: all but cancelled) narrows the visits listed, not the counts.
        """
        params = self._range(date_from, date_to) | _params(
            technician=technician,
            status=[s.value for s in statuses] or None,
            site=site,
            offset=offset,
            limit=limit,
        )
        return self.server.parse(BoardPage, self._get("/board", params))

    def metrics(
        self,
        date_from: date,
        date_to: date,
        *,
        technician: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> MetricsReport:
        """The team's care metrics over the range and one page of the technicians'."""
        params = self._range(date_from, date_to) | _params(
            technician=technician, offset=offset, limit=limit
        )
        return self.server.parse(MetricsReport, self._get("/metrics", params))

    def category_metrics(
        self, date_from: date, date_to: date, *, technician: str | None = None
    ) -> CategoryMetricsReport:
        """The care metrics per source category of the diagnosis, every category."""
        params = self._range(date_from, date_to) | _params(technician=technician)
        return self.server.parse(CategoryMetricsReport, self._get("/metrics/categories", params))

    def daily_metrics(
        self,
        date_from: date,
        date_to: date,
        *,
        technician: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> DailyMetricsPage:
        """Per day of the range: completions, promises kept on time, satisfaction."""
        params = self._range(date_from, date_to) | _params(
            technician=technician, offset=offset, limit=limit
        )
        return self.server.parse(DailyMetricsPage, self._get("/metrics/daily", params))

    def follow_ups(
        self, status: FollowUpStatus | None = None, *, offset: int = 0, limit: int | None = None
    ) -> FollowUpPage:
        """Ratings of 2 or less to follow up, oldest first."""
        params = _params(status=status.value if status else None, offset=offset, limit=limit)
        return self.server.parse(FollowUpPage, self._get("/follow-ups", params))

    def close_follow_up(self, item_id: int, note: str) -> FollowUpPublic:
        """Close a follow-up item with what was done about it."""
        body = FollowUpClose(note=note).model_dump_json()
        return self.server.parse(
            FollowUpPublic, self._send("POST", f"/follow-ups/{item_id}/close", body)
        )

    # --- conflicts --------------------------------------------------------------------------

    def conflicts(
        self,
        status: ConflictStatus | None = None,
        *,
        technician: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> ConflictPage:
        """Events a previous assignee pushed after a reassignment, oldest first."""
        params = _params(
            status=status.value if status else None,
            technician=technician,
            offset=offset,
            limit=limit,
        )
        return self.server.parse(ConflictPage, self._get("/conflicts", params))

    def resolve_conflict(
        self, conflict_id: int, resolution: ConflictResolution, note: str = ""
    ) -> ConflictPublic:
        """Accept the event into the visit's history (if the workflow still allows it; a
        RequestRejectedError says why not) or dismiss it, with a note."""
        body = ConflictResolve(resolution=resolution, note=note).model_dump_json()
        path = f"/conflicts/{conflict_id}/resolve"
        return self.server.parse(ConflictPublic, self._send("POST", path, body))

    # --- visits and dispatch ----------------------------------------------------------------

    def visits(
        self,
        *,
        assignee: str | None = None,
        unassigned: bool = False,
        status: VisitStatus | None = None,
        starts_from: datetime | None = None,
        starts_before: datetime | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> VisitPage:
        """Visits by window start (all technicians'), of one assignee or unassigned ones,
        whose window starts in [starts_from, starts_before) (aware times)."""
        params = _params(
            assignee=assignee,
            unassigned="true" if unassigned else None,
            status=status.value if status else None,
            starts_from=starts_from.isoformat() if starts_from else None,
            starts_before=starts_before.isoformat() if starts_before else None,
            offset=offset,
            limit=limit,
        )
        return self.server.parse(VisitPage, self._get("/visits", params))

    def visit(self, visit_id: str) -> VisitPublic:
        return self.server.parse(VisitPublic, self._get(f"/visits/{visit_id}"))

    def timeline(self, visit_id: str, *, offset: int = 0, limit: int | None = None) -> TimelinePage:
        """The visit and its accepted events: laptop time, server time, who recorded each."""
        params = _params(offset=offset, limit=limit)
        return self.server.parse(TimelinePage, self._get(f"/visits/{visit_id}/timeline", params))

    def create_visit(self, visit: VisitCreate) -> VisitPublic:
        """Create a visit; its priority is the server's to work out (from impact, urgency
        and VIP), so it is not sent."""
        body = visit.model_dump_json(exclude={"priority"})
        return self.server.parse(VisitPublic, self._send("POST", "/visits", body))

    def update_visit(self, visit_id: str, change: VisitUpdate) -> VisitPublic:
        """Assign, reassign (an explicit None assignee unassigns), reschedule, re-prioritise.

        Only the fields set on `change` are sent; the others stay as they are.
        """
        body = change.model_dump_json(exclude_unset=True)
        return self.server.parse(VisitPublic, self._send("PATCH", f"/visits/{visit_id}", body))

    def priority_matrix(self) -> PriorityMatrixPublic:
        """The impact x urgency matrix every visit's priority is worked out by."""
        return self.server.parse(PriorityMatrixPublic, self._get("/priority-matrix"))

    def set_priority_matrix(self, cells: Mapping[str, Mapping[str, str]]) -> PriorityMatrixPublic:
        """Set a new version of the matrix; open visits are re-prioritised by the server."""
        body = PriorityMatrixIn.model_validate({"cells": cells}).model_dump_json()
        return self.server.parse(PriorityMatrixPublic, self._send("PUT", "/priority-matrix", body))

    def cancel_visit(self, visit_id: str, reason: str) -> VisitPublic:
        body = VisitCancel(reason=reason).model_dump_json()
        response = self._send("POST", f"/visits/{visit_id}/cancel", body)
        return self.server.parse(VisitPublic, response)

    def reopen_visit(self, visit_id: str, reason: str) -> VisitPublic:
        """Reopen a signed-off visit whose fix failed; answers the linked return visit."""
        body = VisitReopen(reason=reason).model_dump_json(exclude_none=True)
        response = self._send("POST", f"/visits/{visit_id}/reopen", body)
        return self.server.parse(VisitPublic, response)

    def time_requests(self) -> TimeRequestPage:
        """The users' requests for another time waiting for an answer, oldest first."""
        return self.server.parse(TimeRequestPage, self._get("/time-requests"))

    def answer_time_request(
        self, visit_id: str, *, accept: bool, reason: str, window_start: datetime | None = None
    ) -> VisitPublic:
        """Accept a user's request (the visit moves to `window_start`) or decline it; the
        user is mailed `reason` either way."""
        answer = TimeRequestAnswer(accept=accept, reason=reason, window_start=window_start)
        body = answer.model_dump_json(exclude_none=True)
        response = self._send("POST", f"/visits/{visit_id}/time-request", body)
        return self.server.parse(VisitPublic, response)

    def assistants(self, visit_id: str) -> VisitTeam:
        """The visit's holder and the technicians assisting on it."""
        return self.server.parse(VisitTeam, self._get(f"/visits/{visit_id}/assistants"))

    def add_assistant(self, visit_id: str, username: str, reason: str = "") -> VisitTeam:
        """Add a technician to the visit's team (they see it and record on it)."""
        body = AssistantAdd(username=username, reason=reason).model_dump_json()
        response = self._send("POST", f"/visits/{visit_id}/assistants", body)
        return self.server.parse(VisitTeam, response)

    def remove_assistant(self, visit_id: str, username: str) -> VisitTeam:
        """Take a technician off the visit's team (their laptop drops the visit)."""
        with self._lock:
            response = self.server.call("DELETE", f"/visits/{visit_id}/assistants/{username}")
        return self.server.parse(VisitTeam, response)

    def preview(self, request: DispatchPreviewRequest) -> DispatchPreview:
        """Which of the assignee's visits that day the move would delay (nothing changes)."""
        body = request.model_dump_json(exclude_none=True)
        return self.server.parse(DispatchPreview, self._send("POST", "/dispatch/preview", body))

    def import_visits(self, path: Path) -> VisitImportResult:
        """Create the visits of a .csv (header row = visit fields) or .json file, all or
        nothing; a refusal's sentence names each bad row and field."""
        path = Path(path)
        media_type = _IMPORT_TYPES.get(path.suffix.lower())
        if media_type is None:
            raise LocalFileError(
                QT_TRANSLATE_NOOP(
                    "SyncError", "{file}: only .csv and .json files can be imported."
                ),
                values={"file": path.name},
            )
        try:
            data = path.read_bytes()
        except OSError as error:
            raise LocalFileError(
                QT_TRANSLATE_NOOP(
                    "SyncError", "Could not read {file}: {why}; nothing was imported."
                ),
                values={"file": path.name, "why": error.strerror or error},
            ) from None
        with self._lock:
            response = self.server.call(
                "POST", "/visits/import", body=data, content_type=media_type
            )
        return self.server.parse(VisitImportResult, response)

    # --- files out --------------------------------------------------------------------------

    def export_visits_csv(
        self, date_from: date, date_to: date, target: Path, *, technician: str | None = None
    ) -> int:
        """Save the CSV of the visits whose window starts in the range; the bytes written."""
        params = self._range(date_from, date_to) | _params(technician=technician)
        return self._download("/export/visits.csv", target, params)

    def export_metrics_csv(
        self, date_from: date, date_to: date, target: Path, *, technician: str | None = None
    ) -> int:
        """Save the CSV of the team's metrics then one row per technician; the bytes written."""
        params = self._range(date_from, date_to) | _params(technician=technician)
        return self._download("/export/metrics.csv", target, params)

    def service_report(self, visit_id: str) -> bytes:
        """The newest service report PDF the technician's laptop made and synced."""
        return self._get(f"/visits/{visit_id}/service-report").content

    def download_service_report(self, visit_id: str, target: Path) -> int:
        """Save the visit's service report PDF to `target`; the bytes written."""
        return self._download(f"/visits/{visit_id}/service-report", target)

    def attachment(self, sha256: str) -> bytes:
        """An attachment's bytes (a signature, a photo, a report) by its SHA-256."""
        return self.server.download_attachment(sha256)

    def mail(
        self, status: MailStatus | None = None, *, offset: int = 0, limit: int | None = None
    ) -> MailPage:
        """The customer mail outbox, newest first."""
        params = _params(status=status.value if status else None, offset=offset, limit=limit)
        return self.server.parse(MailPage, self._get("/mail", params))

    def equipment_out(
        self,
        *,
        technician: str | None = None,
        kind: EquipmentKind | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> EquipmentOutPage:
        """Borrowed parts and loaned equipment not back yet, longest out first."""
        params = _params(
            technician=technician,
            kind=kind.value if kind else None,
            offset=offset,
            limit=limit,
        )
        return self.server.parse(EquipmentOutPage, self._get("/equipment-out", params))
