"""Where FieldApp keeps its files: resolved once, overridable with --data-dir for tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FieldApp"
# The desktop entry, AppStream metadata and icon are named after it (packaging/).
APP_ID = "org.fieldapp.FieldApp"
DATA_DIR_ENV = "FIELDAPP_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The laptop side's files, all below one data directory."""

    data_dir: Path
    # The user's log directory for the default data directory; None puts the logs beside
    # a chosen one (data_dir/logs), so a test's or a second cache's logs stay apart.
    user_log_dir: Path | None = None

    @property
    def cache_db(self) -> Path:
        return self.data_dir / "cache.sqlite3"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def log_dir(self) -> Path:
        return self.user_log_dir or self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "fieldapp.log"

    def ensure(self) -> AppPaths:
        """Create the directories (private to the user) and return self."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.attachments_dir.mkdir(exist_ok=True, mode=0o700)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The paths to use: `data_dir` if given, else $FIELDAPP_DATA_DIR, else the user data dir
    (whose logs go to the user log dir: ~/.local/state/FieldApp/log, %LOCALAPPDATA%\\FieldApp\\
    FieldApp\\Logs, ~/Library/Logs/FieldApp)."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return AppPaths(Path(chosen).expanduser().resolve())
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME)).resolve(),
        Path(platformdirs.user_log_dir(APP_NAME)).resolve(),
    )
