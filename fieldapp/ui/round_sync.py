"""When the round window syncs, one sync at a time, and what its status bar says of the server."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fieldapp.domain.errors import DomainError
from fieldapp.sync.errors import AnswerLostError, AuthError, OfflineError, SyncError, TLSError
from fieldapp.sync.summary import SyncSummary
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.connectivity import PROBE_INTERVAL_MS, ConnectivityMonitor
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.resources import icon
from fieldapp.ui.sync_news import spoken_summary

AUTO_SYNC_MS = 5 * 60 * 1000
SYNC_SOON_MS = 5 * 1000  # after an event is recorded: let a few more come, then send them
# A sync waiting for the round's first rows (sync_when) starts after this long whatever.
FIRST_ROWS_WAIT_MS = 3000
# The first sync (sync_when) begins once the first rows were painted this long ago and the
# technician's typing has paused this long: its first run loads the HTTP client, the engine
# and the wire models, and a keystroke meanwhile waits its turns at the interpreter behind
# that loading (up to ~0.1 s at launch). It waits FIRST_SYNC_LATEST_MS at most, however long
# the typing goes on.
TYPING_PAUSE_MS = 800
FIRST_SYNC_LATEST_MS = 10_000


class _AfterPaint(QObject):
    """Calls `then` once, just after the next paint of the widget it watches."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._then)  # once the paint itself is done
            self.deleteLater()
        return False


def after_first_paint(
    ready: SignalInstance,
    painted: QWidget,
    work: Callable[[], None],
    wait_ms: int = FIRST_ROWS_WAIT_MS,
) -> None:
    """Run `work` once, on the UI thread: after `ready` fires and `painted` has then been
    painted (Qt paints a few milliseconds after a change, on a timer of its own), or after
    `wait_ms` if that does not happen (a window kept hidden). Nothing runs once `painted`
    is deleted."""
    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            work()

    def on_ready() -> None:
        ready.disconnect(on_ready)
        _AfterPaint(painted, run)

    ready.connect(on_ready)
    QTimer.singleShot(wait_ms, painted, run)


