"""The offline knowledge base: past fixes and articles indexed with FTS5, ranked by bm25.

Rows come from two places (docs/sync.md, "Past fixes and articles"):
- "local": this laptop's resolved visits, derived from their events by one SQL statement
  (`refresh_own_fixes`), after a diagnosis or resolution is recorded and after each sync;
- "server": the knowledge snapshot each sync brings (articles, the site's past fixes, the
  incidents' known fixes), which replaces the previous one whole (`replace_snapshot`).

`suggest` turns what the technician typed into an FTS5 OR-query of its meaningful words and
lists articles first, then past fixes, each by bm25 (the title and the findings weigh most).
A visit an article was written from is not suggested again as a raw fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.orm import Session

from fieldapp.store.meta import get_meta, set_meta
from fieldapp.store.models import (
    IncidentFixRow,
    incident_fixes_table,
    knowledge_table,
)

if TYPE_CHECKING:
    from fieldapp.protocol.knowledge import KnowledgeSnapshot

FTS_TABLE = "knowledge_fts"
INDEXED = ("title", "problem", "user_perspective", "findings", "resources_used", "explanation")
# bm25 weights, in INDEXED order: a match in the title or the findings says most.
WEIGHTS = (4.0, 2.0, 1.0, 3.0, 1.0, 2.0)
ARTICLE = "article"
FIX = "fix"
LOCAL = "local"
SERVER = "server"
SNAPSHOT_VERSION = "knowledge_version"  # meta key: the snapshot this cache holds
MAX_TERMS = 24
MIN_TERM_CHARS = 3
# Words that say nothing about a fault; matching on them would suggest everything.
_STOPWORD_TEXT = """
    about after again all also and any are been before being but can cannot cant could did does
    doesnt doing dont each every for from get got had has have help her here him his how into isnt
    issue its just keeps let like may more most much new not now old one only other our out
    over please problem said same says see she since some still such than that the their them
    then there these they this those too use user users very want was way what when where which
    while who will with wont work working would yes yet you your yours
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def fix_key(visit_id: str) -> str:
    return f"{FIX}:{visit_id}"


