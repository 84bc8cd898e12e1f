"""The offline knowledge base: own resolved visits and the server's snapshot, ranked by bm25;
articles above raw fixes; a retired article gone after the next snapshot; known fixes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.protocol.knowledge import (
    ArticlePublic,
    KnowledgeSnapshot,
    KnownFixPublic,
    PastFix,
)
from fieldapp.store import Store, apply_changes_page
from fieldapp.store.knowledge import (
    counts,
    known_fix,
    refresh_own_fixes,
    replace_snapshot,
    suggest,
    suggestion_query,
)
from fieldapp.store.recording import discard_rejected_event, record_event
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, feed_event, server_visit

PRINTER = {
    "user_perspective": "The printer on floor 3 prints blank pages since this morning.",
    "source_category": "hardware",
    "findings": "Toner cartridge sealed: the protective tape was never pulled.",
    "resources_used": "HP manual, spare toner",
}
PRINTER_FIX = "Removed the sealing tape from the toner; printed a test page with the user."
VPN = {
    "user_perspective": "VPN drops every ten minutes when working from the meeting room.",
    "source_category": "network",
    "findings": "Wi-Fi roaming between access points resets the VPN tunnel.",
}
VPN_FIX = "Pinned the laptop to the 5 GHz access point; the VPN stays up."


def resolved_visit(
    builder: PageBuilder, diagnosis: dict[str, Any], explanation: str, **fields: Any
) -> tuple[PageBuilder, str]:
    visit = server_visit(**fields)
    builder.visit(visit)
    for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED):
        builder.event(feed_event(visit.id, kind, builder.seq + 1))
    builder.event(feed_event(visit.id, EventType.DIAGNOSED, builder.seq + 1, payload=diagnosis))
    resolution = {**MINIMAL[EventType.RESOLVED], "explanation": explanation}
    builder.event(
        feed_event(
            visit.id,
            EventType.RESOLVED,
            builder.seq + 1,
            payload=resolution,
            at=T0 + timedelta(minutes=30),
        )
    )
    return builder, visit.id


def _apply_and_index(store: Store, builder: PageBuilder) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
        refresh_own_fixes(session)


def keys(store: Store, typed: str, exclude: str = "") -> list[str]:
    with store.read_session() as session:
        return [s.key for s in suggest(session, typed, exclude_visit_id=exclude)]


def article(article_id: str, title: str, fix: str, **fields: Any) -> ArticlePublic:
    values: dict[str, Any] = {
        "id": article_id,
        "title": title,
        "fix": fix,
        "source_visit_id": None,
        "source_reference": "",
        "created_by": "sam",
        "updated_by": "sam",
        "created_at": T0,
        "updated_at": T0,
        "retired_at": None,
    }
    values.update(fields)
    return ArticlePublic.model_validate(values)


def test_the_relevant_past_fix_ranks_first(store: Store) -> None:
    builder = PageBuilder()
    builder, printer = resolved_visit(builder, PRINTER, PRINTER_FIX, problem="Printer trouble")
    builder, vpn = resolved_visit(builder, VPN, VPN_FIX, problem="VPN unstable")
    _apply_and_index(store, builder)

    assert keys(store, "prints blank pages")[0] == f"fix:{printer}"
    assert keys(store, "the VPN keeps dropping")[0] == f"fix:{vpn}"
    # Words of both find both.
    found = keys(store, "toner printer VPN")
    assert set(found) == {f"fix:{printer}", f"fix:{vpn}"}
    assert keys(store, "nothing like this anywhere") == []
    # The visit being diagnosed is never suggested to itself.
    assert f"fix:{printer}" not in keys(store, "blank pages", exclude=printer)


def test_what_is_typed_is_never_fts_syntax(store: Store) -> None:
    assert (
        suggestion_query('a "quoted" NEAR(x) OR * ^col: the') == '"quoted"* OR "NEARx"* OR "col"*'
    )

    assert suggestion_query("the and a") is None
    for typed in ('"', "AND OR NOT", "*", "col:x", "(((", "NEAR(a b)"):
        keys(store, typed)  # no FTS5 syntax error whatever is typed


def test_a_fix_recorded_here_is_suggested_offline_at_once(store: Store) -> None:
    visit = server_visit(problem="Outlook asks for the password again and again")
    builder = PageBuilder().visit(visit)
    for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED):
        builder.event(feed_event(visit.id, kind, builder.seq + 1))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
    diagnosis = {
        "user_perspective": "Outlook keeps prompting for credentials.",
        "source_category": "configuration",
        "findings": "Stale credential in the Windows Credential Manager.",
    }
    resolution = {**MINIMAL[EventType.RESOLVED], "explanation": "Deleted the stale credential."}
    with store.session() as session, session.begin():
        record_event(session, visit.id, EventType.DIAGNOSED, diagnosis, author=TECH, now=T0)
        record_event(session, visit.id, EventType.RESOLVED, resolution, author=TECH, now=T0)
    assert keys(store, "credential manager prompting") == [f"fix:{visit.id}"]
    with store.read_session() as session:
        (hit,) = suggest(session, "credential")
    assert hit.explanation == "Deleted the stale credential."
    assert hit.findings.startswith("Stale credential")
    assert not hasattr(hit, "customer_name")


def test_articles_rank_above_raw_fixes_and_a_retired_one_goes(store: Store) -> None:
    builder = PageBuilder()
    builder, printer = resolved_visit(builder, PRINTER, PRINTER_FIX, problem="Printer trouble")
    _apply_and_index(store, builder)
    # A weaker textual match than the raw fix, yet listed first: it is an article.
    written = article("a1", "Printer: new toner", "Pull the toner's sealing tape.")
    server_fix = PastFix(
        visit_id="elsewhere-1",
        reference="INC-90001",
        site="HQ",
        category="Printing",
        problem="Blank pages from the printer",
        user_perspective="Blank pages",
        source_category="hardware",
        findings="Sealed toner cartridge.",
        resources_used="",
        explanation="Removed the tape.",
        resolved_at=T0,
    )
    with store.session() as session, session.begin():
        replace_snapshot(
            session,
            KnowledgeSnapshot(version="v1", articles=[written], fixes=[server_fix]),
        )
        assert counts(session) == {"article": 1, "fix": 2}
    found = keys(store, "printer blank pages toner sealed")
    assert found[0] == "article:a1"
    assert set(found[1:]) == {f"fix:{printer}", "fix:elsewhere-1"}

    # Retired: the next snapshot no longer carries it; the own fix stays.
    with store.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v2"))
    assert keys(store, "printer toner") == [f"fix:{printer}"]

    # "unchanged" keeps what is there.
    with store.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v1", articles=[written]))
        replace_snapshot(session, KnowledgeSnapshot(version="v1", unchanged=True))
    assert keys(store, "printer toner")[0] == "article:a1"


def test_an_article_from_a_visit_hides_that_visits_raw_fix(store: Store) -> None:
    builder = PageBuilder()
    builder, printer = resolved_visit(builder, PRINTER, PRINTER_FIX, problem="Printer trouble")
    _apply_and_index(store, builder)
    promoted = article("a2", "Blank pages: sealed toner", PRINTER_FIX, source_visit_id=printer)
    with store.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v1", articles=[promoted]))
    assert keys(store, "blank pages toner") == ["article:a2"]


def test_a_discarded_resolution_leaves_the_knowledge_base(store: Store) -> None:
    visit = server_visit(problem="Scanner")
    builder = PageBuilder().visit(visit)
    for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED):
        builder.event(feed_event(visit.id, kind, builder.seq + 1))
    with store.session() as session, session.begin():
        apply_changes_page(session, builder.page())
        record_event(session, visit.id, EventType.DIAGNOSED, PRINTER, author=TECH, now=T0)
        resolved = record_event(
            session, visit.id, EventType.RESOLVED, MINIMAL[EventType.RESOLVED], author=TECH, now=T0
        )
        # As the server's refusal leaves it: rejected, out of the outbox.
        session.execute(
            text("UPDATE events SET sync_state = 'rejected' WHERE id = :id"), {"id": resolved.id}
        )
        session.execute(text("DELETE FROM outbox WHERE event_id = :id"), {"id": resolved.id})
    with store.session() as session, session.begin():
        discard_rejected_event(session, resolved.id)
        refresh_own_fixes(session)
    assert keys(store, "toner sealed") == []


def test_known_fixes_come_with_the_snapshot_and_go_when_cleared(store: Store) -> None:
    fix = KnownFixPublic(
        incident_ref="INC-4471",
        known_fix="Run the cleanup tool from the share.",
        set_by="sam",
        updated_at=T0,
    )
    with store.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v1", known_fixes=[fix]))
    with store.read_session() as session:
        found = known_fix(session, "INC-4471")
        assert found is not None
        assert found.known_fix.startswith("Run the cleanup")
        assert known_fix(session, "INC-9999") is None
        assert known_fix(session, "") is None
    with store.session() as session, session.begin():
        replace_snapshot(session, KnowledgeSnapshot(version="v2"))
    with store.read_session() as session:
        assert known_fix(session, "INC-4471") is None
