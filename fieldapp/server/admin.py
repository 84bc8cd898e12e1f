"""Administration the CLI calls: users (add, disable, enable, new password), bulk visit
import, and the dispatch services."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.events import unstorable_reason
from fieldapp.protocol import Role
from fieldapp.server import devices
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.devices import AssetImportError
from fieldapp.server.dispatch import cancel_visit, create_visit, update_visit
from fieldapp.server.errors import ApiError
from fieldapp.server.imports import (
    VisitImportError,
    check_rows,
    create_visits,
    parse_rows,
    plan_import,
)
from fieldapp.server.migrate import upgrade_engine
from fieldapp.server.models import User, Visit
from fieldapp.server.security import Passwords, revoke_all_tokens
from fieldapp.server.settings import ServerSettings

__all__ = [
    "AssetImportError",
    "VisitImportError",
    "add_user",
    "admin_session",
    "cancel_visit",
    "create_visit",
    "import_assets",
    "import_rows",
    "import_visits",
    "parse_rows",
    "set_password",
    "set_user_active",
    "update_visit",
]

_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")


@contextmanager
def admin_session(settings: ServerSettings) -> Iterator[Session]:
    """A session on the settings' database, migrated to head, in one write transaction that
    commits when the block ends (rolls back on an exception). For the CLI's admin commands.
    """
    engine = make_engine(settings.database_url)
    try:
        upgrade_engine(engine)
        with make_sessionmaker(engine)() as session, write_transaction(session):
            yield session
    finally:
        engine.dispose()


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    full_name: str = "",
    *,
    passwords: Passwords | None = None,
) -> User:
    """Create an active user with an argon2 password hash. The caller commits.

    Raises:
        ApiError: invalid username/role/password (422) or the username is taken (409).
    """
    if not _USERNAME.fullmatch(username):
        raise ApiError(
            422, "invalid_username", "A username is 1-64 letters, digits or _ . @ - characters."
        )
    try:
        role = Role(role)
    except ValueError:
        raise ApiError(422, "invalid_role", "The role must be technician or supervisor.") from None
    _check_password(password)
    if unstorable_reason(full_name) or len(full_name) > 500:
        # A command-line argument that is not UTF-8 arrives with lone surrogates in it.
        raise ApiError(
            422,
            "invalid_full_name",
            "The full name must be at most 500 characters of text (no NUL, valid UTF-8).",
        )
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ApiError(409, "user_exists", f"The user '{username}' already exists.")
    hasher = passwords or Passwords(ServerSettings())
    user = User(
        username=username,
        full_name=full_name,
        role=role.value,
        password_hash=hasher.hash(password),
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    return user


def _check_password(password: str) -> None:
    if not password or len(password) > 1024 or unstorable_reason(password):
        raise ApiError(422, "invalid_password", "The password must be 1-1024 characters (no NUL).")


def _existing_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ApiError(404, "unknown_user", f"There is no user '{username}'.")
    return user


def set_user_active(session: Session, username: str, active: bool, now: datetime) -> int:
    """Enable or disable a user. Disabling also revokes every token of the user, so each of
    their sessions ends at its next request. The caller commits.

    Returns:
        How many live tokens were revoked.

    Raises:
        ApiError: 404 unknown_user.
    """
    user = _existing_user(session, username)
    user.active = active
    return 0 if active else revoke_all_tokens(session, user.id, now)


def set_password(
    session: Session, username: str, password: str, passwords: Passwords, now: datetime
) -> int:
    """Give a user a new password and revoke every token of the user. The caller commits.

    Returns:
        How many live tokens were revoked.

    Raises:
        ApiError: 404 unknown_user, 422 invalid_password.
    """
    _check_password(password)
    user = _existing_user(session, username)
    user.password_hash = passwords.hash(password)
    return revoke_all_tokens(session, user.id, now)


def _read_rows(path: Path) -> list[tuple[str, object]]:
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise VisitImportError([f"cannot read {path.name}: {error}"]) from None
    if suffix not in (".json", ".csv"):
        raise VisitImportError([f"{path.name}: only .json and .csv files can be imported"])
    return parse_rows(text, suffix[1:], path.name)


def import_visits(session: Session, path: str | Path, now: datetime | None = None) -> list[Visit]:
    """Create the visits listed in a JSON file (a list of VisitCreate objects) or a CSV file
    (header row = VisitCreate field names, assignee by username).

    All or nothing: every row is checked first (see fieldapp.server.imports), and nothing
    is written unless all of them can be created. The caller owns the transaction.

    Raises:
        VisitImportError: names each bad row and field.
    """
    return import_rows(session, _read_rows(Path(path)), now or datetime.now(UTC))


def import_assets(session: Session, path: str | Path, now: datetime | None = None) -> str:
    """Add the devices of a JSON or CSV asset list to the asset list (see
    fieldapp.server.devices.import_assets), all or nothing; a sentence saying what changed.

    Raises:
        AssetImportError: names each bad row and field.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AssetImportError([f"cannot read {path.name}: {error}"]) from None
    if suffix not in (".json", ".csv"):
        raise AssetImportError([f"{path.name}: only .json and .csv files can be imported"])
    rows = devices.parse_asset_rows(text, suffix[1:], path.name)
    result = devices.import_assets(session, rows, now or datetime.now(UTC))
    return (
        f"{result.created} devices added to the asset list and {result.updated} updated "
        f"from {path.name}."
    )


def import_rows(session: Session, rows: Sequence[tuple[str, object]], now: datetime) -> list[Visit]:
    """Create the visits of `rows` (see parse_rows), all or nothing; see import_visits."""
    ids = create_visits(session, plan_import(session, check_rows(rows), now), now)
    by_id = {
        visit.id: visit
        for start in range(0, len(ids), 500)
        for visit in session.scalars(select(Visit).where(Visit.id.in_(ids[start : start + 500])))
    }
    return [by_id[visit_id] for visit_id in ids]
