"""The service report's job: read the visit from the cache, make the PDF on a worker, keep it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.store.db import Store
from fieldapp.store.models import AttachmentRow
from fieldapp.store.recording import add_attachment
from fieldapp.store.visit_detail import (
    TimelineEntry,
    VisitDetail,
    get_visit,
    visit_events,
    visit_state,
)
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.report_content import ReportEvents
from fieldapp.ui.report_pdf import build_service_report

# It works offline: everything comes from the local store. Stored as a "service_report"
# attachment, it syncs like any file and the server e-mails it to the customer.
REPORT_KIND = "service_report"
REPORT_MEDIA_TYPE = "application/pdf"


def report_filename(reference: str) -> str:
    """`<reference>-service-report.pdf`, with characters unsafe in file names replaced."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in reference).strip("._")
    return f"{safe or 'visit'}-service-report.pdf"


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """What the report is made from, read from the cache in one go."""

    detail: VisitDetail
    state: VisitState
    timeline: list[TimelineEntry]
    signature_svg: bytes | None


def read_report_inputs(store: Store, visit_id: str) -> ReportInputs:
    """The visit, its state, its timeline and the signature file kept on this laptop.

    Raises:
        VisitNotFound: no such visit in the cache.
    """
    with store.read_session() as session:
        detail = get_visit(session, visit_id)
        state = visit_state(session, visit_id)
        timeline = visit_events(session, visit_id)
        sha256 = ReportEvents(timeline).field(EventType.SIGNED_OFF, "signature_sha256")
        row = session.get(AttachmentRow, sha256) if sha256 else None
        relative = row.path if row is not None else None
    signature = None
    if relative is not None:
        with contextlib.suppress(OSError):  # lost or damaged: the report says it is not there
            signature = store.files.read(relative)
    return ReportInputs(detail, state, timeline, signature)


def store_service_report(
    store: Store, visit_id: str, pdf: bytes, reference: str, *, author: str, now: datetime
) -> Event:
    """Keep the PDF as the visit's "service_report" attachment (it syncs, then is mailed).

    Raises:
        InvalidEvent, WorkflowViolation, VisitNotFound, VisitOutOfScope: nothing is written.
    """
    with store.session() as session, session.begin():
        return add_attachment(
            session,
            store.files,
            visit_id,
            pdf,
            filename=report_filename(reference),
            media_type=REPORT_MEDIA_TYPE,
            kind=REPORT_KIND,
            author=author,
            now=now,
        )


def make_service_report(
    store: Store, visit_id: str, *, technician_name: str, author: str, now: datetime
) -> Event:
    """Read the visit, build its report and keep it, all on the calling (worker) thread."""
    inputs = read_report_inputs(store, visit_id)
    pdf = build_service_report(
        inputs.detail, inputs.state, inputs.timeline, inputs.signature_svg, technician_name
    )
    return store_service_report(
        store, visit_id, pdf, inputs.detail.visit.reference, author=author, now=now
    )


def start_service_report(
    runner: BackgroundRunner,
    store: Store,
    visit_id: str,
    *,
    technician_name: str,
    author: str,
    now: datetime,
    on_done: Callable[[Event], Any],
    on_error: Callable[[Exception], Any] | None = None,
) -> None:
    """make_service_report on the runner's pool; `on_done` gets the ATTACHMENT_ADDED event."""
    runner.run(
        lambda: make_service_report(
            store, visit_id, technician_name=technician_name, author=author, now=now
        ),
        on_done,
        on_error,
    )
