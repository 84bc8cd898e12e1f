"""The cache's key and watermark in the real keyring: a lost key, a damaged cache (said in a
sentence, kept aside, its unsynced work rescued) and a cache that came back empty or behind."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import (
    Store,
    apply_changes_page,
    open_store,
    record_event,
    set_meta,
    sync_counts,
)
from fieldapp.store.meta import LAST_SYNC_AT, SERVER_URL, USERNAME
from fieldapp.store.models import EventRow, OutboxRow, Visit
from fieldapp.sync import TokenStore, current_account
from fieldapp.sync.vault import (
    KEY_SERVICE,
    CacheDamagedError,
    CacheUnavailable,
    CacheWentBack,
    key_name,
    load_watermark,
    note_watermark,
    open_private_store,
)
from tests.store.factories import T0, TECH, PageBuilder, server_visit

SERVER = "https://fieldapp.example"
PENDING = 40


@pytest.fixture
def tokens() -> TokenStore:
    return TokenStore()  # the real Secret Service (tests/support/with_keyring.sh)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "laptop")


def a_day(store: Store, visits: int = 3, notes: int = PENDING) -> None:
    """A cache that synced (a server, a user, a cursor) and then recorded `notes` offline."""
    builder = PageBuilder()
    for number in range(visits):
        builder.visit(server_visit(f"v-{number}", problem="Printer jams " * 40))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
        set_meta(session, SERVER_URL, SERVER)
        set_meta(session, USERNAME, TECH)
        set_meta(session, LAST_SYNC_AT, T0.isoformat())
    with store.session() as session, session.begin():
        for number in range(notes):
            record_event(session, "v-0", EventType.NOTE, {"text": f"note {number}"},
                         author=TECH, now=T0)  # fmt: skip


def pending(store: Store) -> int:
    with store.read_session() as session:
        return sync_counts(session).pending


def test_a_cache_whose_key_the_keyring_lost_is_said_not_replaced(
    paths: AppPaths, tokens: TokenStore
) -> None:
    with open_private_store(paths, tokens) as store:
        a_day(store, notes=2)
    before = paths.cache_db.read_bytes()
    tokens.delete_secret(KEY_SERVICE, key_name(paths))
    with pytest.raises(CacheUnavailable, match="no longer holds its key"):
        open_private_store(paths, tokens)
    assert paths.cache_db.read_bytes() == before

    with open_private_store(paths, tokens, start_afresh=True) as fresh:
        assert pending(fresh) == 0  # a new cache under a new key
    [kept] = paths.data_dir.glob("cache.sqlite3.damaged-*")
    assert kept.read_bytes() == before  # unreadable here, but kept for whoever holds the key


def _truncate(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size - size // 3)


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _zero_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(bytes(100))


def _not_a_database(path: Path) -> None:
    path.write_text("These are my holiday plans, not a database.\n" * 100)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "random bytes": _random,
    "zeroed header": _zero_header,
    "not a database": _not_a_database,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_is_said_kept_aside_and_started_afresh_on_request(
    paths: AppPaths, tokens: TokenStore, damage: str
) -> None:
    with open_private_store(paths, tokens) as store:
        a_day(store, visits=60)
        note_watermark(store, paths, tokens)
    DAMAGE[damage](paths.cache_db)
    damaged = paths.cache_db.read_bytes()

    with pytest.raises(CacheDamagedError) as said:
        open_private_store(paths, tokens)
    assert "is damaged" in said.value.message
    assert "start afresh" in said.value.message
    assert paths.cache_db.read_bytes() == damaged  # untouched, nothing created beside it
    assert sorted(p.name for p in paths.data_dir.iterdir()) == ["attachments", "cache.sqlite3"]

    with open_private_store(paths, tokens, start_afresh=True) as store:
        rescue = store.rescue
        assert rescue is not None
        assert rescue.kept_at.read_bytes() == damaged
        assert rescue.kept_at.parent == paths.data_dir
        assert str(rescue.kept_at) in rescue.sentence()
        assert pending(store) == rescue.pending
        assert current_account(store) is not None  # the keyring remembered whose it was
    assert load_watermark(paths, tokens) is None  # a new one comes with the next sync
    with open_private_store(paths, tokens) as again:  # the next start is a normal one
        assert again.rescue is None


def test_a_cache_cut_short_at_its_end_keeps_its_unsynced_work(
    paths: AppPaths, tokens: TokenStore
) -> None:
    # The events are written first; the visits that came later fill the file's last pages.
    with open_private_store(paths, tokens) as store:
        a_day(store, visits=1)
        builder = PageBuilder(start=10)
        for number in range(1, 200):
            builder.visit(server_visit(f"v-late-{number}", problem="Slow laptop " * 60))
        with store.session() as session, session.begin():
            apply_changes_page(session, builder.page())
        note_watermark(store, paths, tokens)
    _truncate(paths.cache_db)

    with pytest.raises(CacheDamagedError):
        open_private_store(paths, tokens)
    with open_private_store(paths, tokens, start_afresh=True) as store:
        assert store.rescue is not None
        assert store.rescue.pending == PENDING
        assert pending(store) == PENDING
        assert "40 unsynced event(s) were saved" in store.rescue.sentence()
        with store.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Visit)) >= 1


@pytest.mark.parametrize("how", ["missing", "zero bytes"])
def test_a_cache_that_came_back_empty_after_syncing_is_said(
    paths: AppPaths, tokens: TokenStore, how: str
) -> None:
    with open_private_store(paths, tokens) as store:
        a_day(store)
        note_watermark(store, paths, tokens)
    if how == "missing":
        paths.cache_db.unlink()
    else:
        paths.cache_db.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        paths.cache_db.with_name(paths.cache_db.name + suffix).unlink(missing_ok=True)

    with pytest.raises(CacheWentBack) as said:
        open_private_store(paths, tokens)
    assert "missing or empty" in said.value.message
    assert f"{TECH} on {SERVER}" in said.value.message
    assert "has not synced before" not in said.value.message

    with open_private_store(paths, tokens, start_afresh=True) as store:
        account = current_account(store)
        assert account is not None
        assert (account.server_url, account.username) == (SERVER, TECH)


def test_a_cache_put_back_from_an_older_copy_is_said_to_be_behind(
    paths: AppPaths, tokens: TokenStore, tmp_path: Path
) -> None:
    with open_private_store(paths, tokens) as store:
        a_day(store, notes=2)
    old = tmp_path / "backup.sqlite3"
    shutil.copyfile(paths.cache_db, old)
    with open_private_store(paths, tokens) as store:
        with store.session() as session, session.begin():
            for number in range(PENDING):
                record_event(session, "v-1", EventType.NOTE, {"text": f"later {number}"},
                             author=TECH, now=T0)  # fmt: skip
        note_watermark(store, paths, tokens)
    shutil.copyfile(old, paths.cache_db)

    with pytest.raises(CacheWentBack, match=f"behind .* up to {PENDING} event"):
        open_private_store(paths, tokens)
    with open_private_store(paths, tokens, start_afresh=True) as store:
        assert pending(store) == 2  # carried on with the copy, as the technician chose


def test_a_cache_now_of_another_account_is_not_taken_for_one_behind(
    paths: AppPaths, tokens: TokenStore
) -> None:
    with open_private_store(paths, tokens) as store:
        a_day(store, notes=5)
        note_watermark(store, paths, tokens)
        # Another technician logged in here: the cache was emptied for them (account.log_in).
        with store.session() as session, session.begin():
            session.execute(delete(OutboxRow))
            session.execute(delete(EventRow))
            set_meta(session, USERNAME, "ben")
    with open_private_store(paths, tokens) as again:
        assert pending(again) == 0


def test_a_plain_cache_from_before_encryption_that_is_damaged_is_said_and_rescued(
    paths: AppPaths, tokens: TokenStore
) -> None:
    with open_store(paths.ensure()) as plain:
        a_day(plain, visits=1)
        builder = PageBuilder(start=10)
        for number in range(1, 200):
            builder.visit(server_visit(f"v-late-{number}", problem="Slow laptop " * 60))
        with plain.session() as session, session.begin():
            apply_changes_page(session, builder.page())
    _truncate(paths.cache_db)
    damaged = paths.cache_db.read_bytes()

    with pytest.raises(CacheDamagedError, match="is damaged"):
        open_private_store(paths, tokens)
    assert paths.cache_db.read_bytes() == damaged
    with open_private_store(paths, tokens, start_afresh=True) as store:
        assert store.rescue is not None
        assert store.rescue.kept_at.read_bytes() == damaged
        assert pending(store) == PENDING
