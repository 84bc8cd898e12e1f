"""The visit flow's store work, run on worker threads: one read of a visit, one recorded step."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.store.db import Store
from fieldapp.store.devices import DevicePanel, device_panel
from fieldapp.store.drafts import SCREEN_MARK, clear_draft, last_screen, load_draft, save_draft
from fieldapp.store.opening import handle_request_now, reopen
from fieldapp.store.recording import add_attachment, record_event
from fieldapp.store.visit_detail import (
    TimelineEntry,
    VisitDetail,
    get_visit,
    visit_events,
    visit_state,
)
from fieldapp.ui.visit.attachments import AttachedFile, attached_files


@dataclass(frozen=True, slots=True)
class VisitSnapshot:
    """What the flow shows of one visit, read in one go off the UI thread.

    Attributes:
        drafts: screen -> saved fields; only read when the flow is built (`with_drafts`).
        last_screen: the screen the technician was last on, if saved.
        files: the files attached to the visit, in the order they were attached.
        device: the device the visit names and its history, kept for the round.
    """

    detail: VisitDetail
    state: VisitState
    timeline: list[TimelineEntry]
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_screen: str | None = None
    files: tuple[AttachedFile, ...] = ()
    device: DevicePanel | None = None

    def events_of(self, event_type: EventType) -> list[Event]:
        """The events of this type that count (rejected ones are left out), oldest first."""
        return [
            entry.stored.event
            for entry in self.timeline
            if entry.stored.event.type is event_type and entry.stored.sync_state != "rejected"
        ]

    def history(self) -> list[Event]:
        """The events that count (rejected ones are left out), in the visit's order."""
        return [
            entry.stored.event for entry in self.timeline if entry.stored.sync_state != "rejected"
        ]

    def latest(self, event_type: EventType) -> Event | None:
        """The newest event of this type that counts (rejected ones are left out)."""
        for entry in reversed(self.timeline):
            stored = entry.stored
            if stored.event.type is event_type and stored.sync_state != "rejected":
                return stored.event
        return None


def read_visit(
    store: Store, visit_id: str, screens: tuple[str, ...] = (), *, with_drafts: bool = False
) -> VisitSnapshot:
    """Read a visit's dispatch data, state and timeline (and its drafts when asked)."""
    with store.read_session() as session:
        detail = get_visit(session, visit_id)
        state = visit_state(session, visit_id)
        timeline = visit_events(session, visit_id)
        files = attached_files(session, timeline)
        device = device_panel(session, visit_id, state.device)
        drafts: dict[str, dict[str, Any]] = {}
        screen: str | None = None
        if with_drafts:
            for name in screens:
                saved = load_draft(session, visit_id, name)
                if saved:
                    drafts[name] = saved
            screen = last_screen(session, visit_id)
    return VisitSnapshot(detail, state, timeline, drafts, screen, files, device)


@dataclass(frozen=True, slots=True)
class FileToAttach:
    """A file kept with the event it belongs to (a signature, a desk note)."""

    data: bytes
    filename: str
    media_type: str
    kind: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class Recording:
    """One step a page asks to record: its event, files to keep first, the draft it settles.

    Attributes:
        screen: the page whose draft is cleared in the same transaction, on success (None:
            the event settles no draft, e.g. a promise marked kept).
    """

    event_type: EventType
    payload: dict[str, Any]
    screen: str | None
    files: tuple[FileToAttach, ...] = ()


def write_recording(
    store: Store, visit_id: str, recording: Recording, *, author: str, now: datetime
) -> Event:
    """Keep the files, record the event and clear the page's draft, all in one transaction.

    Raises:
        InvalidEvent, WorkflowViolation, VisitNotFound, VisitOutOfScope: nothing is written.
    """
    with store.session() as session, session.begin():
        for item in recording.files:
            add_attachment(
                session,
                store.files,
                visit_id,
                item.data,
                filename=item.filename,
                media_type=item.media_type,
                kind=item.kind,
                author=author,
                now=now,
            )
        event = _write_event(session, visit_id, recording, author=author, now=now)
        if recording.screen is not None:
            clear_draft(session, visit_id, recording.screen)
    return event


def _write_event(
    session: Session, visit_id: str, recording: Recording, *, author: str, now: datetime
) -> Event:
    """Record the step's event; a request handled now and a reopening also open their new
    visit here, offline (fieldapp.store.opening)."""
    payload = recording.payload
    if recording.event_type is EventType.ANYTHING_ELSE and payload.get("handled_now"):
        request = {"request": payload.get("request")}
        return handle_request_now(session, visit_id, request, author=author, now=now)
    if recording.event_type is EventType.REOPENED:
        window = None
        if "window_start" in payload and "window_end" in payload:
            window = (
                datetime.fromisoformat(str(payload["window_start"])),
                datetime.fromisoformat(str(payload["window_end"])),
            )
        reason = str(payload.get("reason", ""))
        return reopen(session, visit_id, reason, window=window, author=author, now=now)
    return record_event(
        session, visit_id, recording.event_type, recording.payload, author=author, now=now
    )


def opened_by(event: Event) -> str | None:
    """The id of the visit an event just recorded opened (handled now, reopened), if any."""
    if event.type is EventType.ANYTHING_ELSE and event.payload.get("handled_now"):
        return str(event.payload["new_visit_id"])
    if event.type is EventType.REOPENED:
        return str(event.payload["return_visit_id"])
    return None


def write_draft(
    store: Store, visit_id: str, screen: str, fields: dict[str, Any], now: datetime
) -> None:
    """Keep what is typed on a screen (an empty screen forgets its draft)."""
    with store.session() as session, session.begin():
        if fields:
            save_draft(session, visit_id, screen, fields, now)
        else:
            clear_draft(session, visit_id, screen)


def write_screen(store: Store, visit_id: str, screen: str, now: datetime) -> None:
    """Remember which screen the technician is on, so reopening returns to it."""
    with store.session() as session, session.begin():
        save_draft(session, visit_id, SCREEN_MARK, {"screen": screen}, now)
