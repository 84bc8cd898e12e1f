"""Tests of the central sync server, against a real uvicorn and real SQLite/PostgreSQL."""
