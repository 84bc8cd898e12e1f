"""The knowledge base on the server: articles promoted from resolutions, incidents' known
fixes, and the snapshot each laptop keeps offline (docs/sync.md, "Past fixes and articles")."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.protocol.knowledge import (
    MAX_SNAPSHOT_ARTICLES,
    MAX_SNAPSHOT_FIXES,
    MAX_SNAPSHOT_KNOWN_FIXES,
    ArticleCreate,
    ArticlePage,
    ArticlePublic,
    ArticleUpdate,
    KnowledgeSnapshot,
    KnownFixPublic,
    PastFix,
)
from fieldapp.server import knowledge_version
from fieldapp.server.errors import ApiError
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.models_knowledge import Article, IncidentFix
from fieldapp.server.security import Principal

MAX_SEARCH_WORDS = 8
_EDITABLE = ("title", "problem", "findings", "resources_used", "fix", "category")


def _names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return dict(rows.all())


def _references(session: Session, visit_ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {v for v in visit_ids if v}
    if not wanted:
        return {}
    rows = session.execute(select(Visit.id, Visit.reference).where(Visit.id.in_(wanted)))
    return dict(rows.all())


def _public(articles: Sequence[Article], session: Session) -> list[ArticlePublic]:
    names = _names(
        session, [a.created_by_id for a in articles] + [a.updated_by_id for a in articles]
    )
    references = _references(session, [a.source_visit_id for a in articles])
    return [
        ArticlePublic(
            id=a.id,
            title=a.title,
            problem=a.problem,
            findings=a.findings,
            resources_used=a.resources_used,
            fix=a.fix,
            category=a.category,
            source_category=a.source_category,
            source_visit_id=a.source_visit_id,
            source_reference=references.get(a.source_visit_id or "", ""),
            created_by=names.get(a.created_by_id, ""),
            updated_by=names.get(a.updated_by_id, ""),
            created_at=a.created_at,
            updated_at=a.updated_at,
            retired_at=a.retired_at,
        )
        for a in articles
    ]


def _newest_payloads(
    session: Session, visit_ids: Sequence[str], event_type: str
) -> dict[str, dict[str, Any]]:
    """The newest `event_type` event's payload of each visit that has one."""
    if not visit_ids:
        return {}
    rows = session.execute(
        select(EventRecord.visit_id, EventRecord.payload)
        .where(EventRecord.visit_id.in_(visit_ids), EventRecord.type == event_type)
        .order_by(EventRecord.server_seq)
    )
    return dict(rows.all())  # later ones win


def _text(payload: dict[str, Any] | None, name: str) -> str:
    value = (payload or {}).get(name, "")
    return value if isinstance(value, str) else ""


def create_article(
    session: Session, body: ArticleCreate, user: Principal, now: datetime
) -> ArticlePublic:
    """An article from the visit's problem, newest diagnosis and resolution; what `body`
    gives replaces that part. 404 visit_not_found; 409 not_resolved (nothing to promote)."""
    visit = session.get(Visit, body.visit_id)
    if visit is None:
        raise ApiError(404, "visit_not_found", "There is no such visit.")
    resolution = _newest_payloads(session, [visit.id], "resolved").get(visit.id)
    if resolution is None:
        raise ApiError(
            409,
            "not_resolved",
            "This visit has no resolution to promote; an article is written from a fix.",
        )
    diagnosis = _newest_payloads(session, [visit.id], "diagnosed").get(visit.id)
    article = Article(
        id=str(uuid.uuid4()),
        title=body.title or (visit.problem.strip().splitlines() or [visit.reference])[0][:500],
        problem=visit.problem if body.problem is None else body.problem,
        findings=_text(diagnosis, "findings") if body.findings is None else body.findings,
        resources_used=(
            _text(diagnosis, "resources_used")
            if body.resources_used is None
            else body.resources_used
        ),
        fix=_text(resolution, "explanation") if body.fix is None else body.fix,
        category=visit.category,
        source_category=_text(diagnosis, "source_category"),
        source_visit_id=visit.id,
        created_by_id=user.id,
        updated_by_id=user.id,
        created_at=now,
        updated_at=now,
    )
    session.add(article)
    session.flush()
    return _public([article], session)[0]


def _article_or_404(session: Session, article_id: str) -> Article:
    article = session.get(Article, article_id) if len(article_id) <= 36 else None
    if article is None:
        raise ApiError(404, "article_not_found", "There is no such article.")
    return article


def get_article(session: Session, article_id: str) -> ArticlePublic:
    return _public([_article_or_404(session, article_id)], session)[0]


def update_article(
    session: Session, article_id: str, body: ArticleUpdate, user: Principal, now: datetime
) -> ArticlePublic:
    """Change the fields given; the laptops get the new text at their next sync."""
    article = _article_or_404(session, article_id)
    changes = body.model_dump(exclude_none=True)
    for name in _EDITABLE:
        if name in changes:
            setattr(article, name, changes[name])
    article.updated_by_id = user.id
    article.updated_at = now
    session.flush()
    return _public([article], session)[0]


def retire_article(
    session: Session, article_id: str, user: Principal, now: datetime, *, retired: bool
) -> ArticlePublic:
    """Retire (the laptops drop it at their next sync) or restore an article; idempotent."""
    article = _article_or_404(session, article_id)
    if retired and article.retired_at is None:
        article.retired_at = now
    elif not retired and article.retired_at is not None:
        article.retired_at = None
    else:
        return _public([article], session)[0]
    article.updated_by_id = user.id
    article.updated_at = now
    session.flush()
    return _public([article], session)[0]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(q: str) -> ColumnElement[bool] | None:
    """Every word typed in the title, problem, findings or fix, case-insensitively.

    Portable LIKE (ILIKE on PostgreSQL, lower() LIKE on SQLite), wildcards typed are plain
    text: one query that behaves alike on both databases for a list of a few hundred."""
    words = q.split()[:MAX_SEARCH_WORDS]
    if not words:
        return None
    columns = (Article.title, Article.problem, Article.findings, Article.fix)
    return and_(
        *(or_(*(column.ilike(_like(word), escape="\\") for column in columns)) for word in words)
    )


