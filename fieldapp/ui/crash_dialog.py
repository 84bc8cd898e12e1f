"""An error nothing caught: logged with its traceback, then said in words with "Copy details"."""

from __future__ import annotations

import errno
import logging
import platform
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import __version__
from fieldapp.domain.errors import DomainError
from fieldapp.logs import redact
from fieldapp.sync import SyncError
from fieldapp.sync.vault import CacheUnavailable
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.resources import icon

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def what_happened(error: BaseException) -> str:
    """The error in a sentence a technician can read, in the app's language (the traceback
    is for the support desk)."""
    if isinstance(error, DomainError | SyncError | CacheUnavailable):
        return error_text(error)  # already a sentence of ours
    if isinstance(error, MemoryError):
        return translate("CrashDialog", "The laptop ran out of memory.")
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return translate("CrashDialog", "The laptop's disk is full.")
    if isinstance(error, PermissionError):
        if error.filename:
            return translate(
                "CrashDialog", "FieldApp was not allowed to read or write a file ({file})."
            ).format(file=error.filename)
        return translate("CrashDialog", "FieldApp was not allowed to read or write a file.")
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        return translate(
            "CrashDialog", "Reading or writing a file or a connection failed: {reason}."
        ).format(reason=reason)
    return translate(
        "CrashDialog",
        "FieldApp met an error it did not expect: a mistake in the app, not something you "
        "did ({error}).",
    ).format(error=type(error).__name__)


def crash_details(
    error_type: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
    *,
    thread: str,
    log_file: Path | None,
) -> str:
    """What the support desk needs: versions, time, thread, log file and the traceback; no
    secret (the same redaction as the log)."""
    lines = [
        f"FieldApp {__version__}, Python {platform.python_version()}, Qt {qVersion()}",
        f"System: {platform.platform()}",
        f"When: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"Thread: {thread}",
        f"Log file: {log_file or 'none'}",
        "",
        "".join(traceback.format_exception(error_type, error, trace)).rstrip(),
    ]
    return redact("\n".join(lines))


class CrashDialog(QDialog):
    """Says what went wrong in words and that the work is safe; "Copy details" puts the
    versions and the traceback on the clipboard for the support desk.

    Further errors while it is open are added to its details instead of opening more
    dialogs (an error in a paint or a timer repeats many times a second).
    """

    def __init__(
        self, summary: str, details: str, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("FieldApp met a problem"))
        self.setAccessibleName(self.tr("FieldApp met a problem"))
        self.setWindowIcon(icon("warning"))
        self.setModal(True)
        self.details = details
        self.repeats = 0
        self.summary_label = QLabel(
            self.tr("Something went wrong. {summary}").format(summary=summary), self
        )
        self.summary_label.setWordWrap(True)
        bold = self.summary_label.font()
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.summary_label.setAccessibleName(self.tr("What went wrong"))
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        safe = self.tr(
            "What you recorded before this is saved on this laptop. You can carry on; if "
            "FieldApp misbehaves, close it and start it again. If you call the support desk, "
            "choose Copy details and paste them in your message."
        )
        if log_file:
            safe += " " + self.tr("The details are also in {file}.").format(file=log_file)
        self.safe_label = QLabel(safe, self)
        self.safe_label.setWordWrap(True)
        self.safe_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(details, self)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName(self.tr("Details for the support desk"))
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.hide()

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(icon("copy"), self.tr("&Copy details"), self)
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button = QPushButton(self.tr("&Show details"), self)
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self.details_view.setVisible)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        sign = QLabel(self)
        sign.setPixmap(icon("warning").pixmap(32, 32))
        top.addWidget(sign, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self.summary_label)
        text.addWidget(self.safe_label)
        text.addStretch(1)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def add_repeat(self, details: str) -> None:
        self.repeats += 1
        self.details = f"{self.details}\n\n--- and then ---\n{details}"
        self.details_view.setPlainText(self.details)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Catches what nothing else did: sys.excepthook (the UI thread, Qt's slots and events)
    and threading.excepthook (other threads). Each error is logged with its traceback, then
    a CrashDialog opens on the UI thread.

    Signals:
        crashed(str, str): a sentence and the details; delivered on this object's thread.
    """

    crashed = Signal(str, str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._reporting = threading.local()
        self.crashed.connect(self.show_dialog)

    def install(self) -> CrashReporter:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(
        self,
        error_type: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(error_type, KeyboardInterrupt):
            self._previous_hook(error_type, error, trace)
            return
        self.report(error_type, error, trace, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, name)

    def report(
        self,
        error_type: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
        thread: str,
    ) -> None:
        if getattr(self._reporting, "busy", False):  # the report itself failed: stop there
            self._previous_hook(error_type, error, trace)
            return
        self._reporting.busy = True
        try:
            # A signal: from another thread, Qt queues it to the UI thread's loop.
            self.crashed.emit(*self._log(error_type, error, trace, thread))
        finally:
            self._reporting.busy = False

    def report_fatal(self, error: BaseException) -> None:
        """An error that ends the app (at its start or its end, outside the event loop):
        logged, then said in a dialog that runs its own loop until it is closed."""
        summary, details = self._log(type(error), error, error.__traceback__, "MainThread")
        dialog = CrashDialog(summary, details, self.log_file)
        dialog.exec()
        dialog.deleteLater()

    def _log(
        self,
        error_type: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
        thread: str,
    ) -> tuple[str, str]:
        log.critical(
            "an error nothing caught, in thread %s", thread, exc_info=(error_type, error, trace)
        )
        details = crash_details(error_type, error, trace, thread=thread, log_file=self.log_file)
        return redact(what_happened(error)), details

    @Slot(str, str)
    def show_dialog(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_repeat(details)
            return
        self.dialog = CrashDialog(summary, details, self.log_file)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.show()
        self.dialog.raise_()

    def _forget_dialog(self) -> None:
        self.dialog = None


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_qt_messages() -> None:
    """Qt's own warnings (a missing plugin, a TLS library not found) go to the log too:
    on stderr a windowed app's would be lost."""
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
