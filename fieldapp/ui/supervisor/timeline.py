"""A visit's full timeline as the server holds it: every event with laptop time, server time
and who recorded it; and the visit's service report, saved as a PDF."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import EventType
from fieldapp.domain.customer import USER_AUTHOR
from fieldapp.domain.equipment import loan_words
from fieldapp.protocol import TimelineEntry, TripPublic, VisitPublic
from fieldapp.protocol.knowledge import ArticleCreate, ArticlePublic
from fieldapp.sync import knowledge_admin
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui import window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.notice import NoticeBar
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.common import (
    FileChooser,
    FileRequest,
    Loader,
    Table,
    local,
    minutes_words,
    translate,
    window_words,
)
from fieldapp.ui.supervisor.knowledge import ArticleDialog, promote_values
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.event_words import event_details
from fieldapp.ui.visit.steps import DEPARTURE_WORDS, EVENT_WORDS, said


def author_words(entry: TimelineEntry) -> str:
    if entry.author == USER_AUTHOR:  # the customer page's answer, for the user
        return translate("TimelineDialog", "The user, on the confirmation page")
    return f"{entry.author_name} ({entry.author})" if entry.author_name else entry.author


def _long_time(value: datetime) -> str:
    """The whole date and time to the second, as the language writes it."""
    moment = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))
    return QLocale().toString(moment, QLocale.FormatType.LongFormat)


def timeline_columns(loans: Mapping[str, str]) -> tuple[Column[TimelineEntry], ...]:
    """The timeline's columns; a loan's return or settlement is named from `loans` (the
    loan_made event's id -> what its promise says), filled as the timeline is read."""
    return (
        Column(
            translate("TimelineDialog", "Laptop time"),
            lambda e: local(e.occurred_at),
            sort=lambda e: e.occurred_at,
            tip=lambda e: translate("TimelineDialog", "Recorded on the laptop at {time}").format(
                time=_long_time(e.occurred_at)
            ),
        ),
        Column(
            translate("TimelineDialog", "Server time"),
            lambda e: local(e.received_at),
            sort=lambda e: e.received_at,
            tip=lambda e: translate("TimelineDialog", "Received by the server at {time}").format(
                time=_long_time(e.received_at)
            ),
        ),
        Column(
            translate("TimelineDialog", "What"),
            lambda e: said(EVENT_WORDS.get(e.type, str(e.type))),
        ),
        Column(
            translate("TimelineDialog", "Details"),
            lambda e: event_details(e.type, e.payload, promises=loans),
        ),
        Column(translate("TimelineDialog", "Recorded by"), author_words),
    )


@dataclass(frozen=True, slots=True)
class Timeline:
    visit: VisitPublic
    entries: list[TimelineEntry]
    trips: list[TripPublic] = field(default_factory=list)
    on_site_minutes: int = 0


# What ended a trip, by event type name (a newer server's type is shown as its name).
_ENDED_BY = {kind.value: words for kind, words in EVENT_WORDS.items()}


def trip_words(trip: TripPublic) -> str:
    """'Trip 1: 09:00\u201309:30, 30 min (left: to fetch a part)', in the laptop's zone."""
    start = trip.arrived_at.astimezone()
    span = f"{local(trip.arrived_at)}\u2013"
    if trip.left_at is not None:
        end = trip.left_at.astimezone()
        same_day = end.date() == start.date()
        span += local(trip.left_at, with_day=not same_day)
    else:
        span += translate("TimelineDialog", "still there")
    words = translate("TimelineDialog", "Trip {number}: {span}, {minutes}").format(
        number=trip.number, span=span, minutes=minutes_words(trip.minutes)
    )
    if trip.reason:
        why = _inline(said(DEPARTURE_WORDS.get(trip.reason, trip.reason)))
        words += " " + translate("TimelineDialog", "(left: {why})").format(why=why)
    elif trip.ended_by:
        words += f" ({_inline(said(_ENDED_BY.get(trip.ended_by, trip.ended_by)))})"
    return words


def _inline(words: str) -> str:
    """Words said inside a sentence: lower case in English; other languages (German
    capitalises its nouns) keep them as they are."""
    english = (QLocale.Language.English, QLocale.Language.C)
    return words.lower() if QLocale().language() in english else words


def trips_words(timeline: Timeline) -> str:
    """'2 trips \u00b7 60 min on site' and a line per trip; empty before any arrival."""
    count = len(timeline.trips)
    if not count:
        return ""
    head = counted(
        count,
        translate("TimelineDialog", "{count} trip \u00b7 {minutes} on site"),
        translate("TimelineDialog", "{count} trips \u00b7 {minutes} on site"),
        minutes=minutes_words(timeline.on_site_minutes),
    )
    return "\n".join([head, *(trip_words(t) for t in timeline.trips)])


def read_timeline(client: SupervisorClient, visit_id: str) -> Timeline:
    """The visit and all its events, page after page."""
    page = client.timeline(visit_id)
    entries = list(page.entries)
    while page.entries and len(entries) < page.total:
        page = client.timeline(visit_id, offset=len(entries))
        entries += page.entries
    return Timeline(page.visit, entries, list(page.trips), page.on_site_minutes)


def report_name(reference: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in reference).strip("._")
    return translate("TimelineDialog", "{reference}-service-report.pdf").format(
        reference=safe or translate("TimelineDialog", "visit")
    )


def save_service_report(
    parent: QWidget,
    loader: Loader[int],
    client: SupervisorClient,
    *,
    choose_file: FileChooser,
    visit_id: str,
    reference: str,
    on_saved: Callable[[Path, int], Any],
) -> bool:
    """Ask where to save the visit's service report, then download it in the background.

    Returns False when nothing started (a download is running, or the choice was cancelled).
    """
    if loader.busy:
        return False
    request = FileRequest(
        translate("TimelineDialog", "Save the service report"),
        report_name(reference),
        translate("TimelineDialog", "PDF (*.pdf)"),
    )
    target = choose_file(parent, request)
    if target is None:
        return False
    return loader.start(
        lambda: client.download_service_report(visit_id, target),
        lambda size: on_saved(target, size),
    )


class TimelineDialog(QDialog):
    """The timeline of one visit, read from the server when opened.

    Signals:
        loaded(): the timeline is shown.
        report_saved(str): the service report was saved to this path.
        article_promoted(str): the visit's fix became an article with this title.
    """

    loaded = Signal()
    report_saved = Signal(str)
    article_promoted = Signal(str)

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        visit_id: str,
        choose_file: FileChooser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._choose_file = choose_file
        self.visit_id = visit_id
        self.visit: VisitPublic | None = None
        self.setWindowTitle(self.tr("Timeline of the visit"))
        self.setWindowIcon(icon("timeline"))
        window_place.fit_size(self, QSize(980, 520))
        self.notice = NoticeBar(self)
        self.heading = QLabel(self.tr("Loading the timeline\u2026"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.trips = QLabel(self)
        self.trips.setTextFormat(Qt.TextFormat.PlainText)
        self.trips.setWordWrap(True)
        self.trips.setAccessibleName(self.tr("Trips to the desk and time on site"))
        self._loans: dict[str, str] = {}
        self.model: TableModel[TimelineEntry] = TableModel(timeline_columns(self._loans), self)
        self.table = Table(self.model, self.tr("Events of the visit"), stretch=3)
        self.table.set_empty_text(self.tr("No event has reached the server for this visit yet."))
        self.report_button = QPushButton(
            icon("report"), self.tr("Save service &report\u2026"), self
        )
        self.report_button.setAccessibleName(self.tr("Save the service report as PDF"))
        self.report_button.setToolTip(self.tr("The PDF the technician's laptop made at sign-off"))
        self.report_button.clicked.connect(self.on_report_clicked)
        self.promote_button = QPushButton(icon("add"), self.tr("Promote to &article\u2026"), self)
        self.promote_button.setAccessibleName(self.tr("Promote this visit's fix to an article"))
        self.promote_button.setToolTip(
            self.tr("Every laptop gets the article at its next sync and suggests it first.")
        )
        self.promote_button.setEnabled(False)  # until a resolution is read
        self.promote_button.clicked.connect(self.on_promote_clicked)
        # Runs the article dialog and says whether it was saved (tests answer it themselves).
        self.ask: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.promote_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.trips)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.loader: Loader[Timeline] = Loader(runner, self)
        self.loader.failed.connect(self.on_failed)
        self.report_loader: Loader[int] = Loader(runner, self)
        self.report_loader.failed.connect(self.on_failed)
        self.report_loader.busy_changed.connect(
            lambda busy: self.report_button.setEnabled(not busy)
        )
        self.promote_loader: Loader[ArticlePublic] = Loader(runner, self)
        self.promote_loader.failed.connect(self.on_failed)
        self._entries: list[TimelineEntry] = []

    def load(self) -> None:
        self.loader.start(lambda: read_timeline(self._client, self.visit_id), self.on_loaded)

    def on_loaded(self, timeline: Timeline) -> None:
        visit = self.visit = timeline.visit
        self.heading.setText(f"{visit.reference} \u00b7 {visit.customer_name}")
        status = (
            self.tr("Cancelled: {reason}").format(reason=visit.cancel_reason)
            if visit.cancel_reason
            else ""
        )
        self.summary.setText(
            " \u00b7 ".join(
                part
                for part in (
                    window_words(visit.window_start, visit.window_end),
                    self.tr("Technician: {name}").format(
                        name=visit.assignee or self.tr("unassigned")
                    ),
                    counted(
                        len(timeline.entries), self.tr("{count} event"), self.tr("{count} events")
                    ),
                    status,
                )
                if part
            )
        )
        self.trips.setText(trips_words(timeline))
        self.trips.setVisible(bool(timeline.trips))
        self._loans.clear()
        self._loans.update(
            {e.id: loan_words(e.payload) for e in timeline.entries if e.type == EventType.LOAN_MADE}
        )
        self.model.set_rows(timeline.entries)
        self._entries = list(timeline.entries)
        self.promote_button.setEnabled(any(e.type == EventType.RESOLVED for e in timeline.entries))
        self.loaded.emit()

    def on_promote_clicked(self) -> None:
        if self.visit is None or self.promote_loader.busy:
            return
        dialog = ArticleDialog(
            self.tr("Promote to an article"), promote_values(self.visit, self._entries), self
        )
        if not self.ask(dialog):
            return
        body = ArticleCreate(visit_id=self.visit_id, **dialog.values())
        client = self._client
        self.promote_loader.start(
            lambda: knowledge_admin.promote(client, body),
            lambda article: self.article_promoted.emit(article.title),
        )

    def on_failed(self, sentence: str) -> None:
        self.notice.show_notice(sentence)
        if self.visit is None:
            self.heading.setText(self.tr("The timeline could not be read."))

    def on_report_clicked(self) -> None:
        reference = self.visit.reference if self.visit else self.visit_id
        save_service_report(
            self,
            self.report_loader,
            self._client,
            choose_file=self._choose_file,
            visit_id=self.visit_id,
            reference=reference,
            on_saved=lambda path, _size: self.report_saved.emit(str(path)),
        )