def list_articles(
    session: Session, *, q: str, include_retired: bool, offset: int, limit: int
) -> ArticlePage:
    """Articles, newest change first; `q` keeps those with every word typed."""
    where: list[ColumnElement[bool]] = []
    if not include_retired:
        where.append(Article.retired_at.is_(None))
    matched = _matches(q)
    if matched is not None:
        where.append(matched)
    total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
    rows = session.scalars(
        select(Article)
        .where(*where)
        .order_by(Article.updated_at.desc(), Article.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return ArticlePage(articles=_public(rows, session), total=total, offset=offset, limit=limit)


def set_known_fix(
    session: Session, incident_ref: str, known_fix: str, user: Principal, now: datetime
) -> KnownFixPublic | None:
    """Set the incident's known fix (empty text clears it: None)."""
    row = session.get(IncidentFix, incident_ref)
    if not known_fix.strip():
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = IncidentFix(incident_ref=incident_ref, known_fix=known_fix, set_by_id=user.id)
        session.add(row)
    row.known_fix = known_fix
    row.set_by_id = user.id
    row.updated_at = now
    session.flush()
    return KnownFixPublic(
        incident_ref=row.incident_ref,
        known_fix=row.known_fix,
        set_by=user.username,
        updated_at=now,
    )


def known_fixes(
    session: Session, incident_refs: Iterable[str] | None = None
) -> list[KnownFixPublic]:
    """Incidents' known fixes (of the given incidents, or all), newest first."""
    query = select(IncidentFix).order_by(IncidentFix.updated_at.desc())
    if incident_refs is not None:
        query = query.where(IncidentFix.incident_ref.in_(set(incident_refs)))
    rows = session.scalars(query.limit(MAX_SNAPSHOT_KNOWN_FIXES)).all()
    names = _names(session, [r.set_by_id for r in rows])
    return [
        KnownFixPublic(
            incident_ref=r.incident_ref,
            known_fix=r.known_fix,
            set_by=names.get(r.set_by_id, ""),
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def _past_fixes(session: Session, sites: Sequence[str], since: datetime) -> list[PastFix]:
    """The resolved and completed visits of these sites since `since`, newest first, as the
    knowledge base holds them: no customer name, contact, room or technician."""
    if not sites:
        return []
    rows = session.execute(
        select(Visit.id, Visit.reference, Visit.site, Visit.category, Visit.problem)
        .join(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(VisitFacts.completed_at >= since, Visit.site.in_(sites))
        .order_by(VisitFacts.completed_at.desc())
        .limit(MAX_SNAPSHOT_FIXES * 2)  # some completed visits have no resolution
    ).all()
    ids = [row.id for row in rows]
    resolutions = _newest_resolutions(session, ids)
    diagnoses = _newest_payloads(session, ids, "diagnosed")
    fixes: list[PastFix] = []
    for row in rows:
        if row.id not in resolutions:
            continue
        resolution, resolved_at = resolutions[row.id]
        diagnosis = diagnoses.get(row.id)
        fixes.append(
            PastFix(
                visit_id=row.id,
                reference=row.reference,
                site=row.site,
                category=row.category,
                problem=row.problem,
                user_perspective=_text(diagnosis, "user_perspective"),
                source_category=_text(diagnosis, "source_category"),
                findings=_text(diagnosis, "findings"),
                resources_used=_text(diagnosis, "resources_used"),
                explanation=_text(resolution, "explanation"),
                resolved_at=resolved_at,
            )
        )
        if len(fixes) == MAX_SNAPSHOT_FIXES:
            break
    return fixes


def _newest_resolutions(
    session: Session, visit_ids: Sequence[str]
) -> dict[str, tuple[dict[str, Any], datetime]]:
    if not visit_ids:
        return {}
    rows = session.execute(
        select(EventRecord.visit_id, EventRecord.payload, EventRecord.occurred_at)
        .where(EventRecord.visit_id.in_(visit_ids), EventRecord.type == "resolved")
        .order_by(EventRecord.server_seq)
    )
    return {visit_id: (payload, at) for visit_id, payload, at in rows}


def snapshot(
    session: Session, user: Principal, now: datetime, known: str | None
) -> KnowledgeSnapshot:
    """What the technician's laptop keeps: the articles in force, the past fixes of the sites
    of their visits (from PAST_FIX_DAYS days back, whole days), the known fixes of their
    visits' incidents. A laptop that already holds this version (`known`) gets `unchanged`,
    worked out from a few aggregates without building the snapshot (a sync with nothing new
    stays cheap)."""
    scope = knowledge_version.scope_of(session, user, now)
    sites, incidents, since, version = scope.sites, scope.incidents, scope.since, scope.version
    if known == version:
        return KnowledgeSnapshot(version=version, unchanged=True)
    articles = session.scalars(
        select(Article)
        .where(Article.retired_at.is_(None))
        .order_by(Article.updated_at.desc(), Article.id)
        .limit(MAX_SNAPSHOT_ARTICLES)
    ).all()
    return KnowledgeSnapshot(
        version=version,
        articles=_public(articles, session),
        fixes=_past_fixes(session, sorted(sites), since),
        known_fixes=known_fixes(session, incidents) if incidents else [],
    )
