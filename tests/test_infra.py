"""Tests of the test infrastructure itself: PostgreSQL, uvicorn and the Secret Service keyring."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import keyring
import psycopg
import pytest
import requests
from fastapi import FastAPI
from keyring.backends import SecretService

from tests.support.postgres import PostgresServer
from tests.support.servers import REPO_ROOT, free_port, running_uvicorn


@pytest.mark.postgres
def test_postgres_server_creates_separate_databases(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database()
    second = postgres_server.create_database("named_db")

    assert first != second
    assert second == f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/named_db"
    for name in (first.rsplit("/", 1)[1], "named_db"):
        with psycopg.connect(postgres_server.conninfo(name)) as conn:
            assert conn.execute("select 1").fetchone() == (1,)


def test_free_port_is_bindable() -> None:
    port = free_port()

    assert 1024 <= port <= 65535


def test_running_uvicorn_serves_an_app() -> None:
    app = FastAPI()

    @app.get("/ping")
    def ping(name: str = "world") -> dict[str, str]:  # sync: runs in a worker thread
        return {"hello": name}

    with running_uvicorn(app) as base_url:
        response = requests.get(f"{base_url}/ping", params={"name": "infra"}, timeout=5)

    assert response.status_code == 200
    assert response.json() == {"hello": "infra"}
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base_url}/ping", timeout=5)


def test_keyring_round_trip_through_secret_service() -> None:
    if os.environ.get("FIELDAPP_KEYRING_HARNESS") != "1":
        reason = "not under tests/support/with_keyring.sh (run `make test`)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"the keyring harness is required under CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    service, user = f"fieldapp-test-{uuid.uuid4()}", "technician@example.org"

    assert isinstance(keyring.get_keyring(), SecretService.Keyring)
    keyring.set_password(service, user, "s3cret")
    assert keyring.get_password(service, user) == "s3cret"
    keyring.delete_password(service, user)
    assert keyring.get_password(service, user) is None


SYSTEM_PACKAGES = REPO_ROOT / "tests" / "support" / "install_system_packages.sh"


def _stub(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def test_system_packages_are_all_there_on_this_machine() -> None:
    done = subprocess.run(
        ["bash", str(SYSTEM_PACKAGES), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_system_packages_name_the_one_command_when_not_root(tmp_path: Path) -> None:
    # A machine where nothing is installed yet, seen by a user who is not root.
    _stub(tmp_path, "dpkg-query", "exit 1")
    _stub(tmp_path, "id", 'if [ "$1" = -u ] && [ -z "$2" ]; then echo 1000; else exit 1; fi')
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", str(SYSTEM_PACKAGES)], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 1
    assert "gnome-keyring" in done.stderr
    assert "dbus" in done.stderr
    if shutil.which("apt-get"):
        assert "sudo bash tests/support/install_system_packages.sh" in done.stderr
