"""The service report: a PDF of a visit for the customer, made on the laptop from the cache.

It works offline: everything comes from the local store. Stored as a "service_report"
attachment, it syncs like any file and the server e-mails it to the customer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.store.db import Store
from fieldapp.store.models import AttachmentRow
from fieldapp.store.recording import add_attachment, attachment_file
from fieldapp.store.visit_detail import (
    TimelineEntry,
    VisitDetail,
    get_visit,
    visit_events,
    visit_state,
)
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.steps import SOURCE_WORDS

REPORT_KIND = "service_report"
REPORT_MEDIA_TYPE = "application/pdf"
# QTextDocument.print_ lays an unpaginated document out inside a 2 cm margin of its own (and
# prints the page number in it); the page layout adds none on top.
MARGIN_MM = 0.0
SIGNATURE_WIDTH_PX = 900  # the signature's raster width (printed about 6 cm wide)
_SIGNATURE_URL = QUrl("fieldapp-report:signature")
_ANSWERED_NOTES = ("out_of_scope", "policy")


def report_filename(reference: str) -> str:
    """`<reference>-service-report.pdf`, with characters unsafe in file names replaced."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in reference).strip("._")
    return f"{safe or 'visit'}-service-report.pdf"


def when(value: datetime | str | None) -> str:
    """A time as the report prints it: in the laptop's zone, with the date and the year."""
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{moment.astimezone():%a %d %b %Y %H:%M}"


def _text(value: object) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")


class _Events:
    """The visit's events that count (rejected ones left out), by type."""

    def __init__(self, timeline: Sequence[TimelineEntry]) -> None:
        self.events = [e.stored.event for e in timeline if e.stored.sync_state != "rejected"]

    def latest(self, event_type: EventType) -> Event | None:
        found = [e for e in self.events if e.type is event_type]
        return found[-1] if found else None

    def all(self, event_type: EventType) -> list[Event]:
        return [e for e in self.events if e.type is event_type]

    def field(self, event_type: EventType, name: str) -> Any:
        event = self.latest(event_type)
        return None if event is None else event.payload.get(name)


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    """A two-column table of label and value (HTML values), leaving out empty values."""
    cells = "".join(
        f'<tr><td class="label" width="28%">{html.escape(label)}</td><td>{value}</td></tr>'
        for label, value in pairs
        if value
    )
    table = '<table class="facts" width="100%" cellspacing="0" cellpadding="3">'
    return f"{table}{cells}</table>" if cells else ""


def _section(title: str, body: str) -> str:
    return f'<h2 style="margin-top: 14px">{html.escape(title)}</h2>{body}' if body else ""


def _visit_section(
    detail: VisitDetail, state: VisitState, events: _Events, technician_name: str
) -> str:
    visit = detail.visit
    contact = ", ".join(
        part
        for part in (
            visit.contact_phone,
            visit.contact_email,
            f"ext. {visit.contact_extension}" if visit.contact_extension else "",
        )
        if part
    )
    location = ", ".join(
        part
        for part in (
            visit.site,
            f"building {visit.building}" if visit.building else "",
            f"floor {visit.floor}" if visit.floor else "",
            f"room {visit.room}" if visit.room else "",
        )
        if part
    )
    window = f"{when(visit.window_start)} \u2013 {visit.window_end.astimezone():%H:%M}"
    signed = events.latest(EventType.SIGNED_OFF)
    escalated = events.latest(EventType.ESCALATED)
    return _rows(
        [
            ("Reference", f"<b>{_text(visit.reference)}</b>"),
            ("Customer", _text(visit.customer_name)),
            ("Contact", _text(contact)),
            ("Location", _text(location)),
            ("Scheduled window", _text(window)),
            ("Technician", _text(technician_name)),
            ("Arrived", _text(when(state.arrived_at))),
            ("Completed", _text(when(signed.occurred_at)) if signed else ""),
            ("Escalated", _text(when(escalated.occurred_at)) if escalated else ""),
        ]
    )


def _wrong_section(detail: VisitDetail, events: _Events) -> str:
    source = events.field(EventType.DIAGNOSED, "source_category")
    return _rows(
        [
            ("As reported", _text(detail.visit.problem)),
            ("In your words", _text(events.field(EventType.DIAGNOSED, "user_perspective") or "")),
            ("Where it came from", _text(SOURCE_WORDS.get(str(source), "") if source else "")),
            ("What we found", _text(events.field(EventType.DIAGNOSED, "findings") or "")),
        ]
    )


def _done_section(state: VisitState, events: _Events) -> str:
    resolved = events.latest(EventType.RESOLVED)
    chosen = ""
    offered = events.latest(EventType.OPTIONS_OFFERED)
    if offered is not None and state.chosen_option is not None:
        for option in offered.payload.get("options", ()):
            if option.get("key") == state.chosen_option:
                chosen = f"{option['description']} (about {option['minutes']} min)"
    if resolved is None:
        return _rows([("Your choice", _text(chosen))])
    payload = resolved.payload
    if payload.get("demonstrated"):
        shown = "It was shown working by repeating what you were trying to do"
        shown += "; you confirmed it works." if payload.get("user_confirmed") else "."
    else:
        reason = payload.get("demonstration_impossible_reason") or "no reason was recorded"
        shown = f"It could not be shown working: {reason}"
    return _rows(
        [
            ("Your choice", _text(chosen)),
            ("What we did", _text(payload.get("explanation", ""))),
            ("Shown working", _text(shown)),
        ]
    )