def article_key(article_id: str) -> str:
    return f"{ARTICLE}:{article_id}"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A past fix or an article as the Diagnose page lists and shows it."""

    key: str
    kind: str  # ARTICLE or FIX
    title: str
    reference: str
    site: str
    category: str
    problem: str
    user_perspective: str
    source_category: str
    findings: str
    resources_used: str
    explanation: str
    resolved_at: datetime | None
    score: float

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE


def suggestion_query(typed: str) -> str | None:
    """An FTS5 expression matching any meaningful word of `typed` (OR), each as a prefix.

    Words shorter than MIN_TERM_CHARS and STOPWORDS are dropped; quotes are doubled, so
    nothing typed is read as FTS5 syntax. None when nothing meaningful was typed.
    """
    terms: list[str] = []
    for raw in typed.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "-_.'").strip("-_.'")
        if len(word) < MIN_TERM_CHARS or word.casefold() in STOPWORDS:
            continue
        # A prefix: "page" finds "pages", "print" finds "printer".
        phrase = '"' + word[:64].replace('"', '""') + '"*'
        if phrase not in terms:
            terms.append(phrase)
        if len(terms) == MAX_TERMS:
            break
    return " OR ".join(terms) or None


_SUGGEST_SQL = text(
    f"""
    SELECT k.key, k.kind, k.title, k.reference, k.site, k.category, k.problem,
           k.user_perspective, k.source_category, k.findings, k.resources_used,
           k.explanation, k.resolved_at,
           bm25({FTS_TABLE}, {", ".join(str(w) for w in WEIGHTS)}) AS score
    FROM {FTS_TABLE} JOIN knowledge AS k ON k.rowid = {FTS_TABLE}.rowid
    WHERE {FTS_TABLE} MATCH :q
      AND (k.visit_id IS NULL OR k.visit_id != :exclude OR k.kind = '{ARTICLE}')
      AND NOT (k.kind = '{FIX}' AND k.visit_id IN (
          SELECT visit_id FROM knowledge WHERE kind = '{ARTICLE}' AND visit_id IS NOT NULL))
    ORDER BY k.kind = '{ARTICLE}' DESC, score, k.resolved_at DESC
    LIMIT :limit
    """
)


def suggest(
    session: Session, typed: str, *, exclude_visit_id: str = "", limit: int = 8
) -> list[Suggestion]:
    """Articles, then past fixes, matching what was typed, best first (never the visit
    `exclude_visit_id` itself)."""
    query = suggestion_query(typed)
    if query is None:
        return []
    rows = session.execute(_SUGGEST_SQL, {"q": query, "exclude": exclude_visit_id, "limit": limit})
    return [
        Suggestion(
            key=row.key,
            kind=row.kind,
            title=row.title,
            reference=row.reference,
            site=row.site,
            category=row.category,
            problem=row.problem,
            user_perspective=row.user_perspective,
            source_category=row.source_category,
            findings=row.findings,
            resources_used=row.resources_used,
            explanation=row.explanation,
            resolved_at=datetime.fromisoformat(row.resolved_at) if row.resolved_at else None,
            score=float(row.score),
        )
        for row in rows
    ]


def known_fix(session: Session, incident_ref: str) -> IncidentFixRow | None:
    """The known fix a supervisor set for the incident, or None."""
    if not incident_ref:
        return None
    return session.get(IncidentFixRow, incident_ref)


# The newest diagnosis and resolution of each resolved visit here (a rejected event is not
# the visit's story), read through the resolutions' own partial index (ix_events_resolved,
# migration 0011: its WHERE term is repeated literally, as SQLite needs), so a sync with
# nothing new costs a look at the resolutions, not at every event. Visit ids are given, or
# every resolved visit not indexed as resolved at that time yet. A row the server wrote
# stays the server's.
_OWN_FIXES = """
INSERT INTO knowledge (key, kind, origin, visit_id, reference, site, category, title, problem,
    user_perspective, source_category, findings, resources_used, explanation, resolved_at)
SELECT 'fix:' || v.id, 'fix', 'local', v.id, v.reference, v.site, v.category, v.problem,
    v.problem,
    coalesce(json_extract(d.payload, '$.user_perspective'), ''),
    coalesce(json_extract(d.payload, '$.source_category'), ''),
    coalesce(json_extract(d.payload, '$.findings'), ''),
    coalesce(json_extract(d.payload, '$.resources_used'), ''),
    coalesce(json_extract(r.payload, '$.explanation'), ''),
    r.occurred_at
FROM events AS r
JOIN visits AS v ON v.id = r.visit_id
LEFT JOIN events AS d ON d.id = (
    SELECT e.id FROM events AS e
    WHERE e.visit_id = v.id AND e.type = 'diagnosed' AND e.sync_state != 'rejected'
    ORDER BY e.occurred_at DESC LIMIT 1)
WHERE r.type = 'resolved' AND r.sync_state != 'rejected' AND v.stub = 0
    AND r.id = (
        SELECT e.id FROM events AS e
        WHERE e.visit_id = r.visit_id AND e.type = 'resolved' AND e.sync_state != 'rejected'
        ORDER BY e.occurred_at DESC LIMIT 1)
    AND {which}
ON CONFLICT (key) DO UPDATE SET
    reference = excluded.reference, site = excluded.site, category = excluded.category,
    title = excluded.title, problem = excluded.problem,
    user_perspective = excluded.user_perspective, source_category = excluded.source_category,
    findings = excluded.findings, resources_used = excluded.resources_used,
    explanation = excluded.explanation, resolved_at = excluded.resolved_at
