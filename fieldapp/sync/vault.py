"""The encrypted cache's key, kept in the keyring beside the login token: open the cache
with it (made on first start, an old plain cache encrypted then), and forget it."""

from __future__ import annotations

from fieldapp.paths import AppPaths
from fieldapp.store import Store, open_store
from fieldapp.store.cipher import CacheKeyError, is_plain_sqlite, key_from_text, new_cache_key
from fieldapp.sync.credentials import TokenStore

KEY_SERVICE = "FieldApp cache key"


class CacheUnavailable(Exception):
    """The cache cannot be opened as it stands; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    raise CacheUnavailable(
        f"This laptop's cache ({paths.cache_db}) is encrypted, but the system keyring no "
        "longer holds its key (the keyring was reset, or the cache was copied from another "
        "computer), so it cannot be read. Log in and sync to start afresh; work not synced "
        "from it cannot be recovered here."
    )


def forget_cache_key(paths: AppPaths, tokens: TokenStore) -> None:
    """Remove the cache's key from the keyring (the cache must be erased first)."""
    tokens.delete_secret(KEY_SERVICE, key_name(paths))


def open_private_store(paths: AppPaths, tokens: TokenStore) -> Store:
    """Open the app's encrypted cache with its key from the keyring.

    A plain cache (kept before encryption) is encrypted on the way, every row kept, and
    its attachment files sealed.

    Raises:
        CredentialStoreUnavailable: no usable keyring.
        CacheUnavailable: the cache cannot be read (its key is lost).
        DiskFullError: no room to open or encrypt it.
    """
    paths.ensure()
    return open_store(paths, cache_key(paths, tokens))
