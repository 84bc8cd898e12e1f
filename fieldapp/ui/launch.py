"""The app as a process: start it on the cache, and stop it cleanly on a signal."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.paths import APP_ID, APP_NAME, AppPaths
from fieldapp.store import LocalStorageError, Store
from fieldapp.store.bulk import enable_gc
from fieldapp.store.rescue import TABLE_WORDS, Rescue
from fieldapp.sync import SyncError, TokenStore
from fieldapp.sync.credentials import name_platform_keyring
from fieldapp.sync.vault import (
    CacheDamagedError,
    CacheKeyLost,
    CacheUnavailable,
    CacheWentBack,
    note_watermark,
    open_private_store,
)
from fieldapp.ui import theme
from fieldapp.ui.app import FieldApp
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.crash_dialog import CrashReporter, log_qt_messages
from fieldapp.ui.languages import install_translation
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.moments import counted
from fieldapp.ui.preferences import load_preferences
from fieldapp.ui.resources import icon
from fieldapp.ui.round_window import RoundWindow
from fieldapp.ui.single_instance import SingleInstance, bring_to_front

# The collector comes back at the round's first rows, or after this long whatever is shown
# (a login dialog, the supervisors' window).
COLLECTOR_BACK_MS = 3000


def freeze_startup_heap() -> None:
    """Leave the objects alive at start-up out of the garbage collector's full passes.

    A full pass walks every tracked object while holding the GIL. With PySide6,
    SQLAlchemy and pydantic loaded that is hundreds of thousands of objects, and during a
    big sync (which allocates many more) a full pass stalled the UI thread for 150-370 ms
    (tests/ui/test_round_server.py). What is alive at start-up lives as long as the app;
    `gc.freeze` (Python docs, gc module) moves it to a generation the passes skip.
    """
    gc.freeze()


def collect_after_first_rows(window: RoundWindow | None) -> None:
    """Turn the garbage collector back on (the heap frozen first) once `window`, the
    round, says its first rows are in (round_loaded), or after COLLECTOR_BACK_MS.

    The app's start (fieldapp.cli) runs with the collector off: importing PySide6,
    SQLAlchemy and pydantic builds hundreds of thousands of objects, and the full passes
    that triggered walked them all, about a tenth of the start's CPU. Reference counting
    frees everything meanwhile; only cycles wait, a second at most.
    """
    back = False

    def collect() -> None:
        nonlocal back
        if not back:
            back = True
            freeze_startup_heap()
            enable_gc()  # or once a sync under way is through with its pages

    if window is not None:
        window.round_loaded.connect(collect)
    QTimer.singleShot(COLLECTOR_BACK_MS, collect)


def quit_on_signals(app: QApplication) -> None:
    """Ctrl+C in a terminal or SIGTERM (a logout, a service manager) closes the app as its
    window would: drafts saved, syncs finished, the demo's server stopped."""

    def close_and_quit() -> None:
        modal = app.activeModalWidget()
        if modal is not None:  # a message box runs its own loop, which quit() leaves running
            modal.close()
        app.quit()

    def request_quit(_signum: int, _frame: object) -> None:
        close_and_quit()
        # A signal that comes just before a message box opens (no loop runs yet, so quit()
        # does nothing): the next loop to run, the box's own, closes it.
        QTimer.singleShot(0, close_and_quit)

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, request_quit)
    # Python runs a signal handler only between bytecodes; while Qt waits in C++ nothing
    # runs, so a timer lets the interpreter in a few times a second.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)


def identify(app: QApplication) -> None:
    """Name the app as the desktop knows it: the name (X11's window class, StartupWMClass),
    the desktop entry (Wayland's app id, and the shell's grouping of windows under
    packaging/org.fieldapp.FieldApp.desktop) and the icon."""
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("app"))


