"""Logging in: the throttle per username and address and per address, the password check
through the hash gate, the token it issues, and the pruning of what logins leave behind.

docs/security.md describes the scheme and why it is shaped so.
"""

from __future__ import annotations

import ipaddress
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from fastapi import Request
from sqlalchemy import ColumnElement, CursorResult, Result, delete, func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from fieldapp.protocol import LoginResponse, Role, UserPublic
from fieldapp.server.db import write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.hash_gate import HashGate
from fieldapp.server.models import User
from fieldapp.server.models_auth import LoginFailure, Token
from fieldapp.server.security import Passwords, mark_seen, token_digest
from fieldapp.server.settings import ServerSettings

# An expired token is kept this long, so a laptop that comes back after it expired is told
# "expired" rather than "unknown"; then the pruning deletes it.
EXPIRED_TOKEN_KEPT = timedelta(days=7)
# The doubling stops growing long before it could overflow; the cap applies anyway.
_MAX_DOUBLINGS = 30


def client_address(request: Request) -> str:
    """The address the throttle counts a login under.

    Behind a reverse proxy this is the client's own address once uvicorn trusts the proxy
    (FORWARDED_ALLOW_IPS). An IPv6 client counts as its /64 network: one host usually owns
    the whole of it, and could otherwise take a fresh address for every attempt.
    """
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64] or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def wait_seconds(
    failures: int,
    last_failure: datetime | None,
    *,
    allowed: int,
    first: int,
    cap: int,
    now: datetime,
) -> int:
    """Seconds to wait before the next attempt is checked: none while `failures` is below
    `allowed`, then `first` seconds after the last failure, doubling with each further
    failure, up to `cap`."""
    if failures < allowed or last_failure is None:
        return 0
    delay = min(cap, first * 2 ** min(failures - allowed, _MAX_DOUBLINGS))
    remaining = (last_failure + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))


def _throttled(seconds: int) -> ApiError:
    return ApiError(
        429,
        "too_many_attempts",
        f"Too many failed logins from here; try again in {seconds} seconds.",
        headers={"Retry-After": str(seconds)},
    )


@dataclass
class LoginService:
    """Checks logins; lives on app.state.logins. Each step opens its own session."""

    sessions: sessionmaker[Session]
    passwords: Passwords
    settings: ServerSettings
    gate: HashGate
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    async def log_in(self, username: str, password: str, address: str) -> LoginResponse:
        """Check the throttle, then the password through the hash gate; issue a token.

        The throttle is checked twice: before queueing, so refused attempts never take a
        place in the queue, and again once a hashing thread is free, so a burst sent all at
        once meets the failures its own first attempts recorded.

        Raises:
            ApiError: 429 too_many_attempts, 503 server_busy (both with Retry-After),
                401 invalid_credentials or account_disabled.
        """
        self.gate.refuse_if_full()  # a full gate costs no database read
        await run_in_threadpool(self._check_throttle, username, address)
        return await self.gate.run(lambda: self._attempt(username, password, address))

    def _check_throttle(self, username: str, address: str) -> None:
        with self.sessions() as session, session.begin():
            self._refuse_if_throttled(session, username, address, self.clock())

    def _refuse_if_throttled(
        self, session: Session, username: str, address: str, now: datetime
    ) -> None:
        settings = self.settings
        since = now - timedelta(seconds=settings.login_failure_window_seconds)
        from_address = LoginFailure.address == address
        pair = self._failures(session, since, from_address, LoginFailure.username == username)
        anyone = self._failures(session, since, from_address)
        wait = max(
            self._wait(pair, settings.login_max_failures, now),
            self._wait(anyone, settings.login_address_max_failures, now),
        )
        if wait > 0:
            raise _throttled(wait)

    def _wait(self, failures: tuple[int, datetime | None], allowed: int, now: datetime) -> int:
        count, last = failures
        first, cap = self.settings.login_first_delay_seconds, self.settings.login_lockout_seconds
        return wait_seconds(count, last, allowed=allowed, first=first, cap=cap, now=now)

    @staticmethod
    def _failures(
        session: Session, since: datetime, *where: ColumnElement[bool]
    ) -> tuple[int, datetime | None]:
        count, last = session.execute(
            select(func.count(), func.max(LoginFailure.failed_at)).where(
                LoginFailure.failed_at > since, *where
            )
        ).one()
        return int(count), last

    def _attempt(self, username: str, password: str, address: str) -> LoginResponse:
        """On a gate thread: the throttle again, argon2 outside any transaction, the outcome."""
        with self.sessions() as session:
            with session.begin():
                self._refuse_if_throttled(session, username, address, self.clock())
                user = session.scalar(select(User).where(User.username == username))
            # An unknown user costs one hash too, against a dummy: no telling by the time.
            ok = self.passwords.verify(user.password_hash if user else None, password)
            if user is None or not ok:
                with write_transaction(session):
                    session.add(
                        LoginFailure(username=username, address=address, failed_at=self.clock())
                    )
                raise ApiError(401, "invalid_credentials", "Wrong username or password.")
            if not user.active:
                raise ApiError(
                    401, "account_disabled", "This account is disabled; ask an administrator."
                )
            new_hash = None
            if self.passwords.needs_rehash(user.password_hash):
                new_hash = self.passwords.hash(password)
            return self._issue_token(session, user, address, new_hash)

    def _issue_token(
        self, session: Session, user: User, address: str, new_hash: str | None
    ) -> LoginResponse:
        now = self.clock()
        token = secrets.token_urlsafe(32)
        expires_at = now + timedelta(hours=self.settings.token_ttl_hours)
        with write_transaction(session):
            session.execute(
                delete(LoginFailure).where(
                    LoginFailure.username == user.username, LoginFailure.address == address
                )
            )
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
            if new_hash is not None:
                session.get_one(User, user.id).password_hash = new_hash
        public = UserPublic(username=user.username, full_name=user.full_name, role=Role(user.role))
        return LoginResponse(token=token, expires_at=expires_at, user=public, server_time=now)


def prune_logins(session: Session, now: datetime, settings: ServerSettings) -> tuple[int, int]:
    """Delete failed logins past the throttle's window and tokens expired for longer than
    EXPIRED_TOKEN_KEPT. The caller commits.

    Returns:
        How many failures and tokens were deleted.
    """
    window = timedelta(seconds=settings.login_failure_window_seconds)
    failures = session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - window))
    tokens = session.execute(delete(Token).where(Token.expires_at <= now - EXPIRED_TOKEN_KEPT))
    return _deleted(failures), _deleted(tokens)


def _deleted(result: Result[Any]) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
