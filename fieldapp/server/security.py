"""Passwords (argon2), opaque bearer tokens stored as SHA-256, and the current-user
dependencies the routers use (logging in itself: fieldapp/server/login.py)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Annotated, Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, CursorResult, Engine, bindparam, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.protocol import Role, UserPublic
from fieldapp.server.db import write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.models import User
from fieldapp.server.models_auth import Token
from fieldapp.server.openapi import may_answer, reads_database
from fieldapp.server.prepared import Prepared
from fieldapp.server.settings import ServerSettings

# A technician's last contact is written at most this often (one UPDATE a minute, not one
# per request).
LAST_SEEN_EVERY = timedelta(minutes=1)
_BEARER = HTTPBearer(auto_error=False, description="The token from POST /auth/login.")


class Passwords:
    """argon2id hashing with the cost the settings give."""

    def __init__(self, settings: ServerSettings) -> None:
        self.hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    @cached_property
    def _dummy_hash(self) -> str:
        return self.hasher.hash(secrets.token_urlsafe(16))

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Check `password`; with no hash (unknown user) spend the same time and say no."""
        try:
            self.hasher.verify(password_hash or self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        return password_hash is not None

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


def token_digest(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of a request."""

    id: int
    username: str
    full_name: str
    role: Role

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR

    def public(self) -> UserPublic:
        return UserPublic(username=self.username, full_name=self.full_name, role=self.role)


def revoke_token(session: Session, token: str, now: datetime) -> None:
    """Mark the token revoked (a no-op if unknown or already revoked)."""
    row = session.get(Token, token_digest(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = now


def revoke_all_tokens(session: Session, user_id: int, now: datetime) -> int:
    """Revoke every live token of the user ("log out everywhere"); how many there were."""
    result = session.execute(
        update(Token)
        .where(Token.user_id == user_id, Token.revoked_at.is_(None), Token.expires_at > now)
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(cast(CursorResult[Any], result).rowcount)


def _unauthenticated(error: str, message: str) -> ApiError:
    return ApiError(401, error, message, headers={"WWW-Authenticate": "Bearer"})


# The dependencies below that only read the request are `async`: FastAPI runs a plain
# `def` dependency in the thread pool, a thread hand-off (~0.1-0.2 ms of CPU) each.
async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> str:
    """The bearer token of the request, or 401."""
    if credentials is None or not credentials.credentials:
        raise _unauthenticated("not_authenticated", "Log in first: this needs a bearer token.")
    return credentials.credentials


# One indexed query per request: the token by primary key (its hash), joined to its user by
# primary key, as plain columns; built once and run on the driver's cursor (prepared.py):
# through Core it cost three times SQLite's work.
_TOKEN_QUERY = Prepared(
    select(
        Token.revoked_at,
        Token.expires_at,
        User.id,
        User.username,
        User.full_name,
        User.role,
        User.active,
        User.last_seen_at,
    )
    .join(User, User.id == Token.user_id)
    .where(Token.token_hash == bindparam("token_hash"))
)


def look_up(connection: Connection, token: str, now: datetime) -> tuple[Principal, bool]:
    """The user `token` belongs to, and whether their contact is due to be recorded
    (LAST_SEEN_EVERY); 401 with the reason otherwise. One query on `connection`."""
    row = _TOKEN_QUERY.one_or_none(connection, {"token_hash": token_digest(token)})
    if row is None:
        raise _unauthenticated("not_authenticated", "This token is not known; log in again.")
    revoked_at, expires_at, user_id, username, full_name, role, active, last_seen_at = row
    # Before the token's own state: disabling an account also revokes its tokens, and the
    # laptop should say why it was signed out.
    if not active:
        raise _unauthenticated(
            "account_disabled", "This account is disabled; ask an administrator."
        )
    if revoked_at is not None:
        raise _unauthenticated("token_revoked", "This token was logged out; log in again.")
    if expires_at <= now:
        raise _unauthenticated("token_expired", "Your login has expired; log in again.")
    seen_due = role == Role.TECHNICIAN and (
        last_seen_at is None or now - last_seen_at >= LAST_SEEN_EVERY
    )
    return Principal(user_id, username, full_name, Role(role)), seen_due


def authenticate(state: Any, token: str) -> Principal:
    """The user `token` belongs to (401 otherwise), their contact recorded when due; `state`
    is the app's (its engine and sessionmaker).

    Looked up at every request, so a token revoked or an account disabled by anyone (another
    worker, the admin command) ends the session at its next request. The query runs on a
    connection of its own: no ORM session for one Core statement (a Session.execute costs
    about three times as much), and a session only in the minute's turn to record the
    technician's contact.
    """
    now = datetime.now(UTC)
    engine: Engine = state.engine
    with engine.connect() as connection:
        principal, seen_due = look_up(connection, token, now)
    if seen_due:
        sessions: sessionmaker[Session] = state.sessionmaker
        with sessions() as session, write_transaction(session):
            mark_seen(session, principal.id, now)
    return principal


@reads_database
def current_user(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Principal:
    """The user the bearer token belongs to; 401 with the reason otherwise."""
    return authenticate(request.app.state, token)


def mark_seen(session: Session, user_id: int, now: datetime) -> None:
    """Record the user's contact at `now` unless one was recorded within LAST_SEEN_EVERY."""
    session.execute(
        update(User)
        .where(
            User.id == user_id,
            or_(User.last_seen_at.is_(None), User.last_seen_at <= now - LAST_SEEN_EVERY),
        )
        .values(last_seen_at=now)
        .execution_options(synchronize_session=False)
    )


CurrentUser = Annotated[Principal, Depends(current_user)]


@may_answer({403: "Only a supervisor can do this."})
async def require_supervisor(user: CurrentUser) -> Principal:
    if not user.is_supervisor:
        raise ApiError(403, "forbidden", "Only a supervisor can do this.")
    return user


_TECHNICIANS_ONLY = "Only a technician can do this (supervisors use /visits)."


def _technician(user: Principal) -> Principal:
    if user.is_supervisor:
        raise ApiError(403, "forbidden", "Only a technician syncs visits; supervisors use /visits.")
    return user


@may_answer({403: _TECHNICIANS_ONLY})
async def require_technician(user: CurrentUser) -> Principal:
    return _technician(user)


Supervisor = Annotated[Principal, Depends(require_supervisor)]
Technician = Annotated[Principal, Depends(require_technician)]


@dataclass(frozen=True, slots=True)
class UncheckedTechnician:
    """A sync request's bearer token, checked by its endpoint in the endpoint's own thread
    and transaction (`check`): the laptop's hottest requests (the feed, the push) then take
    one thread hand-off instead of two, and the feed one transaction instead of two.

    The check is the same as Technician's, at every request. So that a request with a bad
    token and bad parameters is still answered 401 (or 403), not 422, the dependency leaves
    the token on the request, and the validation error's handler checks it first
    (`pending_check`).
    """

    token: str

    def check(self, session: Session, now: datetime) -> tuple[Principal, bool]:
        """The technician (401/403 otherwise) and whether their contact is due to be
        recorded (mark_seen), in the caller's transaction."""
        principal, seen_due = look_up(session.connection(), self.token, now)
        return _technician(principal), seen_due


_UNCHECKED = "fieldapp_unchecked_technician"


@may_answer({403: _TECHNICIANS_ONLY})
@reads_database
async def unchecked_technician(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> UncheckedTechnician:
    """The bearer token (401 if there is none, as bearer_token), for the endpoint to check.
    HTTPBearer itself, not bearer_token: one dependency fewer to solve on the sync
    requests."""
    if credentials is None or not credentials.credentials:
        raise _unauthenticated("not_authenticated", "Log in first: this needs a bearer token.")
    unchecked = UncheckedTechnician(credentials.credentials)
    request.scope[_UNCHECKED] = unchecked
    return unchecked


def pending_check(request: Request) -> Callable[[], object] | None:
    """For a request refused as invalid whose endpoint was to check its token itself: that
    check, to run first (401/403 before 422, as for every other endpoint); else None."""
    unchecked = request.scope.get(_UNCHECKED)
    if not isinstance(unchecked, UncheckedTechnician):
        return None
    state = request.app.state
    return lambda: _technician(authenticate(state, unchecked.token))


SyncTechnician = Annotated[UncheckedTechnician, Depends(unchecked_technician)]


async def passwords_of(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


async def settings_of(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


PasswordsDep = Annotated[Passwords, Depends(passwords_of)]
SettingsDep = Annotated[ServerSettings, Depends(settings_of)]