WHERE knowledge.origin = 'local'
"""
_NOT_YET = (
    "NOT EXISTS (SELECT 1 FROM knowledge AS k WHERE k.key = 'fix:' || v.id "
    "AND k.resolved_at IS r.occurred_at)"
)
_GONE = text(
    "DELETE FROM knowledge WHERE origin = 'local' AND kind = 'fix' AND NOT EXISTS ("
    "SELECT 1 FROM events AS e WHERE e.visit_id = knowledge.visit_id "
    "AND e.type = 'resolved' AND e.sync_state != 'rejected')"
)


def refresh_own_fixes(bind: Session | Connection, visit_ids: Iterable[str] | None = None) -> None:
    """Index the resolved visits of this cache as past fixes (the given ones, or those not
    indexed yet), and drop the local fixes whose resolution is gone (discarded, or the visit
    left the cache). The caller owns the transaction."""
    if visit_ids is None:
        bind.execute(text(_OWN_FIXES.format(which=_NOT_YET)))
    else:
        ids = list(visit_ids)
        if not ids:
            return
        statement = text(_OWN_FIXES.format(which="v.id IN :ids")).bindparams(
            bindparam("ids", expanding=True)
        )
        bind.execute(statement, {"ids": ids})
    bind.execute(_GONE)


def snapshot_version(session: Session) -> str | None:
    """The version of the knowledge snapshot this cache holds (None: none yet)."""
    return get_meta(session, SNAPSHOT_VERSION)


def replace_snapshot(session: Session, snapshot: KnowledgeSnapshot) -> None:
    """Keep the server's snapshot in place of the previous one (retired articles, fixes
    past the server's window and cleared known fixes go), then re-index own fixes the server
    no longer sends. The caller owns the transaction."""
    if snapshot.unchanged:
        return
    session.execute(knowledge_table.delete().where(knowledge_table.c.origin == SERVER))
    rows = [
        {
            "key": article_key(a.id),
            "kind": ARTICLE,
            "origin": SERVER,
            "visit_id": a.source_visit_id,
            "reference": a.source_reference,
            "site": "",
            "category": a.category,
            "title": a.title,
            "problem": a.problem,
            "user_perspective": "",
            "source_category": a.source_category,
            "findings": a.findings,
            "resources_used": a.resources_used,
            "explanation": a.fix,
            "resolved_at": a.updated_at,
        }
        for a in snapshot.articles
    ]
    rows += [
        {
            "key": fix_key(f.visit_id),
            "kind": FIX,
            "origin": SERVER,
            "visit_id": f.visit_id,
            "reference": f.reference,
            "site": f.site,
            "category": f.category,
            "title": f.problem,
            "problem": f.problem,
            "user_perspective": f.user_perspective,
            "source_category": f.source_category,
            "findings": f.findings,
            "resources_used": f.resources_used,
            "explanation": f.explanation,
            "resolved_at": f.resolved_at,
        }
        for f in snapshot.fixes
    ]
    if rows:
        # The server's word on a fix replaces the local one (same visit, same story).
        session.execute(
            knowledge_table.delete().where(knowledge_table.c.key.in_([r["key"] for r in rows]))
        )
        session.execute(knowledge_table.insert(), rows)
    session.execute(incident_fixes_table.delete())
    known = [
        {
            "incident_ref": k.incident_ref,
            "known_fix": k.known_fix,
            "set_by": k.set_by,
            "updated_at": k.updated_at,
        }
        for k in snapshot.known_fixes
        if k.known_fix.strip()
    ]
    if known:
        session.execute(incident_fixes_table.insert(), known)
    refresh_own_fixes(session)
    set_meta(session, SNAPSHOT_VERSION, snapshot.version)


def counts(session: Session) -> dict[str, int]:
    """How many articles and past fixes the cache holds (for the sync summary and tests)."""
    rows = session.execute(
        select(knowledge_table.c.kind, text("count(*)")).group_by(knowledge_table.c.kind)
    )
    return {kind: int(n) for kind, n in rows}


def keys_of(suggestions: Sequence[Suggestion]) -> list[str]:
    return [s.key for s in suggestions]
