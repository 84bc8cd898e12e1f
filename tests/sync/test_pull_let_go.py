"""What the pull lets go of (an initial load's memory) is freed on its prefetch thread.

The load's last commit hands over every event of the round it held (TakenPages.let_go:
tests/sync/test_pull_load.py); freeing them took 10-20 ms of the sync's end on its own
thread, and on a prefetch thread it overlaps the commit's writes.
"""

from __future__ import annotations

import threading
from typing import cast

from fieldapp.clock import utc_now
from fieldapp.sync import ServerClient
from fieldapp.sync.pull_fetch import FeedFetches


class _Held:
    def __init__(self, freed_on: list[str]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_what_the_pull_lets_go_is_freed_on_a_prefetch_thread() -> None:
    freed_on: list[str] = []
    # No request is made: the client is never used.
    fetches = FeedFetches(cast("ServerClient", object()), utc_now, 100)
    fetches.open()
    try:
        fetches.let_go([{"event": _Held(freed_on)}])
    finally:
        fetches.shut(cancel=False)
    assert len(freed_on) == 1
    assert freed_on[0].startswith("fieldapp-prefetch")


def test_after_the_pull_what_it_lets_go_is_freed_at_once() -> None:
    freed_on: list[str] = []
    fetches = FeedFetches(cast("ServerClient", object()), utc_now, 100)
    fetches.open()
    fetches.shut(cancel=False)
    fetches.let_go([{"event": _Held(freed_on)}])
    assert freed_on == [threading.current_thread().name]
