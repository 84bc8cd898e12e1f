"""One window per open visit, kept in step with the round and with each sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QWidget

from fieldapp.domain import EventType
from fieldapp.store import Store
from fieldapp.ui import window_place
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.help_menu import add_shortcuts_key
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.sync_badge import SyncBadge

if TYPE_CHECKING:
    from fieldapp.ui.visit.flow import VisitFlow


class VisitWindow(QMainWindow):
    """Hosts one visit's guided flow; closing it waits for the flow's writes to land.

    Signals:
        closed(str): the visit id, once the window has closed.
    """

    closed = Signal(str)

    def __init__(self, flow: VisitFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.visit_id = flow.visit_id
        self.setCentralWidget(flow)
        self.setWindowIcon(icon("visit"))
        self.setWindowTitle(self.tr("Visit \u2014 FieldApp"))
        window_place.place(self, "visit", QSize(1100, 860))
        for keys in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Escape")):
            close = QShortcut(keys, self)  # drafts are kept: closing loses nothing
            close.setWhatsThis(self.tr("Close the visit window"))
            close.activated.connect(self.close)
        self.shortcuts_action = add_shortcuts_key(self)  # F1: this window's shortcuts
        flow.loaded.connect(self.on_flow_loaded)
        # Offline and what of this visit waits to be sent, in view while working on it.
        self.sync_badge = SyncBadge(self)
        self.statusBar().addPermanentWidget(self.sync_badge)

    def on_flow_loaded(self) -> None:
        snapshot = self.flow.snapshot
        if snapshot is not None:
            self.sync_badge.set_pending(snapshot.detail.pending_count)
            visit = snapshot.detail.visit
            self.setWindowTitle(
                self.tr("{reference} \u2014 {customer} \u2014 FieldApp").format(
                    reference=visit.reference, customer=visit.customer_name
                )
            )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.flow.flush_drafts()
        self.flow.wait()
        super().closeEvent(event)
        self.closed.emit(self.visit_id)


class VisitWindows(QObject):
    """Opens visits (one window each, a second open raises it) and refreshes them.

    Signals:
        event_recorded(str): a visit recorded an event; the round should re-read.
        report_failed(str): the service report could not be made, and why.
    """

    event_recorded = Signal(str)
    report_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        runner: BackgroundRunner,
        *,
        author: str,
        technician_name: str,
        clock: Callable[[], datetime] | None = None,
        fetch_attachment: Callable[[str], bytes] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_attachment = fetch_attachment
        self._store = store
        self._runner = runner
        self._author = author
        self._technician_name = technician_name
        self._clock = clock
        self.windows: dict[str, VisitWindow] = {}
        self.online: bool | None = None

    def open(self, visit_id: str) -> VisitWindow:
        window = self.windows.get(visit_id)
        if window is None:
            # The pages load with the first visit opened, not with the app (its start).
            from fieldapp.ui.visit.flow import VisitFlow

            extra: dict[str, Any] = {"clock": self._clock} if self._clock else {}
            flow = VisitFlow(
                self._store,
                self._runner,
                visit_id,
                author=self._author,
                technician_name=self._technician_name,
                fetch_attachment=self._fetch_attachment,
                **extra,
            )
            flow.event_recorded.connect(self.event_recorded)
            flow.visit_opened.connect(self.open)  # a request handled now, a return visit
            flow.event_recorded.connect(
                lambda kind, visit_id=visit_id: self.on_event_recorded(visit_id, kind)
            )
            window = VisitWindow(flow)
            window.sync_badge.set_online(self.online)
            window.closed.connect(self.on_window_closed)
            # The flow's first read (asked for by its constructor) restores the drafts and
            # the screen the technician was on; a refresh now would supersede it.
            self.windows[visit_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def on_event_recorded(self, visit_id: str, kind: str) -> None:
        """After sign-off, make the service report (offline too); it syncs as an attachment."""
        if kind != EventType.SIGNED_OFF:
            return
        # The report's PDF code loads with the first sign-off, not at the app's start.
        from fieldapp.ui.report_job import start_service_report

        now = self._clock() if self._clock else datetime.now(UTC)
        start_service_report(
            self._runner,
            self._store,
            visit_id,
            technician_name=self._technician_name,
            author=self._author,
            now=now,
            on_done=lambda _event: self.on_report_stored(visit_id),
            on_error=lambda error: self.report_failed.emit(str(error)),
        )

    def on_report_stored(self, visit_id: str) -> None:
        self.event_recorded.emit(EventType.ATTACHMENT_ADDED.value)
        window = self.windows.get(visit_id)
        if window is not None:
            window.flow.refresh()

    def set_online(self, online: bool | None) -> None:
        """The server became reachable or not: every visit window says so."""
        self.online = online
        for window in self.windows.values():
            window.sync_badge.set_online(online)

    def refresh_all(self, *_: object) -> None:
        """Re-read every open visit (after a sync brought server times or rejections)."""
        for window in self.windows.values():
            window.flow.refresh()

    def close_all(self) -> None:
        for window in list(self.windows.values()):
            window.close()

    def on_window_closed(self, visit_id: str) -> None:
        window = self.windows.pop(visit_id, None)
        if window is not None:
            window.deleteLater()
