"""Alembic environment: runs on the connection fieldapp.server.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from fieldapp.server.schema import metadata

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only with a hand-made alembic.ini
    raise RuntimeError("run migrations through fieldapp.server.migrate.upgrade_database()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
context.run_migrations()
