"""`admin backup` / `admin restore` as services, on each backend: a backup made while the
server serves, restored into a new database, serves a fresh laptop its visits and files; a
restore never overwrites a database in use unless forced; damaged or foreign backups are
refused in a sentence."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp.server.backup import MANIFEST, BackupError, back_up, restore
from fieldapp.server.migrate import head_revision
from fieldapp.server.settings import ServerSettings
from fieldapp.store.recording import add_attachment
from tests.e2e.deploy_kit import laptop_visits
from tests.server.helpers import cheap_settings
from tests.support.postgres import PostgresServer
from tests.sync.harness import Server, laptop_for, running_server

PHOTO = b"photo of the docking station"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_url(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes fresh empty databases of the backend ('' is the data dir's SQLite file)."""
    if request.param == "sqlite":
        return lambda: ""
    postgres: PostgresServer = request.getfixturevalue("postgres_server")
    return postgres.create_database


def _site(server: Server, tmp_path: Path) -> tuple[str, str, set[str]]:
    """A technician with two visits, a photo on the first uploaded from her laptop."""
    username, password = server.add_technician()
    visits = {server.create_visit(username), server.create_visit(username)}
    with laptop_for(server.base_url, tmp_path / "old-laptop" / "cache.sqlite3", username,
                    password) as laptop:  # fmt: skip
        laptop.engine.sync()
        with laptop.store.session() as session, session.begin():
            add_attachment(
                session, laptop.store.attachments_dir, min(visits), PHOTO,
                filename="dock.jpg", media_type="image/jpeg", kind="photo",
                author=username, now=datetime.now(UTC),
            )  # fmt: skip
        summary = laptop.engine.sync()
    assert (summary.uploaded, summary.pushed) == (1, 1)
    return username, password, visits


def test_a_backup_made_while_serving_restores_into_a_server_a_laptop_syncs_with(
    new_url: Callable[[], str], tmp_path: Path
) -> None:
    with running_server(tmp_path / "server", new_url()) as server:
        username, password, visits = _site(server, tmp_path)
        settings: ServerSettings = server.app.state.settings
        made = back_up(settings, tmp_path / "backup")
    assert (made.files, made.schema_revision, made.damaged) == (1, head_revision(), [])
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    assert manifest["backend"] == made.backend
    assert not (tmp_path / "backup.partial").exists()

    target = cheap_settings(tmp_path / "restored", new_url())
    restored = restore(target, tmp_path / "backup")
    assert (restored.files, restored.file_bytes) == (1, len(PHOTO))

    with (
        running_server(tmp_path / "restored", target.database_url) as again,
        laptop_for(
            again.base_url, tmp_path / "new-laptop" / "cache.sqlite3", username, password
        ) as laptop,  # fmt: skip
    ):
        summary = laptop.engine.sync()
        assert laptop_visits(laptop) == visits
        assert summary.fetched == 1  # the photo, from the restored files


def test_a_restore_refuses_a_database_in_use_unless_forced(
    new_url: Callable[[], str], tmp_path: Path
) -> None:
    with running_server(tmp_path / "server", new_url()) as server:
        _site(server, tmp_path)
        settings: ServerSettings = server.app.state.settings
        back_up(settings, tmp_path / "backup")
        with pytest.raises(BackupError, match="already holds attachment files"):
            restore(settings, tmp_path / "backup")
        other_files = cheap_settings(tmp_path / "elsewhere", settings.database_url)
        # the server's connections, or (SQLite) its tables, say it is in use
        with pytest.raises(BackupError, match=r"connection|already holds data"):
            restore(other_files, tmp_path / "backup")
    forced = restore(settings, tmp_path / "backup", force=True)
    assert forced.files == 1
    with running_server(tmp_path / "server", settings.database_url) as server:
        assert len(server.event_ids()) == 1


def test_backups_that_cannot_be_restored_here_are_refused_plainly(tmp_path: Path) -> None:
    with running_server(tmp_path / "server") as server:
        _site(server, tmp_path)
        back_up(server.app.state.settings, tmp_path / "backup")
    target = cheap_settings(tmp_path / "new", "")
    with pytest.raises(BackupError, match="already exists: give a new directory"):
        back_up(server.app.state.settings, tmp_path / "backup")
    with pytest.raises(BackupError, match="is not a FieldApp backup"):
        restore(target, tmp_path)

    manifest_path = tmp_path / "backup" / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps(manifest | {"schema_revision": "0999_future"}))
    with pytest.raises(BackupError, match="newer than this FieldApp"):
        restore(target, tmp_path / "backup")
    manifest_path.write_text(json.dumps(manifest | {"backend": "postgresql"}))
    with pytest.raises(BackupError, match="of a postgresql database and the server uses sqlite"):
        restore(target, tmp_path / "backup")


def test_a_damaged_file_is_left_out_and_named(tmp_path: Path) -> None:
    with running_server(tmp_path / "server") as server:
        _site(server, tmp_path)
        settings: ServerSettings = server.app.state.settings
    (stored,) = [p for p in settings.attachment_dir.glob("??/*") if p.is_file()]
    stored.write_bytes(b"not what it was")

    made = back_up(settings, tmp_path / "backup")

    assert (made.files, made.damaged) == (0, [stored.name])
    assert "no longer have the bytes their name promises" in made.sentence("Backup made in")
