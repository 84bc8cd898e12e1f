"""Login, logout, token expiry and revocation, the login throttle, client version, /info."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from fieldapp import protocol
from fieldapp.server.models import LoginFailure, Token
from fieldapp.server.security import token_digest
from tests.server.helpers import Live


def test_info_needs_no_login(live: Live) -> None:
    response = live.anonymous().get("/info")

    assert response.status_code == 200
    info = protocol.ServerInfo.model_validate(response.json())
    assert info.min_client_version == protocol.MIN_CLIENT_VERSION
    assert info.api_version == protocol.API_VERSION


def test_openapi_is_served(live: Live) -> None:
    response = live.anonymous().http.get(live.base_url + "/openapi.json", timeout=10)

    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "FieldApp"
    assert f"{protocol.API_PREFIX}/sync/changes" in document["paths"]


def test_login_me_and_logout(live: Live) -> None:
    username = live.user("technician")
    client = live.login(username)

    me = client.get("/me")
    assert me.status_code == 200
    assert me.json() == {
        "username": username,
        "full_name": f"Technician {username}",
        "role": "technician",
    }
    assert client.post("/auth/logout").status_code == 204

    after = client.get("/me")
    assert after.status_code == 401
    assert after.json()["error"] == "token_revoked"
    assert client.token is not None
    assert client.token not in after.text


def test_only_the_token_hash_is_stored(live: Live) -> None:
    client = live.technician()
    assert client.token is not None

    assert live.count(Token, Token.token_hash == token_digest(client.token)) == 1
    assert live.count(Token, Token.token_hash == client.token) == 0


def test_login_answer_matches_the_protocol(live: Live) -> None:
    username = live.user("supervisor")
    response = live.anonymous().post(
        "/auth/login", json={"username": username, "password": "pw-" + username}
    )

    login = protocol.LoginResponse.model_validate(response.json())
    assert login.user.role is protocol.Role.SUPERVISOR
    assert timedelta(hours=11) < login.expires_at - login.server_time <= timedelta(hours=12)


def test_wrong_password_and_unknown_user_look_the_same(live: Live) -> None:
    username = live.user()
    anonymous = live.anonymous()

    wrong = anonymous.post("/auth/login", json={"username": username, "password": "nope"})
    unknown = anonymous.post("/auth/login", json={"username": "nobody-x", "password": "nope"})

    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json()
        == unknown.json()
        == {
            "error": "invalid_credentials",
            "message": "Wrong username or password.",
        }
    )


def test_expired_token_is_refused(live: Live) -> None:
    client = live.technician()
    assert client.token is not None
    with live.db() as session:
        session.execute(
            update(Token)
            .where(Token.token_hash == token_digest(client.token))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )

    response = client.get("/me")

    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_missing_and_unknown_tokens_are_refused(live: Live) -> None:
    anonymous = live.anonymous()
    missing = anonymous.get("/sync/changes")
    unknown = anonymous.get("/me", headers={"Authorization": "Bearer not-a-real-token"})
    basic = anonymous.get("/me", headers={"Authorization": "Basic a2lyYTpkZW1v"})

    for response in (missing, unknown, basic):
        assert response.status_code == 401
        assert response.json()["error"] == "not_authenticated"
    assert "not-a-real-token" not in unknown.text


def test_throttle_locks_after_max_failures_even_for_the_right_password(live: Live) -> None:
    username = live.user()
    anonymous = live.anonymous()
    wrong = {"username": username, "password": "wrong"}
    for _ in range(live.settings.login_max_failures):
        assert anonymous.post("/auth/login", json=wrong).status_code == 401

    locked = anonymous.post(
        "/auth/login", json={"username": username, "password": "pw-" + username}
    )

    assert locked.status_code == 429
    assert locked.json()["error"] == "too_many_attempts"
    retry_after = int(locked.headers["Retry-After"])
    assert 0 < retry_after <= live.settings.login_lockout_seconds


def test_throttle_is_per_username_and_lifts_after_the_window(live: Live) -> None:
    username = live.user()
    other = live.user()
    anonymous = live.anonymous()
    for _ in range(live.settings.login_max_failures):
        anonymous.post("/auth/login", json={"username": username, "password": "wrong"})

    live.login(other)  # another user is not locked out
    with live.db() as session:  # let the failures age past the lockout window
        session.execute(
            update(LoginFailure)
            .where(LoginFailure.username == username)
            .values(failed_at=datetime.now(UTC) - timedelta(hours=1))
        )
    live.login(username)


def test_success_resets_the_failure_count(live: Live) -> None:
    username = live.user()
    anonymous = live.anonymous()
    for _ in range(live.settings.login_max_failures - 1):
        anonymous.post("/auth/login", json={"username": username, "password": "wrong"})
    live.login(username)

    assert live.count(LoginFailure, LoginFailure.username == username) == 0
    for _ in range(live.settings.login_max_failures - 1):
        assert (
            anonymous.post(
                "/auth/login", json={"username": username, "password": "wrong"}
            ).status_code
            == 401
        )


def test_too_old_client_is_told_which_version_it_needs(live: Live) -> None:
    client = live.technician()
    header = protocol.CLIENT_VERSION_HEADER

    old = client.get("/me", headers={header: "0.0.9"})
    current = client.get("/me", headers={header: protocol.CLIENT_VERSION})
    info = client.get("/info", headers={header: "0.0.9"})

    assert old.status_code == 426
    assert old.json()["error"] == "client_too_old"
    assert protocol.MIN_CLIENT_VERSION in old.json()["message"]
    assert current.status_code == 200
    assert info.status_code == 200


def test_supervisor_gets_403_on_the_technician_feed(live: Live) -> None:
    supervisor = live.supervisor()

    assert supervisor.get("/sync/changes").status_code == 403
    assert supervisor.post("/sync/events", json={"events": []}).status_code == 403
