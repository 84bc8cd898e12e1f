"""Apply the server's Alembic migrations from code: no alembic.ini needed at runtime."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect, text

from fieldapp.server.db import WRITE_OPTION, make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant: PostgreSQL advisory lock so API processes starting together migrate in turn.
_MIGRATION_LOCK_KEY = 0x46_49_45_4C_44


def alembic_config() -> Config:
    """An Alembic Config pointing at fieldapp/server/migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision`, in one transaction."""
    config = alembic_config()
    with engine.connect() as plain:
        connection = plain.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def upgrade_database(url: str, revision: str = "head") -> None:
    """Upgrade the database at `url` to `revision` (the newest by default)."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine, revision)
    finally:
        engine.dispose()


@functools.cache
def head_revision() -> str:
    """The newest revision this version of the server knows (read once per process)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("the server's migrations are missing")
    return head


def knows_revision(revision: str) -> bool:
    """Whether `revision` is one of this server's (a database from a newer version is not)."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def schema_revision(engine: Engine) -> str | None:
    """The revision the database behind `engine` is at (None: never migrated)."""
    # The table itself rather than Alembic's MigrationContext, which logs at every call
    # (this is the readiness probe's question).
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision: str | None = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return revision