class RoundSync(QObject):
    """Runs the technician's syncs in the background, one at a time, and tracks the server.

    A sync starts on `sync_now` (F5), every `auto_sync_ms` while the server is not known
    to be unreachable, SYNC_SOON_MS after `sync_soon`, and when the server answers again
    after it did not. While one runs the "Sync now" action is disabled and the status bar
    says so; then it shows the summary or the error, and the connection indicator says
    whether the server answered.

    Args:
        runner: runs the sync (and the probes) off the UI thread.
        sync: runs one sync and returns a summary; raises SyncError.
        action: the "Sync now" action.
        status_bar: where the sync's progress and outcome are shown.
        connection_icon: the connection indicator's icon.
        connection_label: the connection indicator's text.
        probe: checks the server answers (on a worker thread); None: no probing.
        probe_interval_ms: time between probes while the server cannot be reached.
        auto_sync_ms: time between automatic syncs while it can.
        use_system_network: also listen to the system's network reachability.

    Signals:
        finished(str): a one-line summary after each sync, or the error sentence.
        synced(SyncSummary): what a sync did, when `sync` answers a SyncSummary (its
            news: the visits the round gained and lost).
        login_required(str): a sync failed because the login expired or was revoked (or
            there is none); the sentence to show above the login dialog.
    """

    finished = Signal(str)
    synced = Signal(object)
    login_required = Signal(str)

    def __init__(
        self,
        runner: BackgroundRunner,
        sync: Callable[[], object],
        *,
        action: QAction,
        status_bar: QStatusBar,
        connection_icon: QLabel,
        connection_label: QLabel,
        probe: Callable[[], object] | None = None,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        auto_sync_ms: int = AUTO_SYNC_MS,
        use_system_network: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._sync = sync
        self._action = action
        self._status_bar = status_bar
        self._connection_icon = connection_icon
        self._connection_label = connection_label
        self._syncing = False
        self._stopped = False
        self._typed = QElapsedTimer()  # since the last keystroke noted (note_typing)

        self.connectivity = ConnectivityMonitor(
            runner,
            probe,
            interval_ms=probe_interval_ms,
            use_system=use_system_network,
            parent=self,
        )
        self.connectivity.online_changed.connect(self.on_online_changed)
        self.connectivity.came_online.connect(self.sync_now)
        self._show_connection(None)

        self._soon_timer = QTimer(self)
        self._soon_timer.setSingleShot(True)
        self._soon_timer.setInterval(SYNC_SOON_MS)
        self._soon_timer.timeout.connect(self.on_sync_timer)
        self._timer = QTimer(self)
        self._timer.setInterval(auto_sync_ms)
        self._timer.timeout.connect(self.on_sync_timer)
        self._timer.start()

    def set_interval(self, auto_sync_ms: int) -> None:
        """Sync every `auto_sync_ms` from now on (the technician changed it in Settings)."""
        self._timer.start(auto_sync_ms)

    @property
    def syncing(self) -> bool:
        return self._syncing

    def sync_now(self) -> None:
        """Start a background sync; a second click while one runs does nothing."""
        if self._syncing:
            return
        self._syncing = True
        self._action.setEnabled(False)
        self._status_bar.showMessage(self.tr("Syncing\u2026"))
        self._runner.run(self._sync, self.on_sync_done, self.on_sync_failed)

    def sync_when(
        self,
        ready: SignalInstance,
        painted: QWidget,
        wait_ms: int = FIRST_ROWS_WAIT_MS,
        *,
        rows_shown: Callable[[], bool] = lambda: True,
    ) -> None:
        """A sync as `sync_now` starts one (the action disabled, "Syncing..." said at once),
        whose work begins once `ready` fired and `painted` was painted, or after `wait_ms`
        whatever (after_first_paint), and then neither the paint nor the typing noted
        (note_typing) for TYPING_PAUSE_MS (FIRST_SYNC_LATEST_MS at most). The paint counts
        only when `rows_shown()`: an empty round (a first login) has nothing to search yet.

        The app's start gives the round's first rows: the sync's thread would share the
        interpreter with the UI thread while it paints them, and the sync's modules (the
        HTTP client, the engine) load with its first run.
        """
        if self._syncing:
            return
        self._syncing = True
        self._action.setEnabled(False)
        self._status_bar.showMessage(self.tr("Syncing\u2026"))
        asked = QElapsedTimer()
        asked.start()

        def begin() -> None:
            if self._stopped:  # the window closed before its first rows
                self._syncing = False
                return
            if not self._typed.isValid() and rows_shown():
                # The rows were just painted: someone who starts typing straight away
                # keeps the sync waiting as if they had been typing then.
                self._typed.start()
            typing = self._typed.isValid() and self._typed.elapsed() < TYPING_PAUSE_MS
            if typing and asked.elapsed() < FIRST_SYNC_LATEST_MS:
                QTimer.singleShot(TYPING_PAUSE_MS - self._typed.elapsed(), self, begin)
                return
            self._runner.run(self._sync, self.on_sync_done, self.on_sync_failed)

        after_first_paint(ready, painted, begin, wait_ms)

    def note_typing(self) -> None:
        """The technician typed (a search): a first sync not begun yet waits for a pause."""
        self._typed.start()

    def sync_soon(self) -> None:
        """Sync in SYNC_SOON_MS (an event was recorded: let a few more come first)."""
        self._soon_timer.start()

    def stop(self) -> None:
        """No more syncs or probes (the window closes)."""
        self._stopped = True
        self._timer.stop()
        self._soon_timer.stop()
        self.connectivity.stop()

    def on_sync_timer(self) -> None:
        if self.connectivity.online is not False:  # offline: the probe says when to sync
            self.sync_now()

    def on_sync_done(self, summary: object) -> None:
        self._syncing = False
        self._action.setEnabled(True)
        self.connectivity.report(True)
        message = spoken_summary(summary) if isinstance(summary, SyncSummary) else str(summary)
        self._status_bar.showMessage(message, 8000)
        if isinstance(summary, SyncSummary):
            self.synced.emit(summary)
        self.finished.emit(message)

    def on_sync_failed(self, error: Exception) -> None:
        self._syncing = False
        self._action.setEnabled(True)
        message = error_text(error)
        if isinstance(error, AuthError):
            self.connectivity.report(True)  # the server answered: it wants a login
            self._status_bar.showMessage(message)
            self.login_required.emit(message)
        elif isinstance(error, DomainError):  # this laptop's trouble (a full disk), not the link
            self._status_bar.showMessage(message)
        elif isinstance(error, OfflineError | TLSError | AnswerLostError) or not isinstance(
            error, SyncError
        ):
            # An answer lost on the way is the link's trouble too: the probe then brings
            # the next sync, which settles what the server may have stored.
            self.connectivity.report(False)
            self._status_bar.showMessage(message)
        else:
            self.connectivity.report(True)
            self._status_bar.showMessage(message)
        self.finished.emit(message)

    def on_online_changed(self, online: bool) -> None:
        self._show_connection(online)

    def _show_connection(self, online: bool | None) -> None:
        if online is None:
            text, name, tip = (
                self.tr("Not connected yet"),
                "offline",
                self.tr("The app has not reached the server yet"),
            )
        elif online:
            text, name, tip = (
                self.tr("Online"),
                "online",
                self.tr("The server answered the last sync"),
            )
        else:
            text = self.tr("Offline")
            name = "offline"
            tip = self.tr("Working from this laptop's copy; sync resumes when the server answers")
        self._connection_label.setText(text)
        self._connection_label.setToolTip(tip)
        self._connection_icon.setPixmap(icon(name).pixmap(16, 16))
        self._connection_icon.setToolTip(tip)
