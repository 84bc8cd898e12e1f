"""The probes a load balancer, compose or systemd asks: live, ready, and what 'not ready' says;
a worker of several never migrates, it refuses a database its parent did not migrate."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from sqlalchemy import text

from fieldapp.server.app import create_app
from fieldapp.server.migrate import head_revision
from tests.server.helpers import Live, cheap_settings


def test_live_answers_without_a_login(live: Live) -> None:
    answer = requests.get(f"{live.base_url}/health/live", timeout=10)

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}
    assert answer.headers["Cache-Control"] == "no-store"


def test_ready_names_the_schema_it_serves(live: Live) -> None:
    answer = requests.get(f"{live.base_url}/health/ready", timeout=10)

    assert answer.status_code == 200
    assert answer.json() == {"status": "ready", "schema_revision": head_revision()}


def test_not_ready_while_the_database_is_at_another_schema(fresh_live: Live) -> None:
    with fresh_live.db() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        answer = requests.get(f"{fresh_live.base_url}/health/ready", timeout=10)
    finally:
        with fresh_live.db() as session:
            session.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )

    assert answer.status_code == 503
    body = answer.json()
    assert body["error"] == "not_ready"
    assert f"at schema 0001, this server needs {head_revision()}" in body["message"]
    assert requests.get(f"{fresh_live.base_url}/health/live", timeout=10).status_code == 200


def test_not_ready_when_the_attachments_cannot_be_kept(fresh_live: Live) -> None:
    directory = fresh_live.settings.attachment_dir
    moved = directory.with_name("attachments-away")
    directory.rename(moved)
    try:
        answer = requests.get(f"{fresh_live.base_url}/health/ready", timeout=10)
    finally:
        moved.rename(directory)

    assert answer.status_code == 503
    assert "attachments directory" in answer.json()["message"]


def test_a_worker_refuses_a_database_nobody_migrated(database_url: str, tmp_path: Path) -> None:
    settings = cheap_settings(tmp_path, database_url)

    with pytest.raises(RuntimeError, match="at schema none, this server needs"):
        create_app(settings, prepare=False)
    app = create_app(settings)  # the parent's way: migrates
    app.state.engine.dispose()
    worker = create_app(settings, prepare=False)
    worker.state.engine.dispose()
