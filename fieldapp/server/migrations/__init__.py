"""Alembic migrations of the server database (configured in code, see fieldapp.server.migrate)."""
