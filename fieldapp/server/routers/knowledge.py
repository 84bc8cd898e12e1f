"""The knowledge base's API: articles (supervisors promote, edit, retire), incidents' known
fixes, and GET /sync/knowledge, the snapshot each laptop keeps offline."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from fieldapp.protocol import ErrorBody, StorableText
from fieldapp.protocol.knowledge import (
    ArticleCreate,
    ArticlePage,
    ArticlePublic,
    ArticleUpdate,
    KnowledgeSnapshot,
    KnownFixIn,
    KnownFixPublic,
)
from fieldapp.server import knowledge
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.paging import Page
from fieldapp.server.routers.board import SUPERVISOR_ERRORS
from fieldapp.server.security import Supervisor, Technician

router = APIRouter()

ArticleId = Annotated[str, Path(min_length=1, max_length=36, pattern=r"^[A-Za-z0-9-]+$")]
IncidentRef = Annotated[StorableText, Path(min_length=1, max_length=500)]
_ERROR = {"model": ErrorBody}
ARTICLE_ERRORS: dict[int | str, dict[str, object]] = {
    **SUPERVISOR_ERRORS,
    404: {**_ERROR, "description": "article_not_found: no such article."},
}
PROMOTE_ERRORS: dict[int | str, dict[str, object]] = {
    **SUPERVISOR_ERRORS,
    404: {**_ERROR, "description": "visit_not_found: no such visit."},
    409: {**_ERROR, "description": "not_resolved: the visit has no resolution to promote."},
}
KNOWN_FIX_ANSWERS: dict[int | str, dict[str, object]] = {
    **SUPERVISOR_ERRORS,
    200: {"model": KnownFixPublic, "description": "The known fix as set."},
    204: {"description": "Cleared: the incident has no known fix any more."},
}


@router.post("/articles", status_code=201, tags=["supervisors"], responses=PROMOTE_ERRORS)
def post_article(body: ArticleCreate, user: Supervisor, session: SessionDep) -> ArticlePublic:
    """Promote a visit's resolution to an article every laptop gets at its next sync. It
    starts as the visit's problem, newest diagnosis and resolution say; what the body gives
    replaces that part. 404 visit_not_found, 409 not_resolved."""
    with write_transaction(session):
        return knowledge.create_article(session, body, user, datetime.now(UTC))


@router.get("/articles", tags=["supervisors"], responses=SUPERVISOR_ERRORS)
def get_articles(
    _user: Supervisor,
    session: SessionDep,
    page: Page,
    q: Annotated[
        StorableText, Query(max_length=200, description="Every word, anywhere in it.")
    ] = "",
    include_retired: bool = False,
) -> ArticlePage:
    """Articles, newest change first."""
    with session.begin():
        return knowledge.list_articles(
            session, q=q, include_retired=include_retired, offset=page.offset, limit=page.limit
        )


@router.get("/articles/{article_id}", tags=["supervisors"], responses=ARTICLE_ERRORS)
def get_article(article_id: ArticleId, _user: Supervisor, session: SessionDep) -> ArticlePublic:
    """One article (retired or not). 404 article_not_found."""
    with session.begin():
        return knowledge.get_article(session, article_id)


@router.patch("/articles/{article_id}", tags=["supervisors"], responses=ARTICLE_ERRORS)
def patch_article(
    article_id: ArticleId, body: ArticleUpdate, user: Supervisor, session: SessionDep
) -> ArticlePublic:
    """Change an article's text; laptops get it at their next sync."""
    with write_transaction(session):
        return knowledge.update_article(session, article_id, body, user, datetime.now(UTC))


@router.post("/articles/{article_id}/retire", tags=["supervisors"], responses=ARTICLE_ERRORS)
def retire_article(article_id: ArticleId, user: Supervisor, session: SessionDep) -> ArticlePublic:
    """Retire an article: laptops drop it at their next sync (the record is kept)."""
    with write_transaction(session):
        return knowledge.retire_article(session, article_id, user, datetime.now(UTC), retired=True)


@router.post("/articles/{article_id}/restore", tags=["supervisors"], responses=ARTICLE_ERRORS)
def restore_article(article_id: ArticleId, user: Supervisor, session: SessionDep) -> ArticlePublic:
    """Put a retired article back in force."""
    with write_transaction(session):
        return knowledge.retire_article(session, article_id, user, datetime.now(UTC), retired=False)


@router.get("/incidents/known-fixes", tags=["supervisors"], responses=SUPERVISOR_ERRORS)
def get_known_fixes(_user: Supervisor, session: SessionDep) -> list[KnownFixPublic]:
    """Every incident's known fix, newest first."""
    with session.begin():
        return knowledge.known_fixes(session)


@router.put(
    "/incidents/{incident_ref}/known-fix",
    tags=["supervisors"],
    responses=KNOWN_FIX_ANSWERS,
    response_model=None,
)
def put_known_fix(
    incident_ref: IncidentRef, body: KnownFixIn, user: Supervisor, session: SessionDep
) -> Response:
    """Set the incident's known fix: technicians on its visits see it on the Diagnose page
    after their next sync. Empty text clears it (204)."""
    with write_transaction(session):
        found = knowledge.set_known_fix(
            session, incident_ref, body.known_fix, user, datetime.now(UTC)
        )
    if found is None:
        return Response(status_code=204)
    return Response(found.model_dump_json(), media_type="application/json")


@router.get("/sync/knowledge", tags=["sync"])
def get_sync_knowledge(
    user: Technician,
    session: SessionDep,
    known: Annotated[str | None, Query(max_length=64)] = None,
) -> KnowledgeSnapshot:
    """The knowledge the laptop keeps offline, whole: articles in force, the past fixes of
    its visits' sites (bounded, no customer's personal data), its incidents' known fixes.
    `known`: the version the laptop holds; if still current, `unchanged` and empty lists."""
    with session.begin():
        return knowledge.snapshot(session, user, datetime.now(UTC), known)
