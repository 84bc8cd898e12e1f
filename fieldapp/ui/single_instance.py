"""One app per cache: a second launch on the same data directory raises the running window."""

from __future__ import annotations

import getpass
import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
RAISE = b"raise\n"
RAISED = b"raised\n"
ANSWER_MS = 5_000  # the running app answers at its next pass through the event loop


def server_name(data_dir: Path) -> str:
    """The local socket's name for a data directory: one per user and cache, so two data
    directories (or two users' apps on one machine) run side by side."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password file
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()
    return f"fieldapp-{digest[:24]}"


class SingleInstance(QObject):
    """The running app's claim on its data directory, and a second launch's way to reach it.

    The claim is a lock file in the data directory (QLockFile: one whose process is gone,
    after a crash, is stale and taken over) and a local socket (a Unix socket or a named
    pipe, reachable by this user only) on which the app listens for later launches. A crash
    can leave the socket's file behind too: the app that takes the lock removes it first.

    Signals:
        raise_requested(): a later launch on the same data directory asked for the window.
    """

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the data directory for this app; False when another app holds it.

        When the lock cannot be written at all (a read-only data directory) the app runs
        without the guard: the cache will say what is wrong.
        """
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            log.info("no single-instance lock (%s): starting anyway", self._lock.error())
            return True
        QLocalServer.removeServer(self.name)  # what a crashed run left behind, if anything
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("later launches cannot reach this app: %s", server.errorString())
            return True
        server.newConnection.connect(self._on_new_connection)
        self.server = server
        log.info("this app holds its data directory; later launches raise its window")
        return True

    def ask_running_to_raise(self, timeout_ms: int = ANSWER_MS) -> bool:
        """Ask the app holding the data directory to raise its window; True once it said so.

        The holder may have taken the lock a moment ago and not listen yet: tried again
        until `timeout_ms`.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(RAISE)
                socket.waitForBytesWritten(1000)
                answer = b""
                while RAISED not in answer and socket.waitForReadyRead(timeout_ms):
                    answer += bytes(socket.readAll().data())
                socket.abort()
                return RAISED in answer
            time.sleep(0.1)
        return False

    def release(self) -> None:
        """Stop listening and drop the lock (at exit)."""
        if self.server is not None:
            self.server.close()
            self.server = None
        self._lock.unlock()

    def _on_new_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():  # the rest of the line is still on its way
            return
        if bytes(socket.readLine().data()) == RAISE:
            log.info("a later launch asked for the window: raised")
            self.raise_requested.emit()
            socket.write(RAISED)
            socket.flush()
        socket.disconnectFromServer()


def bring_to_front() -> QWidget | None:
    """Show the app's windows in front, restored if minimized (the round and the visits
    opened from it alike), the dialog waiting for an answer on top; returns the one that
    gets the focus (None when no window is open yet)."""
    windows: list[QWidget] = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, QMainWindow | QDialog)
    ]
    modal = QApplication.activeModalWidget()
    if modal is not None:
        windows = [w for w in windows if w is not modal] + [modal]
    for window in windows:
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
    if not windows:
        return None
    focus = windows[-1]
    focus.activateWindow()
    return focus
