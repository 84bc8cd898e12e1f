"""Login, logout (one token or all), token expiry and revocation, disabled accounts, the
login throttle's basics, the pruning of old logins, client version, /info."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.server.admin import set_user_active
from fieldapp.server.login import EXPIRED_TOKEN_KEPT, prune_logins
from fieldapp.server.models import EventRecord, User
from fieldapp.server.models_auth import LoginFailure, Token
from fieldapp.server.security import token_digest
from tests.server.helpers import Live, create_visit, event


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


def test_throttle_delays_after_max_failures_even_the_right_password(live: Live) -> None:
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
    assert 0 < retry_after <= live.settings.login_first_delay_seconds


def test_throttle_is_per_username_and_lifts_after_the_wait(live: Live) -> None:
    username = live.user()
    other = live.user()
    anonymous = live.anonymous()
    for _ in range(live.settings.login_max_failures):
        anonymous.post("/auth/login", json={"username": username, "password": "wrong"})

    live.login(other)  # another user is not locked out
    wait = timedelta(seconds=live.settings.login_first_delay_seconds + 1)
    with live.db() as session:  # let the wait pass
        session.execute(
            update(LoginFailure)
            .where(LoginFailure.username == username)
            .values(failed_at=datetime.now(UTC) - wait)
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


def test_logout_everywhere_ends_every_session_of_the_caller_only(live: Live) -> None:
    username = live.user()
    laptop, phone = live.login(username), live.login(username)
    colleague = live.technician()

    assert phone.post("/auth/logout-all").status_code == 204

    for client in (laptop, phone):
        after = client.get("/me")
        assert after.status_code == 401
        assert after.json()["error"] == "token_revoked"
    assert colleague.get("/me").status_code == 200
    assert live.login(username).get("/me").status_code == 200  # a new login works
    assert live.anonymous().post("/auth/logout-all").status_code == 401


def test_a_disabled_account_is_refused_at_once_and_at_login(live: Live) -> None:
    username = live.user()
    client = live.login(username)
    with live.db() as session:
        assert set_user_active(session, username, False, datetime.now(UTC)) == 1

    refused = client.get("/me")
    login = live.anonymous().post(
        "/auth/login", json={"username": username, "password": "pw-" + username}
    )
    wrong = live.anonymous().post("/auth/login", json={"username": username, "password": "x"})

    assert refused.status_code == 401
    assert refused.json()["error"] == "account_disabled"
    assert login.status_code == 401
    assert login.json()["error"] == "account_disabled"
    # only the right password learns that the account exists and is disabled
    assert wrong.json()["error"] == "invalid_credentials"
    with live.db() as session:
        assert set_user_active(session, username, True, datetime.now(UTC)) == 0
    assert client.get("/me").json()["error"] == "token_revoked"  # disabling ended it for good
    assert live.login(username).get("/me").status_code == 200


def test_pruning_drops_old_failures_and_long_expired_tokens(live: Live) -> None:
    now = datetime.now(UTC)
    window = timedelta(seconds=live.settings.login_failure_window_seconds)
    username = live.user()
    kept, gone = live.login(username), live.login(username)
    assert kept.token is not None
    assert gone.token is not None
    with live.db() as session:
        user_id = session.scalars(select(User.id).where(User.username == username)).one()
        session.add_all(
            [
                LoginFailure(username=username, address="192.0.2.1", failed_at=now - 2 * window),
                LoginFailure(username=username, address="192.0.2.1", failed_at=now),
                Token(
                    token_hash="0" * 64,
                    user_id=user_id,
                    created_at=now - timedelta(days=30),
                    expires_at=now - EXPIRED_TOKEN_KEPT - timedelta(hours=1),
                ),
            ]
        )
        session.execute(
            update(Token)
            .where(Token.token_hash == token_digest(gone.token))
            .values(expires_at=now - timedelta(hours=1))  # expired, but only just
        )

    with live.db() as session:
        failures, tokens = prune_logins(session, now, live.settings)

    assert failures >= 1
    assert tokens >= 1
    assert live.count(LoginFailure, LoginFailure.username == username) == 1
    assert live.count(Token, Token.user_id == user_id) == 2
    assert gone.get("/me").json()["error"] == "token_expired"  # still said so
    assert kept.get("/me").status_code == 200


def test_the_sync_requests_check_the_token_first_as_every_request_does(live: Live) -> None:
    """The feed and the push check the token in their own thread and transaction; a request
    with a bad token is still told so before anything about its parameters or body."""
    supervisor = live.supervisor()
    revoked = live.technician()
    assert revoked.post("/auth/logout").status_code == 204
    bad_cursor = {"cursor": -1}
    bad_body = {"events": "not a list"}

    for client, status, error in [
        (revoked, 401, "token_revoked"),
        (live.anonymous(), 401, "not_authenticated"),
        (supervisor, 403, "forbidden"),
    ]:
        for answer in [
            client.get("/sync/changes", params=bad_cursor),
            client.post("/sync/events", json=bad_body),
            client.get("/sync/changes"),
            client.post("/sync/events", json={"events": []}),
        ]:
            assert (answer.status_code, answer.json()["error"]) == (status, error)

    technician = live.technician()
    assert technician.get("/sync/changes", params=bad_cursor).status_code == 422
    assert technician.post("/sync/events", json=bad_body).status_code == 422
    assert technician.get("/sync/changes").status_code == 200


def test_the_sync_requests_end_at_once_when_the_account_is_disabled(live: Live) -> None:
    supervisor = live.supervisor()
    technician = live.technician()
    visit_id = create_visit(supervisor, technician.username)
    assert technician.get("/sync/changes").status_code == 200
    assert technician.push(event(visit_id, EventType.NOTE))[0]["status"] == "accepted"
    with live.db() as session:
        assert set_user_active(session, technician.username, False, datetime.now(UTC)) == 1

    feed = technician.get("/sync/changes")
    push = technician.post("/sync/events", json={"events": [event(visit_id, EventType.NOTE)]})

    for answer in (feed, push):
        assert (answer.status_code, answer.json()["error"]) == (401, "account_disabled")
    assert live.count(EventRecord, EventRecord.visit_id == visit_id) == 1


def test_a_sync_request_records_the_technicians_contact(live: Live) -> None:
    technician = live.technician()
    for request in (
        lambda: technician.get("/sync/changes"),
        lambda: technician.post("/sync/events", json={"events": []}),
    ):
        with live.db() as session:
            session.execute(
                update(User).where(User.username == technician.username).values(last_seen_at=None)
            )
        assert request().status_code == 200
        with live.db() as session:
            seen = session.scalar(
                select(User.last_seen_at).where(User.username == technician.username)
            )
        assert seen is not None
