"""Administration the CLI calls: users, bulk visit import, and the dispatch services."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.events import unstorable_reason
from fieldapp.protocol import Role, VisitCreate
from fieldapp.server import feed
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.dispatch import cancel_visit, create_visit, update_visit
from fieldapp.server.errors import ApiError
from fieldapp.server.migrate import upgrade_engine
from fieldapp.server.models import User, Visit
from fieldapp.server.security import Passwords
from fieldapp.server.settings import ServerSettings

__all__ = [
    "VisitImportError",
    "add_user",
    "admin_session",
    "cancel_visit",
    "create_visit",
    "import_rows",
    "import_visits",
    "parse_rows",
    "update_visit",
]

_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
MAX_IMPORT_ERRORS = 10
MAX_IMPORT_DETAILS = 100


class VisitImportError(ApiError):
    """A visit file that cannot be imported; `problems` names each bad row and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:MAX_IMPORT_ERRORS])
        more = len(problems) - len(shown)
        text = "Nothing was imported: " + "; ".join(shown)
        if more > 0:
            text += f"; and {more} more problem(s)"
        details = [{"msg": problem} for problem in problems[:MAX_IMPORT_DETAILS]]
        super().__init__(422, "invalid_import", text + ".", details=details)
        self.problems = list(problems)


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
    if not password or len(password) > 1024 or unstorable_reason(password):
        raise ApiError(422, "invalid_password", "The password must be 1-1024 characters (no NUL).")
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


def _problem(where: str, error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or "row"
    return f"{where}, field '{field}': {first.get('msg', 'invalid')}"


def _read_rows(path: Path) -> list[tuple[str, object]]:
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise VisitImportError([f"cannot read {path.name}: {error}"]) from None
    if suffix not in (".json", ".csv"):
        raise VisitImportError([f"{path.name}: only .json and .csv files can be imported"])
    return parse_rows(text, suffix[1:], path.name)


def parse_rows(text: str, kind: str, name: str = "the file") -> list[tuple[str, object]]:
    """The rows of a visit file's text, each with where it is ("line 3", "item 2").

    `kind` is "csv" (header row = VisitCreate field names) or "json" (a list of objects).
    """
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise VisitImportError([f"{name} is not valid JSON: {error}"]) from None
        except RecursionError:  # the parser's own guard against a stack overflow
            raise VisitImportError([f"{name} nests lists or objects too deeply"]) from None
        if not isinstance(data, list):
            raise VisitImportError([f"{name} must hold a JSON list of visits"])
        return [(f"item {i}", item) for i, item in enumerate(data, start=1)]
    reader = csv.DictReader(text.splitlines())
    try:
        known = set(VisitCreate.model_fields)
        unknown = [c for c in reader.fieldnames or () if c not in known]
        if unknown:
            raise VisitImportError([f"line 1: '{unknown[0][:64]}' is not a visit field"])
        rows: list[tuple[str, object]] = []
        for row in reader:
            if None in row:
                raise VisitImportError([f"line {reader.line_num}: more cells than the header has"])
            rows.append(
                (f"line {reader.line_num}", {k: v for k, v in row.items() if v not in ("", None)})
            )
    except csv.Error as error:  # e.g. a cell past the csv module's field size limit
        raise VisitImportError([f"line {reader.line_num}: {error}"]) from None
    return rows


def import_visits(session: Session, path: str | Path, now: datetime | None = None) -> list[Visit]:
    """Create the visits listed in a JSON file (a list of VisitCreate objects) or a CSV file
    (header row = VisitCreate field names, assignee by username).

    All or nothing: every row is checked first, and the rows are created in a savepoint
    that is rolled back if any of them fails. The caller owns the outer transaction.

    Raises:
        VisitImportError: names each bad row and field.
    """
    return import_rows(session, _read_rows(Path(path)), now or datetime.now(UTC))


def import_rows(session: Session, rows: Sequence[tuple[str, object]], now: datetime) -> list[Visit]:
    """Create the visits of `rows` (see parse_rows), all or nothing; see import_visits."""
    parsed: list[tuple[str, VisitCreate]] = []
    problems: list[str] = []
    references: dict[str, str] = {}
    for where, raw in rows:
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be an object with the visit's fields")
            continue
        try:
            visit = VisitCreate.model_validate(raw)
        except ValidationError as error:
            problems.append(_problem(where, error))
            continue
        if visit.reference in references:
            problems.append(
                f"{where}, field 'reference': '{visit.reference}' repeats "
                f"{references[visit.reference]}"
            )
        references[visit.reference] = where
        parsed.append((where, visit))
    if problems:
        raise VisitImportError(problems)
    created: list[Visit] = []
    feed.lock_counter(session)  # outside the savepoint, whose rollback would release it
    savepoint = session.begin_nested()
    try:
        for where, visit in parsed:
            try:
                created.append(create_visit(session, visit, now))
            except ApiError as error:
                problems.append(f"{where}: {error.message}")
    except BaseException:
        savepoint.rollback()
        raise
    if problems:
        savepoint.rollback()
        raise VisitImportError(problems)
    savepoint.commit()
    return created
