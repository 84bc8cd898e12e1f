"""Backups of a server and their restore: the database (SQLite's online backup API, safe while
the server serves; pg_dump and pg_restore for PostgreSQL) and the attachment files, together
in one directory with a manifest.

A backup is made in `<destination>.partial` and renamed into place when whole, so a
directory under the chosen name is always a complete backup. The database is copied first
and the files after: an upload made in between is then in the backup as a file the database
does not name yet (harmless), never a file the database names but the backup lacks.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from fieldapp import __version__
from fieldapp.server.backup_files import copy_files, fsync_tree
from fieldapp.server.blobs import INCOMING
from fieldapp.server.db import SQLITE_BUSY_TIMEOUT_MS, make_engine
from fieldapp.server.migrate import head_revision, knows_revision, schema_revision
from fieldapp.server.settings import ServerSettings

MANIFEST = "manifest.json"
ATTACHMENTS = "attachments"
_DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
_FORMAT = 1
# pg_dump/pg_restore give up after this long; a site's database takes seconds to minutes.
_PG_TIMEOUT_SECONDS = 6 * 3600


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    """What a backup or a restore did."""

    path: Path
    backend: str
    schema_revision: str
    files: int
    file_bytes: int
    damaged: list[str] = field(default_factory=list)  # files whose bytes no longer match

    def sentence(self, verb: str) -> str:
        size = f"{self.file_bytes / 1e6:.1f} MB"
        said = (
            f"{verb} {self.path}: the database ({self.backend}, schema {self.schema_revision}) "
            f"and {self.files} attachment file(s), {size}."
        )
        if self.damaged:
            said += (
                f" {len(self.damaged)} stored file(s) no longer have the bytes their name "
                f"promises and were left out: {', '.join(self.damaged[:5])}."
            )
        return said


def back_up(settings: ServerSettings, destination: Path) -> Outcome:
    """Copy the server's database and attachment files into the new directory `destination`.

    Safe while the server serves. Raises BackupError with a sentence when it cannot.
    """
    destination = destination.expanduser().absolute()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination} already exists: give a new directory for the backup.")
    partial = destination.with_name(destination.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)  # left by a backup that was interrupted
    try:
        partial.mkdir(parents=True, mode=0o700)
    except OSError as error:
        raise BackupError(f"Cannot create {partial}: {error.strerror}.") from None
    try:
        backend = _backend(settings)
        database = partial / _DATABASE_FILE[backend]
        if backend == "sqlite":
            revision = _sqlite_backup(_sqlite_path(settings), database)
        else:
            revision = _pg_dump(settings.database_url, database)
        files, size, damaged = copy_files(settings.attachment_dir, partial / ATTACHMENTS)
        manifest = {
            "format": _FORMAT,
            "fieldapp_version": __version__,
            "backend": backend,
            "schema_revision": revision,
            "created_at": datetime.now(UTC).isoformat(),
            "database": database.name,
            "attachment_files": files,
            "attachment_bytes": size,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        fsync_tree(partial)
        if destination.exists():
            destination.rmdir()  # empty, checked above
        partial.rename(destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Outcome(destination, backend, revision, files, size, damaged)


def restore(settings: ServerSettings, source: Path, *, force: bool = False) -> Outcome:
    """Put the backup in `source` in place of the settings' database and attachment files.

    Refuses, unless `force`, a database that holds anything or an attachments directory
    with files (a server in use, or one running); with `force`, the database is replaced
    whole and the backup's files join the ones there. Stop the server before forcing.
    Raises BackupError with a sentence when it cannot.
    """
    source = source.expanduser().absolute()
    manifest = _read_manifest(source)
    backend = _backend(settings)
    if manifest["backend"] != backend:
        raise BackupError(
            f"This backup is of a {manifest['backend']} database and the server uses "
            f"{backend}: restore it onto a {manifest['backend']} server."
        )
    revision = str(manifest["schema_revision"])
    if not knows_revision(revision):
        raise BackupError(
            f"This backup is at schema {revision}, newer than this FieldApp "
            f"({__version__}, schema {head_revision()}) knows: restore it with the version "
            f"that made it ({manifest.get('fieldapp_version', 'unknown')}) or a newer one."
        )
    database = source / str(manifest["database"])
    if not database.is_file():
        raise BackupError(f"The backup lacks its database file {database.name}.")
    if not force:
        _refuse_if_in_use(settings, backend)
    if backend == "sqlite":
        _sqlite_restore(database, _sqlite_path(settings))
    else:
        _pg_restore(settings.database_url, database, clean=force)
    files, size, damaged = copy_files(source / ATTACHMENTS, settings.attachment_dir)
    return Outcome(source, backend, revision, files, size, damaged)


def _backend(settings: ServerSettings) -> str:
    return "sqlite" if settings.is_sqlite else "postgresql"


def _sqlite_path(settings: ServerSettings) -> Path:
    database = make_url(settings.database_url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up or restored.")
    return Path(database).expanduser().absolute()


def _read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} is not a FieldApp backup (it has no {MANIFEST}).") from None
    except (OSError, ValueError) as error:
        raise BackupError(f"Cannot read {source / MANIFEST}: {error}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != _FORMAT:
        raise BackupError(f"{source / MANIFEST} is not a backup manifest this FieldApp reads.")
    if manifest.get("backend") not in _DATABASE_FILE or not manifest.get("schema_revision"):
        raise BackupError(f"{source / MANIFEST} names no database this FieldApp restores.")
    return manifest


def _refuse_if_in_use(settings: ServerSettings, backend: str) -> None:
    directory = settings.attachment_dir
    if directory.is_dir() and any(
        any(folder.iterdir())
        for folder in directory.iterdir()
        if folder.is_dir() and folder.name != INCOMING
    ):
        raise BackupError(
            f"{directory} already holds attachment files: restore into a new server, or stop "
            "this one and give --force to replace its database (its files are kept)."
        )
    if backend == "sqlite" and not _sqlite_path(settings).exists():
        return
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            others = 0
            if backend == "postgresql":
                others = connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
    except SQLAlchemyError as error:
        said = _first_line(error)
        raise BackupError(f"Cannot open the database to restore into: {said}") from None
    finally:
        engine.dispose()
    if others:
        raise BackupError(
            f"{others} other connection(s) use the database (a server running?): stop the "
            "server, then restore (--force if its database already holds data)."
        )
    if tables:
        raise BackupError(
            "The database to restore into already holds data: restore into a new one, or "
            "stop the server and give --force to replace it."
        )


def _sqlite_backup(source: Path, target: Path) -> str:
    if not source.is_file():
        raise BackupError(f"There is no server database at {source}.")
    origin = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    copy = sqlite3.connect(target)
    try:
        # SQLite's online backup: a consistent copy while the server reads and writes.
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise BackupError(f"The database copy is damaged ({verdict}); nothing was kept.")
        row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"Cannot copy the database {source}: {error}.") from None
    finally:
        copy.close()
        origin.close()
    if row is None:
        raise BackupError("The database has never been set up by a FieldApp server.")
    return str(row[0])


def _sqlite_restore(backup: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    origin = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    into = sqlite3.connect(target, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        # Through the backup API rather than a file copy: a -wal file left beside the old
        # database cannot then be replayed over the restored one.
        origin.backup(into)
    except sqlite3.Error as error:
        raise BackupError(f"Cannot restore into {target}: {error}.") from None
    finally:
        into.close()
        origin.close()


def _pg_revision(url: str) -> str:
    engine: Engine = make_engine(url)
    try:
        revision = schema_revision(engine)
    except SQLAlchemyError as error:
        raise BackupError(f"Cannot open the database: {_first_line(error)}") from None
    finally:
        engine.dispose()
    if revision is None:
        raise BackupError("The database has never been set up by a FieldApp server.")
    return revision


def _pg_command(url: str) -> tuple[str, dict[str, str]]:
    """The libpq address of `url` (no password in it: that goes in the environment)."""
    parsed = make_url(url)
    environment = dict(os.environ)
    if parsed.password is not None:
        environment["PGPASSWORD"] = str(parsed.password)
    address = parsed.set(drivername="postgresql", password=None)
    return address.render_as_string(hide_password=False), environment


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if installed:
        return str(installed[-1])
    raise BackupError(
        f"{name} is needed for a PostgreSQL database: install the PostgreSQL client tools "
        "of the server's version or newer (e.g. apt-get install postgresql-client)."
    )


def _run_pg(tool: str, arguments: list[str], url: str) -> None:
    address, environment = _pg_command(url)
    command = [_pg_tool(tool), *arguments, f"--dbname={address}"]
    try:
        done = subprocess.run(
            command,
            env=environment,
            capture_output=True,
            text=True,
            timeout=_PG_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackupError(f"{tool} could not run: {error}.") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{tool} failed: {said[-1] if said else f'exit {done.returncode}'}")


def _pg_dump(url: str, target: Path) -> str:
    revision = _pg_revision(url)
    _run_pg("pg_dump", ["--format=custom", f"--file={target}"], url)
    return revision


def _pg_restore(url: str, backup: Path, *, clean: bool) -> None:
    if clean:  # the whole schema goes: tables a newer version added must not stay behind
        engine = make_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        except SQLAlchemyError as error:
            raise BackupError(f"Cannot empty the database: {_first_line(error)}") from None
        finally:
            engine.dispose()
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run_pg("pg_restore", [*options, str(backup)], url)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
