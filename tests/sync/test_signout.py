"""Logging out for good: unsynced work said first; then the token revoked on a real server, the
cache and its files erased, the key and watermark gone from the real keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import Store, add_attachment, record_event, set_meta
from fieldapp.store.db import CacheErased
from fieldapp.store.drafts import save_draft
from fieldapp.store.meta import SERVER_URL, USERNAME
from fieldapp.sync import AuthError, SyncEngine, TokenStore, log_in
from fieldapp.sync.signout import (
    CANCEL,
    LogoutRefused,
    end_every_session,
    run_headless_logout,
    sign_out,
    unsynced_work,
)
from fieldapp.sync.vault import (
    KEY_SERVICE,
    WATERMARK_SERVICE,
    key_name,
    note_watermark,
    open_private_store,
)
from tests.store.factories import T0
from tests.support.servers import free_port
from tests.sync.harness import Server, fast_client, running_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "server") as running:
        yield running


def synced_laptop(server: Server, paths: AppPaths, tokens: TokenStore) -> tuple[Store, str, str]:
    user, password = server.add_technician()
    visit = server.create_visit(user)
    store = open_private_store(paths, tokens)
    with fast_client(server.base_url) as client:
        log_in(store, client, tokens, user, password)
        SyncEngine(store, client).sync()
    note_watermark(store, paths, tokens)
    return store, user, visit


def test_unsynced_events_and_drafts_are_counted_before_logging_out(
    server: Server, tmp_path: Path
) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    store, user, visit = synced_laptop(server, paths, tokens)
    assert not unsynced_work(store)
    with store.session() as session, session.begin():
        record_event(session, visit, EventType.NOTE, {"text": "n"}, author=user, now=T0)
        save_draft(session, visit, "notes", {"text": "half typed"}, T0)
    left = unsynced_work(store)
    assert (left.events, left.drafts) == (1, 1)
    assert "1 event(s) the server has not confirmed and 1 unsaved draft(s)" in left.sentence()
    store.dispose()


def test_logging_out_revokes_the_token_and_erases_cache_files_and_key(
    server: Server, tmp_path: Path
) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    store, user, visit = synced_laptop(server, paths, tokens)
    with store.session() as session, session.begin():
        add_attachment(session, store.files, visit, b"photo bytes", filename="p.jpg",
                       media_type="image/jpeg", kind="photo", author=user, now=T0)  # fmt: skip
    token = tokens.load(server.base_url, user)
    assert token is not None

    done = sign_out(store, paths, tokens)

    assert done.revoked
    assert "cache and files were erased" in done.sentence()
    with fast_client(server.base_url, token) as client, pytest.raises(AuthError):
        client.changes(0, 1)  # the server forgot the token
    assert tokens.load(server.base_url, user) is None
    assert tokens.load_secret(KEY_SERVICE, key_name(paths)) is None
    assert tokens.load_secret(WATERMARK_SERVICE, key_name(paths)) is None
    assert [p for p in paths.data_dir.rglob("*") if p.is_file()] == []
    with pytest.raises(CacheErased), store.read_session() as session:
        session.execute(text("SELECT 1"))  # a straggler cannot recreate the erased cache
    assert not paths.cache_db.exists()
    with open_private_store(paths, tokens) as fresh:  # the next user starts afresh, silently
        assert not unsynced_work(fresh)


def test_logging_out_offline_still_erases_and_says_the_login_expires_by_itself(
    tmp_path: Path,
) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    url = f"http://127.0.0.1:{free_port()}"
    store = open_private_store(paths, tokens)
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, url)
        set_meta(session, USERNAME, "kyra")
    tokens.save(url, "kyra", "a-token")

    done = sign_out(store, paths, tokens)

    assert not done.revoked
    assert "expires there by itself" in done.sentence()
    assert tokens.load(url, "kyra") is None
    assert not paths.cache_db.exists()


def test_log_out_everywhere_ends_the_other_laptops_session_too(
    server: Server, tmp_path: Path
) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    store, user, _visit = synced_laptop(server, paths, tokens)
    with fast_client(server.base_url) as other_laptop:
        other_laptop.login(user, "pw-" + user)  # the harness's password for its technicians
        other_laptop.changes(0, 1)  # logged in elsewhere, working

        end_every_session(store, tokens)
        done = sign_out(store, paths, tokens, everywhere=True)

        assert "ended every session of this account, on every device" in done.sentence()
        with pytest.raises(AuthError):
            other_laptop.changes(0, 1)
    assert tokens.load(server.base_url, user) is None
    assert not paths.cache_db.exists()
    assert tokens.load_secret(KEY_SERVICE, key_name(paths)) is None


def test_log_out_everywhere_offline_erases_nothing(tmp_path: Path) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    url = f"http://127.0.0.1:{free_port()}"
    store = open_private_store(paths, tokens)
    with store.session() as session, session.begin():
        set_meta(session, SERVER_URL, url)
        set_meta(session, USERNAME, "kyra")
    tokens.save(url, "kyra", "a-token")

    with pytest.raises(LogoutRefused, match=r"could not be ended.*Nothing was erased"):
        end_every_session(store, tokens, fast_client(url))

    assert tokens.load(url, "kyra") == "a-token"
    assert paths.cache_db.exists()
    assert tokens.load_secret(KEY_SERVICE, key_name(paths)) is not None
    store.dispose()


def test_main_py_logout_everywhere_says_every_session_ended(server: Server, tmp_path: Path) -> None:
    paths, tokens = AppPaths(tmp_path / "laptop"), TokenStore()
    store, user, _visit = synced_laptop(server, paths, tokens)
    token = tokens.load(server.base_url, user)
    store.dispose()

    said = run_headless_logout(
        paths, choose=lambda _left: CANCEL, password_reader=lambda: "", progress=print,
        tokens=tokens, everywhere=True,
    )  # fmt: skip

    assert "ended every session of this account" in said
    with fast_client(server.base_url, token) as client, pytest.raises(AuthError):
        client.changes(0, 1)
    assert not paths.cache_db.exists()
