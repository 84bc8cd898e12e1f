"""The knowledge base's API on both databases: a supervisor promotes a resolution to an
article, edits, searches, retires and restores it; an incident's known fix; the snapshot a
technician's laptop keeps (articles, the site's past fixes without personal data, known fixes)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldapp.domain import EventType as E
from fieldapp.server.demo_data import DEMO_PASSWORD, SITE, VIRUS_REF, seed_demo
from fieldapp.server.demo_knowledge import ARTICLE_TITLE
from tests.server.helpers import Client, Live, create_visit
from tests.server.supervision_kit import ev, push_ok

FINDINGS = "Toner cartridge sealed: the protective tape was never pulled."
FIX = "Removed the sealing tape from the toner; printed a test page with the user."


def resolved_visit(live: Live, supervisor: Client, tech: Client, site: str, **fields: Any) -> str:
    """A visit of `tech` at `site`, resolved and signed off an hour ago."""
    start = datetime.now(UTC) - timedelta(hours=2)
    visit_id = create_visit(
        supervisor,
        tech.username,
        site=site,
        window_start=start.isoformat(),
        window_end=(start + timedelta(hours=1)).isoformat(),
        **fields,
    )
    minute = timedelta(minutes=1)
    push_ok(
        tech,
        ev(visit_id, E.ARRIVED, start),
        ev(visit_id, E.PERMISSION_GRANTED, start + minute),
        ev(
            visit_id,
            E.DIAGNOSED,
            start + 2 * minute,
            findings=FINDINGS,
            user_perspective="Blank pages from the printer since this morning.",
            source_category="hardware",
            resources_used="Spare toner",
        ),
        ev(visit_id, E.RESOLVED, start + 3 * minute, explanation=FIX),
        ev(visit_id, E.SIGNED_OFF, start + 4 * minute),
    )
    return visit_id


def snapshot(tech: Client, known: str | None = None) -> dict[str, Any]:
    params = {"known": known} if known else {}
    response = tech.get("/sync/knowledge", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_promoted_fix_reaches_laptops_until_retired(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    site = f"Site-{uuid.uuid4().hex[:8]}"
    visit_id = resolved_visit(
        live, supervisor, tech, site, problem="Printer prints blank pages", category="Printing"
    )

    created = supervisor.post("/articles", json={"visit_id": visit_id})
    assert created.status_code == 201, created.text
    article = created.json()
    assert article["title"] == "Printer prints blank pages"
    assert (article["findings"], article["fix"]) == (FINDINGS, FIX)
    assert article["source_visit_id"] == visit_id
    assert article["created_by"] == supervisor.username
    assert article["category"] == "Printing"
    assert article["source_category"] == "hardware"

    first = snapshot(tech)
    assert article["id"] in {a["id"] for a in first["articles"]}
    assert snapshot(tech, first["version"]) == {
        "version": first["version"],
        "unchanged": True,
        "articles": [],
        "fixes": [],
        "known_fixes": [],
    }

    edited = supervisor.patch(
        f"/articles/{article['id']}", json={"title": "Blank pages: pull the toner's tape"}
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["fix"] == FIX  # what was not given stays
    second = snapshot(tech, first["version"])
    assert not second["unchanged"]
    titles = {a["id"]: a["title"] for a in second["articles"]}
    assert titles[article["id"]] == "Blank pages: pull the toner's tape"

    retired = supervisor.post(f"/articles/{article['id']}/retire")
    assert retired.status_code == 200
    assert retired.json()["retired_at"] is not None
    assert article["id"] not in {a["id"] for a in snapshot(tech)["articles"]}
    listed = supervisor.get("/articles", params={"q": "toner's tape"}).json()
    assert article["id"] not in {a["id"] for a in listed["articles"]}
    listed = supervisor.get("/articles", params={"q": "toner's tape", "include_retired": True})
    assert article["id"] in {a["id"] for a in listed.json()["articles"]}

    restored = supervisor.post(f"/articles/{article['id']}/restore")
    assert restored.json()["retired_at"] is None
    assert article["id"] in {a["id"] for a in snapshot(tech)["articles"]}


def test_article_search_matches_every_word_and_takes_wildcards_as_text(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    site = f"Site-{uuid.uuid4().hex[:8]}"
    word = uuid.uuid4().hex[:10]
    visit_id = resolved_visit(live, supervisor, tech, site, problem=f"Docking station {word}")
    made = supervisor.post(
        "/articles", json={"visit_id": visit_id, "fix": "Firmware 100% updated"}
    ).json()

    def found(q: str) -> set[str]:
        page = supervisor.get("/articles", params={"q": q})
        assert page.status_code == 200, page.text
        return {a["id"] for a in page.json()["articles"]}

    assert made["id"] in found(f"DOCKING {word}")
    assert made["id"] in found("100%")
    assert made["id"] not in found(f"{word} nowhere-else")
    assert made["id"] not in found(f"{word[:4]}_{word[5:]}")  # "_" is not a wildcard
    assert made["id"] not in found("%%%zz%%")


def test_only_a_resolution_is_promoted_and_only_by_supervisors(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    open_visit = create_visit(supervisor, tech.username)
    refused = supervisor.post("/articles", json={"visit_id": open_visit})
    assert (refused.status_code, refused.json()["error"]) == (409, "not_resolved")
    missing = supervisor.post("/articles", json={"visit_id": str(uuid.uuid4())})
    assert (missing.status_code, missing.json()["error"]) == (404, "visit_not_found")
    assert supervisor.get(f"/articles/{uuid.uuid4()}").status_code == 404
    assert supervisor.patch(f"/articles/{uuid.uuid4()}", json={"title": "x"}).status_code == 404
    assert tech.post("/articles", json={"visit_id": open_visit}).status_code == 403
    assert tech.get("/articles").status_code == 403
    assert supervisor.patch(f"/articles/{uuid.uuid4()}", json={"title": ""}).status_code == 422
    assert supervisor.post("/articles", json={"visit_id": open_visit, "x": 1}).status_code == 422


def test_the_site_past_fixes_reach_colleagues_without_personal_data(live: Live) -> None:
    supervisor, tech, colleague, elsewhere = (
        live.supervisor(),
        live.technician(),
        live.technician(),
        live.technician(),
    )
    site = f"Site-{uuid.uuid4().hex[:8]}"
    visit_id = resolved_visit(
        live,
        supervisor,
        tech,
        site,
        customer_name="Priya Natarajan",
        contact_phone="+41 44 555 12 12",
        contact_email="priya@example.com",
        room="3.14",
        problem="Printer prints blank pages",
    )
    create_visit(supervisor, colleague.username, site=site)  # the colleague works there too
    create_visit(supervisor, elsewhere.username, site=f"Other-{uuid.uuid4().hex[:8]}")

    fixes = {f["visit_id"]: f for f in snapshot(colleague)["fixes"]}
    assert visit_id in fixes
    fix = fixes[visit_id]
    assert (fix["site"], fix["findings"], fix["explanation"]) == (site, FINDINGS, FIX)
    text = str(fix)
    for personal in ("Priya", "555 12 12", "example.com", "3.14", tech.username):
        assert personal not in text
    assert visit_id in {f["visit_id"] for f in snapshot(tech)["fixes"]}
    assert visit_id not in {f["visit_id"] for f in snapshot(elsewhere)["fixes"]}
    assert supervisor.get("/sync/knowledge").status_code == 403

    # A fix more at the site is news to a laptop that holds the snapshot before it.
    before = snapshot(colleague)["version"]
    assert snapshot(colleague, before)["unchanged"]
    later = resolved_visit(live, supervisor, tech, site, problem="Scanner jams")
    after = snapshot(colleague, before)
    assert not after["unchanged"]
    assert later in {f["visit_id"] for f in after["fixes"]}


def test_an_incidents_known_fix_reaches_the_technicians_on_it(live: Live) -> None:
    supervisor, tech, other = live.supervisor(), live.technician(), live.technician()
    incident = f"INC-{uuid.uuid4().hex[:6]}"
    create_visit(supervisor, tech.username, incident_ref=incident, incident_summary="Adware")
    create_visit(supervisor, other.username)

    put = supervisor.put(
        f"/incidents/{incident}/known-fix", json={"known_fix": "Run the cleanup tool."}
    )
    assert put.status_code == 200, put.text
    assert put.json()["set_by"] == supervisor.username
    known = {k["incident_ref"]: k["known_fix"] for k in snapshot(tech)["known_fixes"]}
    assert known == {incident: "Run the cleanup tool."}
    assert snapshot(other)["known_fixes"] == []
    listed = supervisor.get("/incidents/known-fixes").json()
    assert incident in {k["incident_ref"] for k in listed}

    cleared = supervisor.put(f"/incidents/{incident}/known-fix", json={"known_fix": " "})
    assert cleared.status_code == 204
    assert snapshot(tech)["known_fixes"] == []
    assert tech.put(f"/incidents/{incident}/known-fix", json={"known_fix": "x"}).status_code == 403


def test_the_demo_site_has_past_fixes_an_article_and_a_known_fix(fresh_live: Live) -> None:
    with fresh_live.db() as session:
        assert seed_demo(session, datetime.now(UTC), passwords=fresh_live.app.state.passwords)
    kyra = fresh_live.login("kyra", DEMO_PASSWORD)
    body = snapshot(kyra)
    assert [a["title"] for a in body["articles"]] == [ARTICLE_TITLE]
    assert len(body["fixes"]) >= 4
    assert {f["site"] for f in body["fixes"]} == {SITE}
    assert [k["incident_ref"] for k in body["known_fixes"]] == [VIRUS_REF]
