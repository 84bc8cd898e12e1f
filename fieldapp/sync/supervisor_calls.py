"""How the supervisors' client calls the server: one call at a time over the logged-in
session, query parameters, the supervisor's time zone, and downloads saved whole or not at all."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import requests
import tzlocal

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.sync.client import ServerClient
from fieldapp.sync.errors import OfflineError, SyncError

CHUNK_BYTES = 64 * 1024


class LocalFileError(SyncError):
    """A file on this computer could not be read or written (nothing was sent or saved)."""


def query_params(**values: Any) -> dict[str, Any]:
    """Query parameters without the Nones; dates as ISO days (a list repeats the name)."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in values.items()
        if value is not None
    }


def local_zone_name() -> str:
    """This computer's IANA time zone (e.g. Europe/Paris); UTC if it cannot be told."""
    try:
        return tzlocal.get_localzone_name() or "UTC"
    except (OSError, ValueError, LookupError):  # an unreadable or odd /etc/localtime
        return "UTC"


class SupervisorCalls:
    """A logged-in ServerClient, called one call at a time (SupervisorClient's endpoints
    may be called from several worker threads)."""

    def __init__(self, server: ServerClient, *, zone: str | None = None) -> None:
        """`zone`: the IANA time zone whose days the date ranges mean (default: this
        computer's), so "today" on the board is the supervisor's today."""
        self.server = server
        self.zone = zone or local_zone_name()
        self._lock = threading.Lock()

    def _range(self, date_from: date, date_to: date) -> dict[str, Any]:
        return query_params(date_from=date_from, date_to=date_to, tz=self.zone)

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> requests.Response:
        with self._lock:
            return self.server.call("GET", path, params=params)

    def _send(self, method: str, path: str, body: str) -> requests.Response:
        with self._lock:
            return self.server.call(method, path, body=body.encode())

    def request(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: str = ""
    ) -> requests.Response:
        """One call of this client's server, one at a time (for fieldapp.sync.knowledge_admin)."""
        if method == "GET":
            return self._get(path, params)
        return self._send(method, path, body)

    def _download(self, path: str, target: Path, params: Mapping[str, Any] | None = None) -> int:
        """Stream `path`'s body into `target` (replaced whole, or left as it was on failure)."""
        target = Path(target)
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        written = 0
        with self._lock:
            response = self.server.call("GET", path, params=params, stream=True)
            try:
                with temp.open("wb") as handle:
                    for chunk in response.iter_content(CHUNK_BYTES):
                        handle.write(chunk)
                        written += len(chunk)
                temp.replace(target)
            except requests.RequestException as error:
                raise OfflineError(
                    QT_TRANSLATE_NOOP(
                        "SyncError",
                        "The download from the server was interrupted; nothing was saved. "
                        "Try again.",
                    ),
                    detail=type(error).__name__,
                ) from None
            except OSError as error:
                raise LocalFileError(
                    QT_TRANSLATE_NOOP("SyncError", "Could not save {file}: {why}."),
                    values={"file": target.name, "why": error.strerror or error},
                    detail=type(error).__name__,
                ) from None
            finally:
                response.close()
                with contextlib.suppress(OSError):
                    temp.unlink(missing_ok=True)
        return written
