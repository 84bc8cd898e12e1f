"""Alembic migrations of the laptop cache, applied programmatically when the store opens."""
