"""Alembic environment for the laptop cache: runs on the connection open_store hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from fieldapp.store.models import Base
from fieldapp.store.search import is_search_table

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the cache migrations run only through fieldapp.store.open_store")


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Leave the FTS5 search tables (raw SQL in migration 0003) out of autogenerate."""
    return not (type_ == "table" and is_search_table(name))


# render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table
# (a revision that copies `visits` must then rebuild the search index: see 0003).
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
