"""The cache at rest: SQLCipher-encrypted, files sealed and private, a plain cache encrypted
on first start without losing unsynced work."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from fieldapp.domain import EventType
from fieldapp.paths import AppPaths
from fieldapp.store import Store, add_attachment, apply_changes_page, open_store, record_event
from fieldapp.store.cipher import SQLITE_HEADER, is_plain_sqlite, is_sealed, new_cache_key
from fieldapp.store.files import AttachmentDamaged
from fieldapp.store.models import AttachmentRow, EventRow, OutboxRow
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, server_visit

VISIT = "v-secret"
CUSTOMER = "Philippa Quarrington-Voss"
NOTE = "The payroll spreadsheet of Quarrington is on the desktop."
PHOTO = b"\x89PNG fake photo of the Quarrington payroll screen"


def _fill(store: Store, target: object) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(
            session, PageBuilder().visit(server_visit(VISIT, customer_name=CUSTOMER)).page()
        )
        record_event(session, VISIT, EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                     author=TECH, now=T0)  # fmt: skip
        record_event(session, VISIT, EventType.NOTE, {"text": NOTE}, author=TECH, now=T0)
        add_attachment(
            session, target, VISIT, PHOTO, filename="screen.png", media_type="image/png",  # type: ignore[arg-type]
            kind="screenshot", author=TECH, now=T0,
        )  # fmt: skip


def _counts(store: Store) -> tuple[int, int, int]:
    with store.read_session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (EventRow, OutboxRow, AttachmentRow)
        )


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_the_encrypted_cache_is_noise_private_and_unreadable_without_its_key(
    tmp_path: Path,
) -> None:
    paths = AppPaths(tmp_path / "laptop").ensure()
    key = new_cache_key()
    with open_store(paths, key) as store:
        _fill(store, store.files)
        with store.read_session() as session:
            pragmas = [
                session.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "temp_store", "cipher_version")
            ]
        assert pragmas[:3] == ["wal", 2, 2]  # WAL, FULL, MEMORY
        assert pragmas[3]  # SQLCipher is the driver
        everything = _all_bytes(paths.data_dir)  # the cache, its WAL, the attachment
        files = [p for p in paths.data_dir.rglob("*") if p.is_file()]
        assert all(_private(p) for p in files), [oct(p.stat().st_mode) for p in files]
    assert SQLITE_HEADER not in everything
    for needle in (CUSTOMER, NOTE, "Quarrington"):
        assert needle.encode() not in everything
        assert needle.encode("utf-16-le") not in everything
    assert PHOTO not in everything

    with pytest.raises(DatabaseError, match="not a database"):
        open_store(paths, new_cache_key())  # another key reads nothing
    with pytest.raises(DatabaseError, match="not a database"):
        open_store(paths)  # nor does no key

    with open_store(paths, key) as again:
        assert _counts(again) == (3, 3, 1)


def test_a_plain_cache_is_encrypted_at_first_start_with_its_unsynced_work(
    tmp_path: Path,
) -> None:
    paths = AppPaths(tmp_path / "laptop").ensure()
    with open_store(paths) as plain:  # a cache kept before encryption
        _fill(plain, paths)
        before = _counts(plain)
    [kept] = [p for p in paths.attachments_dir.rglob("*") if p.is_file()]
    assert kept.read_bytes() == PHOTO
    assert is_plain_sqlite(paths.cache_db)

    key = new_cache_key()
    with open_store(paths, key) as store:
        assert _counts(store) == before == (3, 3, 1)
        with store.read_session() as session:
            row = session.scalars(select(AttachmentRow)).one()
            intact = session.execute(text("PRAGMA integrity_check")).scalar()
        assert intact == "ok"
        assert store.files.read(row.path) == PHOTO
    assert not is_plain_sqlite(paths.cache_db)
    assert is_sealed(kept.read_bytes())
    assert not [p.name for p in paths.data_dir.iterdir() if p.name.endswith(".encrypting")]
    everything = _all_bytes(paths.data_dir)
    assert CUSTOMER.encode() not in everything
    assert PHOTO not in everything

    with open_store(paths, key) as again:  # later starts find nothing left to migrate
        assert _counts(again) == before


def test_a_sealed_file_moved_or_altered_does_not_open(tmp_path: Path) -> None:
    with open_store(AppPaths(tmp_path / "laptop").ensure(), new_cache_key()) as store:
        relative = store.files.write("ab" * 32, b"first")
        other = store.files.write("cd" * 32, b"second")
        store.files.path(other).write_bytes(store.files.path(relative).read_bytes())
        with pytest.raises(AttachmentDamaged):
            store.files.read(other)
        sealed = bytearray(store.files.path(relative).read_bytes())
        sealed[-1] ^= 1
        store.files.path(relative).write_bytes(bytes(sealed))
        with pytest.raises(AttachmentDamaged):
            store.files.read(relative)