def run_app(
    paths: AppPaths,
    *,
    server_url: str | None = None,
    demo_login: tuple[str, str] | None = None,
    tokens: TokenStore | None = None,
) -> int:
    """Run the technician's app until its window closes; returns the exit code.

    Args:
        server_url: the server to use (default: the one the cache last synced with).
        demo_login: log in with these credentials without asking (the demo).
        tokens: where the login token is kept (default: the system keyring).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    identify(app)
    theme.apply_theme(app)  # the one chosen last time (View > Theme)
    install_translation(app, load_preferences().language)  # Settings > Language
    quit_on_signals(app)
    log_qt_messages()
    instance = SingleInstance(paths.data_dir, app)
    if not instance.claim():
        return hand_over_to_running_app(instance)
    instance.raise_requested.connect(bring_to_front)
    reporter = CrashReporter(paths.log_file, app).install()
    if tokens is None:
        name_platform_keyring()  # not discovered: a fifth of the start went there
        tokens = TokenStore()
    try:
        return _run(app, paths, server_url, demo_login, tokens)
    except Exception as error:  # the app cannot go on: said in words, logged in full
        reporter.report_fatal(error)
        return 1
    finally:
        reporter.uninstall()
        instance.release()


def hand_over_to_running_app(instance: SingleInstance) -> int:
    """Another app runs on this cache: it raises its window and this launch ends (0); one
    that does not answer is said (1), since two apps must never share a cache."""
    if instance.ask_running_to_raise():
        print("FieldApp is already running: its window is brought to the front.", flush=True)
        return 0
    message = translate(
        "Launch",
        "FieldApp is already open on this laptop's cache but does not answer. Close it (or "
        "end it in the task manager), then start FieldApp again.",
    )
    print(f"error: {message}", file=sys.stderr, flush=True)
    QMessageBox.critical(None, translate("Launch", "FieldApp is already running"), message)
    return 1


def _run(
    app: QApplication,
    paths: AppPaths,
    server_url: str | None,
    demo_login: tuple[str, str] | None,
    tokens: TokenStore,
) -> int:
    store = open_cache(paths, tokens, ask_start_afresh, tell)
    if store is None:
        return 1
    runner = BackgroundRunner()
    controller = FieldApp(store, tokens, runner, server_url=server_url)
    controller.quit_requested.connect(app.quit)
    try:
        controller.start(demo_login)
        collect_after_first_rows(controller.window)
        return app.exec()
    finally:
        enable_gc()
        controller.close()
        store = controller.store  # a new one when the technician logged out
        with contextlib.suppress(SyncError):  # no keyring now: the last sync's mark stays
            note_watermark(store, paths, tokens)
        store.dispose()


translate = QCoreApplication.translate


def rescue_sentence(rescue: Rescue) -> str:
    """What starting afresh saved from the damaged cache, in the app's language."""
    if rescue.pending:
        saved = counted(
            rescue.pending,
            translate(
                "Launch", "{count} unsynced event was saved and will be sent at the next sync"
            ),
            translate(
                "Launch", "{count} unsynced events were saved and will be sent at the next sync"
            ),
        )
    else:
        saved = translate("Launch", "no unsynced work could be read from it")
    if rescue.lost:
        lost = ", ".join(
            translate("CacheError", TABLE_WORDS[table]) if table in TABLE_WORDS else table
            for table in rescue.lost
        )
        return translate(
            "Launch",
            "The damaged cache was kept aside as {kept}; a new cache was started: {saved} "
            "(some could not be read: {lost}). The next sync downloads your round again.",
        ).format(kept=rescue.kept_at, saved=saved, lost=lost)
    return translate(
        "Launch",
        "The damaged cache was kept aside as {kept}; a new cache was started: {saved}. The "
        "next sync downloads your round again.",
    ).format(kept=rescue.kept_at, saved=saved)


def ask_start_afresh(message: str) -> bool:
    """Whether the technician chooses to start afresh after `message` (a modal question)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, translate("Launch", "FieldApp cannot open its cache"), message
    )
    afresh = box.addButton(translate("Launch", "Start afresh"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Launch", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is afresh


def tell(title: str, message: str) -> None:
    QMessageBox.information(None, title, message)


def open_cache(
    paths: AppPaths,
    tokens: TokenStore,
    ask: Callable[[str], bool],
    inform: Callable[[str, str], None],
) -> Store | None:
    """Open the cache for the app; None if it cannot start (the reason was shown).

    A damaged cache, or one found missing, empty or behind, is said in a sentence and
    `ask` offers to start afresh (the damaged file kept aside, what it holds rescued).
    """
    try:
        try:
            return open_private_store(paths, tokens)
        except (CacheDamagedError, CacheWentBack, CacheKeyLost) as error:
            print(f"error: {error.message}", file=sys.stderr, flush=True)
            if not ask(error_text(error)):
                return None
            store = open_private_store(paths, tokens, start_afresh=True)
            if store.rescue is not None:
                inform(
                    translate("Launch", "FieldApp started afresh"), rescue_sentence(store.rescue)
                )
            return store
    except (LocalStorageError, SyncError, CacheUnavailable) as error:
        # Started from an icon, the technician sees no terminal.
        print(f"error: {error.message}", file=sys.stderr, flush=True)
        QMessageBox.critical(None, translate("Launch", "FieldApp cannot start"), error_text(error))
        return None
