"""Admin services: users (add, disable, enable, new password), visit import (JSON, CSV, all or
nothing), demo data, migrations."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import ValidationError
from sqlalchemy import Column, select

from fieldapp.protocol import VisitCreate
from fieldapp.server.admin import (
    VisitImportError,
    add_user,
    admin_session,
    import_visits,
    set_password,
    set_user_active,
)
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.demo_data import DEMO_PASSWORD, seed_demo
from fieldapp.server.errors import ApiError
from fieldapp.server.migrate import upgrade_database
from fieldapp.server.models import ChangeLog, User, Visit
from fieldapp.server.schema import metadata
from fieldapp.server.security import Passwords
from fieldapp.server.settings import ServerSettings
from tests.server.helpers import Live, visit_body

ROOT = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    fields = sorted({k for row in rows for k in row})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return path


def test_migrations_create_exactly_the_models(database_url: str) -> None:
    upgrade_database(database_url)
    upgrade_database(database_url)  # a second run is a no-op
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection, warnings.catch_warnings():
            # SQLite's reflection (and so alembic's comparison) skips indexes on expressions:
            # there, they are checked by name below.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expr")
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
            listed = "SELECT name FROM sqlite_master WHERE type = 'index'"
            on_sqlite = connection.dialect.name == "sqlite"
            indexes = set(connection.exec_driver_sql(listed).scalars()) if on_sqlite else set()
    finally:
        engine.dispose()
    on_expressions = {
        index.name
        for table in metadata.tables.values()
        for index in table.indexes
        if not all(isinstance(e, Column) for e in index.expressions)
    }
    assert on_expressions
    if on_sqlite:
        assert on_expressions <= indexes


def test_add_user_checks_its_input(live: Live) -> None:
    username = live.user()
    with live.db() as session:
        with pytest.raises(ApiError, match="already exists"):
            add_user(session, username, "pw", "technician", passwords=live.app.state.passwords)
        with pytest.raises(ApiError, match="technician or supervisor"):
            add_user(session, "newbie", "pw", "boss", passwords=live.app.state.passwords)
        with pytest.raises(ApiError, match="username"):
            add_user(session, "has space", "pw", "technician", passwords=live.app.state.passwords)
        with pytest.raises(ApiError, match="password"):
            add_user(session, "newbie", "", "technician", passwords=live.app.state.passwords)
        stored = session.scalars(select(User).where(User.username == username)).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert "pw-" not in stored.password_hash


def test_import_json_and_csv(live: Live, tmp_path: Path) -> None:
    tech = live.user()
    json_rows = [visit_body(tech), visit_body(None, impact="high", priority="high")]
    csv_rows = [visit_body(tech, estimated_minutes=45), visit_body(None, deadline=None)]
    json_file = tmp_path / "visits.json"
    json_file.write_text(json.dumps(json_rows), encoding="utf-8")
    csv_file = write_csv(tmp_path / "visits.csv", csv_rows)

    with live.db() as session:
        from_json = import_visits(session, json_file)
        from_csv = import_visits(session, csv_file)
        technician = session.scalars(select(User).where(User.username == tech)).one()
        assigned = session.scalars(
            select(Visit.reference).where(Visit.assignee_id == technician.id)
        ).all()
        minutes = from_csv[0].estimated_minutes

    assert len(from_json) == len(from_csv) == 2
    assert sorted(assigned) == sorted([json_rows[0]["reference"], csv_rows[0]["reference"]])
    assert minutes == 45
    assert live.login(tech).all_changes()[0]["kind"] == "visit"


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_import_with_a_bad_row_imports_nothing(live: Live, tmp_path: Path, suffix: str) -> None:
    tech = live.user()
    rows = [visit_body(tech), visit_body(tech, window_start="next tuesday"), visit_body(tech)]
    path = tmp_path / f"visits{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        write_csv(path, rows)
    before = live.count(Visit)

    with live.db() as session, pytest.raises(VisitImportError) as info:
        import_visits(session, path)

    where = "item 2" if suffix == ".json" else "line 3"
    assert f"{where}, field 'window_start'" in info.value.message
    assert live.count(Visit) == before


def test_import_rolls_back_rows_that_fail_in_the_database(live: Live, tmp_path: Path) -> None:
    tech = live.user()
    rows = [visit_body(tech), visit_body("no-such-technician")]
    path = tmp_path / "visits.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    before = (live.count(Visit), live.count(ChangeLog))

    with live.db() as session, pytest.raises(VisitImportError, match="item 2"):
        import_visits(session, path)
    # even a caller that goes on to commit keeps nothing
    with live.db() as session, pytest.raises(VisitImportError):
        import_visits(session, path)

    assert (live.count(Visit), live.count(ChangeLog)) == before


def test_import_names_unknown_csv_columns(live: Live, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "visits.csv", [{**visit_body(), "colour": "red"}])

    with live.db() as session, pytest.raises(VisitImportError, match="'colour'"):
        import_visits(session, path)


def test_seed_demo_builds_a_site_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    upgrade_database(url)
    engine = make_engine(url)
    settings = ServerSettings(data_dir=tmp_path, argon2_time_cost=1, argon2_memory_kib=1024)
    passwords = Passwords(settings)
    try:
        sessions = make_sessionmaker(engine)
        now = datetime.now(UTC)
        with sessions() as session, write_transaction(session):
            assert seed_demo(session, now, passwords=passwords)
        with sessions() as session, write_transaction(session):
            assert not seed_demo(session, now, passwords=passwords)
            visits = session.scalars(select(Visit)).all()
            users = {u.username: u for u in session.scalars(select(User))}
            buildings = {v.building for v in visits}
            incident = [v for v in visits if v.incident_ref]
    finally:
        engine.dispose()

    assert len(visits) >= 20
    assert {"kyra", "jb", "tony", "sam"} <= set(users)
    assert users["sam"].role == "supervisor"
    assert passwords.verify(users["kyra"].password_hash, DEMO_PASSWORD)
    assert len(buildings) >= 2
    assert len(incident) >= 3


def test_settings_defaults_and_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDAPP_DATABASE_URL", raising=False)
    settings = ServerSettings(data_dir=tmp_path)

    assert settings.database_url == f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert settings.token_ttl_hours == 12
    assert settings.login_max_failures == 5
    assert settings.tombstone_horizon_days == 30
    normalised = ServerSettings(database_url="postgresql://u:p@db/fieldapp")
    assert normalised.database_url == "postgresql+psycopg://u:p@db/fieldapp"
    with pytest.raises(ValidationError):
        ServerSettings(database_url="mysql://nope")
    with pytest.raises(ValidationError):
        ServerSettings(max_page=10**9)


def test_visit_create_fields_are_all_columns() -> None:
    columns = set(Visit.__table__.columns.keys())

    assert set(VisitCreate.model_fields) - {"assignee"} <= columns


def test_settings_read_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FIELDAPP_TOKEN_TTL_HOURS", "2")
    monkeypatch.setenv("FIELDAPP_DATABASE_URL", "postgres://u@db/x")

    settings = ServerSettings()

    assert settings.data_dir == tmp_path
    assert settings.token_ttl_hours == 2
    assert settings.database_url == "postgresql+psycopg://u@db/x"


def test_admin_session_migrates_and_commits(tmp_path: Path) -> None:
    settings = ServerSettings(
        data_dir=tmp_path / "new" / "dir", argon2_time_cost=1, argon2_memory_kib=1024
    )
    passwords = Passwords(settings)
    with admin_session(settings) as session:
        add_user(session, "kyra", "secret", "technician", "Kyra Jones", passwords=passwords)

    def add_two() -> None:
        with admin_session(settings) as session:
            add_user(session, "jb", "secret", "technician", passwords=passwords)
            add_user(session, "kyra", "again", "technician", passwords=passwords)

    with pytest.raises(ApiError, match="already exists"):
        add_two()

    with admin_session(settings) as session:
        names = session.scalars(select(User.username)).all()
    assert names == ["kyra"]


def _admin(
    live: Live, tmp_path: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py"), "admin", "--data-dir", str(tmp_path)]
    command += ["--database-url", live.settings.database_url, *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def test_admin_disables_enables_and_resets_a_password(live: Live, tmp_path: Path) -> None:
    username = live.user()
    first, second = live.login(username), live.login(username)

    disabled = _admin(live, tmp_path, "disable-user", username)
    refused = first.get("/me")
    enabled = _admin(live, tmp_path, "enable-user", username)
    third = live.login(username)
    reset = _admin(live, tmp_path, "set-password", username, "--password-stdin", stdin="n3w\n")

    assert disabled.returncode == 0, disabled.stderr
    assert disabled.stdout.strip() == f"User {username} disabled; 2 session(s) ended."
    assert refused.json()["error"] == "account_disabled"
    assert second.get("/me").json()["error"] == "token_revoked"  # not revived by enabling
    assert enabled.stdout.strip() == f"User {username} enabled."
    assert reset.stdout.strip() == f"Password of {username} changed; 1 session(s) ended."
    assert third.get("/me").json()["error"] == "token_revoked"
    old = live.anonymous().post(
        "/auth/login", json={"username": username, "password": "pw-" + username}
    )
    assert old.status_code == 401
    assert live.login(username, "n3w").get("/me").status_code == 200


def test_admin_user_commands_refuse_unknown_users_and_bad_passwords(live: Live) -> None:
    username = live.user()
    now = datetime.now(UTC)
    passwords = live.app.state.passwords
    with live.db() as session:
        with pytest.raises(ApiError, match="no user 'nobody-here'"):
            set_user_active(session, "nobody-here", False, now)
        with pytest.raises(ApiError, match="no user 'nobody-here'"):
            set_password(session, "nobody-here", "pw", passwords, now)
        with pytest.raises(ApiError, match="password"):
            set_password(session, username, "", passwords, now)
    assert live.login(username).get("/me").status_code == 200
