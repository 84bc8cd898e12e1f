"""Crash-test child: a laptop that dies as it starts applying the feed's page its push brought.

Run as ``python -m tests.sync.carried_crash_child BASE_URL USERNAME PASSWORD CACHE_PATH`` from
the repository root. It syncs once with the real engine; the process ends (``os._exit(17)``,
no cleanup, as a killed laptop) at the first page the pull applies, in that page's
transaction, after the push's answer was written down, printing first the requests it
made (paths under /api/v1, one a line). The parent checks what the cache kept
(tests/sync/test_push_sync.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import requests

from fieldapp import protocol
from fieldapp.store import open_store
from fieldapp.sync import ServerClient, SyncEngine
from fieldapp.sync import pull as pull_module

CRASHED = 17
ASKED: list[str] = []


def _note(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
    ASKED.append(urlparse(response.url).path.removeprefix(protocol.API_PREFIX))


def _die(*_args: Any, **_kwargs: Any) -> None:
    os.write(1, "".join(f"{path}\n" for path in ASKED).encode())
    os._exit(CRASHED)


def main(argv: list[str]) -> int:
    base_url, username, password, cache_path = argv
    store = open_store(Path(cache_path))
    http = requests.Session()
    http.hooks["response"].append(_note)
    client = ServerClient(base_url, session=http, timeout=(2.0, 10.0), retries=1)
    client.login(username, password)
    pull_module.apply_changes_page = _die  # the crash point: the carried page's transaction
    SyncEngine(store, client).sync()
    return 0  # never reached if the page came: the parent sees 0 and says so


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
