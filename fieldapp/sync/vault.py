"""The encrypted cache's key and watermark, kept in the keyring beside the login token: open
the cache (made on first start, an old plain cache encrypted then), notice one that is
damaged, missing or behind, and start afresh when the technician agrees."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.paths import AppPaths
from fieldapp.store import Store, get_cursor, get_meta, open_store, set_meta
from fieldapp.store.cipher import CacheKeyError, is_plain_sqlite, key_from_text, new_cache_key
from fieldapp.store.db import ensure_folders
from fieldapp.store.meta import LAST_SYNC_AT, SERVER_URL, USERNAME
from fieldapp.store.models import EventRow
from fieldapp.store.rescue import (
    Rescue,
    check_readable,
    describe_damage,
    put_aside,
    rescue_into,
)
from fieldapp.sync.credentials import TokenStore

KEY_SERVICE = "FieldApp cache key"
WATERMARK_SERVICE = "FieldApp cache watermark"


class CacheUnavailable(Exception):
    """The cache cannot be opened as it stands; `message` says why and what to do.

    The sentence is a template marked for translation (context "CacheError") with its
    values apart, as SyncError's: the app says it in its language (laptop_words.error_text).
    """

    context = "CacheError"

    def __init__(self, message: str, values: Mapping[str, object] | None = None) -> None:
        self.template = message
        self.values = dict(values or {})
        self.message = message.format(**self.values) if self.values else message
        super().__init__(self.message)


def key_name(paths: AppPaths) -> str:
    """The keyring entry of a data directory's cache (one per data directory)."""
    return str(paths.data_dir)


def _has_content(paths: AppPaths) -> bool:
    try:
        return paths.cache_db.stat().st_size > 0
    except FileNotFoundError:
        return False


def cache_key(paths: AppPaths, tokens: TokenStore) -> bytes:
    """The cache's key from the keyring; a new one, saved there first, for a new cache.

    Raises:
        CredentialStoreUnavailable: no usable keyring (nothing is created).
        CacheUnavailable: the cache is encrypted but the keyring no longer holds its key.
    """
    saved = tokens.load_secret(KEY_SERVICE, key_name(paths))
    if saved is not None:
        try:
            return key_from_text(saved)
        except CacheKeyError:
            pass  # treated as lost: the cache cannot be read with it
    elif not _has_content(paths) or is_plain_sqlite(paths.cache_db):
        key = new_cache_key()
        # Saved before the cache is written with it: a key that was never kept would leave
        # a cache nobody can read.
        tokens.save_secret(KEY_SERVICE, key_name(paths), key.hex())
        return key
    raise CacheKeyLost(
        QT_TRANSLATE_NOOP(
            "CacheError",
            "This laptop's cache ({cache}) is encrypted, but the system keyring no longer "
            "holds its key (the keyring was reset, or the cache was copied from another "
            "computer), so it cannot be read and work not synced from it cannot be recovered "
            "here. To keep it aside, save what can still be read (unsynced work first) and "
            "start afresh, run `main.py sync --start-afresh` or choose Start afresh in the app.",
        ),
        {"cache": paths.cache_db},
    )


class CacheKeyLost(CacheUnavailable):
    """The cache is encrypted with a key the keyring no longer holds; starting afresh keeps
    it aside (it cannot be read) and begins a new one."""


def forget_cache_key(paths: AppPaths, tokens: TokenStore) -> None:
    """Remove the cache's key from the keyring (the cache must be erased first)."""
    tokens.delete_secret(KEY_SERVICE, key_name(paths))


@dataclass(frozen=True, slots=True)
class Watermark:
    """What the keyring remembers of the cache, to notice one that came back empty or behind.

    Attributes:
        cursor: the change-feed cursor of the last sync.
        local_seq: the highest local sequence number recorded (events made on this laptop).
    """

    server_url: str
    username: str
    cursor: int
    local_seq: int
    synced_at: str = ""

    def where(self) -> str:
        when = f", last on {self.synced_at[:16].replace('T', ' ')} UTC" if self.synced_at else ""
        return f"{self.username} on {self.server_url}{when}"


def note_watermark(store: Store, paths: AppPaths, tokens: TokenStore) -> None:
    """Remember in the keyring how far the cache has got (after a sync, and at exit)."""
    with store.read_session() as session:
        server_url = get_meta(session, SERVER_URL)
        username = get_meta(session, USERNAME)
        cursor = get_cursor(session)
        synced_at = get_meta(session, LAST_SYNC_AT) or ""
        local_seq = session.scalar(select(func.max(EventRow.local_seq))) or 0
    if not server_url or not username or not synced_at:
        return  # never synced: nothing to lose yet
    mark = Watermark(server_url, username, cursor, int(local_seq), synced_at)
    tokens.save_secret(WATERMARK_SERVICE, key_name(paths), json.dumps(asdict(mark)))


def load_watermark(paths: AppPaths, tokens: TokenStore) -> Watermark | None:
    saved = tokens.load_secret(WATERMARK_SERVICE, key_name(paths))
    if not saved:
        return None
    try:
        return Watermark(**json.loads(saved))
    except (ValueError, TypeError):
        return None  # unreadable: treated as never synced, as before there was one


def forget_watermark(paths: AppPaths, tokens: TokenStore) -> None:
    tokens.delete_secret(WATERMARK_SERVICE, key_name(paths))


