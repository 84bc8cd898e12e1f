"""An error nothing caught: logged with its traceback, said in words in one dialog, with
"Copy details" for the support desk; background jobs log their tracebacks."""

from __future__ import annotations

import errno
import logging
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import fieldapp
from fieldapp.domain.errors import WorkflowViolation
from fieldapp.logs import REDACTED, keep_out_of_logs
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.crash_dialog import CrashDialog, CrashReporter, what_happened

WAIT_MS = 5_000


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[CrashReporter]:
    installed = CrashReporter(tmp_path / "logs" / "fieldapp.log").install()
    try:
        yield installed
    finally:
        installed.uninstall()
        if installed.dialog is not None:
            installed.dialog.close()


def shown_dialog(qtbot: QtBot, reporter: CrashReporter) -> CrashDialog:
    qtbot.waitUntil(
        lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT_MS
    )
    assert reporter.dialog is not None
    return reporter.dialog


def divide_by_nothing() -> None:
    _ = 1 / 0


def test_an_error_in_a_slot_is_logged_and_said_in_words_with_copyable_details(
    qtbot: QtBot, reporter: CrashReporter, caplog: pytest.LogCaptureFixture
) -> None:
    QTimer.singleShot(0, divide_by_nothing)
    dialog = shown_dialog(qtbot, reporter)

    summary = dialog.summary_label.text()
    assert summary.startswith("Something went wrong.")
    assert "not something you did" in summary
    assert "Traceback" not in summary  # the words are for the technician
    assert "saved on this laptop" in dialog.safe_label.text()
    assert str(reporter.log_file) in dialog.safe_label.text()
    assert not dialog.details_view.isVisible()
    dialog.show_button.click()
    assert dialog.details_view.isVisible()

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "ZeroDivisionError: division by zero" in copied
    assert "in divide_by_nothing" in copied  # the traceback, for the support desk
    assert f"FieldApp {fieldapp.__version__}" in copied
    assert dialog.copy_button.text() == "Copied"

    [record] = [r for r in caplog.records if r.name == "fieldapp.ui.crash_dialog"]
    assert record.levelno == logging.CRITICAL
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_an_error_in_another_thread_opens_the_dialog_on_the_ui_thread(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    worker = threading.Thread(target=divide_by_nothing, name="worker-7")
    worker.start()
    worker.join()
    dialog = shown_dialog(qtbot, reporter)
    assert "Thread: worker-7" in dialog.details
    assert dialog.thread() is QGuiApplication.instance().thread()  # type: ignore[union-attr]


def test_repeated_errors_share_one_dialog(qtbot: QtBot, reporter: CrashReporter) -> None:
    QTimer.singleShot(0, divide_by_nothing)
    dialog = shown_dialog(qtbot, reporter)
    QTimer.singleShot(0, divide_by_nothing)
    qtbot.waitUntil(lambda: dialog.repeats == 1, timeout=WAIT_MS)
    assert reporter.dialog is dialog
    assert dialog.details.count("ZeroDivisionError: division by zero") == 2


def test_the_details_hold_no_secret(qtbot: QtBot, reporter: CrashReporter) -> None:
    token = secrets.token_urlsafe(32)
    keep_out_of_logs(token)

    def leak() -> None:
        raise RuntimeError(f"the server said no to {token}")

    QTimer.singleShot(0, leak)
    dialog = shown_dialog(qtbot, reporter)
    dialog.copy_button.click()
    assert token not in QGuiApplication.clipboard().text()
    assert f"the server said no to {REDACTED}" in dialog.details


def test_known_errors_are_said_in_their_own_words() -> None:
    refusal = WorkflowViolation(
        "no_permission", "Ask for permission before touching the user's machine."
    )
    assert what_happened(refusal) == "Ask for permission before touching the user's machine."
    assert what_happened(OSError(errno.ENOSPC, "No space left")) == "The laptop's disk is full."
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/x")
    assert what_happened(denied) == "FieldApp was not allowed to read or write a file (/srv/x)."
    assert what_happened(MemoryError()) == "The laptop ran out of memory."


def test_background_jobs_log_the_traceback_of_an_unexpected_error(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    runner = BackgroundRunner()
    failures: list[Exception] = []

    def refused() -> None:
        raise WorkflowViolation("not_arrived", "Record the arrival first.")

    def broken() -> None:
        _ = {}["missing"]

    with caplog.at_level(logging.INFO, logger="fieldapp.ui.background"):
        runner.run(refused, lambda _none: None, failures.append)
        runner.run(broken, lambda _none: None, failures.append)
        qtbot.waitUntil(lambda: len(failures) == 2, timeout=WAIT_MS)
    runner.wait()

    by_job = {
        r.getMessage().split()[2].rstrip(":"): r for r in caplog.records if "background" in r.name
    }
    sentence = by_job[refused.__qualname__]
    assert sentence.levelno == logging.INFO  # a refusal the UI says: one line
    assert sentence.exc_info is None
    assert "Record the arrival first." in sentence.getMessage()
    crash = by_job[broken.__qualname__]
    assert crash.levelno == logging.ERROR
    assert crash.exc_info is not None
    assert crash.exc_info[0] is KeyError


def test_an_error_that_ends_the_start_is_said_in_a_dialog_of_its_own(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CrashDialog):
            QTimer.singleShot(20, read_and_close)  # not open yet
            return
        seen.append(dialog.summary_label.text())
        dialog.accept()

    QTimer.singleShot(0, read_and_close)
    reporter.report_fatal(OSError(errno.ENOSPC, "No space left on device"))  # returns once closed
    assert seen == ["Something went wrong. The laptop's disk is full."]
