"""A file opened in another program: its one plain copy goes to the runtime folder (memory,
private, emptied at logout), never the data directory; the sweep and logging out remove it."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from fieldapp.demo import DemoKeyring
from fieldapp.paths import AppPaths
from fieldapp.store import apply_changes_page, visit_events
from fieldapp.store.housekeeping import OPENED_MAX_AGE, sweep_attachments
from fieldapp.sync import TokenStore
from fieldapp.sync.signout import sign_out
from fieldapp.sync.vault import open_private_store
from fieldapp.ui.visit.attachments import (
    FileSource,
    attached_files,
    copy_for_opening,
    write_attachment,
)
from tests.store.factories import T0, PageBuilder, server_visit

PHOTO = b"\xff\xd8 the Wellingborough server room, cables everywhere"


def test_an_opened_copy_lives_in_the_runtime_folder_and_goes_with_the_sweep_and_logout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore(DemoKeyring())
    store = open_private_store(paths, tokens)
    with store.session() as session, session.begin():
        apply_changes_page(session, PageBuilder().visit(server_visit("v-1")).page())
    write_attachment(store, "v-1", FileSource("room.jpg", encode=lambda: PHOTO),
                     author="kyra", now=T0)  # fmt: skip
    with store.read_session() as session:
        [attached] = attached_files(session, visit_events(session, "v-1"))
    assert attached.filename == "room.jpg"

    copy = copy_for_opening(store, attached)

    assert copy.read_bytes() == PHOTO
    assert copy.name == "room.jpg"
    assert copy.is_relative_to(runtime)
    every = b"".join(p.read_bytes() for p in paths.data_dir.rglob("*") if p.is_file())
    assert PHOTO not in every
    assert b"Wellingborough" not in every

    sweep_attachments(store)
    assert copy.exists()  # the program may still be reading it
    old = time.time() - (OPENED_MAX_AGE + timedelta(hours=1)).total_seconds()
    os.utime(copy, (old, old))
    sweep_attachments(store)
    assert not copy.exists()

    again = copy_for_opening(store, attached)
    assert again.exists()
    sign_out(store, paths, tokens)
    assert not again.exists()
    assert [p for p in runtime.rglob("*") if p.is_file()] == []