class CacheDamagedError(CacheUnavailable):
    """The cache file is damaged; starting afresh keeps it aside and rescues what it can."""

    values_context = "CacheError"  # the damage is said in the cache's words (describe_damage)


class CacheWentBack(CacheUnavailable):
    """The cache is missing, empty or behind what the keyring remembers of it."""


def _went_back(paths: AppPaths, mark: Watermark, store: Store | None) -> CacheWentBack | None:
    """The error saying the cache is empty or behind the watermark, or None."""
    values = {"cache": paths.cache_db, "user": mark.username, "server": mark.server_url}
    values["when"] = mark.synced_at[:16].replace("T", " ") or "\u2014"
    if store is None:
        return CacheWentBack(
            QT_TRANSLATE_NOOP(
                "CacheError",
                "This laptop's cache ({cache}) is missing or empty, though this laptop synced "
                "before ({user} on {server}, last on {when} UTC): work recorded since that "
                "sync may be lost. If you have a copy of that file, put it back before going "
                "on; otherwise starting afresh downloads your round again.",
            ),
            values,
        )
    with store.read_session() as session:
        cursor = get_cursor(session)
        local_seq = session.scalar(select(func.max(EventRow.local_seq))) or 0
        owner = (get_meta(session, SERVER_URL), get_meta(session, USERNAME))
    if owner != (mark.server_url, mark.username):
        return None  # another account's cache since (a switch): not comparable
    if cursor >= mark.cursor and local_seq >= mark.local_seq:
        return None
    missing = mark.local_seq - local_seq
    if missing > 0:
        return CacheWentBack(
            QT_TRANSLATE_NOOP(
                "CacheError",
                "This laptop's cache ({cache}) is behind the one last used here ({user} on "
                "{server}, last on {when} UTC): it was replaced or restored from an older "
                "copy, and up to {count} event(s) recorded here are not in it. If you have the "
                "newer file, put it back before going on; otherwise starting afresh carries "
                "on with this one.",
            ),
            {**values, "count": missing},
        )
    return CacheWentBack(
        QT_TRANSLATE_NOOP(
            "CacheError",
            "This laptop's cache ({cache}) is behind the one last used here ({user} on "
            "{server}, last on {when} UTC): it was replaced or restored from an older copy, "
            "and changes are not in it. If you have the newer file, put it back before going "
            "on; otherwise starting afresh carries on with this one.",
        ),
        values,
    )


def open_private_store(paths: AppPaths, tokens: TokenStore, *, start_afresh: bool = False) -> Store:
    """Open the app's encrypted cache with its key from the keyring.

    A plain cache (kept before encryption) is encrypted on the way, every row kept, and
    its attachment files sealed. What a start needs is read once, so damage shows now.

    Args:
        start_afresh: the technician agreed: a damaged cache is put aside (never
            overwritten) and what can be read of it is copied into a new one (one whose
            key is lost is put aside whole); a missing, empty or older cache is accepted.

    Raises:
        CredentialStoreUnavailable: no usable keyring.
        CacheDamagedError, CacheWentBack, CacheKeyLost: what the technician must decide
            (start afresh).
        DiskFullError: no room to open or encrypt it.
        ReadOnlyStorageError: the data folder cannot be written.
    """
    ensure_folders(paths)
    try:
        key = cache_key(paths, tokens)
    except CacheKeyLost:
        if not start_afresh:
            raise
        put_aside(paths.cache_db)  # unreadable without its key, but never thrown away
        key = cache_key(paths, tokens)
    mark = load_watermark(paths, tokens)
    if mark is not None and not _has_content(paths) and not start_afresh:
        gone = _went_back(paths, mark, None)
        assert gone is not None  # no store: always a sentence
        raise gone
    rescue: Rescue | None = None
    try:
        store = _open_checked(paths, key)
    except DatabaseError as error:
        if not start_afresh:
            raise CacheDamagedError(
                QT_TRANSLATE_NOOP(
                    "CacheError",
                    "This laptop's cache ({cache}) is damaged ({reason}), so FieldApp cannot "
                    "read it. Nothing has been changed or sent yet. To keep it aside, save what "
                    "can still be read (unsynced work first) and start afresh, run `main.py "
                    "sync --start-afresh` or choose Start afresh in the app.",
                ),
                {"cache": paths.cache_db, "reason": describe_damage(error)},
            ) from None
        kept = put_aside(paths.cache_db)
        store = open_store(paths, key)
        rescue = rescue_into(store, kept, key)
    store.rescue = rescue
    if mark is None:
        return store
    if start_afresh:
        _remember_account(store, mark)
        forget_watermark(paths, tokens)
        return store
    behind = _went_back(paths, mark, store)
    if behind:
        store.dispose()
        raise behind
    return store


def _open_checked(paths: AppPaths, key: bytes) -> Store:
    store = open_store(paths, key)
    try:
        with store.engine.connect() as connection:
            check_readable(connection)
    except BaseException:
        store.dispose()
        raise
    return store


def _remember_account(store: Store, mark: Watermark) -> None:
    """A cache started afresh still knows whose it is (so a sync needs no --username)."""
    with store.session() as session, session.begin():
        if get_meta(session, SERVER_URL) is None:
            set_meta(session, SERVER_URL, mark.server_url)
            set_meta(session, USERNAME, mark.username)
