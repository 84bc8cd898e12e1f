"""The dialogs the round window opens: a new walk-up, the rejected events, the lost files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.clock import Clock
from fieldapp.store.db import Store
from fieldapp.ui.background import BackgroundRunner

if TYPE_CHECKING:
    from fieldapp.ui.missing_files_dialog import MissingFilesDialog
    from fieldapp.ui.rejected_dialog import RejectedDialog
    from fieldapp.ui.round_window import RoundWindow
    from fieldapp.ui.walk_up import WalkUpDialog


class RoundDialogs:
    """Opens the round's dialogs over its window and keeps the ones opened.

    Each dialog's module loads when the dialog is first opened: a start that shows the
    round does not wait for them.

    Args:
        window: the round window (the dialogs' parent; it hears what they did).
        store, runner: the cache and the background runner the dialogs read through.
        author: the technician's username, under which a walk-up is opened.
        clock: the current time.
    """

    def __init__(
        self,
        window: RoundWindow,
        store: Store,
        runner: BackgroundRunner,
        *,
        author: str,
        clock: Clock,
    ) -> None:
        self._window = window
        self._store = store
        self._runner = runner
        self._author = author
        self._clock = clock
        self.walk_up: WalkUpDialog | None = None
        self.rejected: RejectedDialog | None = None
        self.missing_files: MissingFilesDialog | None = None

    def open_walk_up(self) -> WalkUpDialog:
        """New walk-up (Ctrl+N): open a visit for the next desk's request; returns the dialog."""
        from fieldapp.ui.walk_up import WalkUpDialog

        window = self._window
        dialog = WalkUpDialog(
            self._store, self._runner, author=self._author, clock=self._clock, parent=window
        )
        dialog.opened.connect(window.on_event_recorded)
        dialog.opened.connect(window.visit_opened)
        self.walk_up = dialog
        dialog.open()
        return dialog

    def open_rejected(self) -> RejectedDialog:
        """Show the rejected events (window-modal); returns the dialog."""
        from fieldapp.ui.rejected_dialog import RejectedDialog

        if self.rejected is None:
            dialog = RejectedDialog(self._store, self._runner, self._window)
            dialog.changed.connect(self._window.refresh)
            dialog.visit_opened.connect(self._on_rejected_visit_opened)
            self.rejected = dialog
        else:
            self.rejected.reload()
        self.rejected.open()
        return self.rejected

    def open_missing_files(self) -> MissingFilesDialog:
        """Show the unsent events whose file is gone (window-modal); returns the dialog."""
        from fieldapp.ui.missing_files_dialog import MissingFilesDialog

        if self.missing_files is None:
            dialog = MissingFilesDialog(self._store, self._runner, self._window, clock=self._clock)
            dialog.changed.connect(self._window.on_event_recorded)  # re-read, and send it soon
            self.missing_files = dialog
        else:
            self.missing_files.reload()
        self.missing_files.open()
        return self.missing_files

    def _on_rejected_visit_opened(self, visit_id: str) -> None:
        if self.rejected is not None:
            self.rejected.accept()
        self._window.visit_opened.emit(visit_id)
