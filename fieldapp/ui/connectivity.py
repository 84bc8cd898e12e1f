"""Knowing whether the server can be reached, and noticing when the network comes back."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from fieldapp.ui.background import BackgroundRunner

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 30_000


class ConnectivityMonitor(QObject):
    """Tracks whether the server answers; while it does not, probes it now and then.

    The probe (for the app: GET /api/v1/info through a client of its own, which needs no
    login) runs in the background. It runs only while the server is believed unreachable:
    when online, the syncs themselves say whether it still answers (`report`).

    The operating system's reachability (QNetworkInformation), when a backend is
    available, is only a hint: a network coming back triggers a probe at once rather than
    at the next tick, and a network going away marks the server unreachable. A network is
    not the server, so only a probe (or a sync) marks it reachable.

    Args:
        runner: runs the probe off the UI thread.
        probe: raises if the server cannot be reached; None: never probe.
        interval_ms: time between probes while offline.
        use_system: listen to QNetworkInformation if a backend loads.

    Signals:
        online_changed(bool): the server became reachable (True) or unreachable (False).
        came_online(): it became reachable after being unreachable: time to sync.
    """

    online_changed = Signal(bool)
    came_online = Signal()

    def __init__(
        self,
        runner: BackgroundRunner,
        probe: Callable[[], object] | None,
        *,
        interval_ms: int = PROBE_INTERVAL_MS,
        use_system: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._probe = probe
        self._online: bool | None = None
        self._probing = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.probe_now)
        self._system: QNetworkInformation | None = None
        if use_system:
            self._listen_to_system()

    @property
    def online(self) -> bool | None:
        """True: the server answered last; False: it did not; None: not known yet."""
        return self._online

    @property
    def system_backend(self) -> str | None:
        """The QNetworkInformation backend listened to, if any."""
        return self._system.backendName() if self._system is not None else None

    def _listen_to_system(self) -> None:
        feature = QNetworkInformation.Feature.Reachability
        if not QNetworkInformation.loadBackendByFeatures(feature):
            log.info("no network reachability backend; relying on probes")
            return
        self._system = QNetworkInformation.instance()
        if self._system is not None:
            self._system.reachabilityChanged.connect(self.on_system_reachability_changed)

    def on_system_reachability_changed(
        self, reachability: QNetworkInformation.Reachability
    ) -> None:
        if reachability == QNetworkInformation.Reachability.Disconnected:
            self.report(False)
        elif reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
            QNetworkInformation.Reachability.Local,
        ):
            self.probe_now()

    def report(self, online: bool) -> None:
        """What a sync or probe found out; starts or stops the probing."""
        was = self._online
        self._online = online
        if online:
            self._timer.stop()
        elif self._probe is not None and not self._timer.isActive():
            self._timer.start()
        if was != online:
            self.online_changed.emit(online)
            if online and was is False:
                self.came_online.emit()

    def probe_now(self) -> None:
        """Ask the server now (in the background), unless a probe is already under way."""
        if self._probe is None or self._probing:
            return
        self._probing = True
        self._runner.run(self._probe, self.on_probe_answered, self.on_probe_failed)

    def on_probe_answered(self, _info: object) -> None:
        self._probing = False
        self.report(True)

    def on_probe_failed(self, error: Exception) -> None:
        self._probing = False
        log.debug("server probe failed: %s", error)
        self.report(False)

    def stop(self) -> None:
        self._timer.stop()