def _taught_section(events: _Events) -> str:
    taught = [str(e.payload["topic"]) for e in events.all(EventType.TAUGHT)]
    if taught:
        return _rows([("How to avoid it", _text("\n".join(taught)))])
    if events.latest(EventType.TEACHING_DECLINED) is not None:
        return _rows([("How to avoid it", "You preferred not to go through it this time.")])
    return ""


def _follow_up_section(state: VisitState, events: _Events) -> str:
    anything = events.latest(EventType.ANYTHING_ELSE)
    asked = ""
    if anything is not None:
        asked = (
            f"Yes: {_text(anything.payload.get('request', ''))} (booked as a follow-up visit)"
            if anything.payload.get("answer")
            else "Nothing else was needed."
        )
    call = events.field(EventType.SIGNED_OFF, "follow_up_call_at")
    promises = "<br>".join(
        f"{_text(p.description)} \u2013 by {_text(when(p.due_at))}" for p in state.open_promises
    )
    answered = "<br>".join(
        f"{_text(e.payload['text'])} \u2013 {_text(e.payload.get('answer_given', ''))}"
        for e in events.all(EventType.NOTE)
        if e.payload.get("category") in _ANSWERED_NOTES
    )
    escalated = events.latest(EventType.ESCALATED)
    escalation = ""
    if escalated is not None:
        p = escalated.payload
        escalation = (
            f"{_text(p['reason'])}<br>Passed to {_text(p['team'])}; next update by "
            f"{_text(when(p['next_update_at']))}."
        )
    return _rows(
        [
            ("Anything else?", asked),
            ("Follow-up call", _text(when(call))),
            ("We promised", promises),
            ("Escalated", escalation),
            ("Requests we could not do", answered),
        ]
    )


def _closing_section(events: _Events) -> str:
    signed = events.latest(EventType.SIGNED_OFF)
    if signed is None:
        return ""
    payload = signed.payload
    rating = payload.get("satisfaction")
    satisfaction = f"{rating} out of 5" if rating is not None else "Not given"
    return _rows(
        [
            ("Summary", _text(payload.get("summary", ""))),
            ("Satisfaction", _text(satisfaction)),
            ("Your comment", _text(payload.get("comment", ""))),
        ]
    )


_STYLE = """
body { color: #1b1b1f; }
h1 { font-size: 18pt; margin: 0; }
h2 { font-size: 12pt; color: #2f6fb3; margin-top: 12pt; margin-bottom: 3pt; }
p.muted { color: #5f6368; margin-top: 2pt; }
table.facts { border-collapse: collapse; margin-bottom: 6pt; }
td { vertical-align: top; border-bottom: 1px solid #dadce0; }
td.label { color: #5f6368; font-weight: bold; }
"""


def report_html(
    detail: VisitDetail,
    state: VisitState,
    timeline: Sequence[TimelineEntry],
    technician_name: str,
    *,
    has_signature: bool,
) -> str:
    """The report's body as Qt rich text (the signature image is a document resource)."""
    events = _Events(timeline)
    signed = events.latest(EventType.SIGNED_OFF)
    if has_signature:
        signature = f'<p><img src="{_SIGNATURE_URL.toString()}" width="240"></p>'
    elif signed is not None:
        signature = "<p>Not signed.</p>"
    else:
        signature = ""
    parts = [
        f"<h1>Service report \u00b7 {_text(detail.visit.reference)}</h1>",
        (
            f'<p class="muted">{_text(detail.visit.customer_name)}; your IT field support '
            "visit. Quote the reference when you contact us about it.</p>"
        ),
        _section("The visit", _visit_section(detail, state, events, technician_name)),
        _section("What was wrong", _wrong_section(detail, events)),
        _section("What was done", _done_section(state, events)),
        _section("What we showed you", _taught_section(events)),
        _section("Follow-up", _follow_up_section(state, events)),
        _section("Sign-off", _closing_section(events)),
        _section("Signature", signature),
    ]
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def signature_image(svg: bytes, width: int = SIGNATURE_WIDTH_PX) -> QImage | None:
    """The signature SVG drawn on white (None if it is not a readable SVG)."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        return None
    size = QSizeF(renderer.defaultSize())
    if size.isEmpty():
        size = QSizeF(480, 180)
    height = max(1, round(width * size.height() / size.width()))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def build_service_report(
    detail: VisitDetail,
    state: VisitState,
    timeline: Sequence[TimelineEntry],
    signature_svg: bytes | None,
    technician_name: str,
) -> bytes:
    """The service report as PDF bytes (A4). Safe on a worker thread: no widget is used."""
    image = signature_image(signature_svg) if signature_svg else None
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    if image is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, _SIGNATURE_URL, image)
    document.setHtml(
        report_html(detail, state, timeline, technician_name, has_signature=image is not None)
    )
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Service report {detail.visit.reference}")
    writer.setCreator("FieldApp")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(buffer.data().data())


# --- from the cache and back into it ------------------------------------------------------


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
        sha256 = _Events(timeline).field(EventType.SIGNED_OFF, "signature_sha256")
        row = session.get(AttachmentRow, sha256) if sha256 else None
        path = attachment_file(store.attachments_dir, row.path) if row is not None else None
    signature = path.read_bytes() if path is not None and path.is_file() else None
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
            store.attachments_dir,
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
