"""Keeping what the technician types: each changed screen's draft, saved once typing pauses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit.data import write_draft

DRAFT_DELAY_MS = 300


class DraftSaver(QObject):
    """Saves the drafts of the screens changed since the last save, DRAFT_DELAY_MS after the
    last change.

    Args:
        writer: the flow's ordered writer (a draft saved before a recording is written first).
        clock: the time the drafts are saved at.

    Signals:
        saved(str): a screen's draft (its screen name) reached the cache.
        failed(object): a save failed (the exception).
    """

    saved = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        store: Store,
        visit_id: str,
        *,
        writer: BackgroundRunner,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.visit_id = visit_id
        self._writer = writer
        self._clock = clock
        self._drafts: dict[str, Callable[[], dict[str, Any]]] = {}
        self._dirty: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def screens(self) -> tuple[str, ...]:
        """The screens watched, in the order they were added."""
        return tuple(self._drafts)

    def watch(
        self, screen: str, changed: SignalInstance, draft: Callable[[], dict[str, Any]]
    ) -> None:
        """Save `draft()` as `screen` once `changed` has not been emitted for a moment."""
        self._drafts[screen] = draft
        changed.connect(lambda: self.on_screen_changed(screen))

    def on_screen_changed(self, screen: str) -> None:
        self._dirty.add(screen)
        self._timer.start()

    def forget(self, screen: str) -> None:
        """A recording clears this screen's draft: do not save what it held again."""
        self._dirty.discard(screen)

    def flush(self) -> None:
        """Save the drafts of the screens changed since the last save, now."""
        self._timer.stop()
        store, visit_id, now = self.store, self.visit_id, self._clock()
        for screen in sorted(self._dirty):
            self._save(store, visit_id, screen, self._drafts[screen](), now)
        self._dirty.clear()

    def _save(
        self, store: Store, visit_id: str, screen: str, fields: dict[str, Any], now: datetime
    ) -> None:
        self._writer.run(
            lambda: write_draft(store, visit_id, screen, fields, now),
            lambda _: self.saved.emit(screen),
            self.failed.emit,
        )
