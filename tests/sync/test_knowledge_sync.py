"""The knowledge base through real syncs: an own fix is suggested offline at once, an article
promoted from it replaces it after the next sync, retiring the article takes it off the laptop,
an incident's known fix arrives and goes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.protocol import Role
from fieldapp.protocol.knowledge import ArticleCreate
from fieldapp.server import knowledge
from fieldapp.server.admin import add_user
from fieldapp.server.models import User
from fieldapp.server.security import Principal
from fieldapp.store.knowledge import known_fix, suggest
from tests.domain.factories import MINIMAL
from tests.sync.harness import Laptop, Server

DIAGNOSIS = {
    "user_perspective": "The printer prints blank pages.",
    "source_category": "hardware",
    "findings": "Toner cartridge sealed: the protective tape was never pulled.",
}


def _supervisor(server: Server) -> Principal:
    with server.db() as session:
        add_user(
            session, "sam", "pw-sam", "supervisor", "Sam Lee", passwords=server.app.state.passwords
        )
        user_id = session.scalar(select(User.id).where(User.username == "sam"))
    assert user_id is not None
    return Principal(user_id, "sam", "Sam Lee", Role.SUPERVISOR)


def _keys(laptop: Laptop, typed: str) -> list[str]:
    with laptop.store.read_session() as session:
        return [s.key for s in suggest(session, typed)]


def test_articles_and_known_fixes_reach_the_laptop_and_leave_it(
    server: Server, laptop: Laptop
) -> None:
    sam = _supervisor(server)
    visit_id = server.create_visit(laptop.username, site="HQ", incident_ref="INC-4471")
    laptop.engine.sync()
    for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED):
        laptop.record(visit_id, kind)
    laptop.record(visit_id, EventType.DIAGNOSED, DIAGNOSIS)
    laptop.record(visit_id, EventType.RESOLVED)
    assert _keys(laptop, "blank pages toner") == [f"fix:{visit_id}"]  # offline, before any sync

    laptop.engine.sync()
    with server.db() as session:
        article = knowledge.create_article(
            session,
            ArticleCreate(visit_id=visit_id, title="Blank pages: sealed toner"),
            sam,
            datetime.now(UTC),
        )
        knowledge.set_known_fix(session, "INC-4471", "Pull the tape.", sam, datetime.now(UTC))
    laptop.engine.sync()
    assert _keys(laptop, "blank pages toner") == [f"article:{article.id}"]
    with laptop.store.read_session() as session:
        found = known_fix(session, "INC-4471")
        assert found is not None
        assert (found.known_fix, found.set_by) == ("Pull the tape.", "sam")

    with server.db() as session:
        knowledge.retire_article(session, article.id, sam, datetime.now(UTC), retired=True)
        knowledge.set_known_fix(session, "INC-4471", "", sam, datetime.now(UTC))
    laptop.engine.sync()
    assert _keys(laptop, "blank pages toner") == [f"fix:{visit_id}"]
    with laptop.store.read_session() as session:
        assert known_fix(session, "INC-4471") is None
    with laptop.store.read_session() as session:
        (own,) = suggest(session, "toner")
    assert own.explanation == MINIMAL[EventType.RESOLVED]["explanation"]
