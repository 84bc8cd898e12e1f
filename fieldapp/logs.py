"""The laptop's log: a rotating file in the user's log directory that never holds a secret."""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path
from typing import IO

from fieldapp import __version__

LOG_NAME = "fieldapp.log"
FAULTS_NAME = "faults.log"
LEVEL_ENV = "FIELDAPP_LOG_LEVEL"
MAX_BYTES = 1024 * 1024
BACKUPS = 4  # five files of 1 MiB at most: weeks of a normal laptop's log
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"  # local time, with its offset from UTC
CONSOLE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[secret]"
# A shorter value could be part of ordinary words; no token, key or password of ours is.
MIN_SECRET_LENGTH = 4

log = logging.getLogger(__name__)

# Logging is process-wide (the logging module's handlers are), so the words it must never
# write are too: the login token, the password typed, the cache key, registered where they
# pass (the keyring, the server client). A set, not a pattern: a password has no shape.
_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def keep_out_of_logs(secret: str | None) -> None:
    """Never let `secret` (a token, a password, a key) reach a log line or a crash report."""
    if secret is None or len(secret) < MIN_SECRET_LENGTH:
        return
    with _secrets_lock:
        _secrets.add(secret)


def redact(text: str) -> str:
    """`text` with every secret registered so far replaced by [secret]."""
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)  # a longer one may contain another
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes the secrets: from the message, its arguments, the
    exception's text and the traceback alike."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file only its owner can read (0600), like every file of the laptop's."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        # A full disk, a log folder gone: the app carries on without its log rather than
        # print a traceback per line (the technician is told about a full disk elsewhere).
        pass

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)  # noqa: PTH123


class ConsoleHandler(logging.StreamHandler[IO[str]]):
    """WARNING and up on stderr, for a terminal's user (the file has the rest)."""


_OWNED = (PrivateRotatingFileHandler, ConsoleHandler)


def log_level() -> int:
    """INFO, or the level named by $FIELDAPP_LOG_LEVEL (DEBUG when the support desk asks)."""
    named = os.environ.get(LEVEL_ENV, "").strip().upper()
    level = logging.getLevelName(named) if named else logging.INFO
    return level if isinstance(level, int) else logging.INFO


def start_logging(log_dir: Path, *, console_level: int = logging.WARNING) -> Path:
    """Log to a rotating file in `log_dir` (and WARNING and up to stderr, when there is one).

    A windowed app started from an icon has no stderr worth the name (a frozen Windows app
    has none at all), so the file is where the support desk finds what happened. Also turns
    faulthandler on (a crash in C code leaves the Python stacks of every thread in
    faults.log), and moves what the previous run's crash left there into the log.

    Returns the log file.
    """
    log_file = log_dir / LOG_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OWNED)]:  # started again
        root.removeHandler(handler)
        handler.close()
    level = log_level()
    to_file = PrivateRotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    to_file.setFormatter(RedactingFormatter(FORMAT, DATE_FORMAT))
    to_file.setLevel(level)
    try:
        _make_private_dirs(log_dir)
    except OSError:  # a full or read-only disk: stderr only, the app still starts
        to_file.close()
    else:
        root.addHandler(to_file)
    if sys.stderr is not None:
        console = ConsoleHandler(sys.stderr)
        console.setFormatter(RedactingFormatter(CONSOLE_FORMAT))
        console.setLevel(console_level)
        root.addHandler(console)
    root.setLevel(min(level, console_level))
    # Each retry is urllib3's business; the sync reports the outcome in one sentence.
    logging.getLogger("urllib3").setLevel(logging.ERROR)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # 7 lines a start
    _take_previous_faults(log_dir / FAULTS_NAME)
    _enable_faulthandler(log_dir / FAULTS_NAME)
    log.info(
        "FieldApp %s started (pid %d, Python %s)", __version__, os.getpid(), sys.version.split()[0]
    )
    return log_file


def _make_private_dirs(folder: Path) -> None:
    """Create `folder` and its missing parents 0700 (mkdir(parents=True) would leave the
    parents, the data directory among them, readable by all)."""
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for each in reversed(missing):
        each.mkdir(exist_ok=True, mode=0o700)


def _take_previous_faults(faults: Path) -> None:
    """Move a fatal error's stacks from faults.log into the log, then empty faults.log."""
    try:
        text = faults.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            log.error("FieldApp stopped abruptly before (a fatal error):\n%s", text)
            faults.write_text("", encoding="utf-8")
    except OSError:  # none yet, or unreadable: nothing to carry over
        return


def _enable_faulthandler(faults: Path) -> None:
    try:
        descriptor = os.open(faults, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        if sys.stderr is not None:
            faulthandler.enable(all_threads=True)
        return
    # faulthandler keeps a reference to the file, and writes to its descriptor when a
    # segmentation fault or an abort happens: the file stays open for the process's life.
    faulthandler.enable(open(descriptor, "a", encoding="utf-8"), all_threads=True)  # noqa: PTH123, SIM115


def log_folder() -> Path | None:
    """The folder `start_logging` writes the log to (None: no log file in this process)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename).parent
    return None
