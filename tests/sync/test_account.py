"""Logging in notes the account in the cache: server, username and the name customers read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.demo import DemoKeyring
from fieldapp.protocol.knowledge import KnowledgeSnapshot, KnownFixPublic, PastFix
from fieldapp.server.admin import add_user
from fieldapp.store import Store, open_store
from fieldapp.store.drafts import load_draft, save_draft
from fieldapp.store.knowledge import known_fix, replace_snapshot, snapshot_version, suggest
from fieldapp.sync import TokenStore, current_account, log_in
from tests.store.factories import T0
from tests.sync.harness import Server, fast_client


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "laptop" / "cache.sqlite3")
    try:
        yield opened
    finally:
        opened.dispose()


def _log_in(server: Server, store: Store, username: str, password: str) -> None:
    client = fast_client(server.base_url)
    try:
        # keyring is not ours: its round trip has its own test (test_credentials.py)
        log_in(store, client, TokenStore(DemoKeyring()), username, password)
    finally:
        client.close()


def test_logging_in_keeps_the_users_full_name(server: Server, cache: Store) -> None:
    with server.db() as session:
        add_user(
            session, "kyra", "pw-kyra", "technician", "Kyra Lane",
            passwords=server.app.state.passwords,
        )  # fmt: skip
    assert current_account(cache) is None
    _log_in(server, cache, "kyra", "pw-kyra")
    account = current_account(cache)
    assert account is not None
    assert (account.username, account.full_name) == ("kyra", "Kyra Lane")
    assert account.server_url == server.base_url


def test_without_a_full_name_the_username_stands_in(server: Server, cache: Store) -> None:
    with server.db() as session:
        add_user(session, "jb", "pw-jb", "technician", passwords=server.app.state.passwords)
    _log_in(server, cache, "jb", "pw-jb")
    account = current_account(cache)
    assert account is not None
    assert account.full_name == "jb"


def test_another_user_logging_in_takes_over_an_empty_cache_without_its_drafts(
    server: Server, cache: Store
) -> None:
    first, first_password = server.add_technician()
    second, second_password = server.add_technician()
    _log_in(server, cache, first, first_password)
    with cache.session() as session, session.begin():
        save_draft(session, "v-1", "notes", {"text": "the first user's typing"}, T0)
    _log_in(server, cache, second, second_password)
    account = current_account(cache)
    assert account is not None
    assert (account.username, account.full_name) == (second, second.title())
    with cache.read_session() as session:
        assert load_draft(session, "v-1", "notes") is None


def test_another_user_logging_in_does_not_inherit_the_knowledge_base(
    server: Server, cache: Store
) -> None:
    first, first_password = server.add_technician()
    second, second_password = server.add_technician()
    _log_in(server, cache, first, first_password)
    known = KnownFixPublic(incident_ref="INC-1", known_fix="Reboot.", set_by="sam", updated_at=T0)
    fix = PastFix(
        visit_id="v-9",
        reference="INC-9",
        site="HQ",
        category="",
        problem="Blank pages",
        user_perspective="",
        source_category="hardware",
        findings="Sealed toner.",
        resources_used="",
        explanation="Pulled the tape.",
        resolved_at=T0,
    )
    with cache.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v1", fixes=[fix], known_fixes=[known]))
    _log_in(server, cache, second, second_password)
    with cache.read_session() as session:
        assert suggest(session, "toner") == []
        assert known_fix(session, "INC-1") is None
        assert snapshot_version(session) is None
