"""The HTTP client on its own: version checks, retries, typed errors, and a token kept secret."""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime

import pytest

from fieldapp import protocol
from fieldapp.store import add_attachment
from fieldapp.sync import (
    AnswerLostError,
    ClientTooOldError,
    MalformedResponseError,
    OfflineError,
    RequestRejectedError,
    ServerClient,
    ServerError,
    ServerTooNewError,
    ServerTooOldError,
    ThrottledError,
)
from tests.sync.fakes import Reply, ScriptedServer, info_reply
from tests.sync.harness import Laptop, Server, fast_client

SECRET = "s3cret-token-value-that-must-never-leak"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (info_reply(api_version=protocol.API_VERSION + 1), ServerTooNewError),
        (info_reply(api_version=protocol.API_VERSION - 1), ServerTooOldError),
        (info_reply(min_client_version="99.0.0"), ClientTooOldError),
        (Reply(404, b'{"error": "not_found", "message": "Not Found"}'), ServerTooOldError),
    ],
)
def test_incompatible_servers_are_named_plainly(reply: Reply, error: type[Exception]) -> None:
    fake = ScriptedServer()
    fake.route("GET", "/info", reply)
    with fake.running(), fast_client(fake.base_url) as client, pytest.raises(error) as info:
        client.info()
    assert str(info.value).endswith(".")
    assert "FieldApp" in str(info.value) or "server" in str(info.value)


def test_the_client_sends_its_version_and_a_426_says_update() -> None:
    fake = ScriptedServer()
    body = b'{"error": "client_too_old", "message": "Please update to 2.0 or newer."}'
    fake.route("GET", "/sync/changes", Reply(426, body))
    with (
        fake.running(),
        fast_client(fake.base_url, token=SECRET) as client,
        pytest.raises(ClientTooOldError, match=r"update to 2\.0"),
    ):
        client.changes(0, 10)
    (_, _, headers) = fake.hits[-1]
    assert headers[protocol.CLIENT_VERSION_HEADER] == protocol.CLIENT_VERSION


def test_5xx_is_retried_then_reported_and_429_is_throttled() -> None:
    fake = ScriptedServer()
    fake.route("GET", "/sync/changes", Reply(503, b"{}"))
    fake.route("POST", "/sync/events", Reply(429, b"{}", headers={"Retry-After": "7"}))
    fake.route("PUT", "/attachments/" + "a" * 64, Reply(409, b'{"error": "x", "message": "No."}'))
    with fake.running():
        client = ServerClient(fake.base_url, token=SECRET, retries=2, backoff_factor=0.01)
        with client:
            with pytest.raises(ServerError) as server_error:
                client.changes(0, 10)
            assert server_error.value.status == 503
            assert server_error.value.transient
            assert fake.count("GET", "/sync/changes") == 3  # the call and two retries
            with pytest.raises(ThrottledError) as throttled:
                client.push([])
            assert throttled.value.retry_after == 7
            with pytest.raises(RequestRejectedError, match=r"No\.") as rejected:
                client.upload_attachment("a" * 64, b"x")
            assert (rejected.value.status, rejected.value.code) == (409, "x")


def test_the_token_never_shows_in_reprs_errors_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = ScriptedServer()
    fake.route("GET", "/sync/changes", Reply(500, b"oops"))
    caplog.set_level(logging.DEBUG)
    with fake.running(), fast_client(fake.base_url, token=SECRET) as client:
        with pytest.raises(ServerError) as info:
            client.changes(0, 10)
        texts = [repr(client), str(info.value), repr(info.value), str(info.value.detail)]
    assert fake.hits[-1][2]["Authorization"] == f"Bearer {SECRET}"
    texts += [record.getMessage() for record in caplog.records]
    assert not [text for text in texts if SECRET in text]


def test_attachments_are_uploaded_before_the_event_naming_them(
    server: Server, laptop: Laptop
) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    with laptop.store.session() as session, session.begin():
        event = add_attachment(
            session, laptop.store.attachments_dir, visit, b"\x89PNG photo of the error",
            filename="error.png", media_type="image/png", kind="photo",
            author=laptop.username, now=datetime.now(UTC),
        )  # fmt: skip
    summary = laptop.engine.sync()
    assert (summary.uploaded, summary.pushed, summary.retry_later) == (1, 1, 0)
    assert server.event_ids(visit) == [event.id]
    assert laptop.engine.sync().uploaded == 0


def test_a_colleagues_file_downloads_for_the_visits_new_holder_only(
    server: Server, laptop: Laptop
) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    photo = b"\x89PNG the desk before the move"
    with laptop.store.session() as session, session.begin():
        event = add_attachment(
            session, laptop.store.attachments_dir, visit, photo,
            filename="desk.png", media_type="image/png", kind="photo",
            author=laptop.username, now=datetime.now(UTC),
        )  # fmt: skip
    laptop.engine.sync()
    colleague, password = server.add_technician()
    stranger, stranger_password = server.add_technician()
    server.reassign(visit, colleague)

    with fast_client(server.base_url) as theirs, fast_client(server.base_url) as strangers:
        theirs.login(colleague, password)
        strangers.login(stranger, stranger_password)
        fetched = theirs.download_attachment(str(event.payload["sha256"]))
        with pytest.raises(RequestRejectedError) as refused:
            strangers.download_attachment(str(event.payload["sha256"]))

    assert fetched == photo
    assert refused.value.status == 404


def test_a_downloaded_file_that_is_not_the_one_asked_for_is_refused() -> None:
    wanted = hashlib.sha256(b"the real photo").hexdigest()
    fake = ScriptedServer()
    fake.route("GET", f"/attachments/{wanted}", Reply(200, b"something else entirely"))
    with (
        fake.running(),
        fast_client(fake.base_url, token=SECRET) as client,
        pytest.raises(MalformedResponseError, match="different file"),
    ):
        client.download_attachment(wanted)


def _late(_body: bytes) -> Reply:
    time.sleep(1.0)  # past the client's read timeout below
    return Reply(body=b"{}")


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        pytest.param(Reply(body=b"<html>Bad gateway</html>"), MalformedResponseError, id="garbage"),
        pytest.param(Reply(body=b'{"results": [], "server_time": "20', cut_at=30), AnswerLostError,
                     id="cut"),
        pytest.param(_late, AnswerLostError, id="late"),
    ],
)  # fmt: skip
def test_an_unreadable_answer_to_a_push_says_the_server_may_have_it(
    reply: Reply, error: type[Exception]
) -> None:
    fake = ScriptedServer()
    fake.route("POST", "/sync/events", reply)
    with fake.running():
        client = ServerClient(fake.base_url, timeout=(2.0, 0.3), retries=0, token=SECRET)
        with client, pytest.raises(error) as info:
            client.push([])
    message = str(info.value)
    assert "may have stored part of it" in message
    assert "without duplicates" in message
    assert "nothing was changed" not in message


def test_a_late_answer_to_a_read_says_only_that_it_was_late() -> None:
    fake = ScriptedServer()
    fake.route("GET", "/sync/changes", _late)
    with fake.running():
        client = ServerClient(fake.base_url, timeout=(2.0, 0.3), retries=0, token=SECRET)
        with client, pytest.raises(OfflineError, match="did not answer in time") as info:
            client.changes(0, 10)
    assert "may have stored" not in str(info.value)
