"""Passwords (argon2), opaque bearer tokens stored as SHA-256, the login throttle, and the
current-user dependencies the routers use."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from fieldapp.protocol import LoginResponse, Role, UserPublic
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.models import LoginFailure, Token, User
from fieldapp.server.openapi import may_answer
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


def _too_many(retry_after: int) -> ApiError:
    return ApiError(
        429,
        "too_many_attempts",
        f"Too many failed logins for this user; try again in {retry_after} seconds.",
        headers={"Retry-After": str(retry_after)},
    )


def login(
    session: Session,
    *,
    passwords: Passwords,
    settings: ServerSettings,
    username: str,
    password: str,
    now: datetime,
) -> LoginResponse:
    """Check the throttle and the password; record the failure or issue a token.

    Opens its own transactions on `session`; argon2 runs outside any of them, so a login
    never holds a lock while hashing. A failure is committed before the error is raised.

    Raises:
        ApiError: 429 too_many_attempts (with Retry-After) or 401 invalid_credentials.
    """
    window = timedelta(seconds=settings.login_lockout_seconds)
    limit = settings.login_max_failures
    with session.begin():
        recent = session.scalars(
            select(LoginFailure.failed_at)
            .where(LoginFailure.username == username, LoginFailure.failed_at > now - window)
            .order_by(LoginFailure.failed_at.desc())
            .limit(limit)
        ).all()
        user = session.scalar(select(User).where(User.username == username))
    if len(recent) >= limit:
        unlock_at = recent[limit - 1] + window
        raise _too_many(max(1, math.ceil((unlock_at - now).total_seconds())))
    ok = passwords.verify(user.password_hash if user else None, password)
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(hours=settings.token_ttl_hours)
    with write_transaction(session):
        if not ok or user is None or not user.active:
            session.execute(
                delete(LoginFailure).where(
                    LoginFailure.username == username, LoginFailure.failed_at <= now - window
                )
            )
            session.add(LoginFailure(username=username, failed_at=now))
            user = None
        else:
            session.execute(delete(LoginFailure).where(LoginFailure.username == username))
            session.add(
                Token(
                    token_hash=token_digest(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=expires_at,
                )
            )
            if user.role == Role.TECHNICIAN:
                mark_seen(session, user.id, now)
            if passwords.needs_rehash(user.password_hash):
                session.get_one(User, user.id).password_hash = passwords.hash(password)
    if user is None:
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    public = UserPublic(username=user.username, full_name=user.full_name, role=Role(user.role))
    return LoginResponse(token=token, expires_at=expires_at, user=public, server_time=now)


def revoke_token(session: Session, token: str, now: datetime) -> None:
    """Mark the token revoked (a no-op if unknown or already revoked)."""
    row = session.get(Token, token_digest(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = now


def _unauthenticated(error: str, message: str) -> ApiError:
    return ApiError(401, error, message, headers={"WWW-Authenticate": "Bearer"})


def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> str:
    """The bearer token of the request, or 401."""
    if credentials is None or not credentials.credentials:
        raise _unauthenticated("not_authenticated", "Log in first: this needs a bearer token.")
    return credentials.credentials


# One indexed query per request: the token by primary key (its hash), joined to its user by
# primary key, as plain columns. Built once, so SQLAlchemy reuses it as compiled.
_TOKEN_QUERY = (
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


def current_user(session: SessionDep, token: Annotated[str, Depends(bearer_token)]) -> Principal:
    """The user the bearer token belongs to; 401 with the reason otherwise."""
    now = datetime.now(UTC)
    with session.begin():
        row = session.execute(_TOKEN_QUERY, {"token_hash": token_digest(token)}).one_or_none()
    if row is None:
        raise _unauthenticated("not_authenticated", "This token is not known; log in again.")
    revoked_at, expires_at, user_id, username, full_name, role, active, last_seen_at = row
    if revoked_at is not None:
        raise _unauthenticated("token_revoked", "This token was logged out; log in again.")
    if expires_at <= now:
        raise _unauthenticated("token_expired", "Your login has expired; log in again.")
    if not active:
        raise _unauthenticated("not_authenticated", "This account is disabled.")
    if role == Role.TECHNICIAN and (last_seen_at is None or now - last_seen_at >= LAST_SEEN_EVERY):
        with write_transaction(session):
            mark_seen(session, user_id, now)
    return Principal(user_id, username, full_name, Role(role))


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
def require_supervisor(user: CurrentUser) -> Principal:
    if not user.is_supervisor:
        raise ApiError(403, "forbidden", "Only a supervisor can do this.")
    return user


@may_answer({403: "Only a technician can do this (supervisors use /visits)."})
def require_technician(user: CurrentUser) -> Principal:
    if user.is_supervisor:
        raise ApiError(403, "forbidden", "Only a technician syncs visits; supervisors use /visits.")
    return user


Supervisor = Annotated[Principal, Depends(require_supervisor)]
Technician = Annotated[Principal, Depends(require_technician)]


def passwords_of(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


def settings_of(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


PasswordsDep = Annotated[Passwords, Depends(passwords_of)]
SettingsDep = Annotated[ServerSettings, Depends(settings_of)]
