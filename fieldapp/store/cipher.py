"""The cache's secrecy at rest: its SQLCipher key, sealing attachment files, and turning a
plain cache into an encrypted one without losing a row."""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from importlib import import_module
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import URL

KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"
# A sealed file: this magic, a 12-byte nonce, then AES-256-GCM ciphertext and tag.
SEALED_MAGIC = b"FAENC1\x00\x00"
_NONCE_BYTES = 12
_TAG_BYTES = 16
SEAL_OVERHEAD = len(SEALED_MAGIC) + _NONCE_BYTES + _TAG_BYTES


class CacheKeyError(ValueError):
    """A cache key that is not 32 bytes (or 64 hex digits)."""


def new_cache_key() -> bytes:
    """A fresh random 256-bit key for a new cache."""
    return secrets.token_bytes(KEY_BYTES)


def key_from_text(text: str) -> bytes:
    """The key kept in the keyring as hex, back to bytes."""
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise CacheKeyError("the cache key in the keyring is not hexadecimal") from None
    if len(key) != KEY_BYTES:
        raise CacheKeyError("the cache key in the keyring is not 256 bits")
    return key


def sqlcipher_url(db_path: Path, key: bytes) -> URL:
    """The SQLAlchemy URL of the encrypted cache (dialect sqlite+pysqlcipher).

    The key is raw (`PRAGMA key = "x'<hex>'"`, as the dialect quotes the password), so
    SQLCipher runs no PBKDF2 over it on each connection: it is random already.
    """
    if len(key) != KEY_BYTES:
        raise CacheKeyError("a cache key is 256 bits")
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(db_path))


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose).derive(key)


class FileSealer:
    """Seal and open attachment files with AES-256-GCM under a key derived from the cache's.

    The file's SHA-256 (its name) is the associated data: a sealed file moved under another
    name does not open.
    """

    def __init__(self, cache_key: bytes) -> None:
        self._aead = AESGCM(_derive(cache_key, b"FieldApp attachment files v1"))

    def __repr__(self) -> str:
        return "FileSealer()"

    def seal(self, sha256: str, data: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return SEALED_MAGIC + nonce + self._aead.encrypt(nonce, data, sha256.encode())

    def open(self, sha256: str, sealed: bytes) -> bytes:
        """The plain bytes of a sealed file.

        Raises:
            InvalidTag: the file is not sealed with this key under this name, or was altered.
        """
        if not is_sealed(sealed):
            raise InvalidTag()
        start = len(SEALED_MAGIC)
        nonce = sealed[start : start + _NONCE_BYTES]
        return self._aead.decrypt(nonce, sealed[start + _NONCE_BYTES :], sha256.encode())


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_MAGIC)


def is_plain_sqlite(db_path: Path) -> bool:
    """Whether `db_path` is an unencrypted SQLite file (an encrypted one starts with noise)."""
    try:
        with db_path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def fsync_dir(directory: Path) -> None:
    """Make the names just created or renamed in `directory` survive a crash."""
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def encrypt_plain_cache(db_path: Path, key: bytes) -> None:
    """Turn the plain cache at `db_path` into an encrypted one, every row kept.

    The plain file's WAL is checkpointed into it first, the encrypted copy is written and
    fsynced beside it, and only then replaces it (an atomic rename): a crash at any point
    leaves either the plain cache whole or the encrypted one whole.
    """
    sqlcipher3 = import_module("sqlcipher3")  # no type stubs: used through ModuleType
    temp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex}.encrypting")
    connection = sqlcipher3.connect(str(db_path), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # errors are raised, not printed
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(temp), f"x'{key.hex()}'"))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("DETACH DATABASE encrypted")
    except BaseException:
        connection.close()
        temp.unlink(missing_ok=True)
        raise
    connection.close()  # the last connection: SQLite removes the plain -wal and -shm files
    try:
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        temp.chmod(0o600)
        temp.replace(db_path)
    finally:
        temp.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):  # emptied by the checkpoint; none may remain
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + suffix).unlink()
    fsync_dir(db_path.parent)
