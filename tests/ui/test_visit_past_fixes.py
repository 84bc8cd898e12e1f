"""Past fixes on the Diagnose page, offline (no server at all): typing the problem suggests
similar past fixes with articles first, a click shows one in full, "I used this fix" goes into
the recorded diagnosis, and the incident's known fix is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.protocol.knowledge import ArticlePublic, KnowledgeSnapshot, KnownFixPublic, PastFix
from fieldapp.store import Store
from fieldapp.store.knowledge import replace_snapshot
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_work import DiagnosePage
from tests.store.factories import T0
from tests.ui.test_visit_flow import (  # the fixtures are shared with the flow tests
    VISIT,
    WAIT_MS,
    click,
    clock_fixture,
    open_flow_fixture,
    page,
    seed,
    store_fixture,
)
from tests.ui.visit_kit import last_event

__all__ = ["clock_fixture", "open_flow_fixture", "store_fixture"]  # used by name, as fixtures

BLANK_PAGES = PastFix(
    visit_id="earlier-1",
    reference="HP-2611-K01",
    site="HQ",
    category="hardware",
    problem="Printer on floor 3 prints blank pages.",
    user_perspective="Every page comes out blank since the new toner went in.",
    source_category="hardware",
    findings="The new toner cartridge still had its sealing tape.",
    resources_used="",
    explanation="Pulled the sealing tape out; printed a test page.",
    resolved_at=T0 - timedelta(days=20),
)
VPN = PastFix(
    visit_id="earlier-2",
    reference="HP-2611-K02",
    site="HQ",
    category="network",
    problem="VPN drops in the meeting room.",
    user_perspective="The VPN drops every few minutes.",
    source_category="network",
    findings="Roaming between access points.",
    resources_used="",
    explanation="Preferred band 5 GHz.",
    resolved_at=T0 - timedelta(days=10),
)
ARTICLE = ArticlePublic(
    id="a-toner",
    title="Blank pages after a toner change",
    problem="Blank pages",
    findings="Sealing tape left on the toner.",
    resources_used="",
    fix="Pull the orange tape all the way out.",
    category="hardware",
    source_category="hardware",
    source_visit_id=None,
    source_reference="",
    created_by="sam",
    updated_by="sam",
    created_at=T0,
    updated_at=T0,
    retired_at=None,
)
KNOWN = KnownFixPublic(
    incident_ref="INC-4471", known_fix="Reseat the toner.", set_by="sam", updated_at=T0
)


def with_knowledge(store: Store) -> None:
    """The cache after a sync that brought the site's fixes, an article and a known fix."""
    snapshot = KnowledgeSnapshot(
        version="v1", articles=[ARTICLE], fixes=[BLANK_PAGES, VPN], known_fixes=[KNOWN]
    )
    with store.session() as session, session.begin():
        replace_snapshot(session, snapshot)
        session.execute(
            text("UPDATE visits SET incident_ref = 'INC-4471' WHERE id = :id"), {"id": VISIT}
        )


def listed(diagnose: DiagnosePage) -> list[str]:
    return diagnose.past_fixes.suggestion_keys()


def test_typing_the_problem_suggests_past_fixes_offline_and_the_one_used_is_recorded(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    with_knowledge(store)
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.go_to(StepKey.DIAGNOSE)
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    box = diagnose.past_fixes

    # The incident's known fix shows at once.
    qtbot.waitUntil(box.known_banner.isVisible, timeout=WAIT_MS)
    assert "Reseat the toner." in box.known_banner.text()
    assert "sam" in box.known_banner.text()

    diagnose.perspective.clear()
    qtbot.keyClicks(diagnose.perspective, "Every page comes out blank after the toner change")
    qtbot.waitUntil(
        lambda: {"fix:earlier-1", "article:a-toner"} <= set(listed(diagnose)), timeout=WAIT_MS
    )
    assert listed(diagnose)[0] == "article:a-toner"  # articles above raw fixes
    assert "fix:earlier-2" not in listed(diagnose)  # the VPN fix has nothing in common

    row = listed(diagnose).index("fix:earlier-1")
    item = box.list.item(row)
    # Its day with the month named, not the locale's short "18 2 2025" or "2/18/25".
    assert item.text().startswith("Past fix HP-2611-K01 (18 Feb 2025): ")
    qtbot.mouseClick(
        box.list.viewport(), Qt.MouseButton.LeftButton, pos=box.list.visualItemRect(item).center()
    )
    assert box.detail.isVisible()
    assert "sealing tape" in box.detail.toPlainText()
    assert "Pulled the sealing tape out" in box.detail.toPlainText()
    qtbot.mouseClick(box.use_button, Qt.MouseButton.LeftButton)
    assert "HP-2611-K01" in box.used_label.text()

    diagnose.source.setCurrentIndex(diagnose.source.findData("hardware"))
    diagnose.findings.setPlainText("Sealing tape still on the new toner.")
    questions = diagnose.intake
    questions.since.setCurrentIndex(questions.since.findData("today"))
    questions.shown.setCurrentIndex(questions.shown.findData("yes"))
    click(qtbot, flow, diagnose.record_button)
    kind, payload = last_event(store)
    assert kind is EventType.DIAGNOSED
    assert payload["fix_used"] == "fix:earlier-1"
    model = flow.timeline_model
    cells = [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any("a past fix helped" in c for c in cells)


def test_nothing_typed_that_matches_suggests_nothing(
    qtbot: QtBot, store: Store, open_flow: Callable[[], VisitFlow]
) -> None:
    with_knowledge(store)
    seed(store, EventType.CONFIRMED, EventType.ARRIVED, EventType.PERMISSION_GRANTED)
    flow = open_flow()
    flow.go_to(StepKey.DIAGNOSE)
    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    diagnose.perspective.clear()
    qtbot.keyClicks(diagnose.perspective, 'zzz "NEAR( * qqq')
    qtbot.waitUntil(
        lambda: diagnose.past_fixes.hint.text() == "No similar past fix yet.", timeout=WAIT_MS
    )
    assert listed(diagnose) == []
    assert not diagnose.past_fixes.use_button.isEnabled()
