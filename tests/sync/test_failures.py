"""Sync when things go wrong: lost replies, garbage, no server, expired logins, a hostile feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from fieldapp.domain import EventType
from fieldapp.protocol import PushRequest, PushResponse
from fieldapp.store import (
    apply_changes_page,
    get_visit,
    list_visits,
    open_store,
    record_event,
    sync_counts,
)
from fieldapp.store.meta import set_cursor
from fieldapp.store.models import OutboxRow
from fieldapp.sync import (
    AnswerLostError,
    AuthError,
    MalformedResponseError,
    OfflineError,
    SyncEngine,
)
from tests.domain.factories import MINIMAL
from tests.store.factories import PageBuilder, server_visit, snapshot
from tests.support.servers import free_port
from tests.sync.fakes import DroppingProxy, Reply, ScriptedServer
from tests.sync.harness import Laptop, Server, fast_client


def _outbox(laptop: Laptop) -> int:
    with laptop.store.read_session() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


def _proxy_to(server: Server, drop_prefix: bytes, cut_body_at: int | None) -> DroppingProxy:
    parts = urlsplit(server.base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    return DroppingProxy((parts.hostname, parts.port), drop_prefix, cut_body_at=cut_body_at)


@pytest.mark.parametrize(
    "cut_body_at", [pytest.param(None, id="answer-lost"), pytest.param(20, id="answer-cut")]
)
def test_a_lost_or_cut_acknowledgement_says_the_server_may_have_it_and_is_settled_next(
    server: Server, laptop: Laptop, cut_body_at: int | None
) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    ids = [laptop.record(visit, EventType.ARRIVED), laptop.record(visit, EventType.NOTE)]
    proxy = _proxy_to(server, b"POST /api/v1/sync/events", cut_body_at)
    with proxy.running():
        through_proxy = fast_client(proxy.base_url)
        through_proxy.login(laptop.username, "pw-" + laptop.username)
        with through_proxy, pytest.raises(AnswerLostError) as info:
            laptop.engine_for(through_proxy).sync()
    # What is known, and only that: the work went out, the server may hold it.
    assert "may have stored part of it" in info.value.message
    assert "without duplicates" in info.value.message
    assert "nothing was changed" not in info.value.message
    assert "Cannot reach" not in info.value.message
    assert info.value.transient
    assert proxy.dropped >= 1  # the server got (and stored) the batch; the reply was lost
    assert server.event_ids(visit) == ids
    assert _outbox(laptop) == 2
    summary = laptop.engine.sync()
    assert (summary.pushed, summary.duplicate, summary.rejected) == (0, 2, 0)
    assert server.event_ids() == ids
    assert _outbox(laptop) == 0


def test_a_cut_answer_to_a_read_says_nothing_was_changed(server: Server, laptop: Laptop) -> None:
    server.create_visit(laptop.username)
    proxy = _proxy_to(server, b"GET /api/v1/sync/changes", cut_body_at=20)
    before = snapshot(laptop.store)
    with proxy.running():
        through_proxy = fast_client(proxy.base_url)
        through_proxy.login(laptop.username, "pw-" + laptop.username)
        with through_proxy, pytest.raises(MalformedResponseError) as info:
            laptop.engine_for(through_proxy).sync()
    assert "nothing was changed" in info.value.message
    assert snapshot(laptop.store) == before


def test_server_down_leaves_the_outbox_intact(server: Server, laptop: Laptop) -> None:
    visit = server.create_visit(laptop.username)
    laptop.engine.sync()
    laptop.record(visit, EventType.ARRIVED)
    before = snapshot(laptop.store)
    nobody = fast_client(f"http://127.0.0.1:{free_port()}", token="t")
    with nobody, pytest.raises(OfflineError, match="Cannot reach the server") as info:
        laptop.engine_for(nobody).sync()
    assert "nothing was sent" in info.value.message  # the connection was refused
    assert snapshot(laptop.store) == before


def _page_with(**visit_fields: object) -> bytes:
    """A page of one visit whose fields are changed (or added) as given."""
    page = json.loads(PageBuilder().visit(server_visit()).page().model_dump_json())
    page["changes"][0]["visit"].update(visit_fields)
    return json.dumps(page).encode()


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(Reply(body=b"<html>Bad gateway page</html>"), id="not-json"),
        pytest.param(Reply(body=b'{"changes": [{"seq": 1, "kind": "vis'), id="truncated-json"),
        pytest.param(Reply(body=b'{"changes": "none", "has_more": false}'), id="wrong-shape"),
        pytest.param(
            Reply(body=b'{"changes": [], "next_cursor": 5, "has_more": false, "server_time": "x"}'),
            id="bad-field",
        ),
        pytest.param(
            Reply(body=json.dumps({"changes": [], "padding": "x" * 5000}).encode(), cut_at=100),
            id="cut-off",
        ),
        pytest.param(Reply(body=_page_with(colour="blue")), id="unknown-visit-field"),
        pytest.param(Reply(body=_page_with(reference="INC\x00")), id="nul-in-text"),
        pytest.param(Reply(body=_page_with(window_start="2030-03-11T09:00:00")), id="naive-time"),
        pytest.param(Reply(body=_page_with(status="paused")), id="unknown-status"),
    ],
)
def test_a_malformed_page_changes_nothing(tmp_path: Path, reply: Reply) -> None:
    fake = ScriptedServer()
    fake.route("GET", "/sync/changes", reply)
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        with store.session() as session, session.begin():
            apply_changes_page(session, PageBuilder().visit(server_visit()).page())
        before = snapshot(store)
        with (
            fake.running(),
            fast_client(fake.base_url, token="t") as client,
            pytest.raises(MalformedResponseError) as info,
        ):
            SyncEngine(store, client).sync()
        assert "nothing was changed" in info.value.message
        assert "Traceback" not in str(info.value)
        assert snapshot(store) == before
    finally:
        store.dispose()


def test_expired_revoked_and_wrong_logins_are_auth_errors(server: Server, laptop: Laptop) -> None:
    server.expire_tokens(laptop.username)
    with pytest.raises(AuthError) as info:
        laptop.engine.sync()
    assert info.value.reason == "token_expired"
    assert "log in again" in info.value.message

    client = fast_client(server.base_url)
    with client:
        with pytest.raises(AuthError) as info:
            client.login(laptop.username, "not the password")
        assert info.value.reason == "invalid_credentials"
        answer = client.login(laptop.username, "pw-" + laptop.username)
        client.logout()
        client.set_token(answer.token)
        with pytest.raises(AuthError) as info:
            client.changes(0, 10)
        assert info.value.reason == "token_revoked"


def test_a_tombstone_over_pending_work_keeps_the_visit(tmp_path: Path) -> None:
    """A dangerous server: it will not take the events yet, and drops the visit meanwhile."""
    visit = server_visit()
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        builder = PageBuilder()
        with store.session() as session, session.begin():
            apply_changes_page(session, builder.visit(visit).page())
        with store.session() as session, session.begin():
            pending = record_event(
                session, visit.id, EventType.ARRIVED, MINIMAL[EventType.ARRIVED],
                author="kyra", now=datetime.now(UTC),
            ).id  # fmt: skip
        fake = ScriptedServer()

        def retry_later(body: bytes) -> Reply:
            sent = PushRequest.model_validate_json(body).events
            answer = {
                "results": [
                    {"id": e.id, "status": "rejected", "code": "busy", "message": "Later.",
                     "retryable": True}
                    for e in sent
                ],
                "server_time": datetime.now(UTC).isoformat(),
            }  # fmt: skip
            return Reply(body=PushResponse.model_validate(answer).model_dump_json().encode())

        tombstone = builder.tombstone(visit.id, "reassigned", "Given to JB.").page()
        fake.route("POST", "/sync/events", retry_later)
        fake.route("GET", "/sync/changes", Reply(body=tombstone.model_dump_json().encode()))
        with fake.running(), fast_client(fake.base_url, token="t") as client:
            summary = SyncEngine(store, client).sync()
        assert (summary.retry_later, summary.conflicts) == (1, [visit.id])
        with store.read_session() as session:
            (row,) = list_visits(session)
            assert (row.id, row.scope_lost_reason, row.pending_count) == (
                visit.id,
                "reassigned",
                1,
            )
            assert get_visit(session, visit.id).scope_lost_message == "Given to JB."
            assert sync_counts(session).pending == 1
            box = session.get(OutboxRow, pending)
            assert box is not None
            assert box.attempts == 1
            assert box.last_error == "Later."
    finally:
        store.dispose()


def test_must_refetch_downloads_afresh_and_keeps_local_work(server: Server, laptop: Laptop) -> None:
    kept = server.create_visit(laptop.username)
    gone = server.create_visit(laptop.username)
    laptop.engine.sync()
    server.reassign(gone, None)
    later = server.create_visit(laptop.username)
    laptop.record(kept, EventType.ARRIVED)
    # A cursor the server cannot serve (as after the tombstone horizon passed it by).
    with laptop.store.session() as session, session.begin():
        set_cursor(session, 10**9)
    summary = laptop.engine.sync()
    assert summary.refetched
    assert summary.pushed == 1
    with laptop.store.read_session() as session:
        assert {v.id for v in list_visits(session)} == {kept, later}
        assert get_visit(session, kept).pending_count == 0
