"""Login, logout and the caller's own profile."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from fieldapp.protocol import ErrorBody, LoginRequest, LoginResponse, UserPublic
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.security import (
    CurrentUser,
    PasswordsDep,
    SettingsDep,
    bearer_token,
    login,
    revoke_token,
)

router = APIRouter(tags=["auth"])
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "Wrong username or password."},
    429: {"model": ErrorBody, "description": "Too many failed logins; see Retry-After."},
}


@router.post("/auth/login", responses=_ERRORS)
def post_login(
    body: LoginRequest, session: SessionDep, passwords: PasswordsDep, settings: SettingsDep
) -> LoginResponse:
    """Exchange a username and password for an opaque bearer token with an expiry."""
    now = datetime.now(UTC)
    return login(
        session,
        passwords=passwords,
        settings=settings,
        username=body.username,
        password=body.password,
        now=now,
    )


@router.post("/auth/logout", status_code=204, response_class=Response)
def post_logout(
    _user: CurrentUser, session: SessionDep, token: Annotated[str, Depends(bearer_token)]
) -> Response:
    """Revoke the token this request carries."""
    with write_transaction(session):
        revoke_token(session, token, datetime.now(UTC))
    return Response(status_code=204)


@router.get("/me")
def get_me(user: CurrentUser) -> UserPublic:
    """Who the token belongs to."""
    return user.public()
