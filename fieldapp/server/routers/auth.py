"""Login, logout (of this token or of every one), and the caller's own profile."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from fieldapp.protocol import ErrorBody, LoginRequest, LoginResponse, UserPublic
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.login import LoginService, client_address
from fieldapp.server.security import CurrentUser, bearer_token, revoke_all_tokens, revoke_token

router = APIRouter(tags=["auth"])
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "Wrong username or password, or account disabled."},
    429: {"model": ErrorBody, "description": "Too many failed logins from here; see Retry-After."},
    503: {"model": ErrorBody, "description": "Too many logins being checked; see Retry-After."},
}


@router.post("/auth/login", responses=_ERRORS)
async def post_login(body: LoginRequest, request: Request) -> LoginResponse:
    """Exchange a username and password for an opaque bearer token with an expiry.

    Async, so a login waiting for a hashing slot holds no thread (docs/security.md).
    """
    logins: LoginService = request.app.state.logins
    return await logins.log_in(body.username, body.password, client_address(request))


@router.post("/auth/logout", status_code=204, response_class=Response)
def post_logout(
    _user: CurrentUser, session: SessionDep, token: Annotated[str, Depends(bearer_token)]
) -> Response:
    """Revoke the token this request carries."""
    with write_transaction(session):
        revoke_token(session, token, datetime.now(UTC))
    return Response(status_code=204)


@router.post("/auth/logout-all", status_code=204, response_class=Response)
def post_logout_all(user: CurrentUser, session: SessionDep) -> Response:
    """Revoke every token of the caller, this one included: log out on every device."""
    with write_transaction(session):
        revoke_all_tokens(session, user.id, datetime.now(UTC))
    return Response(status_code=204)


@router.get("/me")
def get_me(user: CurrentUser) -> UserPublic:
    """Who the token belongs to."""
    return user.public()
