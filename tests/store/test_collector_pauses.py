"""The collector's pauses (store.bulk.paused_gc) hold it off until the last one under way ends.

The pull pauses it for its whole run while its prefetch thread pauses it for each page it
decodes; the app's start keeps it off until its first rows are in, then asks for it
(enable_gc). Whatever the order in which overlapping pauses begin and end, on whichever
thread, the collector stays off while any is under way and ends as it should: on if it
was on before the first, or asked for since.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager

import pytest

from fieldapp.store.bulk import enable_gc, paused_gc


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("on_before", [True, False])
def test_overlapping_pauses_on_two_threads_hold_it_off_until_the_last_ends(
    seed: int, on_before: bool
) -> None:
    rng = random.Random(seed)
    if on_before:
        gc.enable()
    else:
        gc.disable()
    # Two threads, two nested pauses each (ended in reverse order, as `with` blocks end
    # them), their steps interleaved at random; each step runs on its thread.
    left = {thread: ["begin", "begin", "end", "end"] for thread in ("pull", "prefetch")}
    held: dict[str, list[AbstractContextManager[None]]] = {"pull": [], "prefetch": []}
    workers = {thread: ThreadPoolExecutor(1) for thread in left}
    under_way = 0
    try:
        while any(left.values()):
            thread = rng.choice([name for name, steps in left.items() if steps])
            if left[thread].pop(0) == "begin":
                pause = paused_gc()
                workers[thread].submit(pause.__enter__).result()
                held[thread].append(pause)
                under_way += 1
            else:
                pause = held[thread].pop()
                workers[thread].submit(pause.__exit__, None, None, None).result()
                under_way -= 1
            assert gc.isenabled() == (under_way == 0 and on_before)
    finally:
        for worker in workers.values():
            worker.shutdown()
    assert gc.isenabled() == on_before


def test_asked_for_during_a_pause_it_comes_back_when_the_pause_ends() -> None:
    gc.disable()  # the app's start
    with paused_gc():  # a first sync under way
        enable_gc()  # the round's first rows are in
        assert not gc.isenabled()
    assert gc.isenabled()


def test_asked_for_with_no_pause_it_is_on_at_once() -> None:
    gc.disable()
    enable_gc()
    assert gc.isenabled()
