"""Alembic environment for the laptop cache: runs on the connection open_store hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from fieldapp.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the cache migrations run only through fieldapp.store.open_store")

# render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
